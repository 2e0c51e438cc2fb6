/**
 * The HTML page around a docs page's body: the document head, a navigation bar with every page
 * and the light/dark switch, and the scripts the body needs — theme.js on every page when the site
 * has it (in the head, so a dark page is never first painted light), the `<tensor-diagram>` bundle only on pages that
 * use the element, the index's live box (playground.js) where there is one, and the playground's
 * script and KaTeX's stylesheet on the playground page. Titles and labels are escaped; the body is
 * HTML already.
 */
import { escapeHtml } from "../escape.js";

/** A link in the navigation bar. */
export interface NavLink {
  href: string;
  label: string;
}

/** What goes into a page. */
export interface PageParts {
  title: string;
  /** The page's own file name, to mark its link in the navigation. */
  href: string;
  body: string;
  nav: readonly NavLink[];
  /** The site has theme.js: load it, and put the light/dark switch in the navigation bar. */
  themeSwitch?: boolean;
}

/**
 * The whole HTML document of a page.
 *
 * @example page({ title: "Gallery", href: "gallery.html", body: "<h1>Gallery</h1>", nav: [] })
 */
export function page(parts: PageParts): string {
  const nav = parts.nav
    .map((link) => {
      const current = link.href === parts.href ? ' aria-current="page"' : "";
      return `<a href="${escapeHtml(link.href)}"${current}>${escapeHtml(link.label)}</a>`;
    })
    .join("\n      ");
  const modules = [
    parts.body.includes("<tensor-diagram") ? "tensor-diagram.js" : undefined,
    parts.body.includes("data-playground") ? "playground.js" : undefined,
  ]
    .filter((s) => s !== undefined)
    .map((s) => `\n    <script type="module" src="${s}"></script>`)
    .join("");
  const theme = parts.themeSwitch ? `\n    <script src="theme.js"></script>` : "";
  const toggle = parts.themeSwitch
    ? `\n      <button type="button" class="theme-toggle" data-theme-toggle aria-pressed="false">dark mode</button>`
    : "";
  const app = parts.body.includes('id="playground"')
    ? `\n    <link rel="stylesheet" href="katex/katex.min.css">\n    <script defer src="playground-page.js"></script>`
    : "";
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(parts.title)} · diagrad</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="style.css">${theme}${modules}${app}
  </head>
  <body>
    <nav class="site">
      <strong>diagrad</strong>
      ${nav}${toggle}
    </nav>
    <main>
${parts.body}
    </main>
    <footer>Built from <code>docs/*.md</code> by <code>pnpm run docs</code>; every diagram and formula is computed by diagrad.</footer>
  </body>
</html>
`;
}
