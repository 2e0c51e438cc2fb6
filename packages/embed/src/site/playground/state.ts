/**
 * The playground's state in the URL's fragment, `#expr=x+%40+A+%40+x&wrt=x&order=2`, so a link
 * opens that derivative. Values are percent-encoded with `+` for a space (a literal `+` is `%2B`),
 * as a form encodes them; `@ , ; :` and `/`, which a fragment may hold as they are, stay readable.
 * Reading is forgiving: missing or unknown keys fall back to the defaults, a bad escape is taken
 * literally, and the order is read as it is typed (the worker says when it is out of range).
 */

/** What the playground shows: the derivative of `expr` by `wrt`, `order` times. */
export interface State {
  expr: string;
  wrt: string;
  order: number;
}

/** The first seed of the README: ∂(W(A ∘ B))/∂A. */
export const defaultState: State = { expr: "W @ (A * B)", wrt: "A", order: 1 };

const readable: Record<string, string> = {
  "%40": "@",
  "%2C": ",",
  "%3B": ";",
  "%3A": ":",
  "%2F": "/",
};

function encode(value: string): string {
  return encodeURIComponent(value)
    .replace(/%20/g, "+")
    .replace(/%(40|2C|3B|3A|2F)/g, (code) => readable[code]);
}

function decode(value: string): string {
  const spaced = value.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced; // a stray `%` is meant literally
  }
}

/**
 * The fragment for `state`, with its `#`.
 *
 * @example stateHash({ expr: "x @ A @ x", wrt: "x", order: 2 }) // "#expr=x+@+A+@+x&wrt=x&order=2"
 */
export function stateHash(state: State): string {
  return `#expr=${encode(state.expr)}&wrt=${encode(state.wrt)}&order=${state.order}`;
}

/**
 * The state a fragment (with or without its `#`) asks for; what it leaves out is the default's.
 *
 * @example parseHash("#expr=x+*+y&wrt=y") // { expr: "x * y", wrt: "y", order: 1 }
 */
export function parseHash(hash: string): State {
  const state = { ...defaultState };
  const body = hash.replace(/^#/, "");
  if (body === "") return state;
  const fields = new Map<string, string>();
  for (const pair of body.split("&")) {
    const equals = pair.indexOf("=");
    if (equals > 0) fields.set(decode(pair.slice(0, equals)), decode(pair.slice(equals + 1)));
  }
  if (!fields.has("expr")) return state;
  state.expr = fields.get("expr") ?? state.expr;
  state.wrt = fields.get("wrt") ?? "";
  const order = fields.get("order");
  state.order = order === undefined || order.trim() === "" ? 1 : Number(order);
  return state;
}
