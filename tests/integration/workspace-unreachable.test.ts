import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { offerItem, requestItem } from '../../shared/data/items.ts';
import { offerKey, requestKey, unreachablePartition } from '../../shared/data/keys.ts';
import { getOffer } from '../../shared/data/offers.ts';
import { queueUnreachableRecords } from '../../shared/data/reindex.ts';
import { getRequest, saveRequest } from '../../shared/data/requests.ts';
import { markChatUnreachable, telegramLookupItems } from '../../shared/data/telegram-lookups.ts';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { createApp } from '../../shared/http/app.ts';
import { translator } from '../../shared/i18n/index.ts';
import { createMatchingService, triggersOf } from '../../shared/matching/matcher.ts';
import { keptRecord } from '../support/records.ts';
import { createTestTable, useTestTable } from '../support/table.ts';
import { seedProposal } from './approval-support.ts';
import { makeOffer, makeRequest, putOne, streamEvent, TBILISI } from './matching-support.ts';
import { csrfIn, rowsOf, signedInVisitor, type Visitor } from './workspace-support.ts';

const table = useTestTable({ COORDINATORS: JSON.stringify({ '*': ['all@haven.test'] }) });
let coordinator: Visitor;

beforeAll(async () => {
  coordinator = await signedInVisitor(createApp(table.deps()), table, 'all@haven.test');
});
const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
/** Came through the bot: a chat, and no address, phone number or username to hand over. */
const noContact = { email: '', phone: undefined, telegramChatId: '7400000501' } as const;

async function html(path: string) {
  const response = await coordinator.get(path);
  expect(response.status).toBe(200);
  return response.text();
}

/** The queue's "nobody could reach them" section of a country, as HTML. */
async function unreachableSection(country: string, lang = 'en') {
  const page = await html(`/coordinator?country=${country}&lang=${lang}`);
  return (
    /<section class="queue" aria-labelledby="queue-unreachable"[\s\S]*?<\/section>/.exec(page)?.[0] ?? ''
  );
}

