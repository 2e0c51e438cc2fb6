/**
 * `<tensor-diagram expr="W @ (A * B)" wrt="A" order="1" theme="dark" shape="A=m,n">`: a custom
 * element that draws an expression (or its derivative) on the page with `renderInto` from
 * @diagrad/render/browser, the same layout and drawing code as the server. It draws when it is
 * connected and again whenever an observed attribute changes (several changes in one task draw
 * once; a newer drawing wins over a slower older one). A bad expression or attribute shows the
 * message, escaped, with the culprit marked. The host is a `figure` labelled with the diagram's
 * title; `data-state` is `rendering`, `rendered` or `error`, and `tensor-diagram-render` /
 * `tensor-diagram-error` events follow each drawing. The bundle built from this file is
 * `dist/tensor-diagram.js` (see scripts/bundle.mjs).
 */
import { type DiagradError, formatError } from "@diagrad/core";
import { renderInto } from "@diagrad/render/browser";
import { type DiagramSettings, defaultSettings, parseSetting, SettingError } from "./settings.js";

const settingAttributes = ["wrt", "order", "theme", "shape"] as const;
let count = 0;

/** The message to show for a failed drawing: the core's, with the expression and a caret. */
function describe(error: unknown, expr: string): string {
  if (error instanceof SettingError) return `error: ${error.setting}: ${error.message}`;
  if (error instanceof Error && "kind" in error) return formatError(expr, error as DiagradError);
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The `<tensor-diagram>` element.
 *
 * @example
 * import "@diagrad/embed/tensor-diagram.js";
 * document.body.insertAdjacentHTML("beforeend", `<tensor-diagram expr="x * y * z" wrt="x"></tensor-diagram>`);
 */
export class TensorDiagram extends HTMLElement {
  static readonly observedAttributes = ["expr", ...settingAttributes];
  readonly #id = `tensor-diagram-${++count}`;
  #generation = 0;
  #scheduled = false;

  connectedCallback(): void {
    if (!this.hasAttribute("role")) this.setAttribute("role", "figure");
    this.#schedule();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      void this.render();
    });
  }

  /** The settings the attributes give; a bad one throws a `SettingError`. */
  settings(): DiagramSettings {
    let settings = { ...defaultSettings };
    for (const name of settingAttributes) {
      const text = this.getAttribute(name);
      if (text !== null && text.trim() !== "") settings = parseSetting(settings, name, text);
    }
    return settings;
  }

  /** Draws the diagram now; resolves when it is on the page (or the error is). */
  async render(): Promise<void> {
    const generation = ++this.#generation;
    const expr = this.getAttribute("expr") ?? "";
    this.dataset.state = "rendering";
    this.setAttribute("aria-busy", "true");
    try {
      const { wrt, order, theme, shapes } = this.settings();
      const stage = this.ownerDocument.createElement("div");
      const svg = await renderInto(stage, expr, { wrt, order, theme, shapes, id: this.#id });
      if (generation !== this.#generation) return;
      this.replaceChildren(svg);
      const title = svg.querySelector("title")?.textContent ?? expr;
      this.setAttribute("aria-label", title);
      this.#settle("rendered", "tensor-diagram-render", { title });
    } catch (error) {
      if (generation !== this.#generation) return;
      const box = this.ownerDocument.createElement("pre");
      box.className = "tensor-diagram-error";
      box.setAttribute("role", "alert");
      box.textContent = describe(error, expr);
      this.replaceChildren(box);
      this.setAttribute("aria-label", `diagram of ${expr}: error`);
      this.#settle("error", "tensor-diagram-error", { message: box.textContent });
    }
  }

  #settle(state: string, event: string, detail: Record<string, string>): void {
    this.dataset.state = state;
    this.removeAttribute("aria-busy");
    this.dispatchEvent(new CustomEvent(event, { detail, bubbles: true }));
  }
}

if (!customElements.get("tensor-diagram")) customElements.define("tensor-diagram", TensorDiagram);

declare global {
  interface HTMLElementTagNameMap {
    "tensor-diagram": TensorDiagram;
  }
}
