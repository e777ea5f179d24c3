import { describe, expect, it } from 'vitest';
import {
  COUNTER,
  changeOf,
  contributionOf,
  figuresOf,
  medianOf,
  WAIT_BUCKETS,
  waitBucketOf,
  weekOf,
} from '../../shared/domain/overview.ts';
import { cityOf } from '../../shared/places/gazetteer.ts';

const DAY = 86_400_000;

describe('overview figures', () => {
  it('put a wait into the bucket whose lower bound it reached', () => {
    expect(waitBucketOf(0)).toBe(0);
    expect(waitBucketOf(4.5 * DAY)).toBe(3);
    expect(waitBucketOf(400 * DAY)).toBe(365);
  });

  it('read the median off the histogram, within its bucket', () => {
    const waits = WAIT_BUCKETS.map(() => 0);
    expect(medianOf(waits)).toBeUndefined();
    waits[WAIT_BUCKETS.indexOf(3)] = 2; // two waited 3–5 days
    waits[WAIT_BUCKETS.indexOf(10)] = 2; // two waited 10–14 days
    expect(medianOf(waits)).toBe(5);
  });

  it('start weeks on Monday', () => {
    expect(weekOf('2026-12-01')).toBe('2026-11-30');
    expect(weekOf('2026-11-30')).toBe('2026-11-30');
    expect(weekOf('2026-12-06')).toBe('2026-11-30');
  });

  it('count an offer’s beds only on the nights it is open, minus the beds proposals hold', () => {
    const offer = {
      kind: 'offer',
      status: 'open',
      country: 'TR',
      city: 'Izmir',
      beds: 4,
      availableFrom: '2026-12-10',
      availableTo: '2026-12-20',
      confirmedAt: '2026-12-01T08:00:00.000Z',
    };
    const proposal = {
      kind: 'proposal',
      status: 'pending',
      country: 'TR',
      city: 'Izmir',
      partySize: 3,
      nightsFrom: '2026-12-12',
      nightsTo: '2026-12-15',
    };
    const merged: Record<string, number> = {};
    for (const tally of [contributionOf(offer), contributionOf(proposal)])
      for (const [name, value] of tally.get('TR|TOTAL') ?? []) merged[name] = (merged[name] ?? 0) + value;
    expect(figuresOf(merged, '2026-12-09').bedsTonight).toBe(0);
    expect(figuresOf(merged, '2026-12-10').bedsTonight).toBe(4);
    expect(figuresOf(merged, '2026-12-12').bedsTonight).toBe(1);
    expect(figuresOf(merged, '2026-12-15').bedsTonight).toBe(4);
    expect(figuresOf(merged, '2026-12-20').bedsTonight).toBe(4);
    expect(figuresOf(merged, '2026-12-21').bedsTonight).toBe(0);
    expect(figuresOf(merged, '2026-12-12').pendingProposals).toBe(1);
  });

  it('move nothing for a change that counts nothing, and undo a withdrawal exactly', () => {
    const request = {
      kind: 'request',
      status: 'open',
      country: 'TR',
      city: 'Izmir',
      adults: 2,
      children: 3,
      confirmedAt: '2026-12-01T08:00:00.000Z',
    };
    expect(changeOf(request, { ...request, notes: 'x' }).size).toBe(0);
    const withdrawn = changeOf(request, { ...request, status: 'withdrawn' });
    expect(withdrawn.get('TR|CITY#Izmir')).toEqual(
      new Map([
        ['wp', -5],
        ['wn', -1],
      ]),
    );
  });

  it('count no request or offer a block closed, or its owner withdrew, before it was confirmed, erased or not', () => {
    const day = (counter: string, tally: ReturnType<typeof contributionOf>) =>
      tally.get('TR|MONTH#2026-12')?.get(`${counter}01`);
    const request = {
      kind: 'request',
      country: 'TR',
      city: 'Izmir',
      adults: 2,
      children: 1,
      createdAt: '2026-12-01T08:00:00.000Z',
    };
    const offer = { kind: 'offer', country: 'TR', city: 'Izmir', beds: 3, createdAt: request.createdAt };
    const eraseBy = '2026-12-08T08:00:00.000Z';
    for (const ended of [
      { ...request, status: 'withdrawn', eraseBy },
      { ...request, status: 'withdrawn', eraseBy, erasedAt: eraseBy, name: '', email: '' },
    ]) {
      expect(day(COUNTER.requestsIn, contributionOf(ended))).toBeUndefined();
      expect(day(COUNTER.peopleIn, contributionOf(ended))).toBeUndefined();
    }
    expect(day(COUNTER.offersIn, contributionOf({ ...offer, status: 'closed', eraseBy }))).toBeUndefined();
    // Stored before confirmedAt existed, and ended after it was confirmed: counted from its creation.
    expect(day(COUNTER.requestsIn, contributionOf({ ...request, status: 'withdrawn' }))).toBe(1);
    expect(day(COUNTER.offersIn, contributionOf({ ...offer, status: 'closed' }))).toBe(1);
    // A pending record closed in the block's name (changeOf of the stream's images) moves nothing in.
    expect(
      changeOf({ ...request, status: 'pending' }, { ...request, status: 'withdrawn', eraseBy }).size,
    ).toBe(0);
  });

  it('count a district and its requests, offers and proposals under the city it belongs to', () => {
    const request = {
      kind: 'request',
      status: 'open',
      country: 'TR',
      city: 'Kadıköy, Istanbul',
      adults: 2,
      children: 1,
      confirmedAt: '2026-11-20T10:00:00.000Z',
    };
    const tally = contributionOf(request, cityOf);
    expect(tally.get('TR|CITY#Istanbul')?.get(COUNTER.waitingPeople)).toBe(3);
    expect(tally.has('TR|CITY#Kadıköy, Istanbul')).toBe(false);
    expect(tally.get('TR|TOTAL')?.get(`${COUNTER.cityWaiting}Istanbul`)).toBe(3);
    // A town far from the city of its province stays a city of its own.
    expect(contributionOf({ ...request, city: 'Alanya' }, cityOf).has('TR|CITY#Alanya')).toBe(true);
  });

  it('count an approved stay’s beds as held only while its offer is open', () => {
    const stay = {
      kind: 'proposal',
      status: 'approved',
      offerId: 'o1',
      country: 'TR',
      city: 'Izmir',
      partySize: 2,
      nightsFrom: '2026-11-20',
      nightsTo: '2026-12-20',
    };
    const held = (tally: ReturnType<typeof contributionOf>) =>
      tally.get('TR|TOTAL')?.get(`${COUNTER.heldFrom}2026-11-20`);
    expect(held(contributionOf(stay))).toBe(2);
    expect(held(contributionOf(stay, undefined, () => false))).toBeUndefined();
    // A pending proposal holds its beds until it is decided, whatever happens to the offer.
    expect(held(contributionOf({ ...stay, status: 'pending' }, undefined, () => false))).toBe(2);
  });
});
