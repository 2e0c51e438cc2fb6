/**
 * A strict little XML parser for the render tests: elements, attributes in quotes, text, the five
 * named entities and numeric references. It rejects what a browser's XML parser would (a raw `<`
 * or `&` in text or attributes, mismatched or unclosed tags, duplicate attributes, text outside
 * the root), so "parses as XML" means something without a dependency.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded (children's text not included). */
  text: string;
}

const entities: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (/[<]/.test(raw)) throw new Error(`raw '<' near offset ${at}`);
  return raw.replace(/&([^;]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(";")) throw new Error(`unterminated entity near offset ${at}`);
    if (body in entities) return entities[body];
    const m = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(body);
    if (!m) throw new Error(`unknown entity &${body}; near offset ${at}`);
    return String.fromCodePoint(
      m[1].startsWith("x") ? Number.parseInt(m[1].slice(1), 16) : Number(m[1]),
    );
  });
}

/** The root element of `text`; throws on anything that is not well-formed. */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const name = /[A-Za-z_:][\w:.-]*/y;
  const readName = () => {
    name.lastIndex = i;
    const m = name.exec(text);
    if (!m) throw new Error(`expected a name at offset ${i}`);
    i += m[0].length;
    return m[0];
  };
  const space = () => {
    while (/\s/.test(text[i] ?? "")) i++;
  };
  if (text.startsWith("<?xml")) i = text.indexOf("?>") + 2;
  space();
  while (i < text.length) {
    if (text.startsWith("</", i)) {
      i += 2;
      const n = readName();
      space();
      if (text[i++] !== ">") throw new Error(`expected '>' at offset ${i - 1}`);
      const open = stack.pop();
      if (!open || open.name !== n) throw new Error(`</${n}> does not close <${open?.name}>`);
    } else if (text[i] === "<") {
      i++;
      const el: XmlElement = { name: readName(), attributes: {}, children: [], text: "" };
      if (stack.length === 0 && root) throw new Error("a second root element");
      for (;;) {
        space();
        if (text.startsWith("/>", i) || text[i] === ">") break;
        const a = readName();
        space();
        if (text[i++] !== "=") throw new Error(`expected '=' after ${a}`);
        space();
        const q = text[i++];
        if (q !== '"' && q !== "'") throw new Error(`expected a quote at offset ${i - 1}`);
        const end = text.indexOf(q, i);
        if (end < 0) throw new Error("unterminated attribute");
        if (a in el.attributes) throw new Error(`duplicate attribute ${a}`);
        el.attributes[a] = decode(text.slice(i, end), i);
        i = end + 1;
      }
      (stack.at(-1)?.children ?? []).push(el);
      root ??= el;
      if (text.startsWith("/>", i)) i += 2;
      else {
        i++;
        stack.push(el);
      }
    } else {
      const end = text.indexOf("<", i);
      const raw = text.slice(i, end < 0 ? text.length : end);
      const top = stack.at(-1);
      if (!top && raw.trim() !== "") throw new Error(`text outside the root at offset ${i}`);
      if (top) top.text += decode(raw, i);
      i = end < 0 ? text.length : end;
    }
  }
  if (stack.length) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

/** Every element under `el` (itself included), depth first. */
export function descendants(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(descendants)];
}
