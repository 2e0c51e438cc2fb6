/**
 * Which side of its shape each leg leaves by. The sides are fixed so that a diagram shows the
 * algebra: axis 0 (the row leg) on the west, axis 1 (the column leg) on the east, higher axes
 * alternately north and south, so a transpose is a visible crossing. A vector's one leg may leave
 * by either side (there is nothing to transpose). Free axes of a figure leave by the east when
 * they are the expression's own and by the west when a derivative added them; inside a function
 * box, a matrix argument's row axis leaves by the west and every other axis by the east.
 */
import type { NodeAttrs } from "@diagrad/core";

export type Side = "WEST" | "EAST" | "NORTH" | "SOUTH";

/** How a network's free axes are drawn: at a figure's border, or at a function box's ports. */
export interface NetworkContext {
  kind: "figure" | "inner";
  /** Axes at or past this one are a derivative's new axes (figures only). */
  expressionRank: number;
  /** The index name of each free axis (figures only). */
  names: readonly string[];
}

/**
 * The side of axis `axis` of a tensor of rank `rank`; undefined when any side will do.
 *
 * @example axisSide(1, 2) // "EAST"
 * @example axisSide(0, 1) // undefined
 */
export function axisSide(axis: number, rank: number): Side | undefined {
  if (rank <= 1) return undefined;
  if (axis === 0) return "WEST";
  if (axis === 1) return "EAST";
  return axis % 2 === 0 ? "NORTH" : "SOUTH";
}

/**
 * The border a free axis ends at, seen from inside the network.
 *
 * @example freeSide({ kind: "figure", expressionRank: 2, names: [] }, 2, 4) // "WEST" (a new axis)
 */
export function freeSide(ctx: NetworkContext, axis: number, rank: number): "WEST" | "EAST" {
  if (ctx.kind === "figure") return axis < ctx.expressionRank ? "EAST" : "WEST";
  return axis === 0 && rank >= 2 ? "WEST" : "EAST";
}

/** The side of port `port` of a node with `rank` ports (copy tensors: any side). */
export function portSide(attrs: NodeAttrs, port: number, rank: number): Side | undefined {
  if (attrs.kind === "tensor") return axisSide(port, attrs.rank);
  if (attrs.kind === "fuse") return port === 2 ? "EAST" : "WEST";
  if (attrs.kind === "box") return axisSide(port, rank);
  return undefined;
}

/** The opposite side. @example opposite("WEST") // "EAST" */
export function opposite(side: Side): Side {
  const pairs: Record<Side, Side> = { WEST: "EAST", EAST: "WEST", NORTH: "SOUTH", SOUTH: "NORTH" };
  return pairs[side];
}
