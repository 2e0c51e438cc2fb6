/**
 * The campaign's seeded randomness: mulberry32 and the few draws the generator needs. Every case is
 * drawn from its own seed, so `pnpm fuzz --seed S --cases 1` repeats case S exactly.
 *
 * @example const r = rng(7); r.pick(["a", "b"]); r.int(2, 4); r.chance(0.5);
 */

/** A generator of uniform numbers in [0, 1) from a 32-bit seed. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeded draws: `next()` in [0, 1), `int(lo, hi)` inclusive, `pick(xs)`, `chance(p)`,
 * `weighted([[w, x], …])`, `shuffle(xs)` (a new array).
 *
 * @example rng(1).weighted([[3, "often"], [1, "rarely"]])
 */
export function rng(seed) {
  const next = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
    weighted(pairs) {
      const total = pairs.reduce((s, [w]) => s + w, 0);
      let u = next() * total;
      for (const [w, x] of pairs) {
        u -= w;
        if (u < 0) return x;
      }
      return pairs[pairs.length - 1][1];
    },
    shuffle(xs) {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}
