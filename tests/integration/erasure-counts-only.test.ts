import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportPlacementProblem } from '../../shared/approval/check-in.ts';
import { decide } from '../../shared/approval/service.ts';
import { offerItem, requestItem } from '../../shared/data/items.ts';
import { holdKey, offerKey, offerProposalKey, proposalKey, requestKey } from '../../shared/data/keys.ts';
import { getOffer } from '../../shared/data/offers.ts';
import { openProblemsOf } from '../../shared/data/queues.ts';
import { coarsenErasedRecords, pointOffersToTheirProposals } from '../../shared/data/reindex.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { contributionOf } from '../../shared/domain/overview.ts';
import { withoutPersonalData } from '../../shared/domain/retention.ts';
import { createApp } from '../../shared/http/app.ts';
import { cityOf } from '../../shared/places/gazetteer.ts';
import { eraseRecord } from '../../shared/upkeep/lifecycle.ts';
import { useTestTable } from '../support/table.ts';
import { readItem, seedProposal } from './approval-support.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';
import { csrfIn, signedInVisitor, textOf, type Visitor } from './workspace-support.ts';

const table = useTestTable({
  COORDINATORS: JSON.stringify({ TR: ['tr@haven.test'], DE: ['de@haven.test'] }),
});
let app: ReturnType<typeof createApp>;
let tr: Visitor;
beforeAll(async () => {
  app = createApp(table.deps());
  tr = await signedInVisitor(app, table, 'tr@haven.test');
});

const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A family in a district of Istanbul that told the form all it asks. */
const kadikoyFamily = (requestId: string) =>
  makeRequest(requestId, {
    country: 'TR',
    city: 'Kadıköy, Istanbul',
    lat: 40.99,
    lon: 29.03,
    cell: undefined,
    adults: 2,
    children: 2,
    needsStepFree: true,
    safeHousehold: true,
    languages: ['uk', 'ru'],
    phone: '+90 555 010 2030',
    notes: 'my daughter uses a wheelchair',
  });

const KEPT_OF_A_REQUEST = [
  'pk',
  'sk',
  'id',
  'kind',
  'status',
  'country',
  'city',
  'people',
  'createdAt',
  'updatedAt',
  'endedAt',
  'erasedAt',
  'version',
];

describe('a request erased at its owner’s word', () => {
  it('keeps only what the overview counts, and counts the same as before', async () => {
    const request = kadikoyFamily(id('r'));
    await putOne(table.db, table.tableName, request);
    const before = contributionOf(requestItem({ ...request, status: 'withdrawn' }), cityOf);

    expect(await eraseRecord(table.deps(), request, 'process:erase-command')).toBe('erased');
    const item = await readItem(table, requestKey(request.id));
    expect(Object.keys(item ?? {}).sort()).toEqual([...KEPT_OF_A_REQUEST].sort());
    expect(item).toMatchObject({ status: 'withdrawn', country: 'TR', city: 'Istanbul', people: 4 });
    expect(contributionOf(item, cityOf)).toEqual(before);
    expect(await getRequest(table.deps(), request.id)).toMatchObject({
      erasedAt: expect.any(String),
      people: 4,
    });
  });

  it('shows its coordinators what is left and its history, and refuses a note, an action or a search for candidates', async () => {
    const request = kadikoyFamily(id('r'));
    await putOne(table.db, table.tableName, request);
    await eraseRecord(table.deps(), request, 'process:erase-command');
    const path = `/coordinator/requests/${request.id}`;

    const response = await tr.get(path);
    expect(response.status).toBe(200);
    const html = await response.text();
    const text = textOf(html);
    expect(text).toContain('Request, personal data erased');
    expect(text).toContain('Istanbul');
    expect(text).not.toContain('Kadıköy');
    for (const gone of [request.name, request.email, 'wheelchair', 'Needs step-free access'])
      expect(text).not.toContain(gone);
    expect(html).not.toContain(`${path}/note`);
    expect(html).not.toContain(`${path}/candidates`);

    const csrf = csrfIn(html);
    expect((await tr.post(`${path}/note`, { note: 'she called back', csrf })).status).toBe(409);
    expect((await tr.post(`${path}/close`, { csrf })).status).toBe(409);
    expect((await tr.get(`${path}/candidates`)).status).toBe(409);
    expect(JSON.stringify(await readItem(table, requestKey(request.id)))).not.toContain('she called back');
  });
});

