/**
 * The live matcher (shared/matching/matcher.ts) replayed without a table: the surge's
 * confirmations in arrival order, matched in stream batches of `window` confirmations each, one
 * batch at a time as the matcher's single lane takes them. Each batch is matched as this models
 * matchBatch: the requests it names and the open requests around the offers it names (the
 * matcher's own `reaches`) that one of them could take now (requestsTheyAllow), each country's
 * pool as poolFor would read it (its every open offer from 20 requests or under 100 offers, else
 * each request's k best offers with room, or the whole country once a search found 20 full;
 * searchCandidates modelled in memory; not the minute after, when the matcher reads such a
 * country whole at once, a choice of reads only), solved in turns with the stays written so far
 * held (later-stays.ts), rounds and turns as defaultMatcherOptions bound them. Every write
 * succeeds: one lane, and nothing else writes. Deterministic, so a rule's cost in people is
 * measured, not sampled.
 *
 * `lag` models the stream running behind the table: a live run reads the table as it is, which
 * already holds the next `lag` confirmations after its batch, open, before their own runs (the
 * matcher's lane is busy while confirmations keep arriving). 0 is a stream that keeps up. As
 * matchBatch does, each run also matches around the offers of its pool whose own run is still to
 * come and that its requests could take (aroundFreshOffers); with no lag there are none.
 */

import { freshOffersAtStake, requestsTheyAllow } from '../../shared/domain/matching/fresh-offers.ts';
import { placeableOnly, poolAfter } from '../../shared/domain/matching/later-stays.ts';
import { matchNightByNight } from '../../shared/domain/matching/night-by-night.ts';
import { availability, type HeldBeds } from '../../shared/domain/matching/nights.ts';
import { checkPair, isMatchable, partySize, stillWaiting } from '../../shared/domain/matching/rules.ts';
import { scorePair } from '../../shared/domain/matching/score.ts';
import type { Pool, PoolOffer } from '../../shared/domain/matching/solver/pool.ts';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { arrivalWindow, reaches } from '../../shared/matching/candidates.ts';
import type { MatcherOptions } from '../../shared/matching/matcher.ts';

/** One confirmation: the offer or request that became open, in the order they were confirmed. */
export type Confirmation =
  | { readonly kind: 'offer'; readonly offer: OfferRecord }
  | { readonly kind: 'request'; readonly request: RequestRecord };

export interface ReplayOutcome {
  /** People in the proposals written. */
  readonly people: number;
  readonly proposals: number;
  /** Matcher runs (stream batches) and solves (turns) over the replay. */
  readonly runs: number;
  readonly solves: number;
  /** Each offer's stays as written, and each request proposed (by id → offer id). */
  readonly holds: ReadonlyMap<string, readonly HeldBeds[]>;
  readonly placedIn: ReadonlyMap<string, string>;
  /** The run (0 first) each request was proposed in. */
  readonly proposedIn: ReadonlyMap<string, number>;
}

/** How the stream runs beside the table. */
export interface ReplayStream {
  /** Confirmations the table shows after a batch's own before that batch runs (0: the stream keeps up). */
  readonly lag?: number;
  /** Each run matches around its fresh offers as matchBatch does (true); false replays the matcher before it did. */
  readonly aroundFresh?: boolean;
}

