import { type HeldBeds, type Nights, overlaps, stayOf } from './nights.ts';
import {
  checkPair,
  type MatchOffer,
  type MatchRequest,
  type PairCheck,
  partySize,
  remainingBeds,
} from './rules.ts';
import { scorePair } from './score.ts';
import { byte, float, int, item, num } from './solver/arrays.ts';
import { CandidateSearch } from './solver/candidate-search.ts';
import { objectiveFor, pairWeight } from './solver/input.ts';
import {
  type Breach,
  type ChosenPair,
  type MatchPoolOptions,
  matchPool,
  type PoolMatch,
} from './solver/match-pool.ts';
import {
  type CandidatePair,
  countedOf,
  countriesOf,
  type Pool,
  type PoolOffer,
  pairKey,
} from './solver/pool.ts';

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
/** The most sets one fill visits: each within the budget branches in two, the others end there. */
const FILL_VISITS = 2 * FILL_BUDGET + 1;
/** Offers one chain may re-seat: a party without a place moves in, what it displaces moves on, and so on. */
const CHAIN_DEPTH = 4;
/**
 * Work one pass of chains may do, counted in stays looked at: each offer a chain tries reads its
 * candidates and parties, then schedules or fills them (a work budget, never a clock). A try
 * starts only when the most it can cost fits in what is left.
 */
export const CHAIN_PASS_BUDGET = 2 ** 18;
/**
 * Work one request's chain may do, counted the same way: a pass of the full budget gives several
 * requests their turn. A smaller pass budget (NightlyOptions) binds first, and one chain may then
 * spend its whole pass.
 */
const CHAIN_BUDGET = 2 ** 16;
/**
 * Moves from seated parties, which only raise the score: offers one may re-seat (a party moves
 * up, what it displaces moves on: swaps and pushes), the work one may do, the passes of them a
 * country may have, and the most requests such a country has (docs/matching.md, "Night by night":
 * deeper, longer or in larger countries they cost more time than their score was worth).
 */
const SEATED_DEPTH = 2;
const SEATED_CHAIN_BUDGET = 2 ** 14;
const SEATED_PASSES = 4;
const SEATED_MOST_REQUESTS = 2048;

/**
 * The solver's options; above how many requests a country has no seated moves
 * (SEATED_MOST_REQUESTS; a test lowers it); and the work one pass of chains may do.
 */
export interface NightlyOptions extends MatchPoolOptions {
  readonly seatedMostRequests?: number;
  /**
   * The work one pass of chains may do (CHAIN_PASS_BUDGET unless given, at most that): the
   * matcher's stream runs give less (shared/matching/matcher.ts, MatcherOptions).
   */
  readonly chainPassBudget?: number;
}

const weightOf = (stays: readonly Stay[]) => stays.reduce((sum, stay) => sum + stay.weight, 0);
const asHeld = (stay: Stay): HeldBeds => ({ nights: stay.nights, beds: stay.people });

/** One offer's parties replaced by these stays. */
interface Reseat {
  readonly offer: number;
  readonly stays: Stay[];
}

/** Offers re-seated one after another, and what they add to the total weight. */
interface Chain {
  readonly gain: number;
  readonly moves: Reseat[];
}

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
 * Exact when the search ends within FILL_BUDGET sets; `visits` is its work, at most
 * FILL_VISITS.
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
  let visits = 0;
  const visit = (i: number, weight: number) => {
    visits++;
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
  return { best, visits };
}

/** What one country proposes, and the pairs left out because they break a rule (a bug). */
interface SettledCountry {
  readonly pairs: ChosenPair[];
  readonly breaches: Breach[];
  /** Whether the search's set broke a rule and the country proposes the solver's instead. */
  readonly fellBack: boolean;
}

/**
 * The search's work, counted in stays looked at (each candidate read, scheduled or filled, each
 * set a fill visits): what bounds its time, beside each request's one reading of its offers.
 */
export interface SearchWork {
  /** The offers' searches, pass after pass. */
  readonly passes: number;
  /** Each pass of chains, country after country: none does more than its budget (CHAIN_PASS_BUDGET at most). */
  readonly chains: readonly number[];
}

/**
 * The most work the search may do on a pool, as SearchWork counts it: in each country at most
 * MAX_PASSES passes over the offers, each reading every candidate (a request's solver pair and
 * its NIGHT_CANDIDATES offers) and scheduling or filling every offer once, and as many passes of
 * chains. A bound by construction, whatever the pool's dates or scarcity.
 */
