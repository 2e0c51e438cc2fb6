import { describe, expect, it } from "vitest";
import type { Expr } from "./ast.js";
import { parse } from "./parser.js";

/**
 * Random expressions (seeded) and their trees as Python's own parser (`ast.parse`) reads them,
 * fully parenthesised; `.T` is an attribute in Python and binds as tightly as our transpose.
 */
const PYTHON: [source: string, tree: string][] = [
  ["-a @ 2 @ (a) @ 0.5", "((((-a) @ 2) @ a) @ 0.5)"],
  [
    "f(b ** a, 0.5 / a.T) / c.T / f(2 @ c @ d.T, c)",
    "((f((b ** a), (0.5 / aᵀ)) / cᵀ) / f(((2 @ c) @ dᵀ), c))",
  ],
  ["0.5 * d * d @ a * b", "((((0.5 * d) * d) @ a) * b)"],
  ["d - d ** b.T - 0.5 - 2", "(((d - (d ** bᵀ)) - 0.5) - 2)"],
  ["((2 @ 0.5 + f(0.5, d)))", "((2 @ 0.5) + f(0.5, d))"],
  [
    "b - 2 * a / -0.5 * 0.5 - b @ (c + c - (2))",
    "((b - (((2 * a) / (-0.5)) * 0.5)) - (b @ ((c + c) - 2)))",
  ],
  ["-b / 2 / (a)", "(((-b) / 2) / a)"],
  ["2 * f(c.T + b / a ** 0.5, 0.5)", "(2 * f((cᵀ + (b / (a ** 0.5))), 0.5))"],
  ["0.5 * 0.5 / f(b.T - 2, 2 / c.T @ a)", "((0.5 * 0.5) / f((bᵀ - 2), ((2 / cᵀ) @ a)))"],
  ["0.5 - f(c @ 2 * -b.T, 2 / 2 - a - b.T)", "(0.5 - f(((c @ 2) * (-bᵀ)), (((2 / 2) - a) - bᵀ)))"],
  [
    "-2 / 2 + c.T + a @ 2 @ c @ 2 * b - d + f(c, b) ** b - a",
    "(((((((-2) / 2) + cᵀ) + ((((a @ 2) @ c) @ 2) * b)) - d) + (f(c, b) ** b)) - a)",
  ],
  ["d / -c.T * 2 / f(c, -b + c.T)", "(((d / (-cᵀ)) * 2) / f(c, ((-b) + cᵀ)))"],
  ["-d ** -2 @ -0.5 - f(a, a)", "(((-(d ** (-2))) @ (-0.5)) - f(a, a))"],
  [
    "f(-b.T ** a * b, d - -c.T + d / 0.5 / d * b)",
    "f(((-(bᵀ ** a)) * b), ((d - (-cᵀ)) + (((d / 0.5) / d) * b)))",
  ],
  ["(a) + 0.5 * f(0.5, 0.5 * 0.5) * b.T", "(a + ((0.5 * f(0.5, (0.5 * 0.5))) * bᵀ))"],
  ["f(-b.T * b.T / c, 2)", "f((((-bᵀ) * bᵀ) / c), 2)"],
  [
    "2 - c / 0.5 @ 0.5 @ 0.5 ** 2 @ a @ 0.5",
    "(2 - (((((c / 0.5) @ 0.5) @ (0.5 ** 2)) @ a) @ 0.5))",
  ],
  ["a.T ** (d) ** 2", "(aᵀ ** (d ** 2))"],
  [
    "a @ 2 + a - b ** (0.5) * 0.5 - b ** -a / -0.5",
    "((((a @ 2) + a) - ((b ** 0.5) * 0.5)) - ((b ** (-a)) / (-0.5)))",
  ],
  ["f(f(2, a), d.T) @ f(-b.T, 0.5) @ -(0.5)", "((f(f(2, a), dᵀ) @ f((-bᵀ), 0.5)) @ (-0.5))"],
  ["d - d / -c + c + a * -d", "(((d - (d / (-c))) + c) + (a * (-d)))"],
  ["(f(-a.T, b * c.T)) * f(0.5, (2)) @ a.T", "((f((-aᵀ), (b * cᵀ)) * f(0.5, 2)) @ aᵀ)"],
  ["f(a @ d * -0.5, -2 ** b) + d", "(f(((a @ d) * (-0.5)), (-(2 ** b))) + d)"],
  ["f(-f(b.T, a) * -a, ((c / c.T)))", "f(((-f(bᵀ, a)) * (-a)), (c / cᵀ))"],
  [
    "c / (c) + d / 2 / a - 0.5 + d.T + b + b @ 0.5",
    "((((((c / c) + ((d / 2) / a)) - 0.5) + dᵀ) + b) + (b @ 0.5))",
  ],
  ["c * b + 0.5 ** -d ** f(-c, c)", "((c * b) + (0.5 ** (-(d ** f((-c), c)))))"],
  ["2 / a - a @ a - (0.5 + b)", "(((2 / a) - (a @ a)) - (0.5 + b))"],
  ["-0.5 / 2 / c", "(((-0.5) / 2) / c)"],
  ["0.5 / a + -c @ 0.5 ** c.T @ 0.5", "((0.5 / a) + (((-c) @ (0.5 ** cᵀ)) @ 0.5))"],
  ["b.T ** (d) - 0.5 * b * f(2, b) - a", "(((bᵀ ** d) - ((0.5 * b) * f(2, b))) - a)"],
  ["d + -a ** b @ 2 ** c @ c", "(d + (((-(a ** b)) @ (2 ** c)) @ c))"],
  ["-(b + a.T) / d + a.T @ a", "(((-(b + aᵀ)) / d) + (aᵀ @ a))"],
  ["f(-a ** b.T, -c.T) ** a / c.T + a / b", "(((f((-(a ** bᵀ)), (-cᵀ)) ** a) / cᵀ) + (a / b))"],
  ["-(0.5) @ a * d - f(a, c) - a", "(((((-0.5) @ a) * d) - f(a, c)) - a)"],
  [
    "2 * c @ a.T / a / 2 ** (2) ** b @ b + 2",
    "((((((2 * c) @ aᵀ) / a) / (2 ** (2 ** b))) @ b) + 2)",
  ],
  [
    "-2 - f(d, a) / f(f(d, d.T), d) / b.T ** -a.T @ a @ a.T / -b",
    "((-2) - (((((f(d, a) / f(f(d, dᵀ), d)) / (bᵀ ** (-aᵀ))) @ a) @ aᵀ) / (-b)))",
  ],
  [
    "f(2 ** 0.5 * -2 - (b + 2), -0.5 * 0.5 + c)",
    "f((((2 ** 0.5) * (-2)) - (b + 2)), (((-0.5) * 0.5) + c))",
  ],
  ["f(b + a * c, (-c))", "f((b + (a * c)), (-c))"],
  ["(-0.5) @ 2 ** b + a - a.T", "((((-0.5) @ (2 ** b)) + a) - aᵀ)"],
  [
    "b ** b + a ** a / d.T ** f(a, 0.5 ** a @ 0.5)",
    "((b ** b) + ((a ** a) / (dᵀ ** f(a, ((0.5 ** a) @ 0.5)))))",
  ],
];

