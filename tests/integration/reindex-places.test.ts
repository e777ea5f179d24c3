import { describe, expect, it } from 'vitest';
import { auditTrail } from '../../shared/data/audit.ts';
import { offerKey, proposalKey, requestKey } from '../../shared/data/keys.ts';
import { COUNTER } from '../../shared/domain/overview.ts';
import { rebuildCounters, storedCounters } from '../../shared/overview/rebuild.ts';
import { type Place, resolveCity } from '../../shared/places/gazetteer.ts';
import { reindex, reindexReport } from '../../shared/upkeep/reindex.ts';
import { useTestTable } from '../support/table.ts';
import { readItem, seedProposal } from './approval-support.ts';
import { makeRequest, putOne } from './matching-support.ts';

const table = useTestTable();

const placeOf = async (country: string, typed: string): Promise<Place> => {
  const place = await resolveCity(country, typed);
  if (!('lat' in place)) throw new Error(`${typed} resolves to no place`);
  return place;
};

/** A record's place as an older release stored it: the place as it lies, under the name it then went by. */
const storedAs = (name: string, place: Place) => ({
  country: place.country,
  city: name,
  lat: place.lat,
  lon: place.lon,
  cell: place.cell,
});

describe('records stored under a name a place added since has taken', () => {
  it('are renamed to where they lie, an offer’s proposal with it, audited, and counted under their own city; a second run renames nothing', async () => {
    // "Levent" was only the village near Malatya, "Cevizli" only the one by Antalya, until
    // Istanbul's neighbourhoods of those names joined the gazetteer.
    const malatya = await placeOf('TR', 'Levent, Malatya');
    const antalya = await placeOf('TR', 'Cevizli, Antalya');
    const kadikoy = await placeOf('TR', 'Kadıköy');
    expect((await placeOf('TR', 'Levent')).name).toBe('Levent, Istanbul');
    const { offer, proposal } = await seedProposal(table, {
      offer: storedAs('Levent', malatya),
      request: storedAs('Levent', malatya),
    });
    expect(proposal.city).toBe('Levent');
    const village = makeRequest('reindex-places-cevizli', storedAs('Cevizli', antalya));
    const current = makeRequest('reindex-places-kadikoy', storedAs(kadikoy.name, kadikoy));
    for (const record of [village, current]) await putOne(table.db, table.tableName, record);
    const waitingIn = async (city: string) =>
      (await storedCounters(table.deps(), ['TR'])).get('TR')?.get('TOTAL')?.[`${COUNTER.cityWaiting}${city}`];
    // Counted under their old names, as they read today ("Levent" is none of Istanbul's district labels).
    await rebuildCounters(table.deps());
    expect(await waitingIn('Levent')).toBe(proposal.partySize);
    expect(await waitingIn('Cevizli')).toBe(village.adults + village.children);

    const first = await reindex(table.deps(), new Date());
    expect(first.places).toMatchObject({ renamed: 3, proposals: 1 });
    expect(first.counters.rebuilt).toBe(1);
    expect(reindexReport(first).join('\n')).toContain(
      '3 of them stored under a name another place has taken since',
    );

    const renamedOffer = await readItem(table, offerKey(offer.id));
    expect(renamedOffer).toMatchObject({
      city: 'Levent, Malatya',
      lat: malatya.lat,
      lon: malatya.lon,
      // Nobody changed it: an erasure reckoned from its last write is not put off.
      updatedAt: offer.updatedAt,
    });
    expect(await readItem(table, proposalKey(proposal.id))).toMatchObject({ city: 'Levent, Malatya' });
    expect(await readItem(table, requestKey(village.id))).toMatchObject({
      city: 'Cevizli, Antalya',
      version: village.version + 1,
    });
    expect(await readItem(table, requestKey(current.id))).toMatchObject({
      city: kadikoy.name,
      version: current.version,
    });
    const [latest] = await auditTrail(table.deps(), offerKey(offer.id).pk, 1);
    expect(latest).toMatchObject({
      action: 'place-renamed',
      actor: 'process:reindex-command',
      fields: ['city'],
    });

    // Recounted: the people waiting by Malatya under Malatya (the village lies near it), those by
    // Antalya under their village, and none but Kadıköy's under Istanbul.
    expect(await waitingIn('Malatya')).toBe(proposal.partySize);
    expect(await waitingIn('Cevizli, Antalya')).toBe(village.adults + village.children);
    expect(await waitingIn('Istanbul')).toBe(current.adults + current.children);
    for (const old of ['Levent', 'Cevizli']) expect(await waitingIn(old)).toBeUndefined();

    const second = await reindex(table.deps(), new Date());
    expect(second.places).toMatchObject({ renamed: 0, proposals: 0 });
    expect(second.counters.rebuilt).toBe(0);
  });
});
