/**
 * The docs site: every Markdown page in a folder (docs/*.md) becomes an HTML page of a static
 * folder (docs/site/) through remark-parse, GitHub-flavoured Markdown, the diagrad plugin,
 * remark-rehype and rehype-stringify; links between pages are pointed at the HTML; the folder's
 * stylesheet and scripts, and the images the pages show, are copied beside them, and the
 * `<tensor-diagram>` bundle (built
 * with the package) is copied there; a page with the playground's form (`id="playground"`)
 * gets the playground's script and KaTeX's files (playground.ts). A bad fence fails the build
 * with its VFileMessage, unless `keepGoing`; a missing image fails it too.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Heading, Image, Link, Root } from "mdast";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { type Bundle, copyElementBundle } from "../bundle.js";
import remarkDiagrad from "../plugin.js";
import type { VFileMessage } from "../report.js";
import { type NavLink, page } from "./page.js";
import { bundlePlayground, type PlaygroundBundle } from "./playground.js";

/** Where the sources are and where the site goes. */
export interface SiteOptions {
  /** The folder of Markdown pages, stylesheets and scripts (e.g. `docs`). */
  source: string;
  /** The folder to write (e.g. `docs/site`); made if missing. */
  out: string;
  /** Draw error boxes for bad fences instead of failing. */
  keepGoing?: boolean;
}

/** What was built. */
export interface BuiltSite {
  pages: string[];
  messages: VFileMessage[];
  bundle: Bundle;
  /** The playground's script, when a page has the playground. */
  playground?: PlaygroundBundle;
}

declare module "vfile" {
  interface DataMap {
    title: string;
    /** Relative paths of the images the page shows, copied beside it. */
    images: string[];
  }
}

const htmlName = (markdown: string) => markdown.replace(/\.md$/, ".html");

const relative = (url: string) => !/^[a-z]+:|^\/|^#/i.test(url);

/**
 * Points relative links to `.md` pages at their `.html`, keeps the first heading as the title, and
 * lists the page's own images (relative paths without `..`).
 */
function sitePages() {
  return (tree: Root, file: VFile) => {
    visit(tree, "link", (link: Link) => {
      if (relative(link.url)) link.url = link.url.replace(/\.md(#|$)/, ".html$1");
    });
    file.data.images = [];
    visit(tree, "image", (image: Image) => {
      if (relative(image.url) && !image.url.split("/").includes(".."))
        file.data.images?.push(decodeURI(image.url));
    });
    visit(tree, "heading", (heading: Heading) => {
      if (heading.depth !== 1 || file.data.title) return;
      const words: string[] = [];
      visit(heading, (n) => {
        if ("value" in n && typeof n.value === "string") words.push(n.value);
      });
      file.data.title = words.join("");
    });
  };
}

/**
 * Builds the site; resolves with the pages written and the messages of every page.
 *
 * @example await buildSite({ source: "docs", out: "docs/site" })
 */
export async function buildSite(options: SiteOptions): Promise<BuiltSite> {
  const entries = readdirSync(options.source).sort();
  const sources = entries.filter((f) => f.endsWith(".md"));
  sources.sort((a, b) => Number(b === "index.md") - Number(a === "index.md"));
  mkdirSync(options.out, { recursive: true });
  const files: VFile[] = [];
  for (const name of sources) {
    const path = join(options.source, name);
    const file = new VFile({ path, value: readFileSync(path, "utf8") });
    const html = await unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(sitePages)
      .use(remarkDiagrad, { idPrefix: basename(name, ".md"), keepGoing: options.keepGoing })
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeStringify, { allowDangerousHtml: true })
      .process(file);
    file.data.title ??= basename(name, ".md");
    files.push(html);
  }
  const hasPlayground = files.some((f) => String(f).includes('id="playground"'));
  const nav: NavLink[] = files.map((f) => ({
    href: htmlName(basename(f.path)),
    label: f.data.title ?? "",
  }));
  for (const file of files) {
    const href = htmlName(basename(file.path));
    const body = page({
      title: file.data.title ?? href,
      href,
      body: String(file),
      nav,
      themeSwitch: entries.includes("theme.js"),
    });
    writeFileSync(join(options.out, href), body);
  }
  for (const asset of entries.filter((f) => /\.(css|js)$/.test(f))) {
    copyFileSync(join(options.source, asset), join(options.out, asset));
  }
  for (const file of files) {
    for (const image of file.data.images ?? []) {
      if (!existsSync(join(options.source, image)))
        throw new Error(`${file.path} shows ${image}, which is not in ${options.source}`);
      mkdirSync(dirname(join(options.out, image)), { recursive: true });
      copyFileSync(join(options.source, image), join(options.out, image));
    }
  }
  const bundle = copyElementBundle(options.out);
  const playground = hasPlayground ? await bundlePlayground(options.out) : undefined;
  return {
    pages: files.map((f) => htmlName(basename(f.path))),
    messages: files.flatMap((f) => f.messages),
    bundle,
    playground,
  };
}
