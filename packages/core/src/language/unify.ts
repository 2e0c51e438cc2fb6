/**
 * Unification of symbolic dimensions, including products.
 *
 * A term is `coefficient × atoms…` where an atom is a declared symbol (a named constant such as `n`)
 * or a unification variable (`?0`, `?1`, …, printed as `m`, `n`, `p`, … from a pool of letters that
 * skips the program's own names). Variables bind to terms; when two variables meet, the older one
 * survives. Symbols are rigid: they take a number only from a concrete value (`bindSymbol`), and
 * never unify with a different symbol or number. `unify` cancels common factors and then binds a
 * lone variable, pairs the factors of two equally long products position by position, or returns
 * `"defer"` when the equation has several solutions for now (e.g. `u*v = 6`); the caller retries
 * deferred equations once everything else is known.
 */
import { type Dim, productDim } from "./dims.js";

/** `coefficient × atoms…`; an atom is a symbol name or `?id` for a unification variable. */
export interface Term {
  readonly coefficient: number;
  readonly atoms: readonly string[];
}

/**
 * The outcome of `unify`: done, impossible, or not decidable yet.
 *
 * @example new Unifier(new Set()).unify(Unifier.symbol("m"), Unifier.symbol("n")) // "fail"
 */
export type UnifyResult = "ok" | "fail" | "defer";

const POOL = ["m", "n", "p", "q", "r", "k", "l", "s", "t", "u", "v", "w"];

const isVariable = (atom: string) => atom.startsWith("?");

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Remove the atoms `a` and `b` share (as multisets), keeping the order of the rest. */
function cancel(a: readonly string[], b: readonly string[]): [string[], string[]] {
  const rest = [...b];
  const kept: string[] = [];
  for (const atom of a) {
    const at = rest.indexOf(atom);
    if (at >= 0) rest.splice(at, 1);
    else kept.push(atom);
  }
  return [kept, rest];
}

/**
 * The state of one inference: fresh variables, their bindings and the numeric values of symbols.
 *
 * @example
 * const u = new Unifier(new Set(["n"]));
 * const a = u.fresh(); u.unify(a, Unifier.symbol("n")); u.resolve(a) // "n"
 */
export class Unifier {
  private readonly names: string[] = [];
  private readonly bindings = new Map<string, Term>();
  private readonly symbolValues = new Map<string, number>();
  private poolIndex = 0;

  constructor(private readonly reserved: ReadonlySet<string>) {}

  /** The term for a positive integer. */
  static constant(value: number): Term {
    return { coefficient: value, atoms: [] };
  }

  /** The term for a declared dimension symbol. */
  static symbol(name: string): Term {
    return { coefficient: 1, atoms: [name] };
  }

  /** The product of terms (factor order is kept for positional unification). */
  static product(...terms: Term[]): Term {
    return {
      coefficient: terms.reduce((c, t) => c * t.coefficient, 1),
      atoms: terms.flatMap((t) => t.atoms),
    };
  }

  /** A new unification variable named by the next free letter of the pool. */
  fresh(): Term {
    let name: string;
    do {
      const round = Math.floor(this.poolIndex / POOL.length);
      name = `${POOL[this.poolIndex % POOL.length]}${round === 0 ? "" : round + 1}`;
      this.poolIndex += 1;
    } while (this.reserved.has(name));
    this.names.push(name);
    return { coefficient: 1, atoms: [`?${this.names.length - 1}`] };
  }

  /** Give a symbol its concrete size; false when it already has a different one. */
  bindSymbol(name: string, value: number): boolean {
    const known = this.symbolValues.get(name);
    if (known !== undefined) return known === value;
    this.symbolValues.set(name, value);
    return true;
  }

  /** Substitute bound variables and valued symbols. */
  normalize(term: Term): Term {
    let coefficient = term.coefficient;
    const atoms: string[] = [];
    for (const atom of term.atoms) {
      const bound = this.bindings.get(atom);
      const value = this.symbolValues.get(atom);
      if (bound !== undefined) {
        const inner = this.normalize(bound);
        coefficient *= inner.coefficient;
        atoms.push(...inner.atoms);
      } else if (value !== undefined) {
        coefficient *= value;
      } else {
        atoms.push(atom);
      }
    }
    return { coefficient, atoms };
  }

  /** True when the term is the number 1 (a broadcastable axis). */
  isOne(term: Term): boolean {
    const t = this.normalize(term);
    return t.coefficient === 1 && t.atoms.length === 0;
  }

  /** Make two terms equal if possible (see the file comment). */
  unify(a: Term, b: Term): UnifyResult {
    const x = this.normalize(a);
    const y = this.normalize(b);
    const [xs, ys] = cancel(x.atoms, y.atoms);
    const g = gcd(x.coefficient, y.coefficient);
    const cx = x.coefficient / g;
    const cy = y.coefficient / g;
    if (xs.length === 0 && ys.length === 0) return cx === cy ? "ok" : "fail";
    const lone = (atoms: string[], c: number) =>
      c === 1 && atoms.length === 1 && isVariable(atoms[0] as string);
    if (lone(xs, cx) && lone(ys, cy)) {
      const [p, q] = [xs[0] as string, ys[0] as string];
      const [older, newer] = Number(p.slice(1)) < Number(q.slice(1)) ? [p, q] : [q, p];
      this.bindings.set(newer, { coefficient: 1, atoms: [older] });
      return "ok";
    }
    if (lone(xs, cx)) return this.bind(xs[0] as string, { coefficient: cy, atoms: ys });
    if (lone(ys, cy)) return this.bind(ys[0] as string, { coefficient: cx, atoms: xs });
    // cx and cy are coprime, so a bare number cannot be a multiple of anything bigger than 1.
    if ((xs.length === 0 && cy > 1) || (ys.length === 0 && cx > 1)) return "fail";
    // A symbol on one side that the other side cannot supply (it has no variables) has no solution.
    const rigid = (atoms: string[]) => atoms.some((atom) => !isVariable(atom));
    const flexible = (atoms: string[]) => atoms.some(isVariable);
    if ((rigid(xs) && !flexible(ys)) || (rigid(ys) && !flexible(xs))) return "fail";
    const pairable =
      xs.length === ys.length && xs.every((p, i) => isVariable(p) || isVariable(ys[i] as string));
    if (cx === cy && pairable) {
      for (const [i, p] of xs.entries()) {
        const result = this.unify(Unifier.atom(p), Unifier.atom(ys[i] as string));
        if (result !== "ok") return result;
      }
      return "ok";
    }
    return "defer";
  }

  /** The resolved dimension: a number, a name or a canonical product. */
  resolve(term: Term): Dim {
    const t = this.normalize(term);
    const names = t.atoms.map((atom) =>
      isVariable(atom) ? (this.names[Number(atom.slice(1))] as string) : atom,
    );
    return productDim(t.coefficient, names);
  }

  private bind(variable: string, term: Term): UnifyResult {
    this.bindings.set(variable, term);
    return "ok";
  }

  private static atom(atom: string): Term {
    return { coefficient: 1, atoms: [atom] };
  }
}