export function searchWorkBound(pool: Pool): number {
  const stays = pool.requests.length * (NIGHT_CANDIDATES + 1);
  const pass = 2 * stays + pool.offers.length * FILL_VISITS;
  return MAX_PASSES * (pass + countriesOf(pool).length * CHAIN_PASS_BUDGET);
}

/** The pairs of one country after its offers were searched night by night; `moved` counts the changes kept. */
function improveCountry(
  pool: Pool,
  chosen: readonly ChosenPair[],
  seatedMostRequests: number,
  passBudget: number,
): SettledCountry & { moved: number; work: SearchWork } {
  // The weights and the limit count the requests left out of the pool too (countedOf): its
  // pairs are then the whole pool's.
  const counted = countedOf(pool);
  const objective = objectiveFor(counted.requests, counted.people);
  const offerCount = pool.offers.length;
  const candidates: Stay[][] = pool.offers.map(() => []);
  const seated: Stay[][] = pool.offers.map(() => []);
  const seatedAt = new Int32Array(pool.requests.length).fill(-1);
  const known = new Set<number>();
  // The offers each request could stay in, with its stay there, and the offers that have gained
  // a request without a place since their last search: only they can find a better set (others
  // only lost some).
  const placesOf: { offer: number; stay: Stay }[][] = pool.requests.map(() => []);
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
    item(placesOf, request).push({ offer, stay });
    return stay;
  };
  const search = new CandidateSearch(pool);
  // How many offers each request has read, whether it has read all it may, and whether, seated,
  // it has read those that score it above its seat.
  const readCount = new Uint8Array(pool.requests.length);
  const readAll = new Uint8Array(pool.requests.length);
  const readUp = new Uint8Array(pool.requests.length);
  const readFrom = (request: number, k: number, floor: number) => {
    const from = search.pairs.length;
    search.extend(request, k, floor);
    for (let index = from; index < search.pairs.length; index++) {
      const pair = search.pairs.fields(index);
      add(pair.request, pair.offer, pair.score);
    }
    readCount[request] = byte(readCount, request) + search.pairs.length - from;
  };
  // A request reads its offers once it is without a place (at the start, or when a better set
  // displaces it), or once a chain would move it on: its NIGHT_CANDIDATES best, those it read
  // above its seat before among them (they are its best).
  const readOffers = (request: number) => {
    if (readAll[request] === 1) return;
    readAll[request] = 1;
    const left = NIGHT_CANDIDATES - byte(readCount, request);
    if (left > 0) readFrom(request, left, Number.NEGATIVE_INFINITY);
  };
  /**
   * A seated party's offers that score it above its seat, the best NIGHT_CANDIDATES of them: all a
   * move from its seat starts in. Most parties have none, and the search stops at once.
   */
  const readAbove = (request: number, score: number) => {
    if (readAll[request] === 1 || readUp[request] === 1) return;
    readUp[request] = 1;
    readFrom(request, NIGHT_CANDIDATES, score);
  };
  const leave = (request: number) => {
    readOffers(request);
    for (const { offer } of item(placesOf, request)) changed[offer] = 1;
  };
  /** The offers' parties replaced; those left without a place read their offers. */
  const apply = (moves: readonly Reseat[]) => {
    for (const { offer } of moves) for (const stay of item(seated, offer)) seatedAt[stay.request] = -1;
    for (const { offer, stays } of moves) for (const stay of stays) seatedAt[stay.request] = offer;
    for (const { offer } of moves)
      for (const stay of item(seated, offer)) if (seatedAt[stay.request] === -1) leave(stay.request);
    for (const { offer, stays } of moves) seated[offer] = stays;
  };
  let passWork = 0;
  const chainWork: number[] = [];
  // What the current pass of chains and the current chain may still spend; once a try finds
  // either short, that pass or chain ends.
  let passLeft = 0;
  let chainLeft = 0;
  let passCut = false;
  let chainCut = false;
  // The requests whose chains tried each offer in the last pass of chains, in turn: where a chain
  // that changes an offer may have opened the way for another (`origin` is the chain tried now).
  let triedBy: number[][] = [];
  let origin = -1;
  const spend = (units: number) => {
    passLeft -= units;
    chainLeft -= units;
  };
  /**
   * This offer's heaviest set with `stay` moved in, among its parties and its candidates without
   * a place outside `used` (a chain seats each request once), or undefined when the stay does not
   * fit even alone or the pass of chains cannot afford the try.
   */
  const withStay = (offer: number, stay: Stay, used: ReadonlySet<number>): Stay[] | undefined => {
    const { offer: record, holds } = item(pool.offers, offer);
    const looked = item(candidates, offer).length + item(seated, offer).length;
    const most = looked + (record.multipleParties ? FILL_VISITS : looked);
    if (most > passLeft) passCut = true;
    else if (most > chainLeft) chainCut = true;
    if (passCut || chainCut) return undefined;
    spend(looked);
    if (origin !== -1) {
      const tried = item(triedBy, offer);
      if (tried.at(-1) !== origin) tried.push(origin);
    }
    const choices = [
      ...item(seated, offer),
      ...item(candidates, offer).filter(
        (other) =>
          seatedAt[other.request] === -1 && other.request !== stay.request && !used.has(other.request),
      ),
    ];
    if (!record.multipleParties) {
      spend(choices.length);
      return [...bestSequence(choices.filter((other) => !overlaps(other.nights, stay.nights))), stay];
    }
    if (remainingBeds(record, holds, stay.nights) < stay.people) return undefined;
    const fill = bestFill(record, [...holds, asHeld(stay)], choices, -1);
    spend(fill.visits);
    return [...(fill.best ?? []), stay];
  };
  /**
   * The chain that gains most by seating this request in one of its offers other than `from`
   * and outside `frozen` (the chain's offers so far) where it scores above `above`, with parties
   * without a place beside it: what the offer then displaces moves on, up to `depth` offers deep,
   * or is left without a place.
   */
  const bestChain = (
    request: number,
    from: number,
    depth: number,
    frozen: ReadonlySet<number>,
    used: ReadonlySet<number>,
    above = Number.NEGATIVE_INFINITY,
  ): Chain | undefined => {
    let best: Chain | undefined;
    for (const { offer, stay } of item(placesOf, request)) {
      if (passCut || chainCut) break;
      if (offer === from || frozen.has(offer) || stay.score <= above) continue;
      const kept = withStay(offer, stay, used);
      if (!kept) continue;
      const current = item(seated, offer);
      const displaced = current.filter((other) => !kept.includes(other));
      let gain = weightOf(kept) - weightOf(current);
      const moves: Reseat[] = [{ offer, stays: kept }];
      if (depth > 1 && displaced.length > 0) {
        const taken = new Set([...frozen, offer]);
        const seatedNow = new Set([...used, ...kept.map((other) => other.request)]);
        for (const other of displaced) {
          readOffers(other.request);
          const next = bestChain(other.request, offer, depth - 1, taken, seatedNow);
          if (!next || next.gain <= 0) continue;
          gain += next.gain;
          moves.push(...next.moves);
          for (const move of next.moves) {
            taken.add(move.offer);
            for (const party of move.stays) seatedNow.add(party.request);
          }
        }
      }
      if (!best || gain > best.gain) best = { gain, moves };
    }
    return best;
  };
  // Where the next pass of chains starts: after the request at which the last one was cut short,
  // so that every request without a place gets its turn over the passes.
  let nextChain = 0;
  /**
   * Chains from each request without a place, kept where they raise the total: how many offers
   * they re-seat, and whether every request had its turn within the budget.
   */
  const chainPass = () => {
    passLeft = passBudget;
    passCut = false;
    triedBy = pool.offers.map(() => []);
    let reseated = 0;
    const count = pool.requests.length;
    for (let turns = 0; turns < count && !passCut; turns++) {
      const request = (nextChain + turns) % count;
      if (seatedAt[request] !== -1) continue;
      const before = passLeft;
      chainLeft = CHAIN_BUDGET;
      chainCut = false;
      // A chain cut short keeps the best it found within its budget. A pass cut short starts the
      // next after its last chain, or at it when it could not try one offer after the others.
      origin = request;
      const chain = bestChain(request, -1, CHAIN_DEPTH, new Set(), new Set());
      origin = -1;
      if (passCut) nextChain = passLeft === before && before < passBudget ? request : (request + 1) % count;
      if (!chain || chain.gain <= 0) continue;
      apply(chain.moves);
      reseated += chain.moves.length;
    }
    chainWork.push(passBudget - passLeft);
    return { reseated, complete: !passCut };
  };
  // Where the next pass of pairs starts, and how many requests' turns are left in its round: a
  // round gives each request its turn once, over as many passes as its budget takes.
  let nextPair = 0;
  let pairTurns = 0;
  /**
   * Pairs of chains, once a pass of chains went through every request without a place and kept
   * nothing: each such request's best chain, though it gains nothing, is made for a moment, and
   * kept when a chain then found gains more than it lost, from a request it left without a place
   * or one whose chain in that pass tried an offer it changed (the others' chains are as before).
   */
  const pairPass = () => {
    passLeft = passBudget;
    passCut = false;
    let reseated = 0;
    const count = pool.requests.length;
    if (pairTurns === 0) pairTurns = count;
    while (pairTurns > 0 && !passCut) {
      const request = nextPair;
      nextPair = (request + 1) % count;
      pairTurns--;
      if (seatedAt[request] !== -1) continue;
      const before = passLeft;
      chainLeft = CHAIN_BUDGET;
      chainCut = false;
      const first = bestChain(request, -1, CHAIN_DEPTH, new Set(), new Set());
      if (passCut) {
        // Its turn again in the next pass, unless it had every offer of a pass and was cut short.
        if (passLeft === before && before < passBudget) {
          nextPair = request;
          pairTurns++;
        }
        break;
      }
      if (!first) continue;
      const undo = first.moves.map(({ offer }) => ({ offer, stays: item(seated, offer) }));
      const left = undo.flatMap(({ stays }) => stays.map((stay) => stay.request));
      const leftSet = new Set(left);
      apply(first.moves);
      const followers = [
        ...left.filter((other) => seatedAt[other] === -1),
        ...[...new Set(first.moves.flatMap(({ offer }) => item(triedBy, offer)))]
          .sort((a, b) => a - b)
          .filter((other) => other !== request && seatedAt[other] === -1 && !leftSet.has(other)),
      ];
      let kept = first.gain > 0;
      for (const next of followers) {
        if (kept || passCut) break;
        chainLeft = CHAIN_BUDGET;
        chainCut = false;
        const second = bestChain(next, -1, CHAIN_DEPTH, new Set(), new Set());
        if (!second || first.gain + second.gain <= 0) continue;
        apply(second.moves);
        reseated += second.moves.length;
        kept = true;
      }
      if (!kept) {
        apply(undo);
        continue;
      }
      reseated += first.moves.length;
    }
    chainWork.push(passBudget - passLeft);
    if (reseated > 0) pairTurns = 0;
    return { reseated, complete: pairTurns === 0 };
  };
  /** The score of a seated party's stay where it is seated. */
  const seatScore = (request: number) => {
    const offer = int(seatedAt, request);
    return item(placesOf, request).find((place) => place.offer === offer)?.stay.score ?? 0;
  };
  /** The most a seated party's score could rise by moving to another of its offers (0: none scores higher). */
  const rise = (request: number) => {
    const own = seatScore(request);
    let most = 0;
    for (const place of item(placesOf, request)) most = Math.max(most, place.stay.score - own);
    return most;
  };
  // The seated parties whose turn is still to come in this round of moves from seated parties,
  // greatest rise first, and whether the round has kept something (then chains and pairs look again).
  let seatedOrder: number[] = [];
  let seatedNext = 0;
  let seatedKept = false;
  /**
   * Chains from parties already seated, once chains and pairs keep nothing: each party that some
   * other of its offers scores higher leaves its offer for a moment and seeks a chain from there
   * that starts in such an offer, as a request without a place would, its own offer open to the
   * parties the chain moves on (so two parties may swap). Kept when the chain gains more than
   * the party's stay was worth, which, people first, cannot lose anyone; or else the party goes
   * back. Of moves that keep the same parties placed and raise the score, at least one moves to
   * an offer that scores it higher: the chain from that one finds them. The parties that could
   * gain most have their turn first, so that a round cut short by the budget spent it well.
   */
  const seatedPass = () => {
    passLeft = passBudget;
    passCut = false;
    let reseated = 0;
    if (seatedNext === seatedOrder.length) {
      const parties: number[] = [];
      const rises = new Float64Array(pool.requests.length);
      for (let request = 0; request < pool.requests.length; request++) {
        const offer = int(seatedAt, request);
        if (offer === -1) continue;
        readAbove(request, seatScore(request));
        rises[request] = rise(request);
        if (float(rises, request) > 0) parties.push(request);
      }
      seatedOrder = parties.sort((a, b) => float(rises, b) - float(rises, a) || a - b);
      seatedNext = 0;
      seatedKept = false;
    }
    while (seatedNext < seatedOrder.length && !passCut) {
      const request = num(seatedOrder, seatedNext++);
      const offer = int(seatedAt, request);
      if (offer === -1) continue;
      const stays = item(seated, offer);
      const own = item(
        stays,
        stays.findIndex((stay) => stay.request === request),
      );
      const before = passLeft;
      chainLeft = SEATED_CHAIN_BUDGET;
      chainCut = false;
      // Left without a place for the chain's search only: no offer gained a request for good.
      seated[offer] = stays.filter((stay) => stay !== own);
      seatedAt[request] = -1;
      const chain = bestChain(request, offer, SEATED_DEPTH, new Set(), new Set(), own.score);
      // Its turn again in the next pass when it had not one offer of this one.
      if (passCut && passLeft === before && before < passBudget) seatedNext--;
      if (!chain || chain.gain <= own.weight) {
        seated[offer] = stays;
        seatedAt[request] = offer;
        continue;
      }
      apply(chain.moves);
      // Its beds freed, the offer may now seat a candidate without a place.
      changed[offer] = 1;
      reseated += chain.moves.length;
      seatedKept = true;
    }
    chainWork.push(passBudget - passLeft);
    return { reseated, complete: seatedNext === seatedOrder.length, kept: seatedKept };
  };
  for (const pair of chosen) {
    const stay = add(pair.request, pair.offer, pair.score);
    if (stay) item(seated, pair.offer).push(stay);
    seatedAt[pair.request] = pair.offer;
  }
  for (let request = 0; request < pool.requests.length; request++)
    if (seatedAt[request] === -1) leave(request);
  let moved = 0;
  // What each round's pass beside the offers' is: chains until a pass of them went through every
  // request without a place and kept nothing, with nothing kept since; then pairs, until a round
  // of them keeps nothing; then chains from seated parties, until a round of them keeps nothing.
  let stage: 'chains' | 'pairs' | 'seated' = 'chains';
  let seatedPasses = 0;
  const seatedLeft = () => seatedPasses < SEATED_PASSES && counted.requests <= seatedMostRequests;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let kept = false;
    for (let offer = 0; offer < offerCount; offer++) {
      if (changed[offer] === 0) continue;
      changed[offer] = 0;
      passWork += item(candidates, offer).length;
      const open = item(candidates, offer).filter((stay) => {
        const at = seatedAt[stay.request];
        return at === -1 || at === offer;
      });
      const current = item(seated, offer);
      if (open.length === current.length) continue;
      const { offer: record, holds } = item(pool.offers, offer);
      const floor = weightOf(current);
      let better: Stay[] | undefined;
      if (record.multipleParties) {
        const fill = bestFill(record, holds, open, floor);
        passWork += fill.visits;
        better = fill.best;
      } else {
        passWork += open.length;
        const sequence = bestSequence(open);
        if (weightOf(sequence) > floor) better = sequence;
      }
      if (!better) continue;
      apply([{ offer, stays: better }]);
      moved++;
      kept = true;
    }
    // A pass of chains, pairs or seated parties cut short goes on in the next round, after a pass
    // over the offers. Each comes only once those before it keep nothing: until then the search
    // is as without it, so it only ever adds.
    if (kept) stage = 'chains';
    else if (stage === 'chains') {
      const chains = chainPass();
      moved += chains.reseated;
      if (chains.reseated === 0 && chains.complete) stage = 'pairs';
      kept = true;
    } else if (stage === 'pairs') {
      const pairs = pairPass();
      moved += pairs.reseated;
      if (pairs.reseated > 0) stage = 'chains';
      else if (pairs.complete) stage = 'seated';
      // Moves from seated parties gain least for their time: a few passes, none in a large country.
      kept = pairs.reseated > 0 || !pairs.complete || seatedLeft();
    } else {
      if (!seatedLeft()) break;
      seatedPasses++;
      const moves = seatedPass();
      moved += moves.reseated;
      if (moves.complete) stage = 'chains';
      kept = !moves.complete || moves.kept;
    }
    if (!kept) break;
  }
  const searched =
    moved === 0
      ? undefined
      : seated.flatMap((stays, offer) => stays.map(({ request, score }) => ({ request, offer, score })));
  const settled = settleCountry(pool, chosen, searched);
  return {
    ...settled,
    moved: settled.fellBack ? 0 : moved,
    work: { passes: passWork, chains: chainWork },
  };
}