describe('records nobody could reach, before anyone tries to approve', () => {
  it('are listed in their country’s queue with what to do, and not among those waiting for a bed', async () => {
    const en = translator('en');
    const seeker = makeRequest(id('r'), { ...TBILISI, ...noContact });
    const host = makeOffer(id('o'), { ...TBILISI, ...noContact });
    const reachable = makeRequest(id('r'), { ...TBILISI, ...noContact, telegramUsername: 'olena_k' });
    for (const record of [seeker, host, reachable]) await putOne(table.db, table.tableName, record);

    const section = await unreachableSection('GE');
    expect(section).toContain(en('coordinator.queue.unreachable'));
    expect(section).toContain(en('coordinator.queue.unreachableHint'));
    expect(section).toContain(`/coordinator/requests/${seeker.id}`);
    expect(section).toContain(`/coordinator/offers/${host.id}`);
    expect(rowsOf(section).find((row) => row.html.includes(host.id))?.text).toMatch(
      new RegExp(`^${en('decision.host.title')} · Tbilisi · `),
    );
    expect(section).not.toContain(reachable.id);
    const waiting = /<section class="queue" aria-labelledby="queue-waiting"[\s\S]*?<\/section>/.exec(
      await html('/coordinator?country=GE'),
    )?.[0];
    const row = (recordId: string) =>
      rowsOf(waiting ?? '').find((found) => found.html.includes(`/coordinator/requests/${recordId}`))?.text;
    // Out of the pool until a contact is added (isProposable): it waits for a contact, not a bed.
    expect(row(seeker.id)).toBeUndefined();
    expect(row(reachable.id)).toBeDefined();
    expect(row(reachable.id)).not.toContain(en('coordinator.row.noContact'));
    expect(await unreachableSection('GE', 'tr')).toContain(translator('tr')('coordinator.queue.unreachable'));
  });

  it('shows on the record’s page what is missing and what to do, in the reader’s language', async () => {
    const seeker = makeRequest(id('r'), { ...TBILISI, ...noContact });
    const lost = makeOffer(id('o'), { ...TBILISI, ...noContact, telegramChatId: undefined });
    await putOne(table.db, table.tableName, seeker);
    await putOne(table.db, table.tableName, lost);
    for (const lang of ['en', 'ru', 'uk', 'tr'] as const) {
      const t = translator(lang);
      const page = await html(`/coordinator/requests/${seeker.id}?lang=${lang}`);
      expect(page).toContain(t('coordinator.unreachable.title'));
      expect(page).toContain(t('coordinator.unreachable.seeker'));
      expect(page).toContain(t('coordinator.unreachable.todo.seeker'));
    }
    const en = translator('en');
    const offerPage = await html(`/coordinator/offers/${lost.id}`);
    expect(offerPage).toContain(en('coordinator.unreachable.host'));
    expect(offerPage).toContain(en('coordinator.unreachable.todoNoChat'));
    const reachable = makeRequest(id('r'), { ...TBILISI, ...noContact, phone: '+995 32 2123456' });
    await putOne(table.db, table.tableName, reachable);
    expect(await html(`/coordinator/requests/${reachable.id}`)).not.toContain(
      en('coordinator.unreachable.title'),
    );
  });

  it('tell, when their chat with the bot refuses Haven’s messages too, that nothing reaches them until they write to the bot again', async () => {
    const chat = '7400000509';
    const seeker = makeRequest(id('r'), { ...TBILISI, ...noContact, telegramChatId: chat });
    await putOne(table.db, table.tableName, seeker);
    // Filed under its chat, as every store of a chat's record files it: a chat with no record left loses its mark.
    for (const lookup of telegramLookupItems(seeker))
      await table.db.send(new PutCommand({ TableName: table.tableName, Item: lookup }));
    await markChatUnreachable(table.deps(), chat, false);
    for (const lang of ['en', 'ru', 'uk', 'tr'] as const) {
      const t = translator(lang);
      const page = await html(`/coordinator/requests/${seeker.id}?lang=${lang}`);
      expect(page).toContain(t('coordinator.unreachable.todoChatRefused'));
      expect(page).not.toContain(t('coordinator.unreachable.todo.seeker'));
      expect(page).toContain(t('coordinator.chatRefused.title'));
      // Not "reach them another way" beside "nobody can reach them".
      expect(page).not.toContain(t('coordinator.chatRefused.notMailed'));
    }
  });

  it('leave the list when a phone number is added, when a coordinator pauses the record (its page still warning), and when one closes it', async () => {
    const en = translator('en');
    const adding = makeRequest(id('r'), { ...TBILISI, ...noContact });
    const pausing = makeRequest(id('r'), { ...TBILISI, ...noContact });
    const closing = makeRequest(id('r'), { ...TBILISI, ...noContact });
    for (const record of [adding, pausing, closing]) await putOne(table.db, table.tableName, record);
    expect(await unreachableSection('GE')).toContain(adding.id);

    const stored = keptRecord(await getRequest(table.deps(), adding.id));
    await saveRequest(
      table.deps(),
      { ...stored, phone: '+995 32 2123456', version: stored.version + 1 },
      stored.version,
      { audit: { action: 'updated', actor: 'link:manage', fields: ['phone'] } },
    );
    expect(await unreachableSection('GE')).not.toContain(adding.id);
    expect(await html(`/coordinator/requests/${adding.id}`)).not.toContain(
      en('coordinator.unreachable.title'),
    );

    const act = async (recordId: string, action: 'pause' | 'close') => {
      const page = await html(`/coordinator/requests/${recordId}`);
      const done = await coordinator.post(`/coordinator/requests/${recordId}/${action}`, {
        csrf: csrfIn(page),
      });
      expect(done.status).toBe(303);
    };
    await act(pausing.id, 'pause');
    await act(closing.id, 'close');
    expect((await getRequest(table.deps(), pausing.id))?.status).toBe('paused');
    expect((await getRequest(table.deps(), closing.id))?.status).toBe('withdrawn');
    const section = await unreachableSection('GE');
    expect(section).not.toContain(pausing.id);
    expect(section).not.toContain(closing.id);
    // Paused, it is off the list, but its page still warns whoever would reopen it.
    expect(await html(`/coordinator/requests/${pausing.id}`)).toContain(en('coordinator.unreachable.title'));
    expect(await html(`/coordinator/requests/${closing.id}`)).not.toContain(
      en('coordinator.unreachable.title'),
    );
  });
});

/** The queue's section of a country, as its rows' record links. */
async function sectionLinks(country: string, section: 'verify') {
  const page = await html(`/coordinator?country=${country}`);
  const found = new RegExp(
    `<section class="queue" aria-labelledby="queue-${section}"[\\s\\S]*?</section>`,
  ).exec(page)?.[0];
  return rowsOf(found ?? '').map((row) => /href="([^"?]+)/.exec(row.html)?.[1]);
}

/** A coordinator's button on the record's page, pressed as the page's form sends it. */
async function press(path: string, action: string, fields: Record<string, string> = {}) {
  const done = await coordinator.post(`${path}/${action}`, { csrf: csrfIn(await html(path)), ...fields });
  expect(done.status).toBe(303);
}

