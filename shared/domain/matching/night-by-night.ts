import { type HeldBeds, type Nights, stayOf } from './nights.ts';
import { checkPair, type MatchOffer, type MatchRequest, partySize, remainingBeds } from './rules.ts';
import { scorePair } from './score.ts';
import { int, item, num } from './solver/arrays.ts';
import type { SolverOptions } from './solver/assign.ts';
import { CandidateSearch } from './solver/candidate-search.ts';
import { objectiveFor, pairWeight } from './solver/input.ts';
import { type ChosenPair, matchPool, type PoolMatch } from './solver/match-pool.ts';
import { countriesOf, type Pool, type PoolOffer, pairKey } from './solver/pool.ts';

/**
 * The solver gives each offer one number of beds for all the nights of its candidates, and a
 * single-party offer one party: it may seat one long stay where two shorter ones, one after the
 * other, would place more people. Rule 1 counts beds night by night, so this search then asks,
 * offer by offer, which stays the offer could hold together among its own parties and the
 * requests left without a place (docs/matching.md, "Night by night").
 */

/** Offers each request left without a place reads, best score first: its chance of a later stay. */
export const NIGHT_CANDIDATES = 24;
/** Passes over the offers: each keeps only a rise in the total, and the search ends at a pass that keeps nothing. */
const MAX_PASSES = 32;
/** Sets of parties one multi-party offer's search may try in one pass (a work budget, never a clock). */
const FILL_BUDGET = 2048;

const weightOf = (stays: readonly Stay[]) => stays.reduce((sum, stay) => sum + stay.weight, 0);
const asHeld = (stay: Stay): HeldBeds => ({ nights: stay.nights, beds: stay.people });

/** A party that could stay in an offer: the request, its nights there and its weight (people, then score). */
interface Stay {
  readonly request: number;
  readonly score: number;
  readonly weight: number;
  readonly people: number;
  readonly nights: Nights;
}

/**
 * The heaviest set of stays no two of which share a night (weighted interval scheduling,
 * exact): what a single-party offer can hold, one party after another.
 */
function bestSequence(stays: readonly Stay[]): Stay[] {
  const sorted = [...stays].sort((a, b) =>
    a.nights.to < b.nights.to ? -1 : a.nights.to > b.nights.to ? 1 : a.request - b.request,
  );
  const best = [0];
  const before: number[] = [];
  sorted.forEach((stay, j) => {
    // The stays ending by this one's arrival are a prefix of the sorted ones.
    let low = 0;
    let high = j;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (item(sorted, middle).nights.to <= stay.nights.from) low = middle + 1;
      else high = middle;
    }
    before.push(low);
    best.push(Math.max(num(best, j), stay.weight + num(best, low)));
  });
  const chosen: Stay[] = [];
  for (let j = sorted.length; j > 0; ) {
    if (num(best, j) === num(best, j - 1)) j--;
    else {
      chosen.push(item(sorted, j - 1));
      j = num(before, j - 1);
    }
  }
  return chosen;
}

/**
 * The heaviest set of stays a multi-party offer holds with every night within its beds (beside
 * the beds its proposals hold), found depth first, heaviest party first (so the first set tried
 * is the greedy one), pruned by the weight still to be had; better than `floor` or undefined.
 * Exact when the search ends within FILL_BUDGET sets.
 */
function bestFill(offer: MatchOffer, holds: readonly HeldBeds[], stays: readonly Stay[], floor: number) {
  const sorted = [...stays].sort((a, b) => b.weight - a.weight || a.request - b.request);
  // From each position on, the weight of every stay still to decide: the most a branch can add.
  const rest = new Array<number>(sorted.length + 1).fill(0);
  for (let i = sorted.length - 1; i >= 0; i--) rest[i] = item(sorted, i).weight + num(rest, i + 1);
  const held = [...holds];
  const taken: Stay[] = [];
  let best: Stay[] | undefined;
  let bestWeight = floor;
  let budget = FILL_BUDGET;
  const visit = (i: number, weight: number) => {
    if (weight > bestWeight) {
      bestWeight = weight;
      best = [...taken];
    }
    if (i === sorted.length || weight + num(rest, i) <= bestWeight || budget-- <= 0) return;
    const stay = item(sorted, i);
    if (remainingBeds(offer, held, stay.nights) >= stay.people) {
      held.push(asHeld(stay));
      taken.push(stay);
      visit(i + 1, weight + stay.weight);
      taken.pop();
      held.pop();
    }
    visit(i + 1, weight);
  };
  visit(0, 0);
  return best;
}

