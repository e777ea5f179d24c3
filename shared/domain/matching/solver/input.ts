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
/** The cost of leaving a request unassigned, above any edge's: every edge cost stays positive. */
export const UNASSIGNED_COST = WEIGHT_SCALE + 1;

/** A score as the solver's integer weight. */
export const weightOf = (score: number) => Math.max(1, Math.round(score * WEIGHT_SCALE));