describe('an offer leaving the hosts to verify', () => {
  it('leaves "hosts to verify" when its host is blocked, when the host is rejected, and when its host is checked and the proposal approved', async () => {
    const country = 'KG';
    const BISHKEK = { country, city: 'Bishkek', lat: 42.8746, lon: 74.5698 };
    const unchecked = { ...BISHKEK, verification: undefined, phone: '+996 312 123456' };
    const blocked = makeOffer(id('o'), { ...unchecked, email: `${id('kg')}@host.test` });
    const rejected = makeOffer(id('o'), unchecked);
    const kept = makeOffer(id('o'), unchecked);
    for (const record of [blocked, rejected, kept]) await putOne(table.db, table.tableName, record);
    const placed = await seedProposal(table, { offer: unchecked, request: BISHKEK });
    const listed = await sectionLinks(country, 'verify');
    for (const offer of [blocked, rejected, kept, placed.offer]) {
      expect(listed).toContain(`/coordinator/offers/${offer.id}`);
    }

    await press(`/coordinator/offers/${blocked.id}`, 'block');
    await press(`/coordinator/offers/${rejected.id}`, 'verify', {
      outcome: 'rejected',
      reason: 'Nobody lives at this address',
    });
    // Approved from the queue: the check it asks for first is recorded, then the family placed.
    const approve = `/coordinator/proposals/${placed.proposal.id}/approve`;
    const checked = await coordinator.post(approve, {
      csrf: csrfIn(await html(`/coordinator?country=${country}`)),
      method: 'phone',
    });
    expect(checked.headers.get('location')).toMatch(/outcome=done-approved/);
    expect((await getRequest(table.deps(), placed.request.id))?.status).toBe('placed');

    const after = await sectionLinks(country, 'verify');
    expect(after).toEqual([`/coordinator/offers/${kept.id}`]);
  });

  it('keeps an unchecked host on "hosts to verify" once a family is placed with it, when REQUIRE_VERIFIED_HOSTS=false lets the approval through', async () => {
    const relaxed = await createTestTable({
      COORDINATORS: JSON.stringify({ '*': ['all@haven.test'] }),
      REQUIRE_VERIFIED_HOSTS: 'false',
    });
    try {
      const visitor = await signedInVisitor(createApp(relaxed.deps()), relaxed, 'all@haven.test');
      const country = 'KG';
      const BISHKEK = { country, city: 'Bishkek', lat: 42.8746, lon: 74.5698 };
      const placed = await seedProposal(relaxed, {
        offer: { ...BISHKEK, verification: undefined },
        request: BISHKEK,
      });
      const verifyLinks = async () => {
        const page = await (await visitor.get(`/coordinator?country=${country}`)).text();
        const found = /<section class="queue" aria-labelledby="queue-verify"[\s\S]*?<\/section>/.exec(
          page,
        )?.[0];
        return rowsOf(found ?? '').map((row) => /href="([^"?]+)/.exec(row.html)?.[1]);
      };
      expect(await verifyLinks()).toEqual([`/coordinator/offers/${placed.offer.id}`]);
      const csrf = csrfIn(await (await visitor.get(`/coordinator?country=${country}`)).text());
      const done = await visitor.post(`/coordinator/proposals/${placed.proposal.id}/approve`, { csrf });
      expect(done.headers.get('location')).toMatch(/outcome=done-approved/);
      expect((await getRequest(relaxed.deps(), placed.request.id))?.status).toBe('placed');
      expect(keptRecord(await getOffer(relaxed.deps(), placed.offer.id)).verification).toBeUndefined();
      expect(await verifyLinks()).toEqual([`/coordinator/offers/${placed.offer.id}`]);
    } finally {
      await relaxed.drop();
    }
  });
});