function show(e: Expr): string {
  switch (e.kind) {
    case "number":
      return String(e.value);
    case "name":
      return e.name;
    case "string":
      return JSON.stringify(e.value);
    case "neg":
      return `(-${show(e.arg)})`;
    case "transpose":
      return `${show(e.arg)}ᵀ`;
    case "binary":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "call":
      return `${e.fn}(${e.args.map(show).join(", ")})`;
  }
}

/** The source text of every node covers exactly a well-formed expression of its own. */
function checkSpans(source: string, e: Expr): void {
  const text = source.slice(e.span.start, e.span.end);
  expect(show(parse(text).body)).toBe(show(e));
  if (e.kind === "neg" || e.kind === "transpose") checkSpans(source, e.arg);
  if (e.kind === "binary") {
    checkSpans(source, e.left);
    checkSpans(source, e.right);
    expect(source.slice(e.opSpan.start, e.opSpan.end)).toBe(e.op);
  }
  if (e.kind === "call") for (const a of e.args) checkSpans(source, a);
}

describe("parse agrees with Python's precedence", () => {
  it.each(PYTHON)("%s", (source, tree) => {
    expect(show(parse(source).body)).toBe(tree);
  });

  it.each(PYTHON)("spans every node of %s exactly", (source) => {
    checkSpans(source, parse(source).body);
  });
});