describe('a placed family that erases itself during its stay', () => {
  it('leaves the stay holding the host’s beds, and its proposal without what the matcher wrote about the pair', async () => {
    const seeded = await seedProposal(table);
    expect(seeded.proposal.explanation).toBeDefined();
    expect((await decide(table.deps(), 'approve', seeded.approveToken)).state).toBe('done');
    const placed = await getRequest(table.deps(), seeded.request.id);
    if (placed?.erasedAt !== undefined || placed?.status !== 'placed') throw new Error('not placed');

    await eraseRecord(table.deps(), placed, 'process:erase-command');
    const proposal = await readItem(table, proposalKey(seeded.proposal.id));
    expect(proposal).toMatchObject({ status: 'approved', partySize: seeded.proposal.partySize });
    expect(proposal).not.toHaveProperty('explanation');
    expect(proposal).not.toHaveProperty('distanceKm');
    expect(await readItem(table, holdKey(seeded.offer.id, seeded.proposal.id))).toBeDefined();
    expect(await readItem(table, requestKey(seeded.request.id))).toMatchObject({
      status: 'placed',
      placedAt: expect.any(String),
      people: seeded.request.adults + seeded.request.children,
    });
  });
});

describe('a placement in a district, once a side is erased', () => {
  const inKadikoy = { country: 'TR', city: 'Kadıköy, Istanbul', lat: 40.99, lon: 29.03 };
  const placedInKadikoy = async () => {
    const seeded = await seedProposal(table, { offer: inKadikoy, request: inKadikoy });
    expect((await decide(table.deps(), 'approve', seeded.approveToken)).state).toBe('done');
    const request = { kind: 'request', id: seeded.request.id } as const;
    expect(
      await reportPlacementProblem(table.deps(), request, seeded.proposal.id, 'link:manage-request'),
    ).toBe(true);
    return seeded;
  };
  const placeOf = async (proposalId: string) => ({
    proposal: (await readItem(table, proposalKey(proposalId)))?.city,
    problems: (await openProblemsOf(table.deps(), proposalId, 'seeker')).map((problem) => problem.city),
  });

  it('keeps the proposal’s and its problem’s place only as the city the overview counts once the host is erased, and counts it the same', async () => {
    const seeded = await placedInKadikoy();
    const before = await readItem(table, proposalKey(seeded.proposal.id));
    expect(await placeOf(seeded.proposal.id)).toEqual({
      proposal: 'Kadıköy, Istanbul',
      problems: ['Kadıköy, Istanbul'],
    });
    // The seeker erased: the host's offer still shows its district, and so does the proposal.
    const placed = await getRequest(table.deps(), seeded.request.id);
    if (placed === undefined || placed.erasedAt !== undefined) throw new Error('no request to erase');
    await eraseRecord(table.deps(), placed, 'process:erase-command');
    expect((await placeOf(seeded.proposal.id)).proposal).toBe('Kadıköy, Istanbul');

    const offer = await getOffer(table.deps(), seeded.offer.id);
    if (offer === undefined || offer.erasedAt !== undefined) throw new Error('no offer to erase');
    await eraseRecord(table.deps(), offer, 'process:erase-command');
    expect(await placeOf(seeded.proposal.id)).toEqual({ proposal: 'Istanbul', problems: ['Istanbul'] });
    const after = await readItem(table, proposalKey(seeded.proposal.id));
    expect(after).toMatchObject({ cityCounted: true });
    expect(contributionOf(after, cityOf)).toEqual(
      contributionOf({ ...before, explanation: undefined, distanceKm: undefined }, cityOf),
    );
  });

  it('has a proposal erased before that brought down to the city by re-indexing, and a second run writes nothing', async () => {
    const seeded = await placedInKadikoy();
    const offer = await getOffer(table.deps(), seeded.offer.id);
    if (offer === undefined || offer.erasedAt !== undefined) throw new Error('no offer to erase');
    await eraseRecord(table.deps(), offer, 'process:erase-command');
    // As erasure left the proposal before it took the place down.
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: proposalKey(seeded.proposal.id),
        UpdateExpression: 'SET city = :district REMOVE cityCounted',
        ExpressionAttributeValues: { ':district': inKadikoy.city },
      }),
    );

    expect((await pointOffersToTheirProposals(table.deps(), cityOf)).forgotten).toBeGreaterThanOrEqual(1);
    expect((await placeOf(seeded.proposal.id)).proposal).toBe('Istanbul');
    expect((await pointOffersToTheirProposals(table.deps(), cityOf)).forgotten).toBe(0);
  });
});