/**
 * Pairs checked by the one definition of the rules, offer by offer in their order, each against
 * the offer's holds and the stays kept there before it, as the matcher writes them one after
 * another (a set that passes so passes each pair against every other stay too: the last pair
 * kept on a night was checked with all the others on it). A pair that breaks a rule is left out.
 */
function checkTogether<P extends Pick<CandidatePair, 'request' | 'offer'>>(
  pool: Pool,
  pairs: readonly P[],
  by: Breach['by'],
): { kept: { pair: P; check: PairCheck }[]; breaches: Breach[] } {
  const heldAt = new Map<number, HeldBeds[]>();
  const kept: { pair: P; check: PairCheck }[] = [];
  const breaches: Breach[] = [];
  for (const pair of pairs) {
    const { offer: record, holds } = item(pool.offers, pair.offer) as PoolOffer;
    const request: MatchRequest = item(pool.requests, pair.request);
    const others = heldAt.get(pair.offer) ?? [];
    const check = checkPair(record, request, {
      holds: [...holds, ...others],
      declined: pool.declined.has(pairKey(request.id, record.id)),
    });
    if (check.broken.length > 0) {
      breaches.push({
        country: record.country,
        requestId: request.id,
        offerId: record.id,
        broken: check.broken,
        by,
      });
      continue;
    }
    heldAt.set(pair.offer, [...others, { nights: check.stay, beds: partySize(request) }]);
    kept.push({ pair, check });
  }
  return { kept, breaches };
}

