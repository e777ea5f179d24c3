import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { cancelProposalsOfRejectedHosts } from '../../shared/approval/cancel.ts';
import { type AuditActor, auditPut, auditTrail } from '../../shared/data/audit.ts';
import { blockOf, blockPut, heldBlockOf } from '../../shared/data/blocks.ts';
import { createDocumentClient } from '../../shared/data/client.ts';
import { exportRecordsPage } from '../../shared/data/export.ts';
import { holderOf } from '../../shared/data/forgetting.ts';
import { emailHash, erasedItem, offerItem, requestItem } from '../../shared/data/items.ts';
import {
  blockKey,
  holdKey,
  offerKey,
  phoneLookupKey,
  requestKey,
  suppressionKey,
} from '../../shared/data/keys.ts';
import { lifecyclePut, readLifecycleDueAt } from '../../shared/data/lifecycle.ts';
import { aliasRecordIds } from '../../shared/data/mailbox-lookups.ts';
import { getOffer } from '../../shared/data/offers.ts';
import { recordsByPhone } from '../../shared/data/phone-lookups.ts';
import {
  getProposal,
  proposalIdsOfRequest,
  proposalItem,
  proposalsOfRequest,
} from '../../shared/data/proposals.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { pendingProposalsPage } from '../../shared/data/queues.ts';
import {
  backfillEndedAt,
  backfillExportKeys,
  backfillLookups,
  backfillPausedAt,
  backfillPauseHorizons,
  backfillProposalCountries,
  dropUnconfirmedChatAddresses,
  queueHeldChanges,
  reindexOpenOffers,
} from '../../shared/data/reindex.ts';
import { getRequest, requestsByEmail, saveRequest } from '../../shared/data/requests.ts';
import { suppressedAmong } from '../../shared/data/suppressions.ts';
import { chatAddress, recordsByTelegram } from '../../shared/data/telegram-lookups.ts';
import { issueToken, readToken } from '../../shared/data/tokens.ts';
import type { RequestRecord } from '../../shared/domain/records.ts';
import { erased } from '../../shared/domain/retention.ts';
import type { Logger } from '../../shared/log.ts';
import {
  fewOpenOffersOfCountry,
  openOffersOfCountry,
  topCandidates,
} from '../../shared/matching/candidates.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { cityOf } from '../../shared/places/gazetteer.ts';
import { holdAndCloseUnderBlocks } from '../../shared/upkeep/block-steps.ts';
import { recordsOfPerson, runLifecycle } from '../../shared/upkeep/lifecycle.ts';
import { reindex, reindexReport } from '../../shared/upkeep/reindex.ts';
import { pendingMails } from '../support/outbox.ts';
import { overtakenOn, pkOf } from '../support/race.ts';
import { keptRecord } from '../support/records.ts';
import { testClient, useTestTable } from '../support/table.ts';
import { readItem, seedProposal } from './approval-support.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';

const table = useTestTable();

const checkedHost = {
  state: 'verified' as const,
  by: 'coordinator@haven.test',
  at: '2026-02-01T00:00:00.000Z',
  method: 'phone' as const,
};

/** An offer as an older release stored it: pool partition by the record's coarse cell. */
async function putWithOldPoolKey(offer: ReturnType<typeof makeOffer>) {
  const item = offerItem(offer);
  const old = { ...item, gsi1pk: `POOL#OFFER#${offer.country}#${offer.cell}` };
  await table.db.send(new PutCommand({ TableName: table.tableName, Item: old }));
}

describe('re-indexing the matching pool', () => {
  it('gives stored open offers the current pool keys, so the candidate search finds them again', async () => {
    const stale = makeOffer('reindex-open');
    const paused = makeOffer('reindex-paused', { status: 'paused' });
    await putWithOldPoolKey(stale);
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: offerItem(paused) }));
    const request = makeRequest('reindex-seeker');
    const find = () => topCandidates(table.deps(), request, 5, new Set(), newReadStats());
    expect(await find()).toEqual([]);

    expect(await reindexOpenOffers(table.db, table.tableName)).toEqual({ openOffers: 1, rewritten: 1 });
    expect((await find()).map((candidate) => candidate.offer.id)).toEqual(['reindex-open']);
    // A second pass finds nothing to do, and a paused offer never enters the pool.
    expect(await reindexOpenOffers(table.db, table.tableName)).toEqual({ openOffers: 1, rewritten: 0 });
    const { Item } = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: offerKey('reindex-paused') }),
    );
    expect(Item?.gsi1pk).toBeUndefined();
  });
});

describe('an offer whose host was rejected before rejecting took it out of the pool', () => {
  it('is never proposed, counts no breach, and re-indexing drops its pool and sweep keys', async () => {
    const KRAKOW = { country: 'PL', city: 'Kraków', lat: 50.06, lon: 19.94 };
    const rejected = makeOffer('reindex-rejected', {
      ...KRAKOW,
      verification: {
        state: 'rejected',
        by: 'pl@haven.test',
        at: '2026-02-01T00:00:00.000Z',
        reason: 'No such street',
      },
    });
    // As a release before 0b11451 wrote it: the keys of an unrejected offer, and the rejection.
    const { verification: _, ...unchecked } = rejected;
    const old = { ...offerItem(unchecked), verification: rejected.verification };
    expect(old.gsi1pk).toBeDefined();
    expect(old.gsi3pk).toBeDefined();
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: old }));
    const request = makeRequest('reindex-rejected-seeker', KRAKOW);
    await saveRequest(table.deps(), request, undefined, { audit: { action: 'submitted', actor: 'form' } });

    const stats = newReadStats();
    expect(await openOffersOfCountry(table.deps(), 'PL', stats)).toEqual([]);
    expect(await fewOpenOffersOfCountry(table.deps(), 'PL', 100, stats)).toEqual([]);
    const errors: string[] = [];
    const log: Logger = { info: () => {}, warn: () => {}, error: (event) => errors.push(event) };
    const matcher = createMatchingService(table.deps({ log }));
    await matcher.matchRequestIds([request.id]);
    await matcher.sweep();
    expect(errors).toEqual([]);
    expect(await proposalIdsOfRequest(table.deps(), request.id)).toEqual([]);

    await reindexOpenOffers(table.db, table.tableName);
    const { Item } = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: offerKey(rejected.id), ConsistentRead: true }),
    );
    expect(Item).toMatchObject({ status: 'open', verification: { state: 'rejected' } });
    for (const key of ['gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk']) expect(Item).not.toHaveProperty(key);
  });
});

