/**
 * An index from subsets (nonzero operand bitmasks) to table entries, for the connected search: an
 * open-addressing hash table in typed arrays (linear probing, at most half full), so looking a
 * subset up allocates nothing, and clearing it keeps its room and costs only the slots used.
 */
/** Fibonacci hashing: the multiplier is 2³²/φ. */
const HASH = 0x9e3779b1 | 0;

/** Subset bitmask → entry. */
export class SubsetIndex {
  private keys = new Int32Array(64);
  private values = new Int32Array(64);
  /** The slots in use, `size` of them. */
  private used = new Int32Array(32);
  /** 32 − log₂(room): a hash keeps its top bits. */
  private shift = 26;
  private size = 0;

  /** Forgets every subset. */
  clear(): void {
    for (let k = 0; k < this.size; k++) this.keys[this.used[k]] = 0;
    this.size = 0;
  }

  /** The entry of subset `mask`, or −1. */
  get(mask: number): number {
    const { keys } = this;
    const last = keys.length - 1;
    for (let h = Math.imul(mask, HASH) >>> this.shift; ; h = (h + 1) & last) {
      if (keys[h] === mask) return this.values[h];
      if (keys[h] === 0) return -1;
    }
  }

  /** Records the entry of a subset not yet indexed. */
  add(mask: number, entry: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const { keys } = this;
    const last = keys.length - 1;
    let h = Math.imul(mask, HASH) >>> this.shift;
    while (keys[h] !== 0) h = (h + 1) & last;
    keys[h] = mask;
    this.values[h] = entry;
    this.used[this.size++] = h;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(2 * keys.length);
    this.values = new Int32Array(2 * keys.length);
    this.used = new Int32Array(keys.length);
    this.shift--;
    this.size = 0;
    for (let h = 0; h < keys.length; h++) if (keys[h] !== 0) this.add(keys[h], values[h]);
  }
}