/**
 * What one country proposes: the search's set (`searched`, undefined when it changed nothing)
 * when every pair of it passes the check, or else the solver's set it started from, as much of
 * it as passes the same check (all of it: the solver gives each offer no more beds than its
 * candidates' fewest free, so its parties fit together). A bug in the search so costs what
 * the search would have added, never a proposal that breaks a rule, nor the country's others.
 */
export function settleCountry(
  pool: Pool,
  solver: readonly ChosenPair[],
  searched: readonly Pick<CandidatePair, 'request' | 'offer' | 'score'>[] | undefined,
): SettledCountry {
  const breaches: Breach[] = [];
  if (searched !== undefined) {
    const checked = checkTogether(pool, searched, 'search');
    if (checked.breaches.length === 0)
      return {
        pairs: checked.kept.map(({ pair, check }) => ({
          request: pair.request,
          offer: pair.offer,
          score: pair.score,
          remaining: check.remaining,
          scored: scorePair(
            item(pool.offers, pair.offer).offer,
            item(pool.requests, pair.request),
            check.distanceKm,
          ),
        })),
        breaches,
        fellBack: false,
      };
    breaches.push(...checked.breaches);
  }
  const checked = checkTogether(pool, solver, 'solver');
  breaches.push(...checked.breaches);
  return { pairs: checked.kept.map(({ pair }) => pair), breaches, fellBack: searched !== undefined };
}

