import { checkPair, type HardRule, type MatchRequest, partySize } from '../rules.ts';
import { type Score, scorePair } from '../score.ts';
import { float, int, item, num } from './arrays.ts';
import { type AssignmentResult, assign, type SolverOptions } from './assign.ts';
import { CandidateSearch } from './candidate-search.ts';
import type { AssignmentInput } from './input.ts';
import type { PairTable } from './pair-table.ts';
import { type CandidatePair, countedOf, countriesOf, type Pool, pairKey } from './pool.ts';
import { offerDualsFor, priceOf, Relaxation, readOn } from './relaxation.ts';

/** How many candidates each request looks for before the solver's duals say whether it needs more. */
const FIRST_CANDIDATES = 12;
/**
 * Times the multi-party search may ask for pairs it could use and run again: twice in countries
 * of up to SECOND_PRICING_REQUESTS requests, once in larger ones. On the benchmark's M the second
 * round adds 0.008 to 0.05 of score per country; in the national pool's largest country (41,230
 * requests) it added 0.014 of 38,215 for a seventh of the country's time, one more search over
 * a component of 95,000 nodes.
 */
const SEATED_PRICING_ROUNDS = 2;
export const SECOND_PRICING_REQUESTS = 2500;

/**
 * The solver's options, and above how many requests a country prices once
 * (SECOND_PRICING_REQUESTS) and reads no margin (MARGIN_REQUESTS): a test lowers them.
 */
export interface MatchPoolOptions extends SolverOptions {
  readonly secondPricingRequests?: number;
  readonly marginRequests?: number;
}
/** The share of the total a pricing round must be able to add (by its pairs' prices), and then add, to run. */
const PRICING_GAIN = 1e-4;
/**
 * How far below its seated dual, in score, a pair of a party the unproven search seated in a
 * multi-party offer is still read (see seatedPrices), in countries of up to MARGIN_REQUESTS
 * requests: there it costs little (on the benchmark's S pool, 3 % more pairs) and found the
 * optimum; in larger ones it read 35 % more pairs for 0.0002 % more score (L).
 */
const UNPROVEN_MARGIN = 0.1;
const MARGIN_REQUESTS = 2500;

/**
 * The solver's input for the pool's pairs. An offer's beds for the batch are the fewest it has
 * left on the nights of any of its candidates: a conservative cut that never overbooks.
 */
export function assignmentInput(pool: Pool, pairs: PairTable): AssignmentInput {
  const offerBeds = pool.offers.map(({ offer }) => offer.beds);
  for (let index = 0; index < pairs.length; index++) {
    const offer = int(pairs.offer, index);
    offerBeds[offer] = Math.min(num(offerBeds, offer), int(pairs.remaining, index));
  }
  return {
    partySizes: pool.requests.map(partySize),
    offerBeds,
    offerMultipleParties: pool.offers.map(({ offer }) => offer.multipleParties),
    edges: pairs,
    counted: countedOf(pool),
  };
}

