/**
 * Index names after the dimensions they range over, as the seeds write them.
 *
 * An index over dimension `n` is called `n`; when `n` is taken, the next free letter of the
 * alphabet after it (skipping `o` and `l`, which read as digits, the other dimension symbols and
 * the variables' names). The variable's axes are named first, so they keep their declaration's
 * names, then the output axes, then summation indices. ∂[W(A∘B)]/∂A with W: p×m, A, B: m×n has
 * axes [p, n, m, n] and gets Γ[p,q,m,n]. Numeric dimensions use i, j, k, … for free axes and
 * a, b, c, … for summation indices.
 */
import type { Dim } from "../../network/types.js";

const alphabet = "abcdefghijkmnpqrstuvwxyz";

export class IndexNames {
  private used = new Set<string>();

  /** `reserved`: dimension symbols and variable names an index should not be mistaken for. */
  constructor(private reserved: ReadonlySet<string>) {}

  /** A copy with the same names taken (for the summation indices of one term). */
  fork(): IndexNames {
    const copy = new IndexNames(this.reserved);
    for (const n of this.used) copy.used.add(n);
    return copy;
  }

  /** Marks `name` as taken. */
  take(name: string): string {
    this.used.add(name);
    return name;
  }

  /** A name for an index over `dim`; `free` picks i, j, k for numeric dims, else a, b, c. */
  claim(dim: Dim, free: boolean): string {
    if (typeof dim === "string" && /^[a-zA-Z]$/.test(dim) && !this.used.has(dim))
      return this.take(dim);
    const symbolic = typeof dim === "string" && /^[a-z]/.test(dim);
    const start = symbolic ? dim[0] : free ? "i" : "a";
    const from = Math.max(0, alphabet.indexOf(start));
    const free1 = (n: string) => !this.used.has(n) && !this.reserved.has(n);
    for (let k = symbolic ? 1 : 0; k < alphabet.length; k++) {
      const n = alphabet[(from + k) % alphabet.length];
      if (free1(n)) return this.take(n);
    }
    for (let k = 1; ; k++) {
      const n = `${start}${k}`;
      if (free1(n)) return this.take(n);
    }
  }
}

/**
 * Names for the free axes: `freeIndexNames(["p","n","m","n"], [2, 3], reserved)` → p, q, m, n.
 * `first` lists the axes to name first (the variable's).
 */
export function freeIndexNames(
  shape: readonly Dim[],
  first: readonly number[],
  names: IndexNames,
): string[] {
  const out: string[] = [];
  for (const axis of first) out[axis] = names.claim(shape[axis], true);
  shape.forEach((dim, axis) => {
    if (out[axis] === undefined) out[axis] = names.claim(dim, true);
  });
  return out;
}
