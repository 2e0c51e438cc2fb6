import { isIdentifier } from "@diagrad/core";
import { describe, expect, it } from "vitest";
import { parseShape } from "./options.js";

describe("parseShape: names are the language's (isIdentifier), kept as own keys", () => {
  it("takes names that are Object.prototype keys, once each", () => {
    let shapes = parseShape("toString=3,2");
    shapes = parseShape("__proto__=n", shapes);
    expect(Object.entries(shapes)).toEqual([
      ["toString", [3, 2]],
      ["__proto__", ["n"]],
    ]);
    expect(() => parseShape("toString=1", shapes)).toThrow("the shape of toString is given twice");
    expect(() => parseShape("constructor=1", shapes)).not.toThrow();
  });

  it("takes a name with a combining mark, as the lexer does", () => {
    expect(parseShape("x\u0301=3")).toEqual({ "x\u0301": [3] });
    expect(() => parseShape("np.x=3")).toThrow("'np.x' is not a variable name");
  });

  it("accepts exactly the names the language's lexer reads as one name", () => {
    const names = [
      "x",
      "x\u0301",
      "\u0301x",
      "αβ",
      "W2",
      "2W",
      "_h",
      "xᵀ",
      "ᵀ",
      "x٣",
      "x-1",
      "np.x",
      "",
    ];
    for (const name of names) {
      const accepted = (() => {
        try {
          parseShape(`${name}=3`);
          return true;
        } catch {
          return false;
        }
      })();
      expect([name, accepted]).toEqual([name, isIdentifier(name)]);
    }
  });
});