/** Every feasible pair of the pool (no early stop): for tests and for pools small enough not to care. */
export function allCandidatePairs(pool: Pool): { pairs: PairTable; pairsExamined: number } {
  const search = new CandidateSearch(pool);
  for (let request = 0; request < pool.requests.length; request++)
    search.extend(request, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
  return { pairs: search.pairs, pairsExamined: search.pairsExamined };
}

export interface ChosenPair extends CandidatePair {
  readonly scored: Score;
}

/**
 * A pair a solve chose that the one definition of the rules refuses: a bug in the solve. It is
 * left out, never proposed, and reported for the matcher to log (the domain does no logging).
 */
export interface Breach {
  readonly country: string;
  readonly requestId: string;
  readonly offerId: string;
  readonly broken: readonly HardRule[];
  /** Which step chose it: the solver's assignment, or the night-by-night search after it. */
  readonly by: 'solver' | 'search';
}

/** What one matching run proposes, and what it took. */
export interface PoolMatch {
  /** The proposals: pairs as indexes into the pool's requests and offers. */
  readonly chosen: ChosenPair[];
  /** People placed by the chosen pairs: the first aim. */
  readonly people: number;
  /** The sum of the chosen pairs' scores: the second aim, among sets placing as many people. */
  readonly total: number;
  /** Whether no set of pairs places more people, or as many with a higher total (see AssignmentResult.exact). */
  readonly exact: boolean;
  /**
   * A proven upper bound, summed over countries (each its solver's bound: see
   * AssignmentResult.bound), in the model `exact` speaks of: one stay per offer, each offer's beds
   * for the batch the fewest any of its pairs leaves beside its holds. No such set of pairs places
   * more than `people` people, and where a country's result places its bound's people, none of the
   * sets that do scores above its part of `total`. Equal to the result's when `exact`; on an
   * unproven pool, the most it may fall short. Not a bound night by night (rule 1 as written):
   * there `matchNightByNight` may seat more, later stays and other nights' free beds.
   */
  readonly bound: { readonly people: number; readonly total: number };
  readonly pairsExamined: number;
  readonly candidates: number;
  /** Candidate rounds of the country that needed the most. */
  readonly rounds: number;
  readonly components: number;
  readonly largestComponent: number;
  /** Pairs chosen that break a rule, left out of `chosen`: none unless the solve has a bug. */
  readonly breaches: readonly Breach[];
}

/**
 * The proposals of one run: under every hard rule, the set of pairs that places the most
 * people, with the highest total score among such sets. No pair crosses a
 * border (rule 4), so each country is matched alone: its own rounds, stopping when it is done,
 * and structures the size of one country rather than of the pool.
 */
export function matchPool(pool: Pool, options?: MatchPoolOptions): PoolMatch {
  const chosen: ChosenPair[] = [];
  let people = 0;
  let total = 0;
  let exact = true;
  let boundPeople = 0;
  let boundTotal = 0;
  let pairsExamined = 0;
  let candidates = 0;
  let rounds = 0;
  let components = 0;
  let largestComponent = 0;
  const breaches: Breach[] = [];
  for (const part of countriesOf(pool)) {
    const matched = matchCountry(part.pool, options);
    for (const pair of matched.chosen)
      chosen.push({
        ...pair,
        request: num(part.requests, pair.request),
        offer: num(part.offers, pair.offer),
      });
    if (matched.breaches.length === 0) {
      people += matched.solver.people;
      total += matched.solver.total;
    } else {
      // The solver counted the pairs left out: count what is proposed.
      breaches.push(...matched.breaches);
      for (const pair of matched.chosen) {
        people += partySize(item(part.pool.requests, pair.request));
        total += pair.scored.score;
      }
    }
    exact &&= matched.solver.exact;
    // The bound is one weight: people times the weight of a person, plus the score in its units.
    const { perPerson, scale } = matched.objective;
    const placeable = Math.floor(matched.solver.bound / perPerson);
    boundPeople += placeable;
    boundTotal += (matched.solver.bound - placeable * perPerson) / scale;
    pairsExamined += matched.pairsExamined;
    candidates += matched.candidates;
    rounds = Math.max(rounds, matched.rounds);
    components += matched.solver.components;
    largestComponent = Math.max(largestComponent, matched.solver.largestComponent);
  }
  return {
    chosen,
    people,
    total,
    exact,
    bound: { people: boundPeople, total: boundTotal },
    pairsExamined,
    candidates,
    rounds,
    components,
    largestComponent,
    breaches,
  };
}

/**
 * The prices a pricing round reads pairs against: each request's seated dual, which prices pairs
 * for the cutting the search settled on only. Unproven, another cutting may serve better, and a
 * party it moves out of a multi-party offer then takes a pair just below its dual (on the
 * benchmark's S pool: its 13th best, 0.05 below): the parties seated in multi-party offers read
 * `margin` lower.
 */
function seatedPrices(pool: Pool, pairs: PairTable, solver: AssignmentResult, margin: number): Float64Array {
  const prices = solver.seatedDuals.slice();
  if (solver.exact) return prices;
  for (const index of solver.edges) {
    const request = int(pairs.request, index);
    if (item(pool.offers, int(pairs.offer, index)).offer.multipleParties)
      prices[request] = float(prices, request) - margin;
  }
  return prices;
}

/**
 * The proposals for the pool of one country. Each request first gets its few best candidates;
 * the relaxation's greatest request duals then tell which requests could still gain from an
 * offer they have not looked at, and those read on until nothing unread could (a candidate
 * round); the relaxation is updated, not solved again, between rounds. When no request can
 * gain, the optimum over the candidates read is the optimum over all pairs for single-party
 * offers, and for multi-party offers that of the relaxation only: the multi-party search then
 * prices left-out pairs against its own seated duals (a pricing round).
 */
function matchCountry(pool: Pool, options: MatchPoolOptions | undefined) {
  const search = new CandidateSearch(pool);
  for (let request = 0; request < pool.requests.length; request++)
    search.extend(request, FIRST_CANDIDATES, Number.NEGATIVE_INFINITY);
  const relaxation = new Relaxation(pool);
  let rounds = 0;
  for (;;) {
    rounds++;
    const before = search.pairs.length;
    relaxation.update(search.pairs);
    const duals = relaxation.solver.greatestDuals();
    readOn(search, relaxation, duals.rows, FIRST_CANDIDATES * 2 ** rounds, duals.columns);
    if (search.pairs.length === before) break;
  }
  // The seated search's own duals then show pairs the cuttings it settled on could use that
  // the relaxation did not ask for (a small party for a multi-party offer's leftover beds):
  // every pair priced above its request's seated dual is read, and the search runs again,
  // while what those pairs could add is worth it.
  let input = assignmentInput(pool, search.pairs);
  let solver: AssignmentResult = assign(input, {
    ...options,
    relaxedRoot: relaxation.solver.assignment(),
    relaxedDuals: relaxation.solver.keptDuals(),
  });
  // The limits count the requests left out of the pool too (countedOf): its pairs are then the
  // whole pool's.
  const { requests: counted } = countedOf(pool);
  const secondPricing = options?.secondPricingRequests ?? SECOND_PRICING_REQUESTS;
  const pricingRounds = counted <= secondPricing ? SEATED_PRICING_ROUNDS : 1;
  const marginUpTo = options?.marginRequests ?? MARGIN_REQUESTS;
  for (let pricing = 0; pricing < pricingRounds; pricing++) {
    const before = search.pairs.length;
    const offerDuals = offerDualsFor(search.pairs, relaxation, solver.seatedDuals);
    const margin = counted <= marginUpTo ? UNPROVEN_MARGIN * relaxation.objective.scale : 0;
    const prices = seatedPrices(pool, search.pairs, solver, margin);
    readOn(search, relaxation, prices, Number.POSITIVE_INFINITY, offerDuals);
    // Prices are in weights: a pair that could place one more person always counts.
    if (priceOf(search.pairs, before, relaxation, prices) <= PRICING_GAIN * solver.total) break;
    rounds++;
    relaxation.update(search.pairs);
    input = assignmentInput(pool, search.pairs);
    const previous = solver;
    solver = assign(input, {
      ...options,
      relaxedRoot: relaxation.solver.assignment(),
      relaxedDuals: relaxation.solver.keptDuals(),
      start: solver.edges,
      seatedStart: solver,
      // The last search's seated duals would price nothing.
      seatedDuals: pricing + 1 < pricingRounds,
    });
    // Another round is worth its time only while the last one still found something.
    if ((solver.weight - previous.weight) / relaxation.objective.scale <= PRICING_GAIN * previous.total)
      break;
  }
  // The search applies the rules its own way, for speed; what it proposes passes the one
  // definition, and a pair that would not is left out rather than fail the country's every pair.
  const chosen: ChosenPair[] = [];
  const breaches: Breach[] = [];
  for (const index of solver.edges) {
    const pair = search.pairs.fields(index);
    const { offer, holds } = item(pool.offers, pair.offer);
    const request: MatchRequest = item(pool.requests, pair.request);
    const { broken, distanceKm } = checkPair(offer, request, {
      holds,
      declined: pool.declined.has(pairKey(request.id, offer.id)),
    });
    if (broken.length > 0)
      breaches.push({
        country: offer.country,
        requestId: request.id,
        offerId: offer.id,
        broken,
        by: 'solver',
      });
    else chosen.push({ ...pair, scored: scorePair(offer, request, distanceKm) });
  }
  return {
    chosen,
    breaches,
    pairsExamined: search.pairsExamined,
    candidates: search.pairs.length,
    rounds,
    solver,
    objective: relaxation.objective,
  };
}
