import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { blockKeyOf, blockPut } from '../../shared/data/blocks.ts';
import { createDocumentClient } from '../../shared/data/client.ts';
import { offerKey, requestKey } from '../../shared/data/keys.ts';
import { readLifecycleDueAt } from '../../shared/data/lifecycle.ts';
import { getOffer } from '../../shared/data/offers.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { Gone } from '../../shared/domain/errors.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { holdAndCloseUnderBlocks } from '../../shared/upkeep/block-steps.ts';
import { runLifecycle } from '../../shared/upkeep/lifecycle.ts';
import { blockAddress, unblockAddress } from '../../shared/workspace/block.ts';
import { daysFromNow } from '../support/dates.ts';
import { keptRecord } from '../support/records.ts';
import { type TestTable, testClient, useTestTable } from '../support/table.ts';
import { readItem } from './approval-support.ts';
import { lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';

/**
 * PRODUCT.md, Retention: "a record whose address is never confirmed is erased when its confirm
 * link expires (7 days)". A block closes such a record, and its owner may withdraw it through the
 * manage link its confirmation mail carries; ended, it must not keep its data RETENTION_DAYS
 * after that, only until its confirm link would have expired, or sooner.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;
/** The due queue takes what is due strictly before the sweep's clock. */
const SECOND = 1_000;
const kept = useTestTable();
const none = useTestTable({ RETENTION_DAYS: '0' });
const short = useTestTable({ RETENTION_DAYS: '3' });

const scope = { email: 'coordinator@haven.test', countries: '*' } as const;
const meta = { locale: 'en' as const, sourceIp: '192.0.2.91', via: 'api' as const };
/** A clock `ms` from `start`. */
const at = (start: number, ms: number) => () => new Date(start + ms);
const iso = (start: number, ms: number) => new Date(start + ms).toISOString();
const addressOf = (role: string) => `${role}-${randomUUID().slice(0, 8)}@example.org`;

/**
 * A person with a record of `kind` sent at `start` and never confirmed, and one of the other
 * kind confirmed at once: coordinators see only confirmed records, and the block a coordinator
 * sets from that one closes the unconfirmed one too.
 */
async function unconfirmed(table: TestTable, start: number, kind: 'offer' | 'request' = 'request') {
  const email = addressOf('unconfirmed');
  // A minute earlier, so that the last mail to the address is the unconfirmed record's.
  const before = table.deps({ now: at(start, -MINUTE) });
  const other = await (kind === 'request'
    ? submitOffer(before, offerInput({ email }), meta)
    : submitRequest(before, requestInput({ email }), meta));
  await actOnLink(before, linksIn((await lastMailTo(table, email)).text).confirm, 'confirm');
  const deps = table.deps({ now: at(start, 0) });
  const { id } = await (kind === 'request'
    ? submitRequest(deps, requestInput({ email }), meta)
    : submitOffer(deps, offerInput({ email }), meta));
  const confirm = linksIn((await lastMailTo(table, email)).text).confirm;
  const otherKind = kind === 'request' ? ('offer' as const) : ('request' as const);
  return {
    id,
    email,
    confirm,
    /** Blocks the person from their confirmed record at `ms` from `start`. */
    block: (ms: number, db = table.db) =>
      blockAddress(table.deps({ db, now: at(start, ms) }), scope, otherKind, other.id),
    unblock: (ms: number) => unblockAddress(table.deps({ now: at(start, ms) }), scope, otherKind, other.id),
  };
}

/** A request sent at `start` and never confirmed, under a block written straight into the table (as before blocks reached every spelling). */
async function underStandingBlock(table: TestTable, start: number) {
  const email = addressOf('unconfirmed');
  const { id } = await submitRequest(table.deps({ now: at(start, 0) }), requestInput({ email }), meta);
  const block = { by: scope.email, at: iso(start, DAY) };
  await table.db.send(new PutCommand(blockPut(table.config, email, block, [], block.at).Put));
  return { id, email };
}

const lifecycleAt = (table: TestTable, start: number, ms: number) =>
  runLifecycle(table.deps({ now: at(start, ms) }));

/**
 * A table client that, before the transaction that closes a record in a block's name (audited
 * `coordinator.blocked`), lets `first` run: the closing has read the record, `first` writes.
 */
function beforeClosing(table: TestTable, first: () => Promise<void>) {
  const client = testClient(table);
  let happened = false;
  const barrier: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    if (
      !happened &&
      context.commandName === 'TransactWriteItemsCommand' &&
      JSON.stringify(args.input).includes('"coordinator.blocked"')
    ) {
      happened = true;
      await first();
    }
    return next(args);
  };
  client.middlewareStack.add(barrier, { step: 'initialize', name: 'beforeClosing' });
  return { db: createDocumentClient(client), happened: () => happened, destroy: () => client.destroy() };
}

