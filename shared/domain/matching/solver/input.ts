/** A feasible pair the solver may choose, by index into the input's requests and offers. */
export interface CandidateEdge {
  readonly request: number;
  readonly offer: number;
  /** In (0, 1]. */
  readonly score: number;
}

/** What the solver is given: the parties, the beds and the feasible pairs of one batch. */
export interface AssignmentInput {
  /** Party size of each request. */
  readonly partySizes: ArrayLike<number>;
  /** Beds each offer can still give to this batch (on the nights that matter). */
  readonly offerBeds: ArrayLike<number>;
  readonly offerMultipleParties: ArrayLike<boolean>;
  readonly edges: readonly CandidateEdge[];
}

/** Scores become integer weights in millionths, so that sums are exact and compare with SciPy's. */
export const WEIGHT_SCALE = 1_000_000;

/** A score as the solver's integer weight. */
export const weightOf = (score: number) => Math.max(1, Math.round(score * WEIGHT_SCALE));

/**
 * The weight of one person placed, for a batch of this many requests: more than the highest
 * total of scores the batch could reach (each request adds at most WEIGHT_SCALE), so that one
 * more person placed outweighs any gain in score. With pairWeight this is PRODUCT.md's
 * objective, exactly, in one integer per pair: the most people placed, then the highest total
 * score among such sets. Sums stay exact integers while people × perPerson is below 2^53
 * (a country of 20,000 requests and 60,000 people reaches 1.2e15 of the 9e15).
 */
export const personWeight = (requests: number) => requests * WEIGHT_SCALE + 1;

/** A pair's weight: its party's people, then its score. */
export const pairWeight = (people: number, score: number, perPerson: number) =>
  people * perPerson + weightOf(score);