export function replayLive(
  confirmations: readonly Confirmation[],
  window: number,
  options: MatcherOptions,
  today: number,
  { lag = 0, aroundFresh = true }: ReplayStream = {},
): ReplayOutcome {
  // NaN would show no confirmation at all and place nobody; a negative lag would hide a batch's own.
  if (!Number.isInteger(lag) || lag < 0) throw new RangeError(`lag must be a whole number ≥ 0, not ${lag}`);
  const offers = new Map<string, { offer: OfferRecord; holds: HeldBeds[] }>();
  /** Open requests, confirmed and not yet proposed. */
  const open = new Map<string, RequestRecord>();
  /** Offers the table shows whose own batch has not run yet (fresh). */
  const awaiting = new Set<string>();
  const placedIn = new Map<string, string>();
  const proposedIn = new Map<string, number>();
  let people = 0;
  let runs = 0;
  let solves = 0;

  const loaded = (country: string): PoolOffer<OfferRecord>[] =>
    [...offers.values()]
      .filter(({ offer }) => offer.country === country && availability(offer).to > today)
      .map(({ offer, holds }) => ({ offer, holds: [...holds] }));

  /** searchCandidates over the offers in memory: the k best with room by score, or stopped once `full` were full. */
  function candidates(request: RequestRecord, k: number) {
    const ranked = [...offers.values()]
      .filter(({ offer }) => offer.country === request.country)
      .map((entry) => ({
        entry,
        alone: checkPair(entry.offer, request, { holds: [], declined: false, today }),
      }))
      .filter(({ alone }) => alone.broken.length === 0)
      .map(({ entry, alone }) => ({ entry, score: scorePair(entry.offer, request, alone.distanceKm).score }))
      .sort((a, b) => b.score - a.score);
    const best: typeof ranked = [];
    let full = 0;
    for (const candidate of ranked) {
      if (best.length >= k && candidate.score <= (best[k - 1] as (typeof best)[number]).score) break;
      if (full >= options.fullOffersSearched) return { offers: [], stopped: true };
      const { offer, holds } = candidate.entry;
      if (checkPair(offer, request, { holds, declined: false, today }).broken.length > 0) full++;
      else best.push(candidate);
    }
    return {
      offers: best.slice(0, k).map(({ entry }) => ({ offer: entry.offer, holds: [...entry.holds] })),
      stopped: false,
    };
  }

  function poolFor(country: string, requests: RequestRecord[]): Pool<OfferRecord, RequestRecord> {
    const declined = new Set<string>();
    const all = loaded(country);
    if (requests.length >= options.wholeCountryFrom || all.length < options.fewOffers)
      return { offers: all, requests, declined };
    const byId = new Map<string, PoolOffer<OfferRecord>>();
    for (const request of requests) {
      const found = candidates(request, requests.length);
      if (found.stopped) return { offers: all, requests, declined };
      for (const candidate of found.offers) byId.set(candidate.offer.id, candidate);
    }
    return { offers: [...byId.values()], requests, declined };
  }

  /** writeProposal: checked against the offer's holds as written so far. */
  function write(offerId: string, request: RequestRecord): 'proposed' | 'request-gone' | 'rematch' {
    const entry = offers.get(offerId);
    if (!entry) return 'rematch';
    if (!open.has(request.id)) return 'request-gone';
    const check = checkPair(entry.offer, request, { holds: entry.holds, declined: false, today });
    if (check.broken.length > 0) return 'rematch';
    entry.holds.push({ beds: partySize(request), nights: check.stay });
    open.delete(request.id);
    placedIn.set(request.id, offerId);
    proposedIn.set(request.id, runs - 1);
    people += partySize(request);
    return 'proposed';
  }

  /** The open requests any of these offers reaches, by arrival (requestsReachingAny). */
  function reachingAny(around: readonly OfferRecord[]) {
    const reached = around
      .filter((offer) => isMatchable(offer))
      .map((offer) => reaches(offer, arrivalWindow(today, offer)));
    if (reached.length === 0) return [];
    return [...open.values()]
      .sort((a, b) => a.arrival.localeCompare(b.arrival))
      .filter((request) => reached.some((reach) => reach(request)));
  }

  /** aroundFreshOffers: the requests around the pool's fresh offers at stake added, the pool read again. */
  function withFreshOffers(
    country: string,
    first: Pool<OfferRecord, RequestRecord>,
    admit: (requests: readonly RequestRecord[]) => RequestRecord[],
  ) {
    const matchedAround = new Set<string>();
    let pool = first;
    for (;;) {
      const fresh = freshOffersAtStake(
        pool,
        (offer) => awaiting.has(offer.id) && !matchedAround.has(offer.id),
        today,
      );
      if (fresh.length === 0) return pool;
      for (const offer of fresh) matchedAround.add(offer.id);
      const known = new Set(pool.requests.map((request) => request.id));
      const atStake = new Set(fresh);
      const added = requestsTheyAllow(
        pool.offers.filter(({ offer }) => atStake.has(offer)),
        admit(reachingAny(fresh).filter((request) => !known.has(request.id))),
        today,
      );
      if (added.length > 0) pool = poolFor(country, [...pool.requests, ...added]);
    }
  }

  function matchRequests(initial: readonly RequestRecord[]) {
    const waiting = (requests: readonly RequestRecord[]) =>
      requests.filter((request) => isMatchable(request)).map((request) => stillWaiting(request, today));
    let pending = waiting(initial);
    for (let round = 0; round < options.rounds && pending.length > 0; round++) {
      const again: string[] = [];
      const byCountry = new Map<string, RequestRecord[]>();
      for (const request of pending)
        byCountry.set(request.country, [...(byCountry.get(request.country) ?? []), request]);
      for (const [country, requests] of byCountry) {
        let pool = poolFor(country, requests);
        if (round === 0 && aroundFresh) pool = withFreshOffers(country, pool, waiting);
        pool = placeableOnly(pool);
        for (let turn = 1; pool.requests.length > 0; turn++) {
          const { chosen } = matchNightByNight(pool, { chainPassBudget: options.streamChainPassBudget });
          solves++;
          const byOffer = new Map<number, typeof chosen>();
          for (const pair of chosen) byOffer.set(pair.offer, [...(byOffer.get(pair.offer) ?? []), pair]);
          const written: typeof chosen = [];
          const settled = new Set<string>();
          for (const pairs of byOffer.values())
            for (const pair of pairs) {
              const request = pool.requests[pair.request] as RequestRecord;
              const outcome = write((pool.offers[pair.offer] as PoolOffer<OfferRecord>).offer.id, request);
              settled.add(request.id);
              if (outcome === 'proposed') written.push(pair);
              else if (outcome === 'rematch') again.push(request.id);
            }
          if (chosen.length === 0) break;
          const next = poolAfter(pool, written);
          pool = placeableOnly({
            ...next,
            requests: next.requests.filter((request) => !settled.has(request.id)),
          });
          if (turn >= options.turns) {
            again.push(...pool.requests.map((request) => request.id));
            break;
          }
        }
      }
      pending = waiting(again.flatMap((id) => open.get(id) ?? []));
    }
  }

  /** matchBatch: the named requests and the open requests the named offers could take, by arrival. */
  function matchBatch(requestIds: readonly string[], offerIds: readonly string[]) {
    runs++;
    const named = offerIds.flatMap((id) => offers.get(id) ?? []);
    const around = new Map(
      requestsTheyAllow(named, reachingAny(named.map(({ offer }) => offer)), today).map((request) => [
        request.id,
        request,
      ]),
    );
    for (const id of requestIds) {
      const request = open.get(id);
      if (request) around.set(id, request);
    }
    matchRequests([...around.values()]);
  }

  /** Confirmations the table shows so far: open, whether or not their own batch has run. */
  let shown = 0;
  for (let start = 0; start < confirmations.length; start += window) {
    for (; shown < Math.min(confirmations.length, start + window + lag); shown++) {
      const confirmation = confirmations[shown] as Confirmation;
      if (confirmation.kind === 'offer') {
        offers.set(confirmation.offer.id, { offer: confirmation.offer, holds: [] });
        awaiting.add(confirmation.offer.id);
      } else open.set(confirmation.request.id, confirmation.request);
    }
    const batch = confirmations.slice(start, start + window);
    for (const confirmation of batch)
      if (confirmation.kind === 'offer') awaiting.delete(confirmation.offer.id);
    matchBatch(
      batch.flatMap((confirmation) => (confirmation.kind === 'request' ? [confirmation.request.id] : [])),
      batch.flatMap((confirmation) => (confirmation.kind === 'offer' ? [confirmation.offer.id] : [])),
    );
  }
  return {
    people,
    proposals: placedIn.size,
    runs,
    solves,
    holds: new Map([...offers].map(([id, { holds }]) => [id, holds])),
    placedIn,
    proposedIn,
  };
}