describe('a never-confirmed record closed by a block', () => {
  it('keeps its data only until its confirm link would have expired, not RETENTION_DAYS (90) after the block', async () => {
    const start = Date.now();
    const person = await unconfirmed(kept, start);
    await person.block(2 * DAY);

    expect(await getRequest(kept.deps(), person.id)).toMatchObject({
      status: 'withdrawn',
      eraseBy: iso(start, 7 * DAY),
      email: person.email,
    });
    expect(await readLifecycleDueAt(kept.deps(), 'request', person.id)).toBe(iso(start, 7 * DAY));

    await lifecycleAt(kept, start, 7 * DAY - MINUTE);
    expect(keptRecord(await getRequest(kept.deps(), person.id)).email).toBe(person.email);
    await lifecycleAt(kept, start, 7 * DAY + SECOND);
    expect(await getRequest(kept.deps(), person.id)).toMatchObject({
      status: 'withdrawn',
      erasedAt: iso(start, 7 * DAY + SECOND),
    });
    const item = await readItem(kept, requestKey(person.id));
    expect(item).not.toHaveProperty('email');
    expect(item).not.toHaveProperty('name');
  });

  it('an offer, too: closed by the block on day 1, erased on day 7', async () => {
    const start = Date.now();
    const person = await unconfirmed(kept, start, 'offer');
    await person.block(DAY);
    expect(await getOffer(kept.deps(), person.id)).toMatchObject({
      status: 'closed',
      eraseBy: iso(start, 7 * DAY),
    });

    await lifecycleAt(kept, start, 7 * DAY - MINUTE);
    expect(keptRecord(await getOffer(kept.deps(), person.id)).email).toBe(person.email);
    await lifecycleAt(kept, start, 7 * DAY + SECOND);
    expect(await getOffer(kept.deps(), person.id)).toMatchObject({
      status: 'closed',
      erasedAt: iso(start, 7 * DAY + SECOND),
    });
    expect(await readItem(kept, offerKey(person.id))).not.toHaveProperty('email');
  });

  it('goes RETENTION_DAYS after the block when that is sooner: with 3 days, closed on day 2, erased on day 5', async () => {
    const start = Date.now();
    const person = await unconfirmed(short, start);
    await person.block(2 * DAY);
    expect(await readLifecycleDueAt(short.deps(), 'request', person.id)).toBe(iso(start, 5 * DAY));

    await lifecycleAt(short, start, 5 * DAY - MINUTE);
    expect(keptRecord(await getRequest(short.deps(), person.id)).email).toBe(person.email);
    await lifecycleAt(short, start, 5 * DAY + SECOND);
    expect((await getRequest(short.deps(), person.id))?.erasedAt).toBe(iso(start, 5 * DAY + SECOND));
  });

  it('with RETENTION_DAYS=0, is erased within a minute of the block', async () => {
    const start = Date.now();
    const person = await unconfirmed(none, start);
    await person.block(2 * DAY);
    expect(await readLifecycleDueAt(none.deps(), 'request', person.id)).toBe(iso(start, 2 * DAY));

    await lifecycleAt(none, start, 2 * DAY + MINUTE);
    expect(await getRequest(none.deps(), person.id)).toMatchObject({
      erasedAt: iso(start, 2 * DAY + MINUTE),
    });
    expect(await readItem(none, requestKey(person.id))).not.toHaveProperty('email');
  });

  it('cannot be confirmed afterwards, and still goes with its confirm link', async () => {
    const start = Date.now();
    const person = await unconfirmed(kept, start);
    await person.block(2 * DAY);

    await expect(
      actOnLink(kept.deps({ now: at(start, 3 * DAY) }), person.confirm, 'confirm'),
    ).rejects.toThrow(Gone);
    expect(await getRequest(kept.deps(), person.id)).toMatchObject({
      status: 'withdrawn',
      eraseBy: iso(start, 7 * DAY),
    });
    await lifecycleAt(kept, start, 7 * DAY + SECOND);
    expect((await getRequest(kept.deps(), person.id))?.erasedAt).toBe(iso(start, 7 * DAY + SECOND));
  });

  it('stays closed when the block is lifted, cannot be confirmed, and goes with its confirm link', async () => {
    const start = Date.now();
    const person = await unconfirmed(kept, start);
    await person.block(2 * DAY);
    await person.unblock(3 * DAY);

    await expect(
      actOnLink(kept.deps({ now: at(start, 3 * DAY) }), person.confirm, 'confirm'),
    ).rejects.toThrow(Gone);
    expect(await getRequest(kept.deps(), person.id)).toMatchObject({
      status: 'withdrawn',
      eraseBy: iso(start, 7 * DAY),
    });
    await lifecycleAt(kept, start, 7 * DAY - MINUTE);
    expect((await getRequest(kept.deps(), person.id))?.erasedAt).toBeUndefined();
    await lifecycleAt(kept, start, 7 * DAY + SECOND);
    expect((await getRequest(kept.deps(), person.id))?.erasedAt).toBe(iso(start, 7 * DAY + SECOND));
  });

  it('confirmed between the block’s read and its closing, is closed as confirmed and kept RETENTION_DAYS', async () => {
    const start = Date.now();
    const person = await unconfirmed(kept, start);
    const raced = beforeClosing(kept, async () => {
      await actOnLink(kept.deps({ now: at(start, 2 * DAY) }), person.confirm, 'confirm');
    });
    try {
      await person.block(2 * DAY, raced.db);
      expect(raced.happened()).toBe(true);
    } finally {
      raced.destroy();
    }

    const closed = await getRequest(kept.deps(), person.id);
    expect(closed).toMatchObject({
      status: 'withdrawn',
      confirmedAt: iso(start, 2 * DAY),
      email: person.email,
    });
    expect(closed?.eraseBy).toBeUndefined();
    expect(await readLifecycleDueAt(kept.deps(), 'request', person.id)).toBe(iso(start, 92 * DAY));
    await lifecycleAt(kept, start, 7 * DAY + MINUTE);
    expect(keptRecord(await getRequest(kept.deps(), person.id)).email).toBe(person.email);
    await lifecycleAt(kept, start, 92 * DAY + SECOND);
    expect((await getRequest(kept.deps(), person.id))?.erasedAt).toBe(iso(start, 92 * DAY + SECOND));
  });
});

