import { describe, expect, it } from 'vitest';
import { offerItem, requestItem } from '../../shared/data/items.ts';
import { todayIn } from '../../shared/domain/country-day.ts';
import { freshOffersAtStake } from '../../shared/domain/matching/fresh-offers.ts';
import { dayOf } from '../../shared/domain/matching/nights.ts';
import { triggersOf } from '../../shared/matching/matcher.ts';
import { futureDate, LEIPZIG, makeOffer, makeRequest, streamEvent } from '../integration/matching-support.ts';

const today = todayIn(LEIPZIG.country, new Date());
const confirmed = (id: string, at: string, overrides = {}) =>
  makeOffer(id, { updatedAt: at, beds: 2, ...overrides });
const before = '2026-12-02T10:00:00.000Z';
const after = '2026-12-02T10:00:05.000Z';
const batchNewest = '2026-12-02T10:00:01.000Z';
const fresh = (offer: { updatedAt: string }) => offer.updatedAt > batchNewest;

describe('fresh offers at stake in a stream run', () => {
  it('are those changed after the batch that a request of the pool could take now', () => {
    const request = makeRequest('two', { adults: 2, children: 0 });
    const stayNights = { from: dayOf(futureDate('03-10')), to: dayOf(futureDate('05-10')) };
    const offers = [
      confirmed('old', before),
      confirmed('new', after),
      confirmed('new-full', after),
      confirmed('new-far', after, LEIPZIG),
      confirmed('new-small', after, { beds: 1 }),
    ].map((offer) => ({
      offer,
      holds: offer.id === 'new-full' ? [{ beds: 2, nights: stayNights }] : [],
    }));

    const atStake = freshOffersAtStake({ offers, requests: [request], declined: new Set() }, fresh, today);

    expect(atStake.map((offer) => offer.id)).toEqual(['new']);
  });

  it('are none in a pool without requests', () => {
    const offers = [{ offer: confirmed('new', after), holds: [] }];
    expect(freshOffersAtStake({ offers, requests: [], declined: new Set() }, fresh, today)).toEqual([]);
  });
});

describe('a stream batch', () => {
  it('is as new as the latest write among its items, whether or not they ask for matching', () => {
    const request = makeRequest('r', { updatedAt: before });
    const offer = makeOffer('o', { updatedAt: batchNewest });
    const bumped = { ...offerItem(offer), version: offer.version + 1 };

    const triggers = triggersOf(
      streamEvent([{ newItem: requestItem(request) }, { newItem: bumped, oldItem: offerItem(offer) }]),
    );

    expect(triggers).toMatchObject({ newest: batchNewest, offerIds: new Set() });
    expect([...triggers.requestIds]).toEqual(['r']);
  });
});