/** The pairs of one country after its offers were searched night by night; `moved` counts the changes kept. */
function improveCountry(pool: Pool, chosen: readonly ChosenPair[]): { pairs: ChosenPair[]; moved: number } {
  const objective = objectiveFor(
    pool.requests.length,
    pool.requests.reduce((sum, request) => sum + partySize(request), 0),
  );
  const offerCount = pool.offers.length;
  const candidates: Stay[][] = pool.offers.map(() => []);
  const seated: Stay[][] = pool.offers.map(() => []);
  const seatedAt = new Int32Array(pool.requests.length).fill(-1);
  const known = new Set<number>();
  // The offers each request could stay in, and the offers that have gained a request without a
  // place since their last search: only they can find a better set (others only lost some).
  const offersOf: number[][] = pool.requests.map(() => []);
  const changed = new Uint8Array(offerCount);
  const add = (request: number, offer: number, score: number) => {
    if (known.has(request * offerCount + offer)) return undefined;
    known.add(request * offerCount + offer);
    const target = item(pool.requests, request);
    const people = partySize(target);
    const stay: Stay = {
      request,
      score,
      people,
      weight: pairWeight(people, score, objective),
      nights: stayOf(target, item(pool.offers, offer).offer),
    };
    item(candidates, offer).push(stay);
    item(offersOf, request).push(offer);
    return stay;
  };
  const search = new CandidateSearch(pool);
  const read = new Uint8Array(pool.requests.length);
  // A request reads its offers once it is without a place: at the start, or when a better set displaces it.
  const leave = (request: number) => {
    if (read[request] === 0) {
      read[request] = 1;
      const from = search.pairs.length;
      search.extend(request, NIGHT_CANDIDATES, Number.NEGATIVE_INFINITY);
      for (let index = from; index < search.pairs.length; index++) {
        const pair = search.pairs.fields(index);
        add(pair.request, pair.offer, pair.score);
      }
    }
    for (const offer of item(offersOf, request)) changed[offer] = 1;
  };
  for (const pair of chosen) {
    const stay = add(pair.request, pair.offer, pair.score);
    if (stay) item(seated, pair.offer).push(stay);
    seatedAt[pair.request] = pair.offer;
  }
  for (let request = 0; request < pool.requests.length; request++)
    if (seatedAt[request] === -1) leave(request);
  let moved = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let kept = false;
    for (let offer = 0; offer < offerCount; offer++) {
      if (changed[offer] === 0) continue;
      changed[offer] = 0;
      const open = item(candidates, offer).filter((stay) => {
        const at = seatedAt[stay.request];
        return at === -1 || at === offer;
      });
      const current = item(seated, offer);
      if (open.length === current.length) continue;
      const { offer: record, holds } = item(pool.offers, offer);
      const floor = weightOf(current);
      let better: Stay[] | undefined;
      if (record.multipleParties) better = bestFill(record, holds, open, floor);
      else {
        const sequence = bestSequence(open);
        if (weightOf(sequence) > floor) better = sequence;
      }
      if (!better) continue;
      for (const stay of current) seatedAt[stay.request] = -1;
      for (const stay of better) seatedAt[stay.request] = offer;
      for (const stay of current) if (seatedAt[stay.request] === -1) leave(stay.request);
      seated[offer] = better;
      moved++;
      kept = true;
    }
    if (!kept) break;
  }
  if (moved === 0) return { pairs: [...chosen], moved };
  return { pairs: checkedPairs(pool, seated), moved };
}

/**
 * The pairs seated, each checked by the one definition of the rules against the offer's holds
 * and every other stay seated there: as the matcher writes them, one after another.
 */
function checkedPairs(pool: Pool, seated: readonly Stay[][]): ChosenPair[] {
  const pairs: ChosenPair[] = [];
  seated.forEach((stays, offer) => {
    const { offer: record, holds } = item(pool.offers, offer) as PoolOffer;
    for (const stay of stays) {
      const request: MatchRequest = item(pool.requests, stay.request);
      const others = stays.filter((other) => other !== stay).map(asHeld);
      const check = checkPair(record, request, {
        holds: [...holds, ...others],
        declined: pool.declined.has(pairKey(request.id, record.id)),
      });
      if (check.broken.length > 0)
        throw new Error(`the night-by-night search seated a pair that breaks ${check.broken}`);
      pairs.push({
        request: stay.request,
        offer,
        score: stay.score,
        remaining: check.remaining,
        scored: scorePair(record, request, check.distanceKm),
      });
    }
  });
  return pairs;
}

/** What one matching run proposes night by night, and how many offers' stays the search changed. */
export interface NightlyMatch extends PoolMatch {
  readonly moved: number;
}

/**
 * The proposals of one run with beds counted night by night (rule 1 as written): the solver's
 * set, then the search above. `exact` stays the solver's: the search keeps only what raises the
 * total, and proves nothing beyond.
 */
export function matchNightByNight(pool: Pool, options?: SolverOptions): NightlyMatch {
  const solved = matchPool(pool, options);
  const parts = countriesOf(pool);
  // Where each request and offer sits in its country's part.
  const partOf = new Int32Array(pool.requests.length);
  const requestAt = new Int32Array(pool.requests.length);
  const offerAt = new Int32Array(pool.offers.length);
  parts.forEach((part, index) => {
    part.requests.forEach((request, at) => {
      partOf[request] = index;
      requestAt[request] = at;
    });
    part.offers.forEach((offer, at) => {
      offerAt[offer] = at;
    });
  });
  const local: ChosenPair[][] = parts.map(() => []);
  for (const pair of solved.chosen)
    item(local, int(partOf, pair.request)).push({
      ...pair,
      request: int(requestAt, pair.request),
      offer: int(offerAt, pair.offer),
    });
  const chosen: ChosenPair[] = [];
  let moved = 0;
  parts.forEach((part, index) => {
    const improved = improveCountry(part.pool, item(local, index));
    moved += improved.moved;
    for (const pair of improved.pairs)
      chosen.push({
        ...pair,
        request: num(part.requests, pair.request),
        offer: num(part.offers, pair.offer),
      });
  });
  if (moved === 0) return { ...solved, moved };
  const people = chosen.reduce((sum, pair) => sum + partySize(item(pool.requests, pair.request)), 0);
  const total = chosen.reduce((sum, pair) => sum + pair.scored.score, 0);
  return { ...solved, chosen, people, total, moved };
}