describe('a pending proposal of a host rejected before rejecting cancelled it', () => {
  // Its own table: the other re-indexing tests count every record and pending proposal in theirs.
  const own = useTestTable();

  it('is cancelled by re-indexing as a rejection cancels it: the coordinators told, the seeker proposed elsewhere', async () => {
    const seeded = await seedProposal(own, { offer: { verification: undefined } });
    // Beside it, a proposal to a host a coordinator checked: re-indexing must leave it alone.
    const kept = await seedProposal(own);
    const unchecked = keptRecord(await getOffer(own.deps(), seeded.offer.id));
    // As a release before 0b11451 left it: rejected, its pool keys kept, its proposal pending.
    const rejection = {
      state: 'rejected' as const,
      by: 'coordinator@haven.test',
      at: '2026-02-01T00:00:00.000Z',
      reason: 'No such street',
    };
    await own.db.send(
      new PutCommand({
        TableName: own.tableName,
        Item: { ...offerItem(unchecked), verification: rejection },
      }),
    );
    const elsewhere = makeOffer(`${seeded.offer.id}-elsewhere`, { verification: checkedHost });
    await putOne(own.db, own.tableName, elsewhere);
    const rejectedMails = async () =>
      (await pendingMails(own)).filter(
        (mail) => mail.template === 'proposal-offer-rejected' && mail.text.includes(seeded.request.name),
      ).length;
    expect(await rejectedMails()).toBe(0);

    const cancel = () => cancelProposalsOfRejectedHosts(own.deps(), 'process:reindex-command');
    expect((await cancel()).cancelled).toBe(1);
    expect((await getProposal(own.deps(), seeded.proposal.id))?.status).toBe('cancelled');
    expect((await getRequest(own.deps(), seeded.request.id))?.status).toBe('open');
    expect(await readItem(own, holdKey(seeded.offer.id, seeded.proposal.id))).toBeUndefined();
    expect(await rejectedMails()).toBe(1);
    expect((await getProposal(own.deps(), kept.proposal.id))?.status).toBe('pending');
    expect((await getRequest(own.deps(), kept.request.id))?.status).toBe('proposed');
    expect(await readItem(own, holdKey(kept.offer.id, kept.proposal.id))).toBeDefined();
    expect(await cancel()).toEqual({ pending: 1, cancelled: 0 });

    // The stream gives the reopened request to the matcher, which now places the seeker elsewhere.
    await createMatchingService(own.deps()).matchRequestIds([seeded.request.id]);
    const proposals = await proposalsOfRequest(own.deps(), seeded.request.id);
    expect(proposals.filter((p) => p.status === 'pending').map((p) => p.offerId)).toEqual([elsewhere.id]);
  });
});

describe('a record paused before pauses had a horizon', () => {
  it('gets a lifecycle schedule by its shortest horizon, and a sooner one is kept', async () => {
    const pausedAt = '2026-02-01T00:00:00.000Z';
    // As a release before d901334 wrote it: paused, without an end, and no schedule beside it.
    const old = makeOffer('reindex-paused-old', {
      status: 'paused',
      availableTo: undefined,
      updatedAt: pausedAt,
    });
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: offerItem(old) }));
    const soon = makeRequest('reindex-paused-soon', { status: 'paused', updatedAt: pausedAt });
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: requestItem(soon) }));
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: lifecyclePut(table.tableName, 'request', soon.id, new Date(pausedAt)).Put.Item,
      }),
    );
    const deps = table.deps();
    expect(await readLifecycleDueAt(deps, 'offer', old.id)).toBeUndefined();

    await backfillPauseHorizons(table.db, table.tableName, new Date('2026-02-02T00:00:00.000Z'));
    expect(await readLifecycleDueAt(deps, 'offer', old.id)).toBe('2026-04-02T00:00:00.000Z');
    expect(await readLifecycleDueAt(deps, 'request', soon.id)).toBe(pausedAt);
  });
});

describe('an ended record stored before records kept when they ended', () => {
  const own = useTestTable();

  it('is given endedAt from the latest event of its trail that ended it, never later than its last write, and one whose trail no longer tells is left and counted', async () => {
    const day = (n: number, ms = 0) => new Date(Date.parse('2026-10-01T00:00:00.000Z') + n * 86_400_000 + ms);
    const audit = async (pk: string, at: Date, entry: { action: string; from?: string; to?: string }) =>
      own.db.send(
        new PutCommand(
          auditPut(own.tableName, { subjectPk: pk, actor: 'process:lifecycle', ...entry }, at).Put,
        ),
      );
    // Closed on day 1; a host check on day 30 moved its last write (the bug endedAt fixes).
    const checked = makeOffer('ended-checked', { status: 'closed', updatedAt: day(30).toISOString() });
    // Merged on day 2: its event stamped by the same clock a few milliseconds after the record's write.
    const merged = makeRequest('ended-merged', { status: 'withdrawn', updatedAt: day(2).toISOString() });
    // Expired more than a year ago: its trail has gone.
    const untold = makeRequest('ended-untold', { status: 'expired', updatedAt: day(3).toISOString() });
    for (const record of [checked, merged, untold]) await putOne(own.db, own.tableName, record);
    await audit(offerKey(checked.id).pk, day(0), { action: 'paused', from: 'open', to: 'paused' });
    await audit(offerKey(checked.id).pk, day(1), { action: 'ended', from: 'paused', to: 'closed' });
    await audit(offerKey(checked.id).pk, day(30), { action: 'coordinator.verify' });
    await audit(requestKey(merged.id).pk, day(2, 3), { action: 'merged', from: 'open', to: 'withdrawn' });
    const deps = own.deps({ now: () => day(40) });

    expect(await backfillEndedAt(deps)).toEqual({ ended: 3, written: 2, unknown: 1 });
    expect(await getOffer(deps, checked.id)).toMatchObject({ endedAt: day(1).toISOString(), version: 2 });
    expect(await readLifecycleDueAt(deps, 'offer', checked.id)).toBe(day(91).toISOString());
    expect((await auditTrail(deps, offerKey(checked.id).pk, 1))[0]).toMatchObject({
      action: 'ended-at-backfilled',
      actor: 'process:reindex-command',
      fields: ['endedAt'],
    });
    expect((await getRequest(deps, merged.id))?.endedAt).toBe(merged.updatedAt);
    expect(await getRequest(deps, untold.id)).toEqual(untold);
    // Run again, it changes nothing.
    expect(await backfillEndedAt(deps)).toEqual({ ended: 1, written: 0, unknown: 1 });
  });
});

