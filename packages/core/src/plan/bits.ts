/**
 * Label sets as bitmasks, for the exact searches: the labels the operands hold are renumbered
 * 0…L−1 and a set of them takes ⌈L/30⌉ words of 30 bits (small integers, which plain arrays hold
 * unboxed), so joining, intersecting and comparing sets are a few word operations, and the sizes
 * of a set's labels multiply over its set bits.
 */
import type { DenseProblem } from "./tree.js";

/** Labels per word. */
export const WORD = 30;

/** The operands' labels as sets of bits, `words` words per set. */
export interface LabelSets {
  words: number;
  /** Operand k's labels: words k·words … (k+1)·words − 1. */
  own: Int32Array;
  /** The labels of the output that some operand holds. */
  outputs: Int32Array;
  /** The size of each renumbered label. */
  sizes: number[];
  /** The operands holding each renumbered label, as a bitmask (for at most 31 operands). */
  holders: number[];
}

/**
 * The labels of a dense problem's operands as bitmasks (labels no operand holds are dropped).
 *
 * @example labelSets(denseProblem([[5, 7], [7]], [5], sizes)).own // [0b11, 0b10]
 */
export function labelSets(problem: DenseProblem): LabelSets {
  const { operands, sizes, inOutput } = problem;
  // the problem's label ids in order of first appearance, each one's renumbered label in `renumber`
  if (renumber.length < sizes.length) renumber = new Int32Array(sizes.length).fill(-1);
  const ids: number[] = [];
  for (const labels of operands) {
    for (const id of labels) if (renumber[id] < 0) renumber[id] = ids.push(id) - 1;
  }
  const words = Math.max(1, Math.ceil(ids.length / WORD));
  const own = new Int32Array(operands.length * words);
  const outputs = new Int32Array(words);
  const holders: number[] = [];
  const local: number[] = [];
  for (let l = 0; l < ids.length; l++) {
    holders.push(0);
    local.push(sizes[ids[l]]);
    if (inOutput[ids[l]] === 1) outputs[Math.floor(l / WORD)] |= 1 << (l % WORD);
  }
  for (let k = 0; k < operands.length; k++) {
    for (const id of operands[k]) {
      const l = renumber[id];
      own[k * words + Math.floor(l / WORD)] |= 1 << (l % WORD);
      holders[l] |= 1 << k;
    }
  }
  for (const id of ids) renumber[id] = -1;
  return { words, own, outputs, sizes: local, holders };
}

/** Scratch of `labelSets`: the renumbered label of each label id, −1 between calls. */
let renumber = new Int32Array(64).fill(-1);

/**
 * The product of the sizes of the labels whose bits are set in word `w` of a set.
 *
 * @example bitsProduct(0b101, 0, [2, 3, 5]) // 10
 */
export function bitsProduct(bits: number, w: number, sizes: readonly number[]): number {
  let p = 1;
  for (let b = bits; b !== 0; b &= b - 1) p *= sizes[w * WORD + 31 - Math.clz32(b & -b)];
  return p;
}
