import { describe, expect, test } from "vitest";
import { derivative } from "../api.js";
import { formulas } from "./formulas.js";

const of = (source: string, wrt: string, options = {}, order = 1) =>
  formulas(derivative({ source, wrt, order }), options);
const squash = (s: string | undefined) => (s ?? "").replace(/\s+/g, "");
const seed = "A, B: [m, n]; W: [p, m]; W @ (A * B)";

describe("the seeds' forms come out exactly", () => {
  test("∂[W(A∘B)]/∂A in index notation is Γ[p,q,m,n] = W[p,m] B[m,n] δ[q,n]", () => {
    const f = of(seed, "A");
    expect(squash(f.index)).toBe(squash("Γ[p,q,m,n] = W[p,m] B[m,n] δ[q,n]"));
    expect(squash(f.index_latex)).toBe(squash("\\Gamma_{p q m n} = W_{p m} B_{m n} \\delta_{q n}"));
  });

  test("its vectorized form is (I ⊗ W) Diag(vec B), kron(eye(n), W) @ diag(vec(B)) to parse", () => {
    const f = of(seed, "A");
    expect(squash(f.vec_text)).toBe(squash("(I ⊗ W) Diag(vec B)"));
    expect(f.vec_formula).toBe("B: [m, n]; kron(eye(n), W) @ diag(vec(B))");
    expect(f.notes.join(" ")).toMatch(/column-major/);
  });

  test("its differential is dF = W (B ∘ dA)", () => {
    expect(squash(of(seed, "A").differential)).toBe(squash("dF = W (B ∘ dA)"));
  });

  test("∂(x∘y∘z)/∂x is Diag(y ∘ z), diag(y * z) to parse, and symmetric", () => {
    const f = of("x * y * z", "x");
    expect(squash(f.text)).toBe(squash("Diag(y ∘ z)"));
    expect(squash(f.latex)).toBe(squash("\\operatorname{Diag}(y \\circ z)"));
    expect(f.formula).toBe("diag(y * z)");
    expect(f.symmetric).toBe(true);
  });

  test("the product rule: (Az) ∘ tanh(Bz) w.r.t. z is Diag(tanh(Bz)) A + Diag(Az) Diag(1 − tanh²(Bz)) B", () => {
    const f = of("(A @ z) * tanh(B @ z)", "z");
    expect(squash(f.text)).toBe(squash("Diag(tanh(B z)) A + Diag(A z) Diag(1 − tanh²(B z)) B"));
    expect(squash(f.latex)).toBe(
      squash(
        "\\operatorname{Diag}(\\tanh(B z)) A + \\operatorname{Diag}(A z) \\operatorname{Diag}(1 - \\tanh^{2}(B z)) B",
      ),
    );
  });
});

describe("factoring gives the textbook forms", () => {
  test("∇ xᵀAx = (A + Aᵀ) x, not A x + Aᵀ x", () => {
    const f = of("x @ A @ x", "x");
    expect(squash(f.text)).toBe(squash("(A + Aᵀ) x"));
    expect(squash(f.latex)).toBe(squash("(A + A^\\top) x"));
    expect(f.formula).toBe("(A + A.T) @ x");
  });

  test("∇ ‖Ax − b‖² = 2 Aᵀ (A x − b): ‖u‖ ‖u‖⁻¹ cancels at print level", () => {
    const f = of("norm(A @ x - b)**2", "x");
    expect(squash(f.text)).toBe(squash("2 Aᵀ (A x − b)"));
    expect(squash(f.latex)).toBe(squash("2 A^\\top (A x - b)"));
  });

  test("∂ logdet X / ∂X = X⁻ᵀ", () => {
    const f = of("logdet(X)", "X");
    expect(f.text).toBe("X⁻ᵀ");
    expect(f.latex).toBe("X^{-\\top}");
    expect(f.formula).toBe("inv(X).T");
  });

  test("the softmax Jacobian is Diag(s) − s sᵀ, where s = softmax(z), bound alike in the formula, and symmetric", () => {
    const f = of("softmax(z)", "z");
    expect(squash(f.text)).toBe(squash("Diag(s) − s sᵀ, where s = softmax(z)"));
    expect(squash(f.latex)).toBe(
      squash("\\operatorname{Diag}(s) - s s^\\top,\\quad s = \\operatorname{softmax}(z)"),
    );
    // the formula binds s as the text names it, and diagrad eval re-parses it
    expect(f.formula).toBe("s = softmax(z); diag(s) - outer(s, s)");
    expect(f.symmetric).toBe(true);
  });

  test("the Hessian of xᵀAx is A + Aᵀ and is recognised as symmetric", () => {
    const f = of("x @ A @ x", "x", {}, 2);
    expect(squash(f.text)).toBe(squash("A + Aᵀ"));
    expect(f.symmetric).toBe(true);
    expect(f.notes).toContain("symmetric: Γᵀ = Γ");
  });

  test("a non-symmetric square result says so", () => {
    expect(of("det(X)", "X").symmetric).toBe(false);
  });
});