/** What one matching run proposes night by night, and how many offers' stays the search changed. */
export interface NightlyMatch extends PoolMatch {
  readonly moved: number;
  readonly work: SearchWork;
}

/**
 * The proposals of one run with beds counted night by night (rule 1 as written): the solver's
 * set, then the search above. `exact` stays the solver's: the search keeps only what raises the
 * total, and proves nothing beyond.
 */
export function matchNightByNight(pool: Pool, options?: NightlyOptions): NightlyMatch {
  const asked = options?.chainPassBudget ?? CHAIN_PASS_BUDGET;
  // NaN would turn every "does this try fit" false, and the pass budget off.
  if (!(asked > 0)) throw new RangeError(`chainPassBudget must be above 0, not ${asked}`);
  const passBudget = Math.min(asked, CHAIN_PASS_BUDGET);
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
  const breaches: Breach[] = [...solved.breaches];
  let moved = 0;
  let passes = 0;
  const chains: number[] = [];
  parts.forEach((part, index) => {
    const improved = improveCountry(
      part.pool,
      item(local, index),
      options?.seatedMostRequests ?? SEATED_MOST_REQUESTS,
      passBudget,
    );
    moved += improved.moved;
    passes += improved.work.passes;
    chains.push(...improved.work.chains);
    breaches.push(...improved.breaches);
    for (const pair of improved.pairs)
      chosen.push({
        ...pair,
        request: num(part.requests, pair.request),
        offer: num(part.offers, pair.offer),
      });
  });
  const work = { passes, chains };
  if (breaches.length === solved.breaches.length && moved === 0) return { ...solved, moved, work };
  const people = chosen.reduce((sum, pair) => sum + partySize(item(pool.requests, pair.request)), 0);
  const total = chosen.reduce((sum, pair) => sum + pair.scored.score, 0);
  return { ...solved, chosen, people, total, moved, breaches, work };
}
