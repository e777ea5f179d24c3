import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { blockKeyOf, blockOf, blockPut, heldBlockOf } from '../../shared/data/blocks.ts';
import { createDocumentClient } from '../../shared/data/client.ts';
import { holderOf } from '../../shared/data/forgetting.ts';
import { emailHash, requestItem } from '../../shared/data/items.ts';
import { blockKey } from '../../shared/data/keys.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { suppressAddress, suppressedAmong } from '../../shared/data/suppressions.ts';
import { mailboxOf } from '../../shared/domain/email-address.ts';
import { actOnLink, submitRequest } from '../../shared/intake/service.ts';
import { erasePerson, runLifecycle } from '../../shared/upkeep/lifecycle.ts';
import { blockAddress } from '../../shared/workspace/block.ts';
import { keptRecord } from '../support/records.ts';
import { type TestTable, testClient, useTestTable } from '../support/table.ts';
import { lastMailTo, linksIn, requestInput } from './intake-support.ts';
import { makeRequest } from './matching-support.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const kept = useTestTable();
const none = useTestTable({ RETENTION_DAYS: '0' });

const scope = { email: 'coordinator@haven.test', countries: '*' } as const;
const meta = { locale: 'en' as const, sourceIp: '192.0.2.78', via: 'api' as const };
/** A clock `ms` from `start`. */
const at = (start: number, ms: number) => () => new Date(start + ms);

/** A stay that starts `days` after `start` and has no end, for a send made on a later clock. */
const stayFrom = (start: number, days: number) => ({
  arrival: new Date(start + days * DAY).toISOString().slice(0, 10),
  departure: undefined,
});

/**
 * A table client that, before the first delete of the item `pk`, lets `first` run: the
 * lifecycle has read the item and found nothing holding it, and `first` writes in between.
 */
function beforeDelete(table: TestTable, pk: string, first: () => Promise<void>) {
  const client: DynamoDBClient = testClient(table);
  let happened = false;
  const barrier: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    if (context.commandName === 'DeleteItemCommand' && JSON.stringify(args.input).includes(pk) && !happened) {
      happened = true;
      await first();
    }
    return next(args);
  };
  client.middlewareStack.add(barrier, { step: 'initialize', name: 'beforeDelete' });
  return { db: createDocumentClient(client), happened: () => happened, destroy: () => client.destroy() };
}

const addressOf = (role: string) => `${role}-${randomUUID().slice(0, 8)}@example.org`;

/** A request from `email` with no departure (nothing but its owner or a block ends it), confirmed at `now`. */
async function liveRequest(table: TestTable, email: string, now: () => Date = () => new Date()) {
  const { id } = await submitRequest(
    table.deps({ now }),
    requestInput({ email, departure: undefined }),
    meta,
  );
  await actOnLink(table.deps({ now }), linksIn((await lastMailTo(table, email)).text).confirm, 'confirm');
  return id;
}

const lifecycleAt = (table: TestTable, start: number, ms: number) =>
  runLifecycle(table.deps({ now: at(start, ms) }));

