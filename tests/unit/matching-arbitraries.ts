import fc from 'fast-check';
import { cellOf } from '../../shared/domain/geo.ts';
import { dateOf, dayOf, stayOf } from '../../shared/domain/matching/nights.ts';
import { type Pool, pairKey } from '../../shared/domain/matching/solver/pool.ts';
import type { HostHousehold, OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { HOST_HOUSEHOLDS } from '../../shared/domain/records.ts';

/** A few real places, some within 50 km of each other, in two countries. */
export const PLACES = [
  { country: 'DE', city: 'Berlin', lat: 52.52, lon: 13.405 },
  { country: 'DE', city: 'Potsdam', lat: 52.3906, lon: 13.0645 },
  { country: 'DE', city: 'Leipzig', lat: 51.3397, lon: 12.3731 },
  { country: 'TR', city: 'Istanbul', lat: 41.0082, lon: 28.9784 },
  { country: 'TR', city: 'Izmit', lat: 40.7654, lon: 29.9408 },
] as const;

/** Next year: integration tests match these, and a stay in the past is never proposed. */
const BASE_DAY = dayOf(`${new Date().getUTCFullYear() + 1}-03-01`);
const LANGUAGES = ['uk', 'ru', 'en', 'de', 'tr'] as const;
const STAMP = '2026-02-01T00:00:00.000Z';

const place = fc.constantFrom(...PLACES);
const languages = fc.uniqueArray(fc.constantFrom(...LANGUAGES), { minLength: 1, maxLength: 3 });

export const offerArbitrary = (id: fc.Arbitrary<string> = fc.uuid()): fc.Arbitrary<OfferRecord> =>
  fc
    .record({
      id,
      place,
      languages,
      fromDay: fc.integer({ min: 0, max: 40 }),
      length: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
      beds: fc.integer({ min: 1, max: 8 }),
      petsAllowed: fc.boolean(),
      childrenAllowed: fc.boolean(),
      stepFree: fc.boolean(),
      multipleParties: fc.boolean(),
      hostHousehold: fc.option(fc.constantFrom<HostHousehold>(...HOST_HOUSEHOLDS), { nil: undefined }),
      status: fc.constantFrom('open', 'open', 'open', 'paused' as const),
    })
    .map((o) => ({
      id: o.id,
      kind: 'offer' as const,
      status: o.status as OfferRecord['status'],
      locale: 'en' as const,
      createdAt: STAMP,
      updatedAt: STAMP,
      version: 1,
      name: 'Host',
      email: 'host@example.test',
      languages: o.languages,
      country: o.place.country,
      city: o.place.city,
      lat: o.place.lat,
      lon: o.place.lon,
      cell: cellOf(o.place),
      availableFrom: dateOf(BASE_DAY + o.fromDay),
      ...(o.length === undefined ? {} : { availableTo: dateOf(BASE_DAY + o.fromDay + o.length) }),
      beds: o.beds,
      petsAllowed: o.petsAllowed,
      childrenAllowed: o.childrenAllowed,
      stepFree: o.stepFree,
      multipleParties: o.multipleParties,
      ...(o.hostHousehold === undefined ? {} : { hostHousehold: o.hostHousehold }),
    }));

export const requestArbitrary = (id: fc.Arbitrary<string> = fc.uuid()): fc.Arbitrary<RequestRecord> =>
  fc
    .record({
      id,
      place: fc.option(place, { nil: undefined, freq: 4 }),
      country: fc.constantFrom('DE', 'TR'),
      languages,
      arrivalDay: fc.integer({ min: 0, max: 60 }),
      nights: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
      maxDistanceKm: fc.constantFrom(20, 50, 50, 100),
      adults: fc.integer({ min: 1, max: 4 }),
      children: fc.integer({ min: 0, max: 3 }),
      pets: fc.boolean(),
      needsStepFree: fc.boolean(),
      safeHousehold: fc.boolean(),
    })
    .map((r) => ({
      id: r.id,
      kind: 'request' as const,
      status: 'open' as const,
      locale: 'uk' as const,
      createdAt: STAMP,
      updatedAt: STAMP,
      version: 1,
      name: 'Seeker',
      email: 'seeker@example.test',
      languages: r.languages,
      country: r.place?.country ?? r.country,
      ...(r.place ? { city: r.place.city, lat: r.place.lat, lon: r.place.lon, cell: cellOf(r.place) } : {}),
      maxDistanceKm: r.maxDistanceKm,
      arrival: dateOf(BASE_DAY + r.arrivalDay),
      ...(r.nights === undefined ? {} : { departure: dateOf(BASE_DAY + r.arrivalDay + r.nights) }),
      adults: r.adults,
      children: r.children,
      pets: r.pets,
      needsStepFree: r.needsStepFree,
      safeHousehold: r.safeHousehold,
    }));

/** Ids unique within one generated pool. */
export const idsFrom = (prefix: string) => {
  let next = 0;
  return fc.constant(null).map(() => `${prefix}-${next++}`);
};

/**
 * A pool of up to `offers` offers and `requests` requests in which some offers already hold a
 * bed from their first night on and some pairs were declined before.
 */
export const heldPoolArbitrary = (offers: number, requests: number): fc.Arbitrary<Pool> =>
  fc
    .record({
      offers: fc.array(offerArbitrary(idsFrom('offer')), { minLength: 1, maxLength: offers }),
      requests: fc.array(requestArbitrary(idsFrom('request')), { minLength: 1, maxLength: requests }),
      holdShare: fc.integer({ min: 0, max: 3 }),
      declinedShare: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ offers, requests, holdShare, declinedShare }) => ({
      offers: offers.map((offer, i) => ({
        offer,
        holds:
          i % 4 < holdShare ? [{ nights: stayOf({ arrival: offer.availableFrom }, offer), beds: 1 }] : [],
      })),
      requests,
      declined: new Set(
        requests.flatMap((request, i) =>
          i % 4 < declinedShare ? [pairKey(request.id, (offers[i % offers.length] as OfferRecord).id)] : [],
        ),
      ),
    }));
