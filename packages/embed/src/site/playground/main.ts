/**
 * The playground page (docs/site/playground.html): type an expression, a variable and an order and
 * the derivative appears — typeset, drawn, derived step by step, as NumPy and JAX code, and as
 * numbers at random values checked against finite differences. Keystrokes settle for `debounceMs`,
 * then the request goes to the two workers (runner.ts); parts of an outdated request are dropped. The
 * inputs live in the URL's fragment (state.ts), so a link opens that derivative and the back
 * button's `hashchange` loads one. A half-typed expression shows its error with a caret under the
 * input and leaves the last good formula and diagram in place, marked as such. The diagram is
 * drawn here, in the page's theme, from the scene the worker laid out, and redrawn when the
 * reader switches between light and dark (theme.js).
 *
 * `#playground`'s data attributes say what the page is doing (`data-state`: computing, done or
 * error), how long the last answer took from the last keystroke (`data-formula-ms`,
 * `data-diagram-ms`) and how many workers were ended on stale work (`data-restarts`), for readers
 * and for the browser test.
 */

import workerSource from "playground:worker";
import { drawSvg, type Scene } from "@diagrad/render/browser";
import { placeCaret } from "./caret.js";
import type { ErrorPart, Part, Request } from "./protocol.js";
import { Runner } from "./runner.js";
import { parseHash, type State, stateHash } from "./state.js";
import { showCode, showFormula, showNumbers, showPartError, showSteps } from "./view.js";
import { DiagramView } from "./zoom.js";

/** How long typing must pause before the derivative is asked for. */
export const debounceMs = 60;

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the playground page has no #${id}`);
  return e as T;
}

const root = byId<HTMLFormElement>("playground");
const fields = {
  expr: byId<HTMLInputElement>("expr"),
  wrt: byId<HTMLInputElement>("wrt"),
  order: byId<HTMLInputElement>("order"),
};
const caret = byId("caret");
const errorBox = byId("error");
const status = byId("status");
const formula = byId("formula");
const forms = byId("forms");
const diagram = byId("diagram");
const sections = { code: byId("code"), steps: byId("steps"), numbers: byId("numbers") };
const view = new DiagramView(byId("diagram-viewport"), byId("diagram-zoom"));
const runner = new Runner(workerSource, onPart, (message) => {
  status.textContent = message;
  root.dataset.state = "error";
});

let nextId = 0;
let current: Request | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let typedAt = performance.now();
let scene: Scene | undefined;
/** The lanes that have finished the current request, and their times. */
let finished = new Map<string, number>();

const dark = () => document.documentElement.dataset.theme === "dark";

function readInputs(): State {
  const order = fields.order.value.trim();
  return {
    expr: fields.expr.value,
    wrt: fields.wrt.value.trim(),
    order: order ? Number(order) : 1,
  };
}

function writeInputs(state: State): void {
  fields.expr.value = state.expr;
  fields.wrt.value = state.wrt;
  fields.order.value = String(state.order);
}

/** Asks for the derivative the inputs describe, now. */
function submit(): void {
  clearTimeout(timer);
  const state = readInputs();
  const hash = stateHash(state);
  if (location.hash !== hash) history.replaceState(null, "", hash);
  current = { id: ++nextId, ...state };
  finished = new Map();
  root.dataset.state = "computing";
  root.setAttribute("aria-busy", "true");
  status.textContent = "computing…";
  runner.request(current);
  root.dataset.restarts = String(runner.restarts);
}

function draw(): void {
  if (!scene) return;
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  drawSvg(svg, scene, { theme: dark() ? "dark" : "light", id: "playground-diagram" });
  view.show(svg, scene.width, scene.height);
  diagram.dataset.title = scene.title;
  diagram.classList.remove("updating");
}

/** Marks the shown results as those of an earlier input, or as current again. */
function markStale(stale: boolean): void {
  for (const section of [formula, forms, diagram, ...Object.values(sections)])
    section.classList.toggle("stale", stale);
  const shown = formula.dataset.title;
  byId("stale-note").hidden = !stale || !shown;
  byId("stale-note").textContent = shown
    ? `Still showing the last result that worked, ${shown}.`
    : "";
}

function showInputError(part: ErrorPart): void {
  for (const [name, input] of Object.entries(fields))
    input.setAttribute("aria-invalid", String(name === part.field));
  placeCaret(fields.expr, caret, part.field === "expr" ? part.span : undefined);
  errorBox.hidden = false;
  errorBox.textContent = `${part.field === "expr" ? "" : `${part.field}: `}error: ${part.message}`;
  markStale(true);
  root.dataset.state = "error";
  root.removeAttribute("aria-busy");
  status.textContent = "";
}

function clearInputError(): void {
  for (const input of Object.values(fields)) input.removeAttribute("aria-invalid");
  placeCaret(fields.expr, caret, undefined);
  errorBox.hidden = true;
  errorBox.textContent = "";
  markStale(false);
}

function onPart(part: Part): void {
  if (part.id !== current?.id) return; // an answer to an input that has since changed
  const sinceTyping = String(Math.round(performance.now() - typedAt));
  switch (part.kind) {
    case "formula":
      clearInputError();
      showFormula(formula, forms, part);
      root.dataset.formulaMs = sinceTyping;
      if (diagram.dataset.title !== part.title) diagram.classList.add("updating");
      break;
    case "diagram":
      scene = part.scene;
      draw();
      root.dataset.diagramMs = sinceTyping;
      break;
    case "code":
      showCode(sections.code, part);
      break;
    case "steps":
      showSteps(sections.steps, part);
      break;
    case "numbers":
      showNumbers(sections.numbers, part);
      break;
    case "error":
      if (part.field === "expr" || part.field === "wrt" || part.field === "order")
        showInputError(part);
      else if (part.field === "diagram") {
        showPartError(view.viewport, part.message);
        diagram.classList.remove("updating");
      } else showPartError(sections[part.field], part.message);
      break;
    case "done":
      finished.set(part.lane, part.ms);
      if (finished.size < 2 || root.dataset.state === "error") break;
      root.dataset.state = "done";
      root.removeAttribute("aria-busy");
      status.textContent = `${part.remembered ? "computed earlier: " : ""}formulas, code and numbers in ${finished.get("words")} ms, the diagram in ${finished.get("diagram")} ms`;
      break;
  }
}

root.addEventListener("submit", (event) => {
  event.preventDefault();
  submit();
});
root.addEventListener("input", () => {
  typedAt = performance.now();
  clearTimeout(timer);
  timer = setTimeout(submit, debounceMs);
});
/** Keeps the caret under its characters when the input scrolls or the page is resized. */
function replaceCaret(): void {
  if (caret.hidden) return;
  const span = { start: Number(caret.dataset.start), end: Number(caret.dataset.end) };
  placeCaret(fields.expr, caret, span);
}
fields.expr.addEventListener("scroll", replaceCaret);
window.addEventListener("resize", replaceCaret);
window.addEventListener("hashchange", () => {
  const state = parseHash(location.hash);
  if (stateHash(state) === stateHash(readInputs())) return;
  writeInputs(state);
  typedAt = performance.now();
  submit();
});
window.addEventListener("diagrad-theme", draw);

writeInputs(parseHash(location.hash));
submit();