describe('a paused record stored before records kept when its pause began', () => {
  const own = useTestTable();

  it('is given pausedAt from the latest event of its trail naming a status when that left it paused, and one whose trail does not tell is left and counted', async () => {
    const day = (n: number, ms = 0) => new Date(Date.parse('2026-10-01T00:00:00.000Z') + n * 86_400_000 + ms);
    const audit = async (pk: string, at: Date, entry: { action: string; from?: string; to?: string }) =>
      own.db.send(
        new PutCommand(
          auditPut(own.tableName, { subjectPk: pk, actor: 'link:manage-offer', ...entry }, at).Put,
        ),
      );
    // Paused on day 0, edited by its host on day 5; a host check on day 30 moved its last write.
    const edited = makeOffer('paused-edited', {
      status: 'paused',
      availableTo: undefined,
      updatedAt: day(30).toISOString(),
    });
    // Its trail's latest status is open: the event of the pause after it is missing, so it cannot tell.
    const resumed = makeRequest('paused-resumed', { status: 'paused', updatedAt: day(20).toISOString() });
    // Paused more than a year ago: its trail has gone.
    const untold = makeRequest('paused-untold', { status: 'paused', updatedAt: day(3).toISOString() });
    for (const record of [edited, resumed, untold]) await putOne(own.db, own.tableName, record);
    await audit(offerKey(edited.id).pk, day(0), { action: 'pause', from: 'open', to: 'paused' });
    await audit(offerKey(edited.id).pk, day(5), { action: 'edit', from: 'paused', to: 'paused' });
    await audit(offerKey(edited.id).pk, day(30), { action: 'offer.host-verified' });
    await audit(requestKey(resumed.id).pk, day(1), { action: 'pause', from: 'open', to: 'paused' });
    await audit(requestKey(resumed.id).pk, day(2), { action: 'resume', from: 'paused', to: 'open' });
    const deps = own.deps({ now: () => day(40) });

    expect(await backfillPausedAt(deps)).toEqual({ paused: 3, written: 1, unknown: 2 });
    expect(await getOffer(deps, edited.id)).toMatchObject({ pausedAt: day(5).toISOString(), version: 2 });
    expect(await readLifecycleDueAt(deps, 'offer', edited.id)).toBe(day(95).toISOString());
    expect((await auditTrail(deps, offerKey(edited.id).pk, 1))[0]).toMatchObject({
      action: 'paused-at-backfilled',
      actor: 'process:reindex-command',
      fields: ['pausedAt'],
    });
    expect(await getRequest(deps, resumed.id)).toEqual(resumed);
    expect(await getRequest(deps, untold.id)).toEqual(untold);
    // Run again, it changes nothing.
    expect(await backfillPausedAt(deps)).toEqual({ paused: 2, written: 0, unknown: 2 });
  });
});

describe('backfilling phone and Telegram lookups', () => {
  it('gives records stored before the phone search and the Telegram lookups theirs, once, and never overwrites a newer one', async () => {
    const before = makeRequest('reindex-phone-old', { phone: '+90 532 765 43 21', country: 'TR' });
    const closed = makeOffer('reindex-phone-closed', {
      phone: '0532 765 43 22',
      country: 'TR',
      status: 'closed',
    });
    const without = makeRequest('reindex-phone-none');
    // From the bot, before its records had Telegram lookups: found by neither chat nor username.
    const telegram = makeRequest('reindex-telegram-old', {
      email: '',
      telegramChatId: '7500000001',
      telegramUsername: 'olena_reindex',
    });
    for (const record of [before, closed, without, telegram]) {
      const item = record.kind === 'offer' ? offerItem(record) : requestItem(record);
      await table.db.send(new PutCommand({ TableName: table.tableName, Item: item }));
    }
    // A record saved since carries its own lookup, for the number it has now.
    const current = makeRequest('reindex-phone-new', { phone: '+90 532 765 43 23', country: 'TR' });
    await saveRequest(table.deps(), current, undefined, { audit: { action: 'submitted', actor: 'api' } });
    const lookupOf = async (kind: 'offer' | 'request', id: string) =>
      (await table.db.send(new GetCommand({ TableName: table.tableName, Key: phoneLookupKey(kind, id) })))
        .Item;
    expect(await lookupOf('request', before.id)).toBeUndefined();

    expect(await recordsByTelegram(table.deps(), 'chat', '7500000001')).toEqual([]);

    expect(await backfillLookups(table.db, table.tableName)).toEqual({ records: 4, written: 4 });
    expect(await recordsByTelegram(table.deps(), 'chat', '7500000001')).toEqual([
      { kind: 'request', id: telegram.id },
    ]);
    expect(await recordsByTelegram(table.deps(), 'username', '@Olena_Reindex')).toEqual([
      { kind: 'request', id: telegram.id },
    ]);
    expect(await recordsByPhone(table.deps(), ['+905327654321'])).toEqual([
      { kind: 'request', id: before.id },
    ]);
    expect(await recordsByPhone(table.deps(), ['+905327654322'])).toEqual([{ kind: 'offer', id: closed.id }]);
    expect(await lookupOf('request', without.id)).toBeUndefined();
    // Once they exist, a pass reads them and writes nothing: no transaction that would only fail.
    const client = testClient(table);
    const sent: string[] = [];
    const count: InitializeMiddleware<object, MetadataBearer> = (next, context) => (args) => {
      sent.push(String(context.commandName));
      return next(args);
    };
    client.middlewareStack.add(count, { step: 'initialize', name: 'countCommands' });
    expect(await backfillLookups(createDocumentClient(client), table.tableName)).toEqual({
      records: 4,
      written: 0,
    });
    expect(sent).not.toContain('TransactWriteItemsCommand');
    client.destroy();
  });
});

describe('backfilling mailbox lookups', () => {
  it('gives a record spelled otherwise than its mailbox, stored before the lookups, its own, so a block on the mailbox reaches it', async () => {
    const tagged = makeRequest('reindex-alias-old', { email: 'Olena.Reindex+old@GoogleMail.com' });
    const plain = makeRequest('reindex-alias-plain', { email: 'olenareindex@gmail.com' });
    for (const record of [tagged, plain])
      await table.db.send(new PutCommand({ TableName: table.tableName, Item: requestItem(record) }));
    expect(await aliasRecordIds(table.deps(), 'request', 'olenareindex@gmail.com')).toEqual([]);

    await backfillLookups(table.db, table.tableName);

    // Only the other spelling needs one: the mailbox's own spelling is its email index.
    expect(await aliasRecordIds(table.deps(), 'request', 'olenareindex@gmail.com')).toEqual([tagged.id]);
    expect(
      (await recordsOfPerson(table.deps(), 'request', { mailbox: 'olenareindex@gmail.com' }))
        .map((record) => record.id)
        .sort(),
    ).toEqual([plain.id, tagged.id].sort());
  });
});

