/**
 * Which labels an operand carries while a network is contracted. A label may sit on any number of
 * operands (a hyperedge: a copy tensor that is never materialised) and may repeat within one
 * operand (a diagonal or trace). Before any pairing, each operand keeps one copy of each of its
 * labels, and a label that no other operand and not the output holds is summed out on the spot.
 * After that, one rule says what a pairwise step keeps: a label survives iff another remaining
 * operand or the output still needs it. The planner and the evaluator both use these functions, so
 * the costs the planner counts are the contractions the evaluator performs.
 */

/**
 * The product of the sizes of `labels`; throws if a label has no size (an internal bug).
 *
 * @example labelSize([0, 1], new Map([[0, 2], [1, 3]])) // 6
 */
export function labelSize(labels: Iterable<number>, sizes: ReadonlyMap<number, number>): number {
  let n = 1;
  for (const l of labels) {
    const d = sizes.get(l);
    if (d === undefined) throw new Error(`plan: label ${l} has no size`);
    n *= d;
  }
  return n;
}

/**
 * The labels each operand carries once pairing starts: distinct, first occurrence first, and only
 * those that another operand or the output also holds.
 *
 * @example effectiveLabels([[0, 0, 1], [1, 2]], [2]) // [[1], [1, 2]]
 */
export function effectiveLabels(
  inputs: readonly (readonly number[])[],
  output: readonly number[],
): number[][] {
  const distinct = inputs.map((labels) => {
    const once: number[] = [];
    for (const l of labels) if (!once.includes(l)) once.push(l);
    return once;
  });
  const holders = new Map<number, number>();
  for (const labels of distinct) for (const l of labels) holders.set(l, (holders.get(l) ?? 0) + 1);
  for (const l of output) holders.set(l, Number.POSITIVE_INFINITY);
  return distinct.map((labels) => labels.filter((l) => (holders.get(l) as number) > 1));
}

/**
 * The labels of the result of contracting operands `a` and `b` while `others` remain: shared
 * labels (in `a`'s order), then `a`'s own, then `b`'s own. Only the set matters to the planner;
 * the evaluator lays the result out in whatever order moves the least data.
 *
 * @example keptLabels([0, 1], [1, 2], [[2]], []) // [2] — 0 is nobody else's, 1 is contracted
 */
export function keptLabels(
  a: readonly number[],
  b: readonly number[],
  others: readonly (readonly number[])[],
  output: readonly number[],
): number[] {
  const needed = new Set(output);
  for (const labels of others) for (const l of labels) needed.add(l);
  const inB = new Set(b);
  const inA = new Set(a);
  return [
    ...a.filter((l) => inB.has(l) && needed.has(l)),
    ...a.filter((l) => !inB.has(l) && needed.has(l)),
    ...b.filter((l) => !inA.has(l) && needed.has(l)),
  ];
}