describe('a block goes with the person', () => {
  it('stands, however long, while a send of the blocked person is live, and goes RETENTION_DAYS after its erasure', async () => {
    const start = Date.now();
    const email = addressOf('blocked');
    const first = await liveRequest(kept, email);
    await blockAddress(kept.deps(), scope, 'request', first);
    // Another spelling of the same mailbox: stored blocked, and it holds the block.
    const again = email.replace('@', '+again@');
    await liveRequest(kept, again);

    await lifecycleAt(kept, start, 91 * DAY);
    const report = await lifecycleAt(kept, start, 182 * DAY);
    expect(report.stillHeld).toBeGreaterThanOrEqual(1);
    await lifecycleAt(kept, start, 400 * DAY);
    expect(await blockOf(kept.deps(), email)).toMatchObject({ by: scope.email });

    await erasePerson(kept.deps({ now: at(start, 400 * DAY) }), { email: again });
    await lifecycleAt(kept, start, 490 * DAY - MINUTE);
    expect(await blockOf(kept.deps(), email)).toBeDefined();
    await lifecycleAt(kept, start, 490 * DAY + MINUTE);
    expect(await blockOf(kept.deps(), email)).toBeUndefined();
  });

  it('stands past block.at + RETENTION_DAYS while a placed request it does not close holds the data, and goes RETENTION_DAYS after its erasure', async () => {
    const start = Date.now();
    const email = addressOf('placed');
    // Placed with a stay that has no end yet: the block leaves it as it is, and time does not erase it.
    const placed = makeRequest(`r-${randomUUID().slice(0, 8)}`, { email, status: 'placed' });
    await kept.db.send(new PutCommand({ TableName: kept.tableName, Item: requestItem(placed) }));
    await blockAddress(kept.deps(), scope, 'request', placed.id);
    expect((await getRequest(kept.deps(), placed.id))?.status).toBe('placed');

    await lifecycleAt(kept, start, 90 * DAY + MINUTE);
    expect(await blockOf(kept.deps(), email)).toMatchObject({ by: scope.email });
    await lifecycleAt(kept, start, 400 * DAY);
    expect(await blockOf(kept.deps(), email)).toMatchObject({ by: scope.email });

    await erasePerson(kept.deps({ now: at(start, 400 * DAY) }), { email });
    await lifecycleAt(kept, start, 490 * DAY - MINUTE);
    expect(await blockOf(kept.deps(), email)).toBeDefined();
    await lifecycleAt(kept, start, 490 * DAY + MINUTE);
    expect(await blockOf(kept.deps(), email)).toBeUndefined();
  });

  it('goes RETENTION_DAYS after the last record of the address is erased', async () => {
    const start = Date.now();
    const email = addressOf('blocked');
    const id = await liveRequest(kept, email);
    await blockAddress(kept.deps(), scope, 'request', id);

    // Closed by the block, the record is erased at its own horizon; the block waits as long again.
    await lifecycleAt(kept, start, 90 * DAY + MINUTE);
    await lifecycleAt(kept, start, 180 * DAY);
    expect(await blockOf(kept.deps(), email)).toBeDefined();
    const report = await lifecycleAt(kept, start, 180 * DAY + 2 * MINUTE);
    expect(report.forgotten).toBeGreaterThanOrEqual(1);
    expect(await blockOf(kept.deps(), email)).toBeUndefined();
  });

  it('is renewed by a new send from the blocked address, which holds it until it is gone', async () => {
    const start = Date.now();
    const email = addressOf('blocked');
    const id = await liveRequest(kept, email);
    await blockAddress(kept.deps(), scope, 'request', id);
    await lifecycleAt(kept, start, 91 * DAY);

    // Never confirmed: deleted with its confirm link, 7 days after it was sent.
    await submitRequest(
      kept.deps({ now: at(start, 175 * DAY) }),
      requestInput({ email, ...stayFrom(start, 180) }),
      meta,
    );
    await lifecycleAt(kept, start, 181 * DAY + MINUTE);
    expect(await blockOf(kept.deps(), email)).toBeDefined();
    await lifecycleAt(kept, start, 182 * DAY + MINUTE);
    await lifecycleAt(kept, start, 272 * DAY);
    expect(await blockOf(kept.deps(), email)).toBeDefined();
    await lifecycleAt(kept, start, 272 * DAY + 2 * MINUTE);
    expect(await blockOf(kept.deps(), email)).toBeUndefined();
  });

  it('stands when a send of the blocked person lands between the lifecycle finding it unheld and deleting it', async () => {
    const start = Date.now();
    const email = addressOf('blocked');
    const id = await liveRequest(kept, email);
    await blockAddress(kept.deps(), scope, 'request', id);
    await erasePerson(kept.deps({ now: at(start, 0) }), { email });

    let sent = '';
    const raced = beforeDelete(kept, blockKey(emailHash(mailboxOf(email))).pk, async () => {
      const send = requestInput({ email, ...stayFrom(start, 100) });
      ({ id: sent } = await submitRequest(kept.deps({ now: at(start, 90 * DAY) }), send, meta));
    });
    try {
      const report = await runLifecycle(kept.deps({ db: raced.db, now: at(start, 90 * DAY + MINUTE) }));
      expect(raced.happened()).toBe(true);
      expect(report.skipped).toBeGreaterThanOrEqual(1);
    } finally {
      raced.destroy();
    }
    expect(await blockOf(kept.deps(), email)).toBeDefined();
    expect(keptRecord(await getRequest(kept.deps(), sent)).blockedAt).toBeDefined();
  });

  it('with RETENTION_DAYS=0, stands while a send of the person is live and goes within a minute of its erasure', async () => {
    const start = Date.now();
    const email = addressOf('blocked');
    const first = await liveRequest(none, email);
    await blockAddress(none.deps(), scope, 'request', first);
    const again = email.replace('@', '+again@');
    await liveRequest(none, again);

    await lifecycleAt(none, start, MINUTE);
    await lifecycleAt(none, start, 30 * DAY);
    expect(await blockOf(none.deps(), email)).toBeDefined();
    await erasePerson(none.deps({ now: at(start, 30 * DAY) }), { email: again });
    await lifecycleAt(none, start, 30 * DAY + MINUTE);
    expect(await blockOf(none.deps(), email)).toBeUndefined();
  });
});