describe('backfilling mailbox lookups of mixed-case Gmail spellings', () => {
  it('gives a dotted address with a mixed-case domain (`o.lena@GMail.Com`), stored before the lookups, its own', async () => {
    const local = `olenamixed${randomUUID().slice(0, 6)}`;
    const mixed = makeRequest(`reindex-alias-mixed-${randomUUID().slice(0, 6)}`, {
      email: `${local.slice(0, 1)}.${local.slice(1)}@GMail.Com`,
    });
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: requestItem(mixed) }));

    await backfillLookups(table.db, table.tableName);

    expect(await aliasRecordIds(table.deps(), 'request', `${local}@gmail.com`)).toEqual([mixed.id]);
  });
});

describe('backfilling the country of proposals made before the workspace', () => {
  it('puts pending proposals without a country into their offer country’s queue, and leaves decided ones alone', async () => {
    const offer = makeOffer('reindex-queue-offer', { country: 'TR', city: 'İzmir', lat: 38.42, lon: 27.14 });
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: offerItem(offer) }));
    const base = {
      kind: 'proposal' as const,
      offerId: offer.id,
      score: 0.8,
      breakdown: { coverage: 1, distance: 1, fit: 0.5, languages: 1 },
      partySize: 2,
      nightsFrom: offer.availableFrom,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      decisionDueAt: '2099-01-01T00:00:00.000Z',
      version: 0,
    };
    const old = { ...base, id: 'reindex-old-pending', requestId: 'r-old', status: 'pending' as const };
    const decided = {
      ...base,
      id: 'reindex-old-declined',
      requestId: 'r-old-2',
      status: 'declined' as const,
    };
    for (const proposal of [old, decided]) {
      const item = proposalItem(proposal as never);
      await table.db.send(new PutCommand({ TableName: table.tableName, Item: item }));
    }
    expect(await pendingProposalsPage(table.deps(), 'TR', undefined, 20, newReadStats())).toMatchObject({
      items: [],
    });

    expect(await backfillProposalCountries(table.db, table.tableName)).toEqual({ pending: 1, written: 1 });
    const queue = await pendingProposalsPage(table.deps(), 'TR', undefined, 20, newReadStats());
    expect(queue.items.map((proposal) => [proposal.id, proposal.country, proposal.city])).toEqual([
      [old.id, 'TR', 'İzmir'],
    ]);
    expect(await getProposal(table.deps(), decided.id)).not.toHaveProperty('country');
    expect(await backfillProposalCountries(table.db, table.tableName)).toEqual({ pending: 1, written: 0 });
  });
});

describe('backfilling the export of records stored when it held only open ones', () => {
  it('puts every confirmed record not erased into its country’s export, in the order they came in, and a second run writes nothing', async () => {
    const stamp = (minute: number) => new Date(Date.UTC(2026, 1, 1, 9, minute)).toISOString();
    const placed = makeRequest('reindex-export-placed', {
      country: 'EE',
      status: 'placed',
      createdAt: stamp(0),
    });
    const open = makeRequest('reindex-export-open', { country: 'EE', createdAt: stamp(1) });
    const erasedOne = erased(
      makeRequest('reindex-export-erased', { country: 'EE', status: 'withdrawn', createdAt: stamp(2) }),
      new Date(stamp(3)),
      cityOf,
    );
    const unconfirmed = makeRequest('reindex-export-pending', { country: 'EE', status: 'pending' });
    // Withdrawn before its address was confirmed: it kept its confirm link's horizon.
    const endedUnconfirmed = makeRequest('reindex-export-ended-pending', {
      country: 'EE',
      status: 'withdrawn',
      eraseBy: stamp(60),
    });
    // As an older release stored them: no export keys on any record.
    for (const record of [placed, open, unconfirmed, endedUnconfirmed]) {
      const { gsi4pk: _pk, gsi4sk: _sk, ...old } = requestItem(record);
      await table.db.send(new PutCommand({ TableName: table.tableName, Item: old }));
    }
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: erasedItem(erasedOne) }));
    const exported = async () =>
      (await exportRecordsPage(table.deps(), 'request', 'EE', undefined, 10)).items.map(
        (record) => record.id,
      );
    expect(await exported()).toEqual([]);

    const first = await backfillExportKeys(table.db, table.tableName);
    expect(first.written).toBeGreaterThanOrEqual(2);
    expect(await exported()).toEqual([placed.id, open.id]);
    for (const left of [erasedOne, unconfirmed, endedUnconfirmed])
      expect(await readItem(table, requestKey(left.id)), left.id).not.toHaveProperty('gsi4pk');
    expect(await backfillExportKeys(table.db, table.tableName)).toMatchObject({ written: 0 });
  });
});