describe("layouts", () => {
  test("numerator is the default and is stated", () => {
    const f = of("A @ x", "x");
    expect(f.layout).toBe("numerator");
    expect(f.text).toBe("A");
    expect(f.notes[0]).toMatch(/^numerator layout/);
  });

  test("denominator transposes a Jacobian and its vec form, and says so", () => {
    const f = of(seed, "A", { layout: "denominator" });
    expect(of("A @ x", "x", { layout: "denominator" }).text).toBe("Aᵀ");
    expect(f.layout).toBe("denominator");
    expect(squash(f.vec_text)).toBe(squash("Diag(vec B) (I ⊗ Wᵀ)"));
    expect(f.notes[0]).toMatch(/^denominator layout/);
  });

  test("a gradient is the same in both layouts", () => {
    expect(of("tr(X @ A)", "X", { layout: "denominator" }).text).toBe("Aᵀ");
  });
});

describe("no matrix form: einsum with eye", () => {
  test("a 4-axis Jacobian is an einsum, with a note", () => {
    const f = of(seed, "A");
    expect(f.formula).toBe("B: [m, n]; einsum('ik,kj,jl->ijkl', W, B, eye(n))");
    expect(f.notes.join(" ")).toMatch(/einsum/);
  });

  test("einsums that differ in one operand merge: ∂tanh(X)/∂X", () => {
    expect(of("X: [m, n]; tanh(X)", "X").formula).toBe(
      "X: [m, n]; einsum('ij,ik,jl->ijkl', 1 - tanh(X) ** 2, eye(m), eye(n))",
    );
  });
});

describe("structured derivatives print as a textbook writes them", () => {
  test("a one-layer network's gradient: 2 ((W2ᵀ (W2 h − y)) ∘ (1 − h²)) xᵀ, where h = tanh(W1 x + b1)", () => {
    const f = of("norm(W2 @ tanh(W1 @ x + b1) - y)**2", "W1");
    expect(squash(f.text)).toBe(
      squash("2 ((W2ᵀ (W2 h − y)) ∘ (1 − h²)) xᵀ, where h = tanh(W1 x + b1)"),
    );
    expect(f.formula).toBe(
      "h = tanh(W1 @ x + b1); 2 * outer(W2.T @ (W2 @ h - y) * (1 - h ** 2), x)",
    );
  });

  test("σ′ = σ ∘ (1 − σ), and the logistic loss's gradient names σ", () => {
    expect(squash(of("sigmoid(x)", "x").text)).toBe(squash("Diag(σ(x) ∘ (1 − σ(x)))"));
    expect(squash(of("exp(x) / (1 + exp(x))", "x").text)).toBe(squash("Diag(σ(x) ∘ (1 − σ(x)))"));
    expect(squash(of("sum(log(1 + exp(-y * (X @ w))))", "w").text)).toBe(
      squash("−Xᵀ (σ(−(y ∘ X w)) ∘ y)"),
    );
  });

  test("the cross-entropy Hessian by W in vec form is yᵀ𝟏 (x xᵀ ⊗ (Diag(s) − s sᵀ))", () => {
    const f = of("-y @ log(softmax(W @ x))", "W", {}, 2);
    expect(squash(f.vec_text ?? "")).toBe(
      squash("yᵀ 𝟏 (x xᵀ ⊗ (Diag(s) − s sᵀ)), where s = softmax(W x)"),
    );
  });

  test("W @ x + b by W: vec form xᵀ ⊗ I, differential dW x", () => {
    const f = of("W @ x + b", "W");
    expect(f.vec_text).toBe("xᵀ ⊗ I");
    expect(f.differential).toBe("df = dW x");
  });

  test("a multiple of the identity is s I, not Diag of a scalar", () => {
    expect(squash(of("s: []; x: [3]; (s + 1) * x", "x").text)).toBe(squash("(s + 1) I"));
  });
});

describe("powers of a matrix fold", () => {
  test("∂tr(A¹²)/∂A = 12 (Aᵀ)¹¹, matrix_power in the formula", () => {
    const f = of("tr(matrix_power(A, 12))", "A");
    expect(f.text).toBe("12 (Aᵀ)¹¹");
    expect(f.formula).toBe("12 * matrix_power(A.T, 11)");
  });

  test("∂xᵀA²x/∂x = (A² + (Aᵀ)²) x", () => {
    expect(squash(of("x @ A @ A @ x", "x").text)).toBe(squash("(A² + (Aᵀ)²) x"));
  });
});
