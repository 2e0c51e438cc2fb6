/**
 * Generates docs/cookbook.md: diagrad's formulas next to the textbook ones (Matrix Cookbook
 * equation numbers where there is one). The textbook column is data typed here; the diagrad
 * column is computed by the library (run `pnpm run build` first, then
 * `node scripts/cookbook-table.mjs`). test/formulas.test.ts checks every row numerically.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const matrix = { X: ["n", "n"] };

/**
 * The rows: an expression, the variable, declared shapes, which printed form to show
 * (`text`, `vec_text` or `differential`), the textbook formula and its Cookbook equation.
 */
/**
 * @typedef {{ expr: string, wrt: string, order?: number, shapes: Record<string, string[]>,
 *   form: "text" | "vec_text" | "differential", textbook: string, cookbook?: string }} Row
 * @type {Row[]}
 */
export const rows = [
  {
    expr: "x @ a",
    wrt: "x",
    shapes: { x: ["n"], a: ["n"] },
    form: "text",
    textbook: "∂xᵀa/∂x = a",
    eq: "(69)",
  },
  {
    expr: "a @ X @ b",
    wrt: "X",
    shapes: { a: ["m"], X: ["m", "n"], b: ["n"] },
    form: "text",
    textbook: "∂aᵀXb/∂X = a bᵀ",
    eq: "(70)",
  },
  {
    expr: "a @ X.T @ b",
    wrt: "X",
    shapes: { a: ["n"], X: ["m", "n"], b: ["m"] },
    form: "text",
    textbook: "∂aᵀXᵀb/∂X = b aᵀ",
    eq: "(71)",
  },
  {
    expr: "x @ B @ x",
    wrt: "x",
    shapes: { x: ["n"], B: ["n", "n"] },
    form: "text",
    textbook: "∂xᵀBx/∂x = (B + Bᵀ) x",
    eq: "(81)",
  },
  { expr: "tr(X)", wrt: "X", shapes: matrix, form: "text", textbook: "∂tr(X)/∂X = I", eq: "(99)" },
  {
    expr: "tr(X @ A)",
    wrt: "X",
    shapes: { X: ["m", "n"], A: ["n", "m"] },
    form: "text",
    textbook: "∂tr(XA)/∂X = Aᵀ",
    eq: "(100)",
  },
  {
    expr: "tr(A @ X @ B)",
    wrt: "X",
    shapes: { A: ["p", "m"], X: ["m", "n"], B: ["n", "p"] },
    form: "text",
    textbook: "∂tr(AXB)/∂X = Aᵀ Bᵀ",
    eq: "(101)",
  },
  {
    expr: "tr(A @ X.T @ B)",
    wrt: "X",
    shapes: { A: ["p", "n"], X: ["m", "n"], B: ["m", "p"] },
    form: "text",
    textbook: "∂tr(AXᵀB)/∂X = B A",
    eq: "(102)",
  },
  {
    expr: "det(X)",
    wrt: "X",
    shapes: matrix,
    form: "text",
    textbook: "∂det(X)/∂X = det(X) X⁻ᵀ",
    eq: "(49)",
  },
  {
    expr: "logdet(X)",
    wrt: "X",
    shapes: matrix,
    form: "text",
    textbook: "∂ln|det(X)|/∂X = X⁻ᵀ",
    eq: "(57)",
  },
  {
    expr: "inv(X)",
    wrt: "X",
    shapes: matrix,
    form: "differential",
    textbook: "∂(X⁻¹) = −X⁻¹ (∂X) X⁻¹",
    eq: "(59)",
  },
  {
    expr: "inv(X)",
    wrt: "X",
    shapes: matrix,
    form: "vec_text",
    textbook: "∂vec(X⁻¹)/∂vec(X) = −X⁻ᵀ ⊗ X⁻¹",
    eq: "",
  },
  {
    expr: "A @ X @ B",
    wrt: "X",
    shapes: { A: ["p", "m"], X: ["m", "n"], B: ["n", "q"] },
    form: "vec_text",
    textbook: "vec(AXB) = (Bᵀ ⊗ A) vec X",
    eq: "",
  },
  {
    expr: "W @ (A * B)",
    wrt: "A",
    shapes: { A: ["m", "n"], B: ["m", "n"], W: ["p", "m"] },
    form: "vec_text",
    textbook: "(I ⊗ W) Diag(vec B)",
    eq: "",
  },
  {
    expr: "norm(A @ x - b)**2",
    wrt: "x",
    shapes: { A: ["m", "n"], x: ["n"], b: ["m"] },
    form: "text",
    textbook: "∇‖Ax − b‖² = 2 Aᵀ(Ax − b)",
    eq: "",
  },
  {
    expr: "x * y * z",
    wrt: "x",
    shapes: { x: ["n"], y: ["n"], z: ["n"] },
    form: "text",
    textbook: "Diag(y ∘ z)",
    eq: "",
  },
  {
    expr: "softmax(z)",
    wrt: "z",
    shapes: { z: ["n"] },
    form: "text",
    textbook: "Diag(s) − s sᵀ",
    eq: "",
  },
  {
    expr: "logsumexp(z)",
    wrt: "z",
    shapes: { z: ["n"] },
    form: "text",
    textbook: "softmax(z)",
    eq: "",
  },
  {
    expr: "tanh(x)",
    wrt: "x",
    shapes: { x: ["n"] },
    form: "text",
    textbook: "Diag(1 − tanh²(x))",
    eq: "",
  },
  {
    expr: "x @ A @ x",
    wrt: "x",
    order: 2,
    shapes: { x: ["n"], A: ["n", "n"] },
    form: "text",
    textbook: "∂²xᵀAx/∂x² = A + Aᵀ",
    eq: "",
  },
  {
    expr: "sum(log(1 + exp(-y * (X @ w))))",
    wrt: "w",
    shapes: { X: ["m", "n"], y: ["m"], w: ["n"] },
    form: "text",
    textbook: "logistic loss: ∇ = −Xᵀ (y ∘ σ(−y ∘ X w))",
  },
  {
    expr: "sum(log(1 + exp(-y * (X @ w))))",
    wrt: "w",
    order: 2,
    shapes: { X: ["m", "n"], y: ["m"], w: ["n"] },
    form: "text",
    textbook: "Xᵀ Diag(y² ∘ σ(y ∘ X w) ∘ σ(−y ∘ X w)) X",
  },
  {
    expr: "-y @ log(softmax(W @ x))",
    wrt: "W",
    shapes: { W: ["m", "n"], x: ["n"], y: ["m"] },
    form: "text",
    textbook: "cross-entropy: (𝟏ᵀy s − y) xᵀ, s = softmax(W x)",
  },
  {
    expr: "-y @ log(softmax(W @ x))",
    wrt: "W",
    order: 2,
    shapes: { W: ["m", "n"], x: ["n"], y: ["m"] },
    form: "vec_text",
    textbook: "(𝟏ᵀy) (x xᵀ) ⊗ (Diag(s) − s sᵀ)",
  },
  {
    expr: "norm(W2 @ tanh(W1 @ x + b1) - y)**2",
    wrt: "W1",
    shapes: { W1: ["p", "n"], W2: ["m", "p"], x: ["n"], b1: ["p"], y: ["m"] },
    form: "text",
    textbook: "2 ((W2ᵀ (W2 h − y)) ∘ (1 − h²)) xᵀ, h = tanh(W1 x + b1)",
  },
  {
    expr: "0.5 * logdet(S) + 0.5 * (x - m) @ inv(S) @ (x - m)",
    wrt: "S",
    shapes: { S: ["n", "n"], x: ["n"], m: ["n"] },
    form: "text",
    textbook: "½ (S⁻ᵀ − S⁻ᵀ (x − m)(x − m)ᵀ S⁻ᵀ)",
  },
  {
    expr: "tr(matrix_power(A, 12))",
    wrt: "A",
    shapes: { A: ["n", "n"] },
    form: "text",
    textbook: "∂tr(Aᵏ)/∂A = k (Aᵀ)ᵏ⁻¹",
  },
  {
    expr: "W @ x + b",
    wrt: "W",
    shapes: { W: ["m", "n"], x: ["n"], b: ["m"] },
    form: "vec_text",
    textbook: "∂vec(Wx + b)/∂vec(W) = xᵀ ⊗ I",
  },
  {
    expr: "W @ x + b",
    wrt: "W",
    shapes: { W: ["m", "n"], x: ["n"], b: ["m"] },
    form: "differential",
    textbook: "d(Wx + b) = dW x",
  },
];

