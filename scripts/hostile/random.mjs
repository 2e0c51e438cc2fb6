/**
 * The seeded randomness of the hostile campaign: mulberry32, and the few ways the generators use
 * it (an integer below n, a pick from a list, a coin). The same seed gives the same inputs on
 * every machine, so a failure is reproduced by its seed and case number alone.
 */

/**
 * A generator of numbers in [0, 1) from a 32-bit seed.
 *
 * @example const r = rng(7); r.int(10); r.pick(["a", "b"]); r.chance(0.1);
 */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: (list) => list[int(list.length)],
    chance: (p) => next() < p,
  };
}

/** The seed of case `k` of a campaign seeded `seed`: cases are independent of one another. */
export function caseSeed(seed, k) {
  return (Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(k + 1, 0x85ebca77)) >>> 0;
}