describe('a never-confirmed record its owner withdraws', () => {
  it('through the manage link of its confirmation mail, keeps its data only until its confirm link would have expired', async () => {
    const start = Date.now();
    const email = addressOf('withdrawn');
    const { id } = await submitRequest(kept.deps({ now: at(start, 0) }), requestInput({ email }), meta);
    const { manage } = linksIn((await lastMailTo(kept, email)).text);
    await actOnLink(kept.deps({ now: at(start, 2 * DAY) }), manage, 'withdraw');

    expect(await getRequest(kept.deps(), id)).toMatchObject({
      status: 'withdrawn',
      eraseBy: iso(start, 7 * DAY),
    });
    expect(await readLifecycleDueAt(kept.deps(), 'request', id)).toBe(iso(start, 7 * DAY));
    await lifecycleAt(kept, start, 7 * DAY - MINUTE);
    expect(keptRecord(await getRequest(kept.deps(), id)).email).toBe(email);
    await lifecycleAt(kept, start, 7 * DAY + SECOND);
    expect((await getRequest(kept.deps(), id))?.erasedAt).toBe(iso(start, 7 * DAY + SECOND));
  });

  it('once confirmed, withdrawn, keeps it RETENTION_DAYS after the withdrawal', async () => {
    const start = Date.now();
    const email = addressOf('confirmed-withdrawn');
    const { id } = await submitRequest(kept.deps({ now: at(start, 0) }), requestInput({ email }), meta);
    const { confirm, manage } = linksIn((await lastMailTo(kept, email)).text);
    await actOnLink(kept.deps({ now: at(start, DAY) }), confirm, 'confirm');
    await actOnLink(kept.deps({ now: at(start, 2 * DAY) }), manage, 'withdraw');

    const withdrawn = await getRequest(kept.deps(), id);
    expect(withdrawn?.status).toBe('withdrawn');
    expect(withdrawn?.eraseBy).toBeUndefined();
    expect(await readLifecycleDueAt(kept.deps(), 'request', id)).toBe(iso(start, 92 * DAY));
  });
});

