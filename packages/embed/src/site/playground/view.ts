/**
 * The playground's sections filled from the worker's parts: the typeset formula and its other
 * forms, the NumPy and JAX code, the derivation's steps, and the numbers with the finite-difference
 * verdict. Text goes in through `textContent` (escaped by the DOM); the one HTML string is KaTeX's
 * rendering of LaTeX the worker built from variable names and operators.
 */
import type { CodePart, FormulaPart, NumbersPart, StepsPart } from "./protocol.js";

/** Finite differences and the derivative agree when the relative error is at most this. */
export const tolerance = 1e-6;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** A `<pre><code>` block. */
function codeBlock(text: string, label?: string): HTMLPreElement {
  const pre = element("pre");
  const code = element("code", text);
  if (label) code.dataset.backend = label;
  pre.append(code);
  return pre;
}

/**
 * `#formula` (KaTeX, with the input-language formula in `data-formula`) and the list of the other
 * forms in `forms`.
 *
 * @example showFormula(document.querySelector("#formula"), document.querySelector("#forms"), part)
 */
export function showFormula(formula: HTMLElement, forms: HTMLElement, part: FormulaPart): void {
  formula.innerHTML = part.html;
  formula.dataset.formula = part.formula;
  formula.dataset.title = part.title;
  formula.setAttribute("aria-label", `${part.title} = ${part.text}`);
  const rows: [string, string][] = [
    ["matrix notation", part.text],
    ["index notation", part.index],
    ...(part.vec ? ([["vec form", part.vec]] as [string, string][]) : []),
    ["differential", part.differential],
    ["as diagrad input", part.formula],
    ["shape", part.shape],
  ];
  const list = element("dl");
  for (const [term, value] of rows) {
    const code = element("code", value);
    const dd = element("dd");
    dd.append(code);
    list.append(element("dt", term), dd);
  }
  const notes = element("ul", undefined, "notes");
  for (const note of part.notes) notes.append(element("li", note));
  forms.replaceChildren(list, notes);
}

/** `#code`: the NumPy and the JAX function, each under its heading. */
export function showCode(code: HTMLElement, part: CodePart): void {
  code.replaceChildren(
    element("h3", "NumPy"),
    codeBlock(part.numpy, "numpy"),
    element("h3", "JAX"),
    codeBlock(part.jax, "jax"),
  );
}

/** The derivation: each step's rule and result, with the rule applications behind it. */
export function showSteps(steps: HTMLElement, part: StepsPart): void {
  const list = element("ol");
  for (const step of part.steps) {
    const item = element("li");
    item.append(`${step.rule}: `, element("code", step.text));
    if (step.details.length) {
      const details = element("ul");
      for (const d of step.details) details.append(element("li", d));
      item.append(details);
    }
    list.append(item);
  }
  steps.replaceChildren(list);
}

/** The values, the derivative there, and whether finite differences agree. */
export function showNumbers(numbers: HTMLElement, part: NumbersPart): void {
  const error = part.maxRelativeError;
  const agrees = error <= tolerance;
  const verdict = element(
    "p",
    `${agrees ? "✓ agrees with" : "✗ disagrees with"} central finite differences: largest relative error ${error.toExponential(1)} (tolerance ${tolerance.toExponential(0)})`,
    agrees ? "check pass" : "check fail",
  );
  verdict.dataset.error = String(error);
  const values = part.values.map(
    (v) => `${v.name} = ${v.value.replace(/\n/g, `\n${" ".repeat(v.name.length + 3)}`)}`,
  );
  numbers.replaceChildren(
    element("p", `At random values (seed ${part.seed}):`),
    codeBlock(values.join("\n")),
    element("p", "the derivative there, Γ[out…, in…]:"),
    codeBlock(part.derivative),
    verdict,
  );
}

/** A part that failed: its message in place of the section's content. */
export function showPartError(section: HTMLElement, message: string): void {
  section.replaceChildren(element("p", `error: ${message}`, "part-error"));
}
