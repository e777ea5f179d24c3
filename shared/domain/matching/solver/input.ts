import type { EdgeTable } from './pair-table.ts';

/** What the solver is given: the parties, the beds and the feasible pairs of one batch. */
export interface AssignmentInput {
  /** Party size of each request. */
  readonly partySizes: ArrayLike<number>;
  /** Beds each offer can still give to this batch (on the nights that matter). */
  readonly offerBeds: ArrayLike<number>;
  readonly offerMultipleParties: ArrayLike<boolean>;
  /** The feasible pairs, by index into the requests and offers. */
  readonly edges: EdgeTable;
  /** The requests and people the weights count (countedOf), when more than these parties. */
  readonly counted?: { readonly requests: number; readonly people: number };
}

/** Scores become integer weights in millionths, so that sums are exact and compare with SciPy's. */
export const WEIGHT_SCALE = 1_000_000;

/** Scores coarser than this (in parts of one) would no longer tell pairs apart: such a batch is refused. */
const COARSEST_SCALE = 1000;

/**
 * The integer weights of one batch (docs/product.md's objective, exactly, in one integer per pair):
 * a person placed weighs more than the highest total of scores the batch could reach, so that
 * one more person placed outweighs any gain in score, then scores count in units of 1/scale.
 * Every sum must stay an exact integer below 2^53: with millionths that holds up to about
 * people × requests = 9e9 (a country of 20,000 requests and 60,000 people reaches 1.2e15 of
 * the 9e15); a larger batch counts scores in coarser units (100,000 requests with 250,000
 * people: 1/360,000), so the first aim stays exact and the second all but exact.
 */
export interface Objective {
  /** The weight of one person placed: more than `requests × scale`. */
  readonly perPerson: number;
  /** Score units per 1.0 of score. */
  readonly scale: number;
}

/** A batch too large for exact integer weights even with coarse scores. */
export class WeightsOverflow extends Error {
  override readonly name = 'WeightsOverflow';
}

/** The weights for a batch of this many requests carrying this many people in all. */
export function objectiveFor(requests: number, people: number): Objective {
  // The largest total: people × perPerson + requests × scale = requests × scale × (people + 1) + people.
  const fits = Math.floor((Number.MAX_SAFE_INTEGER - people) / Math.max(1, requests * (people + 1)));
  const scale = Math.min(WEIGHT_SCALE, fits);
  if (scale < COARSEST_SCALE)
    throw new WeightsOverflow(
      `${requests} requests with ${people} people are too many for one solve: split the batch (by region)`,
    );
  return { perPerson: requests * scale + 1, scale };
}

/** A score as the solver's integer weight. */
export const weightOf = (score: number, scale = WEIGHT_SCALE) => Math.max(1, Math.round(score * scale));

/** A pair's weight: its party's people, then its score. */
export const pairWeight = (people: number, score: number, objective: Objective) =>
  people * objective.perPerson + weightOf(score, objective.scale);
