/**
 * The diagram's viewport: a drawn `<svg>` (its viewBox is the scene) shown fitted to the width of
 * its box by default, so a wide sum of terms is scaled down instead of clipped; the buttons zoom
 * in and out, back to fit or to the drawing's own size (1:1), and once the drawing is larger than
 * the box it pans by dragging (or by the scrollbars). Fitting follows the box when the page is
 * resized; a new drawing keeps the zoom the reader chose.
 */

/** Never enlarge a small diagram past this factor when fitting it. */
const largestFit = 1.6;
const step = 1.25;

/** The viewport around `#diagram`'s drawing. */
export class DiagramView {
  #scale = 1;
  #fit = true;
  #svg: SVGSVGElement | undefined;
  #size = { width: 1, height: 1 };

  /**
   * `viewport` holds the drawing; `controls` holds buttons with `data-zoom="in|out|fit|actual"`.
   *
   * @example new DiagramView(document.querySelector("#diagram .viewport"), document.querySelector("#diagram .zoom"))
   */
  constructor(
    readonly viewport: HTMLElement,
    controls: HTMLElement,
  ) {
    controls.addEventListener("click", (event) => {
      const button = (event.target as Element).closest("button[data-zoom]");
      if (button instanceof HTMLButtonElement) this.zoom(button.dataset.zoom ?? "fit");
    });
    new ResizeObserver(() => {
      if (this.#fit) this.#apply();
    }).observe(viewport);
    this.#enablePanning();
  }

  /** The current scale (1 = the drawing's own size). */
  get scale(): number {
    return this.#scale;
  }

  /** Shows `svg` (drawn at `width` × `height`) in place of the previous drawing. */
  show(svg: SVGSVGElement, width: number, height: number): void {
    this.#svg = svg;
    this.#size = { width, height };
    this.viewport.replaceChildren(svg);
    this.#apply();
  }

  /** `in`, `out`, `fit` or `actual` (1:1). */
  zoom(how: string): void {
    this.#fit = how === "fit";
    if (how === "in") this.#scale *= step;
    else if (how === "out") this.#scale /= step;
    else if (how === "actual") this.#scale = 1;
    this.#apply();
  }

  #apply(): void {
    if (this.#fit) {
      const room = this.viewport.clientWidth - 2;
      this.#scale = room > 0 ? Math.min(largestFit, room / this.#size.width) : 1;
    }
    this.#scale = Math.min(8, Math.max(0.1, this.#scale));
    this.viewport.dataset.scale = this.#scale.toFixed(3);
    if (!this.#svg) return;
    this.#svg.style.width = `${Math.round(this.#size.width * this.#scale)}px`;
    this.#svg.style.height = `${Math.round(this.#size.height * this.#scale)}px`;
  }

  /** Dragging with the primary button scrolls the viewport. */
  #enablePanning(): void {
    const v = this.viewport;
    let from: { x: number; y: number; left: number; top: number } | undefined;
    v.addEventListener("pointerdown", (event) => {
      if (
        event.button !== 0 ||
        (v.scrollWidth <= v.clientWidth && v.scrollHeight <= v.clientHeight)
      )
        return;
      from = { x: event.clientX, y: event.clientY, left: v.scrollLeft, top: v.scrollTop };
      v.setPointerCapture(event.pointerId);
      v.classList.add("panning");
    });
    v.addEventListener("pointermove", (event) => {
      if (!from) return;
      v.scrollLeft = from.left - (event.clientX - from.x);
      v.scrollTop = from.top - (event.clientY - from.y);
    });
    const stop = () => {
      from = undefined;
      v.classList.remove("panning");
    };
    v.addEventListener("pointerup", stop);
    v.addEventListener("pointercancel", stop);
  }
}
