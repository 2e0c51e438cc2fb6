/**
 * The acceptance cases (copied from ../shared/acceptance): numbers computed independently of
 * diagrad, read once for every test that checks against them.
 */
import { readFileSync } from "node:fs";
import type { Nested } from "./compare.js";

export interface AcceptanceCase {
  id: string;
  expr: string;
  shapes: Record<string, number[]>;
  wrt: string;
  order: number;
  expected: string;
  inputs: Record<string, Nested>;
  value: Nested;
  derivative: Nested;
}

export const acceptanceCases: AcceptanceCase[] = JSON.parse(
  readFileSync(new URL("../fixtures/acceptance-cases.json", import.meta.url), "utf8"),
);