describe('a Telegram record stored with an address nobody confirmed', () => {
  it('loses the address (its email index, and a block through it alone) to re-indexing, a too-old one too, while a confirmed one keeps it', async () => {
    const deps = table.deps();
    const at = new Date('2026-11-20T10:00:00.000Z');
    const fromChat = (id: string, chat: string, overrides: Partial<RequestRecord> = {}) =>
      makeRequest(id, { email: `${id}@example.org`, telegramChatId: chat, ...overrides });
    const blockedAt = at.toISOString();
    const typed = fromChat('reindex-typed', '7500000101');
    const confirmed = fromChat('reindex-tied', '7500000102');
    // With a username: without the address it is still reachable, so it rejoins the pool.
    const blocked = fromChat('reindex-blocked', '7500000103', { blockedAt, telegramUsername: 'reindex_b' });
    const old = fromChat('reindex-old-chat', '7500000104');
    const blockedChat = fromChat('reindex-blocked-chat', '7500000105', { blockedAt });
    const oldBlocked = fromChat('reindex-old-blocked', '7500000106', { blockedAt });
    // Ended: the drop writes them, and must not move when their erasure comes.
    const endedAt = '2026-11-01T08:00:00.000Z';
    const ended = fromChat('reindex-ended', '7500000107', {
      status: 'withdrawn',
      endedAt,
      updatedAt: endedAt,
    });
    const endedBefore = fromChat('reindex-ended-before', '7500000108', {
      status: 'expired',
      updatedAt: '2026-11-10T00:00:00.000Z',
    });
    // Paused: the drop is no change of their owner's, so each keeps when its pause began; one
    // stored before records kept that is given its last write's time.
    const pausedSince = '2026-11-05T00:00:00.000Z';
    const pausedKept = fromChat('reindex-paused-kept', '7500000109', {
      status: 'paused',
      pausedAt: pausedSince,
      updatedAt: '2026-11-06T00:00:00.000Z',
    });
    const pausedOld = fromChat('reindex-paused-before', '7500000110', {
      status: 'paused',
      updatedAt: pausedSince,
    });
    const block = { by: 'tr-coordinator@haven.test', at: blockedAt };
    await table.db.send(
      new PutCommand(blockPut(table.deps().config, chatAddress('7500000105'), block, [], blockedAt).Put),
    );
    const audit = (record: RequestRecord, action: string, actor: AuditActor) =>
      table.db.send(
        new PutCommand(
          auditPut(table.tableName, { subjectPk: requestKey(record.id).pk, action, actor }, at).Put,
        ),
      );
    const records = [typed, confirmed, blocked, old, blockedChat, oldBlocked, ended, endedBefore];
    for (const record of [...records, pausedKept, pausedOld]) {
      await table.db.send(new PutCommand({ TableName: table.tableName, Item: requestItem(record) }));
    }
    // As an older release stored them: the first send audited; the tied one's address pressed
    // its link since; the old one's trail has expired.
    for (const record of [
      typed,
      confirmed,
      blocked,
      blockedChat,
      ended,
      endedBefore,
      pausedKept,
      pausedOld,
    ]) {
      await audit(record, 'submitted-telegram', 'form');
    }
    await audit(confirmed, 'resubmission-confirmed', 'link:confirm-request');
    expect((await requestsByEmail(deps, typed.email)).map((record) => record.id)).toEqual([typed.id]);

    expect(
      await dropUnconfirmedChatAddresses(table.deps({ now: () => new Date('2026-11-25T00:00:00.000Z') })),
    ).toEqual({
      records: 10,
      dropped: 6,
      unblocked: 1,
      unknown: 2,
    });
    // Erased 90 days after it ended, not after the drop; one ended before endedAt keeps its horizon.
    expect(await getRequest(deps, ended.id)).toMatchObject({ email: '', endedAt });
    expect(await readLifecycleDueAt(deps, 'request', ended.id)).toBe('2027-01-30T08:00:00.000Z');
    expect(await getRequest(deps, endedBefore.id)).toMatchObject({
      email: '',
      endedAt: endedBefore.updatedAt,
    });
    expect(await readLifecycleDueAt(deps, 'request', endedBefore.id)).toBe('2027-02-08T00:00:00.000Z');
    // The drop's audit lists endedAt where it set it.
    expect((await auditTrail(deps, requestKey(endedBefore.id).pk, 1))[0]?.fields).toEqual([
      'email',
      'endedAt',
    ]);
    expect((await auditTrail(deps, requestKey(ended.id).pk, 1))[0]?.fields).toEqual(['email']);
    for (const paused of [pausedKept, pausedOld])
      expect(await getRequest(deps, paused.id)).toMatchObject({
        email: '',
        status: 'paused',
        pausedAt: pausedSince,
      });
    expect((await auditTrail(deps, requestKey(pausedOld.id).pk, 1))[0]?.fields).toEqual([
      'email',
      'pausedAt',
    ]);
    expect((await auditTrail(deps, requestKey(pausedKept.id).pk, 1))[0]?.fields).toEqual(['email']);
    expect(await getRequest(deps, typed.id)).toMatchObject({ email: '', version: typed.version + 1 });
    expect(await requestsByEmail(deps, typed.email)).toEqual([]);
    expect((await auditTrail(deps, requestKey(typed.id).pk, 1))[0]).toMatchObject({
      action: 'address-dropped',
      actor: 'process:reindex-command',
      fields: ['email'],
    });
    // Blocked through the typed address alone: the block goes with it, and the request is pooled.
    const unblocked = keptRecord(await getRequest(deps, blocked.id));
    expect(unblocked.email).toBe('');
    expect(unblocked.blockedAt).toBeUndefined();
    expect((await readItem(table, requestKey(blocked.id)))?.gsi1pk).toEqual(expect.any(String));
    // Its chat blocked too: the chat's block stays.
    expect(await getRequest(deps, blockedChat.id)).toMatchObject({ email: '', blockedAt });
    expect(keptRecord(await getRequest(deps, confirmed.id)).email).toBe(confirmed.email);
    // Its trail too short to show a press: the address proves nothing, so it goes as well.
    expect(await getRequest(deps, old.id)).toMatchObject({ email: '', version: old.version + 1 });
    expect(await requestsByEmail(deps, old.email)).toEqual([]);
    // Nor can it show the address was never confirmed: a block it was stored with stays.
    expect(await getRequest(deps, oldBlocked.id)).toMatchObject({ email: '', blockedAt });
    expect((await readItem(table, requestKey(oldBlocked.id)))?.gsi1pk).toBeUndefined();
    expect(await dropUnconfirmedChatAddresses(deps)).toEqual({
      records: 1,
      dropped: 0,
      unblocked: 0,
      unknown: 0,
    });
  });
});

describe('a link holding changes issued before the held-changes queue', () => {
  it('is queued by re-indexing, so the lifecycle deletes it and what it holds once it expires; a spent one is left alone', async () => {
    const DAY = 86_400_000;
    const issued = new Date();
    /** A tie link as an older release stored it: no queue keys. */
    const stored = async (usedAt?: string) => {
      const token = issueToken(
        table.tableName,
        {
          purpose: 'confirm-request',
          subjectKind: 'request',
          subjectId: 'reindex-held-changes',
          validForMs: 7 * DAY,
          singleUse: true,
          changes: { email: 'typed-before-the-queue@example.org' },
          addressChange: true,
        },
        issued,
      );
      const { gsi3pk, gsi3sk, ...item } = token.put.Put.Item as Record<string, unknown>;
      expect(gsi3pk).toBeDefined();
      await table.db.send(
        new PutCommand({ TableName: table.tableName, Item: { ...item, ...(usedAt ? { usedAt } : {}) } }),
      );
      return token.hash;
    };
    const unspent = await stored();
    const spent = await stored(issued.toISOString());

    expect(await queueHeldChanges(table.db, table.tableName)).toMatchObject({ queued: 1 });
    expect(await queueHeldChanges(table.db, table.tableName)).toMatchObject({ queued: 0 });
    await runLifecycle(table.deps({ now: () => new Date(issued.getTime() + 7 * DAY + 60_000) }));

    expect(await readToken(table.deps(), unspent)).toBeUndefined();
    expect(await readToken(table.deps(), spent)).toMatchObject({ usedAt: issued.toISOString() });
  });
});

