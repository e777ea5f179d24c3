import { describe, expect, it } from 'vitest';
import { auditTrail } from '../../shared/data/audit.ts';
import { offerKey, problemKey, proposalKey, requestKey } from '../../shared/data/keys.ts';
import { readLifecycleDueAt } from '../../shared/data/lifecycle.ts';
import { problemPut } from '../../shared/data/queues.ts';
import { renamePlacesTakenSince } from '../../shared/data/reindex.ts';
import { transact } from '../../shared/data/transact.ts';
import { COUNTER } from '../../shared/domain/overview.ts';
import { createApp } from '../../shared/http/app.ts';
import { rebuildCounters, storedCounters } from '../../shared/overview/rebuild.ts';
import { cityOf, type Place, renamedPlace, resolveCity } from '../../shared/places/gazetteer.ts';
import { reindex, reindexReport } from '../../shared/upkeep/reindex.ts';
import { useTestTable } from '../support/table.ts';
import { form, readItem, seedProposal } from './approval-support.ts';
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
  it('are renamed to where they lie, an offer’s proposals and their problems with it, audited, a placed family’s erasure still reckoned from its stay, and counted under their own city; a second run renames nothing', async () => {
    // "Levent" was only the village near Malatya, "Cevizli" only the one by Antalya, until
    // Istanbul's neighbourhoods of those names joined the gazetteer.
    const malatya = await placeOf('TR', 'Levent, Malatya');
    const antalya = await placeOf('TR', 'Cevizli, Antalya');
    const kadikoy = await placeOf('TR', 'Kadıköy');
    expect((await placeOf('TR', 'Levent')).name).toBe('Levent, Istanbul');
    const { offer, request, proposal, approveToken } = await seedProposal(table, {
      offer: storedAs('Levent', malatya),
      request: storedAs('Levent', malatya),
    });
    const approved = await createApp(table.deps()).request(
      `/proposals/approve/${approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(approved.status).toBe(303);
    // The family reported a problem with the stay: the coordinators' list shows its place too.
    const reportedAt = new Date().toISOString();
    await transact(table.db, [
      problemPut(table.tableName, {
        proposalId: proposal.id,
        offerId: offer.id,
        requestId: request.id,
        country: 'TR',
        city: 'Levent',
        side: 'seeker',
        reportedAt,
      }),
    ]);
    // The approval set the placed request's erasure by its stay.
    const dueBefore = await readLifecycleDueAt(table.deps(), 'request', request.id);
    expect(dueBefore).toBeDefined();
    const placedOffer = await readItem(table, offerKey(offer.id));
    expect(proposal.city).toBe('Levent');
    const village = makeRequest('reindex-places-cevizli', storedAs('Cevizli', antalya));
    const current = makeRequest('reindex-places-kadikoy', storedAs(kadikoy.name, kadikoy));
    for (const record of [village, current]) await putOne(table.db, table.tableName, record);
    const waitingIn = async (city: string) =>
      (await storedCounters(table.deps(), ['TR'])).get('TR')?.get('TOTAL')?.[`${COUNTER.cityWaiting}${city}`];
    // Counted under their old names, as they read today ("Levent" is none of Istanbul's district labels).
    await rebuildCounters(table.deps());
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
      updatedAt: placedOffer?.updatedAt,
    });
    // The reindex made the offer's copy of its holds exact before the rename, which keeps it trusted.
    expect(renamedOffer?.holdsVersion).toBe(renamedOffer?.version);
    expect(await readItem(table, proposalKey(proposal.id))).toMatchObject({
      status: 'approved',
      city: 'Levent, Malatya',
    });
    expect(await readItem(table, problemKey(proposal.id, reportedAt, 'seeker'))).toMatchObject({
      city: 'Levent, Malatya',
    });
    expect(await readItem(table, requestKey(request.id))).toMatchObject({
      status: 'placed',
      city: 'Levent, Malatya',
    });
    // Its erasure is still reckoned from the stay approved, not from the rename.
    expect(await readLifecycleDueAt(table.deps(), 'request', request.id)).toBe(dueBefore);
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

    // Recounted: the people waiting by Antalya under their village, none but Kadıköy's under
    // Istanbul, and the beds by Malatya under Malatya (the village lies near it).
    expect(await waitingIn('Cevizli, Antalya')).toBe(village.adults + village.children);
    expect(await waitingIn('Istanbul')).toBe(current.adults + current.children);
    for (const old of ['Levent', 'Cevizli']) expect(await waitingIn(old)).toBeUndefined();
    const cities = [...((await storedCounters(table.deps(), ['TR'])).get('TR')?.keys() ?? [])];
    expect(cities).toContain('CITY#Malatya');
    expect(cities).not.toContain('CITY#Levent');

    const second = await reindex(table.deps(), new Date());
    expect(second.places).toMatchObject({ renamed: 0, proposals: 0 });
    expect(second.counters.rebuilt).toBe(0);
  });

  it('leave the counters owed a recount when a run stops after renaming: the next run recounts, though it renames nothing', async () => {
    const village = makeRequest(
      'reindex-places-bostanci',
      storedAs('Bostancı', await placeOf('TR', 'Bostancı, Şırnak')),
    );
    await putOne(table.db, table.tableName, village);
    await rebuildCounters(table.deps());
    // A run that stopped between its renames and its recount.
    expect(await renamePlacesTakenSince(table.deps(), renamedPlace)).toMatchObject({ renamed: 1 });
    const next = await reindex(table.deps(), new Date());
    expect(next.places.renamed).toBe(0);
    expect(next.counters.rebuilt).toBe(1);
    const total = (await storedCounters(table.deps(), ['TR'])).get('TR')?.get('TOTAL') ?? {};
    expect(total[`${COUNTER.cityWaiting}${cityOf('TR', 'Bostancı, Şırnak')}`]).toBe(
      village.adults + village.children,
    );
    expect(total[`${COUNTER.cityWaiting}Bostancı`]).toBeUndefined();
    expect((await reindex(table.deps(), new Date())).counters.rebuilt).toBe(0);
  });
});