describe('a host who erases herself while the family she was proposed to is still looking', () => {
  /** The offer as stored now, erased at its owner's word. */
  async function eraseOffer(offerId: string) {
    const offer = await getOffer(table.deps(), offerId);
    if (offer === undefined || offer.erasedAt !== undefined) throw new Error('no offer to erase');
    expect(await eraseRecord(table.deps(), offer, 'process:erase-command')).toBe('erased');
  }

  it('leaves her declined proposal without what the matcher wrote about the pair, though the request keeps its data', async () => {
    const seeded = await seedProposal(table);
    expect((await decide(table.deps(), 'decline', seeded.declineToken)).state).toBe('done');
    expect(await readItem(table, holdKey(seeded.offer.id, seeded.proposal.id))).toBeUndefined();

    await eraseOffer(seeded.offer.id);
    const proposal = await readItem(table, proposalKey(seeded.proposal.id));
    expect(proposal).toMatchObject({ status: 'declined', partySize: seeded.proposal.partySize });
    expect(proposal).not.toHaveProperty('explanation');
    expect(proposal).not.toHaveProperty('distanceKm');
    expect(await getRequest(table.deps(), seeded.request.id)).toMatchObject({
      email: seeded.request.email,
      status: 'open',
    });
  });

  it('leaves a proposal declined after its hold expired without it too', async () => {
    const seeded = await seedProposal(table);
    // The hold's TTL (the day after the stay) can come before a decision's 72 hours are up.
    await table.db.send(
      new DeleteCommand({ TableName: table.tableName, Key: holdKey(seeded.offer.id, seeded.proposal.id) }),
    );
    expect((await decide(table.deps(), 'decline', seeded.declineToken)).state).toBe('done');

    await eraseOffer(seeded.offer.id);
    const proposal = await readItem(table, proposalKey(seeded.proposal.id));
    expect(proposal).toMatchObject({ status: 'declined' });
    expect(proposal).not.toHaveProperty('explanation');
  });

  it('leaves a placement whose hold has expired after the stay without it too', async () => {
    const seeded = await seedProposal(table);
    expect((await decide(table.deps(), 'approve', seeded.approveToken)).state).toBe('done');
    // The hold's TTL (expiresAt, the day after the stay) takes it from the table.
    await table.db.send(
      new DeleteCommand({ TableName: table.tableName, Key: holdKey(seeded.offer.id, seeded.proposal.id) }),
    );

    await eraseOffer(seeded.offer.id);
    const proposal = await readItem(table, proposalKey(seeded.proposal.id));
    expect(proposal).toMatchObject({ status: 'approved' });
    expect(proposal).not.toHaveProperty('explanation');
  });
});