describe('a chat that confirmed a blocked address before a press copied the block across', () => {
  it('is blocked by re-indexing as the address is, audited, what it sent not stored blocked closes, and a second run changes nothing', async () => {
    const deps = table.deps();
    const at = '2026-11-21T10:00:00.000Z';
    const email = 'reindex-blocked-address@example.org';
    const block = { by: 'tr-coordinator@haven.test', at };
    await table.db.send(new PutCommand(blockPut(deps.config, email, block, [], at).Put));
    // As an older release left them: the tie confirmed and stored blocked, the chat not blocked,
    // what the chat sent without the address matched; another chat tied to an unblocked address.
    const tie = makeRequest('reindex-tie-blocked', { email, telegramChatId: '7500000201', blockedAt: at });
    const sent = makeRequest('reindex-chat-sent', { email: '', telegramChatId: '7500000201' });
    const other = makeRequest('reindex-tie-free', {
      email: 'reindex-free@example.org',
      telegramChatId: '7500000202',
    });
    for (const record of [tie, sent, other])
      await table.db.send(new PutCommand({ TableName: table.tableName, Item: requestItem(record) }));
    await table.db.send(
      new PutCommand(
        auditPut(
          table.tableName,
          {
            subjectPk: requestKey(tie.id).pk,
            action: 'resubmission-confirmed',
            actor: 'link:confirm-request',
          },
          new Date(at),
        ).Put,
      ),
    );

    const done = await reindex(deps, new Date());

    expect(done.chats).toMatchObject({ chats: 1 });
    expect(reindexReport(done)).toContainEqual(
      expect.stringMatching(/, 1 chats blocked as the blocked address/),
    );

    expect(await blockOf(deps, chatAddress('7500000201'))).toEqual(block);
    // The chat's block lists the chat's records: it stands until the last of them is erased.
    expect([...(await heldBlockOf(deps, chatAddress('7500000201'))).holders].sort()).toEqual(
      [holderOf(sent), holderOf(tie)].sort(),
    );
    expect(await blockOf(deps, chatAddress('7500000202'))).toBeUndefined();
    expect((await auditTrail(deps, requestKey(tie.id).pk, 10)).map((event) => event.action)).toContain(
      'blocked-with-address',
    );
    expect(await getRequest(deps, tie.id)).toMatchObject({ status: 'open', blockedAt: at });
    expect(await getRequest(deps, sent.id)).toMatchObject({ status: 'withdrawn' });
    expect((await readItem(table, requestKey(sent.id)))?.gsi1pk).toBeUndefined();
    expect((await auditTrail(deps, requestKey(sent.id).pk, 10))[0]).toMatchObject({
      action: 'blocked-with-address',
      actor: 'process:reindex-command',
    });
    expect((await getRequest(deps, other.id))?.status).toBe('open');
    const trails = async () =>
      Promise.all(
        [tie, sent].map(async (record) => (await auditTrail(deps, requestKey(record.id).pk, 20)).length),
      );
    const before = await trails();
    expect((await reindex(deps, new Date())).chats).toMatchObject({ chats: 0 });
    expect(await trails()).toEqual(before);
  });
});

describe('blocks and suppressions written before they went with the person', () => {
  it('are queued by re-indexing to go RETENTION_DAYS after they were written, a block taking the live records of its address as holders, and a second run changes nothing', async () => {
    const deps = table.deps();
    const DAY = 86_400_000;
    const written = new Date();
    const at = written.toISOString();
    const bounced = 'reindex-old-bounce@example.org';
    const blocked = 'reindex-old-block@example.org';
    const alone = 'reindex-old-block-alone@example.org';
    // As an older release wrote them: a suppression with a year-long TTL, blocks with no holders.
    const suppression = suppressionKey(emailHash(bounced));
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...suppression,
          kind: 'suppression',
          reason: 'bounce',
          createdAt: at,
          expiresAt: Math.floor(written.getTime() / 1000) + 365 * 86_400,
        },
      }),
    );
    for (const email of [blocked, alone])
      await table.db.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...blockKey(emailHash(email)), kind: 'block', by: 'tr-coordinator@haven.test', at },
        }),
      );
    // Placed with no stay end: nothing erases it, so it must hold its address's block.
    const placed = makeRequest('reindex-old-block-placed', { email: blocked, status: 'placed' });
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: requestItem(placed) }));

    const done = await reindex(deps, written);

    expect(done.forget.suppressions).toBeGreaterThanOrEqual(1);
    expect(done.forget.blocks).toBeGreaterThanOrEqual(2);
    expect(reindexReport(done)).toContainEqual(
      expect.stringMatching(/blocks from before they went with the person/),
    );
    const horizon = new Date(written.getTime() + 90 * DAY).toISOString();
    const stored = await readItem(table, suppression);
    expect(stored).toMatchObject({ forgetAt: horizon, gsi3pk: 'FORGET#due', revision: 0 });
    expect(stored?.expiresAt).toBeUndefined();
    expect((await heldBlockOf(deps, blocked)).holders).toEqual([holderOf(placed)]);
    expect(await readItem(table, blockKey(emailHash(alone)))).toMatchObject({
      listsHolders: true,
      forgetAt: horizon,
      gsi3pk: 'FORGET#due',
    });
    expect((await reindex(deps, written)).forget).toEqual({ suppressions: 0, blocks: 0 });

    await runLifecycle(table.deps({ now: () => new Date(written.getTime() + 90 * DAY + 60_000) }));

    expect(await suppressedAmong(deps, [bounced])).toEqual(new Set());
    expect(await blockOf(deps, alone)).toBeUndefined();
    expect(await blockOf(deps, blocked)).toMatchObject({ by: 'tr-coordinator@haven.test', at });
  });
});