describe('a never-confirmed record its owner edits', () => {
  /** A request sent at `start`, never confirmed, edited on day 5 through its manage link. */
  async function editedOnDay5(start: number) {
    const email = addressOf('edited');
    const { id } = await submitRequest(kept.deps({ now: at(start, 0) }), requestInput({ email }), meta);
    const links = linksIn((await lastMailTo(kept, email)).text);
    await actOnLink(kept.deps({ now: at(start, 5 * DAY) }), links.manage, 'edit', { adults: 3 });
    return { id, email, ...links };
  }

  it('still goes when its confirm link expires, not 7 days after the edit', async () => {
    const start = Date.now();
    const { id, email } = await editedOnDay5(start);
    expect(await getRequest(kept.deps(), id)).toMatchObject({
      status: 'pending',
      adults: 3,
      updatedAt: iso(start, 5 * DAY),
      eraseBy: iso(start, 7 * DAY),
    });
    expect(await readLifecycleDueAt(kept.deps(), 'request', id)).toBe(iso(start, 7 * DAY));

    await lifecycleAt(kept, start, 7 * DAY - MINUTE);
    expect(keptRecord(await getRequest(kept.deps(), id)).email).toBe(email);
    await lifecycleAt(kept, start, 7 * DAY + SECOND);
    expect(await getRequest(kept.deps(), id)).toBeUndefined();
  });

  it('confirmed after the edit, no longer goes with the link, and once withdrawn keeps it RETENTION_DAYS', async () => {
    const start = Date.now();
    const { id, confirm, manage } = await editedOnDay5(start);
    await actOnLink(kept.deps({ now: at(start, 6 * DAY) }), confirm, 'confirm');
    const opened = await getRequest(kept.deps(), id);
    expect(opened).toMatchObject({ status: 'open', confirmedAt: iso(start, 6 * DAY) });
    expect(opened?.eraseBy).toBeUndefined();

    await actOnLink(kept.deps({ now: at(start, 8 * DAY) }), manage, 'withdraw');
    expect(await readLifecycleDueAt(kept.deps(), 'request', id)).toBe(iso(start, 98 * DAY));
  });

  it('sent again after the edit, goes with the new confirm link', async () => {
    const start = Date.now();
    const { id, email } = await editedOnDay5(start);
    // Arriving later (the first arrival has passed by day 6), over the same dates: the same request.
    await submitRequest(
      kept.deps({ now: at(start, 6 * DAY) }),
      requestInput({ email, adults: 4, arrival: daysFromNow(10) }),
      meta,
    );
    const resent = await getRequest(kept.deps(), id);
    expect(resent).toMatchObject({ status: 'pending', updatedAt: iso(start, 6 * DAY) });
    expect(resent?.eraseBy).toBeUndefined();
    expect(await readLifecycleDueAt(kept.deps(), 'request', id)).toBe(iso(start, 13 * DAY));
  });

  it('closed by a block after the edit, keeps the horizon of the link', async () => {
    const start = Date.now();
    const person = await unconfirmed(kept, start);
    const { manage } = linksIn((await lastMailTo(kept, person.email)).text);
    await actOnLink(kept.deps({ now: at(start, 5 * DAY) }), manage, 'edit', { adults: 3 });
    await person.block(6 * DAY);
    expect(await getRequest(kept.deps(), person.id)).toMatchObject({
      status: 'withdrawn',
      eraseBy: iso(start, 7 * DAY),
    });
    expect(await readLifecycleDueAt(kept.deps(), 'request', person.id)).toBe(iso(start, 7 * DAY));
  });
});

describe('a record sent while blocked and ended since', () => {
  it('keeps its erasure RETENTION_DAYS after it ended when the block is lifted later, no longer marked as sent while blocked', async () => {
    const start = Date.now();
    const email = addressOf('ended-blocked');
    const before = kept.deps({ now: at(start, -MINUTE) });
    const offer = await submitOffer(before, offerInput({ email }), meta);
    await actOnLink(before, linksIn((await lastMailTo(kept, email)).text).confirm, 'confirm');
    await blockAddress(kept.deps({ now: at(start, 0) }), scope, 'offer', offer.id);
    const { id } = await submitRequest(kept.deps({ now: at(start, 0) }), requestInput({ email }), meta);
    const { confirm, manage } = linksIn((await lastMailTo(kept, email)).text);
    await actOnLink(kept.deps({ now: at(start, 0) }), confirm, 'confirm');
    expect(keptRecord(await getRequest(kept.deps(), id)).blockedAt).toBe(iso(start, 0));
    await actOnLink(kept.deps({ now: at(start, DAY) }), manage, 'withdraw');

    await unblockAddress(kept.deps({ now: at(start, 30 * DAY) }), scope, 'offer', offer.id);
    const released = keptRecord(await getRequest(kept.deps(), id));
    expect(released).toMatchObject({ status: 'withdrawn', endedAt: iso(start, DAY) });
    expect(released.blockedAt).toBeUndefined();
    expect(await readLifecycleDueAt(kept.deps(), 'request', id)).toBe(iso(start, 91 * DAY));
  });
});

