import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { offerItem, requestItem } from '../../shared/data/items.ts';
import { offerKey, requestKey, unreachablePartition } from '../../shared/data/keys.ts';
import { queueUnreachableRecords } from '../../shared/data/reindex.ts';
import { getRequest, saveRequest } from '../../shared/data/requests.ts';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { createApp } from '../../shared/http/app.ts';
import { translator } from '../../shared/i18n/index.ts';
import { useTestTable } from '../support/table.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';
import { csrfIn, signedInVisitor, type Visitor } from './workspace-support.ts';

const table = useTestTable({ COORDINATORS: JSON.stringify({ '*': ['all@haven.test'] }) });
let coordinator: Visitor;

beforeAll(async () => {
  coordinator = await signedInVisitor(createApp(table.deps()), table, 'all@haven.test');
});

const TBILISI = { country: 'GE', city: 'Tbilisi', lat: 41.7151, lon: 44.8271 };
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
  it('are listed in their country’s queue with what to do, and a waiting one says so in its row', async () => {
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
    expect(section).toContain(`${en('decision.host.title')} · Tbilisi`);
    expect(section).not.toContain(reachable.id);
    const waiting = /<section class="queue" aria-labelledby="queue-waiting"[\s\S]*?<\/section>/.exec(
      await html('/coordinator?country=GE'),
    )?.[0];
    const row = (recordId: string) =>
      new RegExp(`/coordinator/requests/${recordId}[^>]*>([^<]*)<`).exec(waiting ?? '')?.[1];
    expect(row(seeker.id)).toContain(en('coordinator.row.noContact'));
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

  it('leave the list when a phone number is added, when a coordinator pauses the record, and when one closes it', async () => {
    const en = translator('en');
    const adding = makeRequest(id('r'), { ...TBILISI, ...noContact });
    const pausing = makeRequest(id('r'), { ...TBILISI, ...noContact });
    const closing = makeRequest(id('r'), { ...TBILISI, ...noContact });
    for (const record of [adding, pausing, closing]) await putOne(table.db, table.tableName, record);
    expect(await unreachableSection('GE')).toContain(adding.id);

    const stored = (await getRequest(table.deps(), adding.id)) as RequestRecord;
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
  });
});

describe('re-indexing records stored before the list', () => {
  /** The item as an older release wrote it: no place in the list. */
  const storedBefore = (record: OfferRecord | RequestRecord) => {
    const {
      gsi2pk: _pk,
      gsi2sk: _sk,
      ...item
    } = record.kind === 'offer' ? offerItem(record) : requestItem(record);
    return table.db.send(new PutCommand({ TableName: table.tableName, Item: item }));
  };

  it('lists those nobody could reach, leaves the others and a closed one alone, and a second run changes nothing', async () => {
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
    const untouched = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: requestKey(withUsername.id), ConsistentRead: true }),
    );
    expect(untouched.Item?.gsi2pk).toBeUndefined();

    const second = await queueUnreachableRecords(table.db, table.tableName);
    expect(second.queued).toBe(0);
  });
});