describe('a block listing a record no longer of it', () => {
  /**
   * A chat's record listed by the block on the address it typed, which was then dropped (never
   * confirmed) between the listing's read and its write: the record, live, no longer speaks for
   * the address, and a live record of the chat alone must not keep the address's block.
   */
  async function listedAfterItsAddressWent(table: TestTable, start: number) {
    const email = addressOf('dropped');
    const chatId = String(7_300_000_000 + Math.floor(Math.random() * 1e6));
    const record = makeRequest(`dropped-${randomUUID().slice(0, 8)}`, { email: '', telegramChatId: chatId });
    await table.db.send(new PutCommand({ TableName: table.tableName, Item: requestItem(record) }));
    const set = new Date(start).toISOString();
    const block = { by: scope.email, at: set };
    await table.db.send(new PutCommand(blockPut(table.config, email, block, [holderOf(record)], set).Put));
    return { email, record };
  }

  it('goes RETENTION_DAYS after it was set, while that record lives on', async () => {
    const start = Date.now();
    const { email, record } = await listedAfterItsAddressWent(kept, start);

    await lifecycleAt(kept, start, 90 * DAY - MINUTE);
    expect(await blockOf(kept.deps(), email)).toMatchObject({ by: scope.email });
    await lifecycleAt(kept, start, 90 * DAY + MINUTE);
    expect(await blockOf(kept.deps(), email)).toBeUndefined();
    const lives = await getRequest(kept.deps(), record.id);
    expect(lives?.status).toBe('open');
    expect(lives?.erasedAt).toBeUndefined();
  });

  it('stands while another listed record is still of its address, and lists only that one', async () => {
    const start = Date.now();
    const { email, record } = await listedAfterItsAddressWent(kept, start);
    const own = makeRequest(`own-${randomUUID().slice(0, 8)}`, { email });
    await kept.db.send(new PutCommand({ TableName: kept.tableName, Item: requestItem(own) }));
    await kept.db.send(
      new UpdateCommand({
        TableName: kept.tableName,
        Key: blockKeyOf(email),
        UpdateExpression: 'ADD holders :own',
        ExpressionAttributeValues: { ':own': new Set([holderOf(own)]) },
      }),
    );

    await lifecycleAt(kept, start, 90 * DAY + MINUTE);
    expect(await heldBlockOf(kept.deps(), email)).toMatchObject({ holders: [holderOf(own)] });
    expect((await getRequest(kept.deps(), record.id))?.erasedAt).toBeUndefined();
  });
});

describe('a suppression goes with the address', () => {
  it('goes RETENTION_DAYS after a bounce from an address with no record', async () => {
    const start = Date.now();
    const email = addressOf('bounced');
    await suppressAddress(kept.deps({ now: at(start, 0) }), email, 'bounce');

    await lifecycleAt(kept, start, 90 * DAY - MINUTE);
    expect(await suppressedAmong(kept.deps(), [email])).toEqual(new Set([email]));
    await lifecycleAt(kept, start, 90 * DAY + MINUTE);
    expect(await suppressedAmong(kept.deps(), [email])).toEqual(new Set());
  });

  it('stands while a record of the address holds personal data, and goes RETENTION_DAYS after its erasure', async () => {
    const start = Date.now();
    const email = addressOf('complained');
    await submitRequest(kept.deps(), requestInput({ email, departure: undefined }), meta);
    await actOnLink(kept.deps(), linksIn((await lastMailTo(kept, email)).text).confirm, 'confirm');
    await suppressAddress(kept.deps({ now: at(start, 0) }), email, 'complaint');

    await lifecycleAt(kept, start, 200 * DAY);
    expect(await suppressedAmong(kept.deps(), [email])).toEqual(new Set([email]));
    await erasePerson(kept.deps({ now: at(start, 200 * DAY) }), { email });
    await lifecycleAt(kept, start, 290 * DAY - MINUTE);
    expect(await suppressedAmong(kept.deps(), [email])).toEqual(new Set([email]));
    await lifecycleAt(kept, start, 290 * DAY + MINUTE);
    expect(await suppressedAmong(kept.deps(), [email])).toEqual(new Set());
  });

  it('with RETENTION_DAYS=0, goes within a minute when the address has no record', async () => {
    const start = Date.now();
    const email = addressOf('bounced');
    await suppressAddress(none.deps({ now: at(start, 0) }), email, 'refused');
    await lifecycleAt(none, start, MINUTE);
    expect(await suppressedAmong(none.deps(), [email])).toEqual(new Set());
  });
});
