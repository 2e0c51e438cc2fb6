/**
 * Markdown in, Markdown out (`diagrad docs IN.md -o OUT.md`): the remark plugin draws every
 * ```diagrad fence, and each fence's text in the original document is replaced by the Markdown of
 * the nodes the plugin put in its place. Everything else stays byte for byte as the author wrote
 * it (remark-stringify would re-spell lists and emphasis). Inside a list or block quote, the
 * replacement's later lines get the container's indentation and `>` markers.
 */
import type { Root, RootContent } from "mdast";
import { toMarkdown } from "mdast-util-to-markdown";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import remarkDiagrad, { type DiagradImage, type RemarkDiagradOptions } from "./plugin.js";
import { checkDocument, checkPluginOptions } from "./validate.js";

/** The transformed document, the images to write (with `embed: "file"`) and the messages. */
export interface Transformed {
  markdown: string;
  images: DiagradImage[];
  /** The processed file: `file.messages` has every problem, at its place in the input. */
  file: VFile;
}

/** The nodes that replaced each fence, by fence number, in document order. */
function replacements(tree: Root): Map<number, RootContent[]> {
  const groups = new Map<number, RootContent[]>();
  visit(tree, (node) => {
    const fence = (node as RootContent).data?.diagradFence;
    if (fence === undefined) return;
    groups.set(fence, [...(groups.get(fence) ?? []), node as RootContent]);
    return "skip";
  });
  return groups;
}

/** The document's line ending: CRLF or a lone CR when its first line break is one, else LF. */
function lineEnding(document: string): string {
  return /\r\n|\r|\n/.exec(document)?.[0] ?? "\n";
}

/**
 * `markdown` with its later lines prefixed as the line it starts on is (`> `, list indentation),
 * its line breaks spelled as the document's.
 */
function indent(markdown: string, document: string, offset: number): string {
  const before = document.slice(0, offset);
  const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
  const prefix = document.slice(lineStart, offset).replace(/[^>]/g, " ");
  return markdown
    .split("\n")
    .map((line, k) => (k === 0 ? line : `${line === "" ? prefix.trimEnd() : prefix}${line}`))
    .join(lineEnding(document));
}

/**
 * Draws every ```diagrad fence of `input`: its text, or `{ path, value }` (or a VFile) to name it
 * in messages.
 *
 * @example (await transformMarkdown("```diagrad\nx * y * z\nwrt: x\n```\n")).markdown
 * // '<figure class="diagrad"><svg …></svg></figure>\n\n`Γ[i,j] = δ[i,j] y[i] z[i]`\n'
 */
export async function transformMarkdown(
  input: string | VFile | { path?: string; value: string },
  options: RemarkDiagradOptions = {},
): Promise<Transformed> {
  checkDocument(input);
  checkPluginOptions(options);
  const file = input instanceof VFile ? input : new VFile(input);
  const document = String(file);
  const processor = unified().use(remarkParse).use(remarkDiagrad, options);
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  const edits = [...replacements(tree).values()]
    .map((nodes) => {
      const { start, end } = nodes[0].position ?? {};
      const root: Root = { type: "root", children: nodes };
      const text = toMarkdown(root, { bullet: "-", fences: true }).replace(/\n+$/, "");
      return { from: start?.offset ?? 0, to: end?.offset ?? 0, text };
    })
    .sort((a, b) => b.from - a.from);
  let markdown = document;
  for (const { from, to, text } of edits) {
    markdown = markdown.slice(0, from) + indent(text, document, from) + markdown.slice(to);
  }
  return { markdown, images: file.data.diagrad?.images ?? [], file };
}
