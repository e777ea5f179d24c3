import { describe, expect, it } from 'vitest';
import { todayIn } from '../../shared/domain/country-day.ts';
import { matchInTurns } from '../../shared/domain/matching/later-stays.ts';
import { defaultMatcherOptions } from '../../shared/matching/matcher.ts';
import { type Confirmation, replayLive } from '../bench/surge-replay.ts';
import { futureDate, makeOffer, makeRequest } from '../integration/matching-support.ts';

const stay = (id: string, arrival: string, departure: string) =>
  makeRequest(id, { arrival: futureDate(arrival), departure: futureDate(departure), adults: 2, children: 0 });
const today = todayIn('DE', new Date());

/** A single-party flat confirmed first, then a long stay across its month, then two short ones that fill it in turn. */
const flat = makeOffer('flat', {
  beds: 2,
  availableFrom: futureDate('03-01'),
  availableTo: futureDate('03-31'),
});
const confirmations: Confirmation[] = [
  { kind: 'offer', offer: flat },
  { kind: 'request', request: stay('long', '03-10', '03-25') },
  { kind: 'request', request: stay('early', '03-01', '03-12') },
  { kind: 'request', request: stay('late', '03-12', '03-30') },
];

describe('the live matcher replayed', () => {
  it('gives a stay to the first request a free offer allows, where the pool matched at once seats two after each other', () => {
    const one = replayLive(confirmations, 1, defaultMatcherOptions, today);
    const all = replayLive(confirmations, confirmations.length, defaultMatcherOptions, today);

    expect([...one.placedIn]).toEqual([['long', 'flat']]);
    expect(one).toMatchObject({ people: 2, runs: 4 });
    expect([...all.placedIn.keys()].sort()).toEqual(['early', 'late']);
    expect(all).toMatchObject({ people: 4, runs: 1 });
    const requests = confirmations.flatMap((c) => (c.kind === 'request' ? [c.request] : []));
    expect(matchInTurns({ offers: [{ offer: flat, holds: [] }], requests, declined: new Set() }).people).toBe(
      4,
    );
  });

  it('fills an offer confirmed after the requests from those waiting, as many as its beds take on their nights', () => {
    const multi = makeOffer('multi', { beds: 4, multipleParties: true });
    const waiting = ['a', 'b', 'c'].map((id) => stay(id, '03-10', '03-20'));
    const order: Confirmation[] = [
      ...waiting.map((request) => ({ kind: 'request', request }) as const),
      { kind: 'offer', offer: multi },
    ];

    const replayed = replayLive(order, 1, defaultMatcherOptions, today);

    expect(replayed).toMatchObject({ people: 4, proposals: 2 });
    // All in the run of the offer's confirmation, the fourth.
    expect([...replayed.proposedIn.values()]).toEqual([3, 3]);
    expect(replayed.holds.get('multi')?.map((hold) => hold.beds)).toEqual([2, 2]);
  });

  it('loses a party to a small request when the table shows an offer before its own run, unless the run matches around that offer', () => {
    const party = makeRequest('party', {
      arrival: futureDate('03-10'),
      departure: futureDate('03-20'),
      adults: 4,
      children: 0,
    });
    const small = stay('small', '03-10', '03-20');
    const house = makeOffer('house', { beds: 4 });
    const order: Confirmation[] = [
      { kind: 'request', request: party },
      { kind: 'request', request: small },
      { kind: 'offer', offer: house },
    ];

    const keepsUp = replayLive(order, 1, defaultMatcherOptions, today);
    const behind = replayLive(order, 1, defaultMatcherOptions, today, { lag: 1, aroundFresh: false });
    const fixed = replayLive(order, 1, defaultMatcherOptions, today, { lag: 1 });

    expect([...keepsUp.placedIn]).toEqual([['party', 'house']]);
    expect(keepsUp.people).toBe(4);
    // The small request's run (the second) reads the house, whose own run is still to come.
    expect([...behind.placedIn]).toEqual([['small', 'house']]);
    expect([...behind.proposedIn]).toEqual([['small', 1]]);
    expect(behind.people).toBe(2);
    // Matching around the house there seats the party, as the house's own run would have.
    expect([...fixed.placedIn]).toEqual([['party', 'house']]);
    expect([...fixed.proposedIn]).toEqual([['party', 1]]);
  });

  it('refuses a lag that is not a whole number of confirmations, rather than place nobody', () => {
    for (const lag of [Number.NaN, -1, 0.5])
      expect(() => replayLive(confirmations, 1, defaultMatcherOptions, today, { lag })).toThrow(RangeError);
  });
});