describe('a placed record sent while blocked', () => {
  it('is left as it was by the unblock, its stay’s horizon unmoved', async () => {
    const start = Date.now();
    const email = addressOf('placed-blocked');
    const offer = makeOffer(`o-${randomUUID().slice(0, 8)}`, { email, confirmedAt: iso(start, -DAY) });
    await putOne(kept.db, kept.tableName, offer);
    await blockAddress(kept.deps({ now: at(start, 0) }), scope, 'offer', offer.id);
    const placed = makeRequest(`r-${randomUUID().slice(0, 8)}`, {
      email,
      status: 'placed',
      confirmedAt: iso(start, 0),
      blockedAt: iso(start, 0),
      updatedAt: iso(start, DAY),
    });
    await putOne(kept.db, kept.tableName, placed);
    const before = await getRequest(kept.deps(), placed.id);

    await unblockAddress(kept.deps({ now: at(start, 30 * DAY) }), scope, 'offer', offer.id);
    expect(await getRequest(kept.deps(), placed.id)).toEqual(before);
  });
});

describe('a never-confirmed record sent while blocked', () => {
  it('keeps its confirm link’s horizon when the block is lifted: sent on day 0, unblocked on day 6, deleted on day 7', async () => {
    const start = Date.now();
    const email = addressOf('pending-blocked');
    const before = kept.deps({ now: at(start, -MINUTE) });
    const offer = await submitOffer(before, offerInput({ email }), meta);
    await actOnLink(before, linksIn((await lastMailTo(kept, email)).text).confirm, 'confirm');
    await blockAddress(kept.deps({ now: at(start, 0) }), scope, 'offer', offer.id);
    const { id } = await submitRequest(kept.deps({ now: at(start, 0) }), requestInput({ email }), meta);
    expect(await getRequest(kept.deps(), id)).toMatchObject({ status: 'pending', blockedAt: iso(start, 0) });

    await unblockAddress(kept.deps({ now: at(start, 6 * DAY) }), scope, 'offer', offer.id);
    const released = keptRecord(await getRequest(kept.deps(), id));
    expect(released).toMatchObject({
      status: 'pending',
      updatedAt: iso(start, 6 * DAY),
      eraseBy: iso(start, 7 * DAY),
    });
    expect(released.blockedAt).toBeUndefined();
    expect(await readLifecycleDueAt(kept.deps(), 'request', id)).toBe(iso(start, 7 * DAY));

    await lifecycleAt(kept, start, 7 * DAY - MINUTE);
    expect(keptRecord(await getRequest(kept.deps(), id)).email).toBe(email);
    await lifecycleAt(kept, start, 7 * DAY + SECOND);
    expect(await getRequest(kept.deps(), id)).toBeUndefined();
  });
});

describe("the reindex's block pass, on a never-confirmed record of a standing block", () => {
  const own = useTestTable();

  it('closes it with its confirm link’s horizon', async () => {
    const start = Date.now();
    const { id } = await underStandingBlock(own, start);

    expect(await holdAndCloseUnderBlocks(own.deps({ now: at(start, 2 * DAY) }))).toEqual({
      listed: 0,
      held: 1,
      closed: 1,
    });
    expect(await getRequest(own.deps(), id)).toMatchObject({
      status: 'withdrawn',
      eraseBy: iso(start, 7 * DAY),
    });
    await lifecycleAt(own, start, 7 * DAY + SECOND);
    expect((await getRequest(own.deps(), id))?.erasedAt).toBe(iso(start, 7 * DAY + SECOND));
  });
});

describe("the reindex's block pass, when the block is lifted before it closes", () => {
  const own = useTestTable();

  it('leaves the record pending, and it is deleted with its confirm link', async () => {
    const start = Date.now();
    const { id, email } = await underStandingBlock(own, start);
    const raced = beforeClosing(own, async () => {
      await own.db.send(new DeleteCommand({ TableName: own.tableName, Key: blockKeyOf(email) }));
    });
    try {
      expect(await holdAndCloseUnderBlocks(own.deps({ db: raced.db, now: at(start, 2 * DAY) }))).toEqual({
        listed: 0,
        held: 1,
        closed: 0,
      });
      expect(raced.happened()).toBe(true);
    } finally {
      raced.destroy();
    }

    const left = await getRequest(own.deps(), id);
    expect(left).toMatchObject({ status: 'pending', email });
    expect(left?.eraseBy).toBeUndefined();
    await lifecycleAt(own, start, 7 * DAY - MINUTE);
    expect(keptRecord(await getRequest(own.deps(), id)).email).toBe(email);
    await lifecycleAt(own, start, 7 * DAY + SECOND);
    expect(await getRequest(own.deps(), id)).toBeUndefined();
  });
});
