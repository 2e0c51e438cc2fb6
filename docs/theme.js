/**
 * The docs' light and dark themes: `data-theme` on <html> is "light" or "dark", from the reader's
 * choice (the switch in the navigation bar, remembered in localStorage) or else the system's
 * (prefers-color-scheme, followed as it changes). Each change fires a `diagrad-theme` event on
 * window, so the playground redraws its diagram in the new colours. Loaded in the head, before the
 * page is painted; the stylesheet does the rest.
 */
(() => {
  const root = document.documentElement;
  const system = matchMedia("(prefers-color-scheme: dark)");
  const key = "diagrad-theme";
  const stored = () => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null; // storage can be off (private windows, file:// in some browsers)
    }
  };
  const apply = (theme) => {
    root.dataset.theme = theme;
    for (const button of document.querySelectorAll("[data-theme-toggle]"))
      button.setAttribute("aria-pressed", String(theme === "dark"));
    window.dispatchEvent(new Event("diagrad-theme"));
  };
  apply(stored() === "dark" || (stored() !== "light" && system.matches) ? "dark" : "light");
  system.addEventListener("change", () => {
    if (stored() === null) apply(system.matches ? "dark" : "light");
  });
  document.addEventListener("click", (event) => {
    if (!(event.target instanceof Element) || !event.target.closest("[data-theme-toggle]")) return;
    const next = root.dataset.theme === "dark" ? "light" : "dark";
    try {
      localStorage.setItem(key, next);
    } catch {}
    apply(next);
  });
  document.addEventListener("DOMContentLoaded", () => apply(root.dataset.theme));
})();
