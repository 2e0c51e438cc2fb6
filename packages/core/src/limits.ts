/**
 * Size limits and progress for derivatives: the work of a derivative grows with the number of
 * terms (the product rule makes one per occurrence, each order multiplies them) and with the size
 * of each term (merging equal terms compares whole graphs), so both are bounded. `maxTerms` caps
 * the terms of any network a derivative makes; `maxNodes` caps their nodes in all (a function
 * box counts as one: its inner network is shared by the terms and simplified once). Past either, the derivative stops at once with a
 * `DiagradError` of kind "limit" that names the limit and how to raise it, instead of running for
 * minutes. `onProgress`, when given, hears how far a long derivative has got, about every 250 ms.
 *
 * @example
 * derivative({ source: "det(A)", wrt: "A", order: 8 }); // throws: more than 20000 terms (maxTerms)
 * derivative({ source: "det(A)", wrt: "A", order: 8, maxTerms: 50000, maxNodes: 5e6 }); // slow, but works
 */
import { DiagradError } from "./language/span.js";
import type { Network, Term } from "./network/types.js";

/** The largest order a derivative may have. */
export const MAX_ORDER = 64;

/** Defaults of the two size limits. */
export const defaultLimits = { maxTerms: 20_000, maxNodes: 10_000 } as const;

/**
 * How far a derivative has got: order `order` of `of`, with `terms` terms made so far in it, and
 * whether it is making them or simplifying them.
 */
export interface Progress {
  order: number;
  of: number;
  terms: number;
  stage: "differentiating" | "simplifying";
}

/** The limits a caller may set (all optional). */
export interface Limits {
  /** The most terms a derivative's network may have (default 20000). */
  maxTerms?: number;
  /** The most nodes a derivative's network may have in all, a box counting as one (default 10000). */
  maxNodes?: number;
  /** Hears how far a long derivative has got (about every 250 ms). */
  onProgress?: (progress: Progress) => void;
}

const nodeCounts = new WeakMap<Network, number>();

/** The nodes of `net`'s terms in all (a box counts as one node). */
export function networkNodes(net: Network): number {
  let n = nodeCounts.get(net);
  if (n === undefined) {
    n = net.terms.reduce((sum, t) => sum + termNodes(t), 0);
    nodeCounts.set(net, n);
  }
  return n;
}

/**
 * The nodes of one term's own graph; a box counts as one (its inner network is shared between
 * terms and simplified once, so it does not grow the work per term).
 */
export function termNodes(term: Term): number {
  return term.graph.order;
}

/**
 * Counts what a derivative makes and stops it past a limit; `start(order)` begins each order.
 *
 * @example const budget = new Budget({ maxTerms: 10 }, 2); budget.start(1); budget.add(term);
 */
export class Budget {
  readonly maxTerms: number;
  readonly maxNodes: number;
  private terms = 0;
  private nodes = 0;
  private order = 0;
  private readonly started = Date.now();
  private lastReport = this.started;

  constructor(
    private readonly limits: Limits = {},
    private readonly of = 1,
  ) {
    this.maxTerms = limits.maxTerms ?? defaultLimits.maxTerms;
    this.maxNodes = limits.maxNodes ?? defaultLimits.maxNodes;
  }

  /** Begins counting the network of order `order`. */
  start(order: number): void {
    this.order = order;
    this.terms = 0;
    this.nodes = 0;
  }

  /** Counts one term made; throws when a limit is passed. */
  add(term: Term): void {
    this.terms += 1;
    this.nodes += termNodes(term);
    this.check();
    const now = Date.now();
    if (this.limits.onProgress && now - this.lastReport >= 250) {
      this.lastReport = now;
      this.limits.onProgress({
        order: this.order,
        of: this.of,
        terms: this.terms,
        stage: "differentiating",
      });
    }
  }

  /** Says that the terms of this order are being simplified, once the derivative has taken a while. */
  simplifying(): void {
    if (!this.limits.onProgress || Date.now() - this.started < 250) return;
    this.lastReport = Date.now();
    this.limits.onProgress({
      order: this.order,
      of: this.of,
      terms: this.terms,
      stage: "simplifying",
    });
  }

  /** Checks a whole network (an expression before it is simplified). */
  network(net: Network): void {
    this.terms = net.terms.length;
    this.nodes = networkNodes(net);
    this.check();
  }

  private check(): void {
    const at = this.order > 0 ? `the derivative of order ${this.order}` : "the expression";
    if (this.terms > this.maxTerms) {
      throw new DiagradError(
        "limit",
        `${at} would have more than ${this.maxTerms} terms, the limit; raise it with --max-terms N (maxTerms in the library) if you can wait`,
      );
    }
    if (this.nodes > this.maxNodes) {
      throw new DiagradError(
        "limit",
        `${at} would have more than ${this.maxNodes} tensor-network nodes in its ${this.terms} terms, the limit; raise it with --max-nodes N (maxNodes in the library) if you can wait`,
      );
    }
  }
}
