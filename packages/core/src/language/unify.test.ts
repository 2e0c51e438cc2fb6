import { describe, expect, it } from "vitest";
import { Unifier } from "./unify.js";

const { constant, symbol, product } = Unifier;

describe("Unifier", () => {
  it("names fresh variables m, n, p, q, r, k, l, s, t, u, v, w, then m2, n2…", () => {
    const u = new Unifier(new Set());
    const names = Array.from({ length: 14 }, () => u.resolve(u.fresh()));
    expect(names).toEqual(["m", "n", "p", "q", "r", "k", "l", "s", "t", "u", "v", "w", "m2", "n2"]);
  });

  it("skips reserved names when naming fresh variables", () => {
    const u = new Unifier(new Set(["m", "p"]));
    expect([u.fresh(), u.fresh()].map((t) => u.resolve(t))).toEqual(["n", "q"]);
  });

  it("keeps the earlier name when two variables unify, whichever side it is on", () => {
    const u = new Unifier(new Set());
    const [a, b, c] = [u.fresh(), u.fresh(), u.fresh()];
    expect(u.unify(c, a)).toBe("ok");
    expect(u.unify(b, c)).toBe("ok");
    expect([a, b, c].map((t) => u.resolve(t))).toEqual(["m", "m", "m"]);
  });

  it("binds a variable to a symbol, a number or a product", () => {
    const u = new Unifier(new Set(["n"]));
    const [a, b, c] = [u.fresh(), u.fresh(), u.fresh()];
    u.unify(a, symbol("n"));
    u.unify(b, constant(4));
    u.unify(c, product(constant(2), symbol("n")));
    expect([a, b, c].map((t) => u.resolve(t))).toEqual(["n", 4, "2*n"]);
  });

  it("never unifies two different symbols, or a symbol with a number", () => {
    const u = new Unifier(new Set());
    expect(u.unify(symbol("m"), symbol("n"))).toBe("fail");
    expect(u.unify(symbol("n"), constant(3))).toBe("fail");
    expect(u.unify(symbol("n"), symbol("n"))).toBe("ok");
  });

  it("treats a symbol with a value as that number", () => {
    const u = new Unifier(new Set());
    expect(u.bindSymbol("n", 3)).toBe(true);
    expect(u.bindSymbol("n", 4)).toBe(false);
    expect(u.unify(symbol("n"), constant(3))).toBe("ok");
    expect(u.unify(symbol("n"), constant(4))).toBe("fail");
    expect(u.resolve(product(symbol("n"), symbol("m")))).toBe("3*m");
  });

  it("cancels common factors and solves for a lone variable", () => {
    const u = new Unifier(new Set());
    const v = u.fresh();
    expect(u.unify(product(constant(2), v), constant(6))).toBe("ok");
    expect(u.resolve(v)).toBe(3);
    const w = u.fresh();
    expect(u.unify(product(symbol("m"), w), product(symbol("n"), symbol("m")))).toBe("ok");
    expect(u.resolve(w)).toBe("n");
  });

  it("fails when a number cannot be a multiple of the other side", () => {
    const u = new Unifier(new Set());
    expect(u.unify(product(constant(4), u.fresh()), constant(6))).toBe("fail");
    expect(u.unify(product(symbol("m"), u.fresh()), constant(6))).toBe("fail");
  });

  it("pairs the factors of equally long products position by position", () => {
    const u = new Unifier(new Set());
    const [a, b, c, d] = [u.fresh(), u.fresh(), u.fresh(), u.fresh()];
    expect(u.unify(product(a, b), product(c, d))).toBe("ok");
    expect([c, d].map((t) => u.resolve(t))).toEqual(["m", "n"]);
    const e = u.fresh();
    expect(u.unify(product(symbol("x"), e), product(a, symbol("y")))).toBe("ok");
    expect(u.resolve(product(a, e))).toBe("x*y");
  });

  it("defers an equation with several solutions, such as u*v = 6", () => {
    const u = new Unifier(new Set());
    const [a, b] = [u.fresh(), u.fresh()];
    expect(u.unify(product(a, b), constant(6))).toBe("defer");
    u.unify(b, constant(2));
    expect(u.unify(product(a, b), constant(6))).toBe("ok");
    expect(u.resolve(a)).toBe(3);
  });

  it("recognises the broadcastable size 1", () => {
    const u = new Unifier(new Set());
    expect(u.isOne(constant(1))).toBe(true);
    expect(u.isOne(u.fresh())).toBe(false);
    expect(u.isOne(constant(2))).toBe(false);
  });
});