describe('matching records nobody could reach', () => {
  const CHISINAU = { country: 'MD', city: 'Chișinău', lat: 47.0105, lon: 28.8638 };
  const POOL_KEYS = ['gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk'];
  const itemOf = async (record: OfferRecord | RequestRecord) =>
    (
      await table.db.send(
        new GetCommand({
          TableName: table.tableName,
          Key: record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id),
          ConsistentRead: true,
        }),
      )
    ).Item ?? {};
  /** What the stream's run does with these items as written. */
  const runOn = async (changes: Parameters<typeof streamEvent>[0]) => {
    const { requestIds, offerIds } = triggersOf(streamEvent(changes));
    return createMatchingService(table.deps()).matchBatch(requestIds, offerIds);
  };

  it('proposes no one with no contact, and proposes them once a phone number is added', async () => {
    const host = makeOffer(id('o'), { ...CHISINAU });
    const seeker = makeRequest(id('r'), { ...CHISINAU, ...noContact });
    await putOne(table.db, table.tableName, host);
    await putOne(table.db, table.tableName, seeker);
    const waiting = await itemOf(seeker);
    for (const key of POOL_KEYS) expect(waiting).not.toHaveProperty(key);
    expect((await runOn([{ newItem: waiting }, { newItem: await itemOf(host) }])).proposed).toBe(0);
    expect(await createMatchingService(table.deps()).matchRequestIds([seeker.id])).toMatchObject({
      proposed: 0,
    });
    expect((await getRequest(table.deps(), seeker.id))?.status).toBe('open');

    const stored = keptRecord(await getRequest(table.deps(), seeker.id));
    await saveRequest(
      table.deps(),
      { ...stored, phone: '+373 22 123456', version: stored.version + 1 },
      stored.version,
      { audit: { action: 'updated', actor: 'link:manage', fields: ['phone'] } },
    );
    const reachable = await itemOf(seeker);
    for (const key of POOL_KEYS) expect(reachable).toHaveProperty(key);
    expect((await runOn([{ newItem: reachable, oldItem: waiting }])).proposed).toBe(1);
    expect((await getRequest(table.deps(), seeker.id))?.status).toBe('proposed');
  });

  it('offers no host’s beds while nobody could reach the host, around the offer or the request', async () => {
    const host = makeOffer(id('o'), { ...CHISINAU, ...noContact, city: 'Bălți', lat: 47.7617, lon: 27.9289 });
    const seeker = makeRequest(id('r'), { ...CHISINAU, city: 'Bălți', lat: 47.7617, lon: 27.9289 });
    await putOne(table.db, table.tableName, host);
    await putOne(table.db, table.tableName, seeker);
    const offered = await itemOf(host);
    for (const key of POOL_KEYS) expect(offered).not.toHaveProperty(key);
    expect((await runOn([{ newItem: offered }, { newItem: await itemOf(seeker) }])).proposed).toBe(0);
    expect((await getRequest(table.deps(), seeker.id))?.status).toBe('open');
  });
});

describe('re-indexing records stored before the list', () => {
  /** The item as an older release wrote it: no place in the list, and in the pool while open. */
  const storedBefore = (record: OfferRecord | RequestRecord) => {
    const itemOf = (r: OfferRecord | RequestRecord): Record<string, unknown> =>
      r.kind === 'offer' ? offerItem(r) : requestItem(r);
    const { gsi2pk: _pk, gsi2sk: _sk, ...item } = itemOf(record);
    const { gsi1pk, gsi1sk, gsi3pk, gsi3sk } = itemOf({ ...record, phone: '+374 10 123456' });
    const pooled = { ...(gsi1pk === undefined ? {} : { gsi1pk, gsi1sk, gsi3pk, gsi3sk }), ...item };
    return table.db.send(new PutCommand({ TableName: table.tableName, Item: pooled }));
  };

  it('lists those nobody could reach and takes them out of the pool, leaves the others and a closed one alone, and a second run changes nothing', async () => {
    const country = 'AM';
    const YEREVAN = { country, city: 'Yerevan', lat: 40.1792, lon: 44.4991 };
    const seeker = makeRequest(id('r'), { ...YEREVAN, ...noContact });
    const host = makeOffer(id('o'), { ...YEREVAN, ...noContact });
    const withUsername = makeRequest(id('r'), { ...YEREVAN, ...noContact, telegramUsername: 'arman_h' });
    const closed = makeOffer(id('o'), { ...YEREVAN, ...noContact, status: 'closed' });
    for (const record of [seeker, host, withUsername, closed]) await storedBefore(record);
    expect(await unreachableSection(country)).not.toContain(seeker.id);

    const first = await queueUnreachableRecords(table.db, table.tableName);
    expect(first.queued).toBeGreaterThanOrEqual(2);
    const section = await unreachableSection(country);
    expect(section).toContain(seeker.id);
    expect(section).toContain(host.id);
    expect(section).not.toContain(withUsername.id);
    expect(section).not.toContain(closed.id);
    const { Item } = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: offerKey(host.id), ConsistentRead: true }),
    );
    expect(Item).toMatchObject({ gsi2pk: unreachablePartition(country), version: host.version });
    const unpooled = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: requestKey(seeker.id), ConsistentRead: true }),
    );
    for (const key of ['gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk']) {
      expect(Item).not.toHaveProperty(key);
      expect(unpooled.Item).not.toHaveProperty(key);
    }
    const untouched = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: requestKey(withUsername.id), ConsistentRead: true }),
    );
    expect(untouched.Item?.gsi2pk).toBeUndefined();
    expect(untouched.Item?.gsi1pk).toBeDefined();

    const second = await queueUnreachableRecords(table.db, table.tableName);
    expect(second.queued).toBe(0);
  });
});
