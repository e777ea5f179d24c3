import { describe, expect, it } from 'vitest';
import { erasedItem, requestItem } from '../../shared/data/items.ts';
import { contributionOf } from '../../shared/domain/overview.ts';
import { erasedRequestSchema, type RequestRecord, requestRecordSchema } from '../../shared/domain/records.ts';
import { erased } from '../../shared/domain/retention.ts';
import { cityOf } from '../../shared/places/gazetteer.ts';

const NOW = new Date('2027-06-01T10:00:00.000Z');

/** A family placed in a district of Istanbul, with everything a form can tell about them. */
const placed: RequestRecord = requestRecordSchema.parse({
  id: 'r-erased-1',
  kind: 'request',
  status: 'placed',
  locale: 'uk',
  createdAt: '2027-01-10T08:00:00.000Z',
  updatedAt: '2027-02-01T08:00:00.000Z',
  confirmedAt: '2027-01-10T08:05:00.000Z',
  placedAt: '2027-01-14T12:00:00.000Z',
  version: 7,
  name: 'Olena Kovalenko',
  email: 'olena@example.test',
  phone: '+380 67 123 4567',
  notes: 'my son uses a wheelchair',
  telegramChatId: '123456789',
  telegramUsername: 'olena_k',
  languages: ['uk', 'ru'],
  country: 'TR',
  city: 'Kadıköy, Istanbul',
  lat: 40.99,
  lon: 29.03,
  cell: '31:17',
  maxDistanceKm: 20,
  arrival: '2027-01-15',
  departure: '2027-03-01',
  adults: 2,
  children: 1,
  pets: true,
  needsStepFree: true,
  safeHousehold: true,
  availabilityConfirmedAt: '2027-01-12T08:00:00.000Z',
});

describe('what erasure leaves of a record', () => {
  it('keeps only what the overview counts: no name, contact, dates, party, needs, languages or point, and the city a district counts under', () => {
    const left = erased(placed, NOW, cityOf);
    expect(left).toEqual({
      id: 'r-erased-1',
      kind: 'request',
      status: 'placed',
      country: 'TR',
      city: 'Istanbul',
      people: 3,
      createdAt: '2027-01-10T08:00:00.000Z',
      updatedAt: '2027-02-01T08:00:00.000Z',
      confirmedAt: '2027-01-10T08:05:00.000Z',
      placedAt: '2027-01-14T12:00:00.000Z',
      erasedAt: NOW.toISOString(),
      version: 7,
    });
    expect(erasedRequestSchema.parse(erasedItem(left))).toEqual(left);
    expect(Object.keys(erasedItem(left)).sort()).toEqual([...Object.keys(left), 'pk', 'sk'].sort());
  });

  it('moves no counter of the overview: the record counts the same before and after', () => {
    const before = contributionOf(requestItem(placed), cityOf);
    const after = contributionOf(erasedItem(erased(placed, NOW, cityOf)), cityOf);
    expect(after).toEqual(before);
    expect(before.size).toBeGreaterThan(0);
  });

  it('keeps a request without a city without one, counted anywhere in its country as before', () => {
    const anywhere = erased({ ...placed, city: undefined, lat: undefined, lon: undefined }, NOW, cityOf);
    expect(anywhere).not.toHaveProperty('city');
    expect(contributionOf(erasedItem(anywhere), cityOf)).toEqual(
      contributionOf(requestItem({ ...placed, city: undefined }), cityOf),
    );
  });
});

describe('what erasing its host leaves of a proposal’s place', () => {
  // A village counts under a district, which counts under its city: the place must not be mapped twice.
  const stay = {
    kind: 'proposal',
    id: 'p-erased-1',
    status: 'approved',
    offerId: 'o-1',
    requestId: 'r-1',
    country: 'TR',
    partySize: 3,
    nightsFrom: '2027-01-15',
    nightsTo: '2027-03-01',
  };

  it('counts a place brought down to its counted city as it stands, where a stored place is mapped', () => {
    expect(cityOf('TR', 'Tekirova')).toBe('Kemer, Antalya');
    expect(cityOf('TR', 'Kemer, Antalya')).toBe('Antalya');
    const stored = contributionOf({ ...stay, city: 'Tekirova' }, cityOf);
    expect(contributionOf({ ...stay, city: 'Kemer, Antalya', cityCounted: true }, cityOf)).toEqual(stored);
  });
});