describe('a host erased before offers pointed to their decided proposals', () => {
  it('has her declined proposal cleared by re-indexing, which points the offer to it, and a second run writes nothing', async () => {
    const seeded = await seedProposal(table);
    expect((await decide(table.deps(), 'decline', seeded.declineToken)).state).toBe('done');
    // As the decline left it before the pointer existed.
    await table.db.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: offerProposalKey(seeded.offer.id, seeded.proposal.id),
      }),
    );
    const offer = await getOffer(table.deps(), seeded.offer.id);
    if (offer === undefined || offer.erasedAt !== undefined) throw new Error('no offer to erase');
    await eraseRecord(table.deps(), offer, 'process:erase-command');
    expect(await readItem(table, proposalKey(seeded.proposal.id))).toHaveProperty('explanation');

    const first = await pointOffersToTheirProposals(table.deps(), cityOf);
    expect(first.forgotten).toBeGreaterThanOrEqual(1);
    const proposal = await readItem(table, proposalKey(seeded.proposal.id));
    expect(proposal).toMatchObject({ status: 'declined' });
    expect(proposal).not.toHaveProperty('explanation');
    expect(proposal).not.toHaveProperty('distanceKm');
    expect(await readItem(table, offerProposalKey(seeded.offer.id, seeded.proposal.id))).toMatchObject({
      kind: 'offer-proposal',
      proposalId: seeded.proposal.id,
    });

    const second = await pointOffersToTheirProposals(table.deps(), cityOf);
    expect(second).toMatchObject({ pointed: 0, forgotten: 0 });
    expect(second.decided).toBe(first.decided);
  });
});

describe('records erased before erasure kept only the counts', () => {
  it('are brought down to them by re-indexing, their counters unmoved, and a second run writes nothing', async () => {
    const erasedAt = new Date().toISOString();
    const request = kadikoyFamily(id('r'));
    const offer = makeOffer(id('o'), { country: 'TR', city: 'Istanbul' });
    // Written as erasure left records before: everything but the name, contacts and notes.
    const placedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const legacy = [
      requestItem({ ...withoutPersonalData({ ...request, status: 'placed', placedAt }) }),
      offerItem({ ...withoutPersonalData({ ...offer, status: 'closed' }) }),
    ].map(({ gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, gsi4pk, gsi4sk, ...kept }) => ({
      ...kept,
      erasedAt,
    }));
    for (const item of legacy)
      await table.db.send(new PutCommand({ TableName: table.tableName, Item: item }));

    // Read before re-indexing, as every page and task reads it: its people from its party.
    expect(await getRequest(table.deps(), request.id)).toMatchObject({ people: 4, erasedAt });

    const first = await coarsenErasedRecords(table.db, table.tableName, cityOf);
    expect(first.coarsened).toBe(2);
    const [requestAfter, offerAfter] = await Promise.all([
      readItem(table, requestKey(request.id)),
      readItem(table, offerKey(offer.id)),
    ]);
    expect(Object.keys(requestAfter ?? {}).sort()).toEqual(
      [...KEPT_OF_A_REQUEST.filter((name) => name !== 'endedAt'), 'placedAt'].sort(),
    );
    expect(requestAfter).toMatchObject({ city: 'Istanbul', people: 4, status: 'placed', placedAt, erasedAt });
    // Placed: counted by the week and the wait, in the city its district belongs to, as before.
    expect(contributionOf(requestAfter, cityOf).get('TR|CITY#Istanbul')?.size).toBeGreaterThan(0);
    expect(Object.keys(offerAfter ?? {}).sort()).toEqual(
      ['pk', 'sk', 'id', 'kind', 'status', 'country', 'createdAt', 'updatedAt', 'erasedAt', 'version'].sort(),
    );
    expect(contributionOf(requestAfter, cityOf)).toEqual(contributionOf(legacy[0], cityOf));
    expect(contributionOf(offerAfter, cityOf)).toEqual(contributionOf(legacy[1], cityOf));

    const second = await coarsenErasedRecords(table.db, table.tableName, cityOf);
    expect(second.coarsened).toBe(0);
    expect(second.erased).toBe(first.erased);
  });
});