describe('a block that lists its holders, set before blocks reached every spelling of their mailbox', () => {
  it('takes on as holders the records sent earlier under another spelling, closes the live ones in its name, and a second run changes nothing', async () => {
    const deps = table.deps();
    const at = '2026-11-20T09:00:00.000Z';
    const mailbox = `olenablocked${randomUUID().slice(0, 6)}@gmail.com`;
    const [local] = mailbox.split('@');
    const block = { by: 'ua-coordinator@haven.test', at };
    // As that release left it: the block lists the record of its exact spelling, which it closed;
    // what the same person sent earlier as `o.lena…+x@GMail.Com` it never found.
    const exact = makeRequest(`reindex-block-exact-${randomUUID().slice(0, 6)}`, {
      email: mailbox,
      status: 'withdrawn',
    });
    const tagged = makeRequest(`reindex-block-tagged-${randomUUID().slice(0, 6)}`, {
      email: `${local?.slice(0, 1)}.${local?.slice(1)}+later@GMail.Com`,
    });
    const placed = makeRequest(`reindex-block-placed-${randomUUID().slice(0, 6)}`, {
      email: `${local}+stay@gmail.com`,
      status: 'placed',
    });
    const stranger = makeRequest(`reindex-block-other-${randomUUID().slice(0, 6)}`, {
      email: `x${mailbox}`,
    });
    for (const record of [exact, tagged, placed, stranger])
      await table.db.send(new PutCommand({ TableName: table.tableName, Item: requestItem(record) }));
    await table.db.send(new PutCommand(blockPut(deps.config, mailbox, block, [holderOf(exact)], at).Put));

    const done = await reindex(deps, new Date());

    expect(done.blocked.held).toBeGreaterThanOrEqual(2);
    expect(done.blocked.closed).toBeGreaterThanOrEqual(1);
    expect(reindexReport(done)).toContainEqual(expect.stringMatching(/records of blocked people/));
    // Every record of the mailbox holds the block: erasing the exact one no longer lets it go.
    expect([...(await heldBlockOf(deps, mailbox)).holders].sort()).toEqual(
      [holderOf(exact), holderOf(tagged), holderOf(placed)].sort(),
    );
    expect(await blockOf(deps, mailbox)).toEqual(block);
    expect(await getRequest(deps, tagged.id)).toMatchObject({ status: 'withdrawn' });
    expect((await readItem(table, requestKey(tagged.id)))?.gsi1pk).toBeUndefined();
    expect((await auditTrail(deps, requestKey(tagged.id).pk, 10))[0]).toMatchObject({
      action: 'coordinator.blocked',
      actor: 'process:reindex-command',
      from: 'open',
      to: 'withdrawn',
    });
    // A stay already arranged is not undone by a block, as blocking does not undo it.
    expect((await getRequest(deps, placed.id))?.status).toBe('placed');
    expect((await getRequest(deps, stranger.id))?.status).toBe('open');

    const trails = async () =>
      Promise.all(
        [exact, tagged, placed].map(
          async (record) => (await auditTrail(deps, requestKey(record.id).pk, 20)).length,
        ),
      );
    const before = await trails();
    const again = await reindex(deps, new Date());
    expect(await trails()).toEqual(before);
    expect((await heldBlockOf(deps, mailbox)).holders).toHaveLength(3);
    expect(again.blocked.closed).toBe(0);
  });
});

describe("the reindex's block pass, on a record that loses the blocked address after its Scan", () => {
  // Its own table: the pass goes over every block of the table, so its counts are this test's.
  const own = useTestTable();

  /** A block listing its exact record, and a chat's live record under a tagged spelling of it. */
  async function blockedWithChatRecord() {
    const deps = own.deps();
    const at = '2026-11-20T09:00:00.000Z';
    const mailbox = `blockedchat${randomUUID().slice(0, 6)}@gmail.com`;
    const [local] = mailbox.split('@');
    const exact = makeRequest(`reindex-lost-exact-${randomUUID().slice(0, 6)}`, {
      email: mailbox,
      status: 'withdrawn',
    });
    const typed = makeRequest(`reindex-lost-typed-${randomUUID().slice(0, 6)}`, {
      email: `${local}+x@gmail.com`,
      telegramChatId: String(7_100_000_000 + Math.floor(Math.random() * 1e6)),
    });
    for (const record of [exact, typed])
      await own.db.send(new PutCommand({ TableName: own.tableName, Item: requestItem(record) }));
    await own.db.send(
      new PutCommand(blockPut(deps.config, mailbox, { by: 'c@haven.test', at }, [holderOf(exact)], at).Put),
    );
    // What dropUnconfirmedChatAddresses (earlier in the same reindex) does to an unconfirmed one.
    const dropAddress = () =>
      own.db.send(
        new PutCommand({
          TableName: own.tableName,
          Item: requestItem({ ...typed, email: '', version: typed.version + 1 }),
        }),
      );
    return { deps, mailbox, exact, typed, dropAddress };
  }

  it('neither lists it as a holder nor closes it when the address went before the pass read it again', async () => {
    const { deps, mailbox, exact, typed, dropAddress } = await blockedWithChatRecord();
    const { db, overtaken } = overtakenOn(
      own,
      (name, input) => name === 'GetItemCommand' && pkOf(input) === requestKey(typed.id).pk,
      dropAddress,
    );

    expect(await holdAndCloseUnderBlocks(own.deps({ db }))).toEqual({ listed: 0, held: 0, closed: 0 });

    expect(overtaken()).toBe(1);
    expect((await heldBlockOf(deps, mailbox)).holders).toEqual([holderOf(exact)]);
    expect(await getRequest(deps, typed.id)).toMatchObject({ status: 'open', email: '' });
    expect(await auditTrail(deps, requestKey(typed.id).pk, 10)).toEqual([]);
  });

  it('does not close it when the address went between the holders and the closing (its retry reads it again)', async () => {
    const { deps, typed, dropAddress } = await blockedWithChatRecord();
    const { db, overtaken } = overtakenOn(
      own,
      (name, input) =>
        name === 'TransactWriteItemsCommand' &&
        JSON.stringify(input).includes(typed.id) &&
        JSON.stringify(input).includes('coordinator.blocked'),
      dropAddress,
    );

    // Listed while it still had the address (that read came first); closed: none.
    expect(await holdAndCloseUnderBlocks(own.deps({ db }))).toEqual({ listed: 0, held: 1, closed: 0 });

    expect(overtaken()).toBe(1);
    expect(await getRequest(deps, typed.id)).toMatchObject({ status: 'open', email: '' });
    expect(await auditTrail(deps, requestKey(typed.id).pk, 10)).toEqual([]);
  });
});

