/**
 * Seeded uniform random numbers (mulberry32): every randomized search in diagrad draws from one of
 * these, so the same seed gives the same plan on every machine and every run.
 */

/**
 * A generator of uniform numbers in [0, 1) determined by a 32-bit `seed`.
 *
 * @example const random = mulberry32(1); random(); // 0.6270739405881613, on every run
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