const cell = (s) => `\`${String(s).replace(/\|/g, "\\|")}\``;

/** The Markdown table for computed `results` (one `{ row, diagrad }` per row). */
export function table(results) {
  const lines = [
    "| expression | w.r.t. | diagrad | textbook | Matrix Cookbook |",
    "|---|---|---|---|---|",
    ...results.map(({ row, diagrad }) =>
      [
        "",
        cell(row.expr),
        `${row.wrt}${row.order ? ` (order ${row.order})` : ""}`,
        cell(diagrad),
        row.textbook.replace(/\|/g, "\\|"),
        row.eq || "—",
        "",
      ]
        .join(" | ")
        .trim(),
    ),
  ];
  return lines.join("\n");
}

/** The diagrad column: the row's form of the derivative. */
export function diagradColumn(row, derivative, formulas) {
  const f = formulas(
    derivative({ source: row.expr, wrt: row.wrt, order: row.order ?? 1, shapes: row.shapes }),
  );
  return f[row.form];
}

async function main() {
  const core = await import("../packages/core/dist/index.js");
  const print = await import("../packages/core/dist/print/index.js");
  const results = rows.map((row) => ({
    row,
    diagrad: diagradColumn(row, core.derivative, print.formulas),
  }));
  const doc = [
    "# diagrad and the textbook",
    "",
    "Generated by `scripts/cookbook-table.mjs` (do not edit by hand). Numerator layout; vec forms",
    "use column-major vec; Matrix Cookbook numbers refer to the 2012-11-15 edition.",
    "",
    table(results),
    "",
  ].join("\n");
  const out = fileURLToPath(new URL("../docs/cookbook.md", import.meta.url));
  writeFileSync(out, doc);
  // the README carries the same table between its markers
  const readme = fileURLToPath(new URL("../README.md", import.meta.url));
  const [start, end] = ["<!-- cookbook-table:start -->", "<!-- cookbook-table:end -->"];
  const text = readFileSync(readme, "utf8");
  const [before, rest] = text.split(start);
  if (rest === undefined || !rest.includes(end))
    throw new Error(`README.md lacks the ${start} … ${end} markers`);
  writeFileSync(readme, `${before}${start}\n${table(results)}\n${end}${rest.split(end)[1]}`);
  process.stdout.write(`wrote ${out} and the README's table (${results.length} rows)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