/** A mailbox's exact record (closed by its block) and a live one under a tagged spelling of it. */
async function exactAndTagged(own: typeof table, prefix: string) {
  const mailbox = `${prefix}${randomUUID().slice(0, 6)}@gmail.com`;
  const [local] = mailbox.split('@');
  const exact = makeRequest(`${prefix}-exact-${randomUUID().slice(0, 6)}`, {
    email: mailbox,
    status: 'withdrawn',
  });
  const tagged = makeRequest(`${prefix}-tagged-${randomUUID().slice(0, 6)}`, {
    email: `${local}+x@gmail.com`,
  });
  for (const record of [exact, tagged])
    await own.db.send(new PutCommand({ TableName: own.tableName, Item: requestItem(record) }));
  return { mailbox, exact, tagged };
}

describe("the reindex's block pass, against a block lifted after its Scan", () => {
  const own = useTestTable();

  it('neither lists nor closes anything of it', async () => {
    const deps = own.deps();
    const at = '2026-11-20T09:00:00.000Z';
    const { mailbox, exact, tagged } = await exactAndTagged(own, 'liftedblock');
    await own.db.send(
      new PutCommand(blockPut(deps.config, mailbox, { by: 'c@haven.test', at }, [holderOf(exact)], at).Put),
    );
    const { db, overtaken } = overtakenOn(
      own,
      (name) => name === 'TransactWriteItemsCommand',
      () => own.db.send(new DeleteCommand({ TableName: own.tableName, Key: blockKey(emailHash(mailbox)) })),
    );

    expect(await holdAndCloseUnderBlocks(own.deps({ db }))).toEqual({ listed: 0, held: 0, closed: 0 });

    expect(overtaken()).toBe(1);
    expect(await readItem(own, blockKey(emailHash(mailbox)))).toBeUndefined();
    expect((await getRequest(deps, tagged.id))?.status).toBe('open');
    expect(await auditTrail(deps, requestKey(tagged.id).pk, 10)).toEqual([]);
  });
});

describe("the reindex's block pass, against a block lifted and set anew before its closing", () => {
  const own = useTestTable();

  it('closes nothing in the lifted block’s name', async () => {
    const deps = own.deps();
    const at = '2026-11-20T09:00:00.000Z';
    const anew = { by: 'other@haven.test', at: '2026-11-21T09:00:00.000Z' };
    const { mailbox, exact, tagged } = await exactAndTagged(own, 'setanew');
    await own.db.send(
      new PutCommand(blockPut(deps.config, mailbox, { by: 'c@haven.test', at }, [holderOf(exact)], at).Put),
    );
    const { db, overtaken } = overtakenOn(
      own,
      (name, input) =>
        name === 'TransactWriteItemsCommand' && JSON.stringify(input).includes('coordinator.blocked'),
      async () => {
        await own.db.send(new DeleteCommand({ TableName: own.tableName, Key: blockKey(emailHash(mailbox)) }));
        await own.db.send(
          new PutCommand(blockPut(deps.config, mailbox, anew, [holderOf(exact)], anew.at).Put),
        );
      },
    );

    // Listed while the first block stood; the closing, checked against it, finds it gone.
    expect(await holdAndCloseUnderBlocks(own.deps({ db }))).toEqual({ listed: 0, held: 1, closed: 0 });

    expect(overtaken()).toBe(1);
    expect(await blockOf(deps, mailbox)).toEqual(anew);
    expect((await getRequest(deps, tagged.id))?.status).toBe('open');
    expect(await auditTrail(deps, requestKey(tagged.id).pk, 10)).toEqual([]);
  });
});

describe("the reindex's block pass, on a block written before blocks listed their holders", () => {
  const own = useTestTable();

  it('lists every spelling’s records as its holders and closes the live ones in its name', async () => {
    const deps = own.deps();
    const block = { by: 'tr-coordinator@haven.test', at: '2026-11-20T09:00:00.000Z' };
    const { mailbox, exact, tagged } = await exactAndTagged(own, 'legacyblock');
    await own.db.send(
      new PutCommand({
        TableName: own.tableName,
        Item: { ...blockKey(emailHash(mailbox)), kind: 'block', ...block },
      }),
    );

    expect(await holdAndCloseUnderBlocks(deps)).toEqual({ listed: 1, held: 0, closed: 1 });

    expect(await readItem(own, blockKey(emailHash(mailbox)))).toMatchObject({ listsHolders: true });
    expect([...(await heldBlockOf(deps, mailbox)).holders].sort()).toEqual(
      [holderOf(exact), holderOf(tagged)].sort(),
    );
    expect((await auditTrail(deps, requestKey(tagged.id).pk, 10))[0]).toMatchObject({
      action: 'coordinator.blocked',
      actor: 'process:reindex-command',
      from: 'open',
      to: 'withdrawn',
    });
    expect(await holdAndCloseUnderBlocks(deps)).toEqual({ listed: 0, held: 0, closed: 0 });
  });
});

describe("the reindex's block pass, on a chat's block", () => {
  const own = useTestTable();

  it('lists the chat’s records it missed and closes the live ones in its name', async () => {
    const deps = own.deps();
    const at = '2026-11-20T09:00:00.000Z';
    const chatId = String(7_200_000_000 + Math.floor(Math.random() * 1e6));
    const first = makeRequest(`chatblock-first-${randomUUID().slice(0, 6)}`, {
      email: '',
      telegramChatId: chatId,
      status: 'withdrawn',
    });
    const later = makeRequest(`chatblock-later-${randomUUID().slice(0, 6)}`, {
      email: `chatblock${randomUUID().slice(0, 6)}@example.org`,
      telegramChatId: chatId,
    });
    for (const record of [first, later])
      await own.db.send(new PutCommand({ TableName: own.tableName, Item: requestItem(record) }));
    const chat = chatAddress(chatId);
    await own.db.send(
      new PutCommand(blockPut(deps.config, chat, { by: 'c@haven.test', at }, [holderOf(first)], at).Put),
    );

    expect(await holdAndCloseUnderBlocks(deps)).toEqual({ listed: 0, held: 1, closed: 1 });

    expect([...(await heldBlockOf(deps, chat)).holders].sort()).toEqual(
      [holderOf(first), holderOf(later)].sort(),
    );
    expect((await getRequest(deps, later.id))?.status).toBe('withdrawn');
    expect((await auditTrail(deps, requestKey(later.id).pk, 10))[0]).toMatchObject({
      action: 'coordinator.blocked',
      actor: 'process:reindex-command',
    });
  });
});
