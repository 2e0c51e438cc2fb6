/**
 * Text widths without a DOM. svgdom cannot measure text and resvg draws with the fonts it finds, so
 * the layout sizes every label from a table of advance widths of DejaVu Sans (the font the drawing
 * names first; units per em = 2048). Characters outside the table get a generous width (wider
 * still for East Asian scripts), so estimates err on the side of roomy shapes, never overflow.
 */

/** The font the drawing asks for; the metrics below are this font's. */
export const fontFamily = "'DejaVu Sans', Verdana, sans-serif";

const upm = 2048;
const table: Record<string, number> = {
  " ": 651,
  "!": 821,
  "(": 799,
  ")": 799,
  "*": 1024,
  "+": 1716,
  ",": 651,
  "-": 739,
  ".": 651,
  "/": 690,
  ":": 690,
  ";": 690,
  "<": 1716,
  "=": 1716,
  ">": 1716,
  "[": 799,
  "]": 799,
  "^": 1716,
  _: 1024,
  "·": 651,
  "²": 821,
  "³": 821,
  "¹": 821,
  "⁻": 821,
  "⁰": 821,
  "−": 1716,
  δ: 1253,
  a: 1255,
  b: 1300,
  c: 1126,
  d: 1300,
  e: 1260,
  f: 721,
  g: 1300,
  h: 1298,
  i: 569,
  j: 569,
  k: 1186,
  l: 569,
  m: 1995,
  n: 1298,
  o: 1253,
  p: 1300,
  q: 1300,
  r: 842,
  s: 1067,
  t: 803,
  u: 1298,
  v: 1212,
  w: 1675,
  x: 1212,
  y: 1212,
  z: 1075,
  A: 1401,
  B: 1405,
  C: 1430,
  D: 1577,
  E: 1294,
  F: 1178,
  G: 1587,
  H: 1540,
  I: 604,
  J: 604,
  K: 1343,
  L: 1141,
  M: 1767,
  N: 1532,
  O: 1612,
  P: 1235,
  Q: 1612,
  R: 1423,
  S: 1300,
  T: 1251,
  U: 1499,
  V: 1401,
  W: 2025,
  X: 1403,
  Y: 1251,
  Z: 1403,
};
const digit = 1303;

function advance(ch: string): number {
  const known = table[ch];
  if (known !== undefined) return known;
  if (ch >= "0" && ch <= "9") return digit;
  const code = ch.codePointAt(0) as number;
  if (code >= 0x2e80) return upm; // CJK and other wide scripts: a full em
  return 1650; // Greek, Cyrillic, accented Latin: wider than most Latin letters
}

/**
 * The width of `text` at `size` px, rounded up to 0.1.
 *
 * @example textWidth("W", 14) // 13.9
 */
export function textWidth(text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += advance(ch);
  return Math.ceil((units / upm) * size * 10) / 10;
}

/** Font sizes in px, one per kind of text. */
export const fontSizes = { tensor: 14, box: 12, index: 12, sign: 16, caption: 13 } as const;
