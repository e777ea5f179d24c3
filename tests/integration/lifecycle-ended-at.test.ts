import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { auditTrail } from '../../shared/data/audit.ts';
import { offerKey, requestKey } from '../../shared/data/keys.ts';
import { lifecyclePut, readLifecycleDueAt } from '../../shared/data/lifecycle.ts';
import { getOffer } from '../../shared/data/offers.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { Conflict } from '../../shared/domain/errors.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { runLifecycle } from '../../shared/upkeep/lifecycle.ts';
import { blockAddress } from '../../shared/workspace/block.ts';
import { actOnRecord, verifyHost } from '../../shared/workspace/records.ts';
import { daysFromNow } from '../support/dates.ts';
import { keptRecord } from '../support/records.ts';
import { useTestTable } from '../support/table.ts';
import { lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';

/**
 * PRODUCT.md, Retention: personal data goes RETENTION_DAYS (90 here) after a record "closes,
 * expires or is withdrawn". Every way a record ends says when (`endedAt`), and the erasure is
 * reckoned from it, not from whatever was written to the record last.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;
/** The due queue takes what is due strictly before the sweep's clock. */
const SECOND = 1_000;
const table = useTestTable();

const scope = { email: 'coordinator@haven.test', countries: '*' } as const;
const meta = { locale: 'en' as const, sourceIp: '192.0.2.93', via: 'api' as const };
const at = (start: number, ms: number) => () => new Date(start + ms);
const iso = (start: number, ms: number) => new Date(start + ms).toISOString();
const addressOf = (role: string) => `${role}-${randomUUID().slice(0, 8)}@example.org`;

/** A record of `kind` sent and confirmed at `start`, with its manage link. */
async function confirmed(kind: 'offer' | 'request', start: number, input: Record<string, unknown> = {}) {
  const email = String(input.email ?? addressOf(kind));
  const deps = table.deps({ now: at(start, 0) });
  const { id } = await (kind === 'offer'
    ? submitOffer(deps, offerInput({ ...input, email }), meta)
    : submitRequest(deps, requestInput({ ...input, email }), meta));
  await actOnLink(deps, linksIn((await lastMailTo(table, email)).text).confirm, 'confirm');
  const { manage } = linksIn((await lastMailTo(table, email)).text);
  return { id, email, manage };
}

const dueOf = (kind: 'offer' | 'request', id: string) => readLifecycleDueAt(table.deps(), kind, id);

describe('every way a record ends says when', () => {
  it('its owner’s withdrawal: erased 90 days after it', async () => {
    const start = Date.now();
    const { id, manage } = await confirmed('offer', start);
    await actOnLink(table.deps({ now: at(start, DAY) }), manage, 'withdraw');
    expect(await getOffer(table.deps(), id)).toMatchObject({ status: 'closed', endedAt: iso(start, DAY) });
    expect(await dueOf('offer', id)).toBe(iso(start, 91 * DAY));
  });

  it('a coordinator’s close', async () => {
    const start = Date.now();
    const { id } = await confirmed('request', start);
    await actOnRecord(table.deps({ now: at(start, 2 * DAY) }), scope, 'request', id, 'close');
    expect(await getRequest(table.deps(), id)).toMatchObject({
      status: 'withdrawn',
      endedAt: iso(start, 2 * DAY),
    });
    expect(await dueOf('request', id)).toBe(iso(start, 92 * DAY));
    expect((await auditTrail(table.deps(), requestKey(id).pk, 1))[0]?.fields).toEqual(['status', 'endedAt']);
  });

  it('a block, closing the blocked person’s other record', async () => {
    const start = Date.now();
    // A minute earlier, so that the last mail to the address is the request's.
    const offer = await confirmed('offer', start - MINUTE);
    const request = await confirmed('request', start, { email: offer.email });
    await blockAddress(table.deps({ now: at(start, 3 * DAY) }), scope, 'offer', offer.id);
    expect(await getRequest(table.deps(), request.id)).toMatchObject({
      status: 'withdrawn',
      endedAt: iso(start, 3 * DAY),
    });
    expect(await dueOf('request', request.id)).toBe(iso(start, 93 * DAY));
    expect((await auditTrail(table.deps(), requestKey(request.id).pk, 1))[0]?.fields).toContain('endedAt');
  });

  it('its dates passing: the offer closes and the request expires in the sweep that finds them', async () => {
    const start = Date.now();
    const offer = await confirmed('offer', start, { availableTo: daysFromNow(10) });
    const request = await confirmed('request', start, { departure: daysFromNow(10) });
    await runLifecycle(table.deps({ now: at(start, 20 * DAY) }));
    expect(await getOffer(table.deps(), offer.id)).toMatchObject({
      status: 'closed',
      endedAt: iso(start, 20 * DAY),
    });
    expect(await getRequest(table.deps(), request.id)).toMatchObject({
      status: 'expired',
      endedAt: iso(start, 20 * DAY),
    });
    expect(await dueOf('offer', offer.id)).toBe(iso(start, 110 * DAY));
    expect(await dueOf('request', request.id)).toBe(iso(start, 110 * DAY));
  });

  it('a pause nobody ends, lapsing 90 days after it', async () => {
    const start = Date.now();
    const { id, manage } = await confirmed('offer', start, { availableTo: undefined });
    await actOnLink(table.deps({ now: at(start, 0) }), manage, 'pause');
    await runLifecycle(table.deps({ now: at(start, 90 * DAY + SECOND) }));
    expect(await getOffer(table.deps(), id)).toMatchObject({
      status: 'closed',
      endedAt: iso(start, 90 * DAY + SECOND),
    });
  });

  it('its owner’s erasure of a live record', async () => {
    const start = Date.now();
    const { id, manage } = await confirmed('request', start);
    await actOnLink(table.deps({ now: at(start, DAY) }), manage, 'erase');
    expect(await getRequest(table.deps(), id)).toMatchObject({
      status: 'withdrawn',
      endedAt: iso(start, DAY),
      erasedAt: iso(start, DAY),
    });
  });
});

describe('a write after the end', () => {
  it('a host check on a closed offer is refused, and leaves the record and its erasure as they were', async () => {
    const start = Date.now();
    const { id, manage } = await confirmed('offer', start);
    await actOnLink(table.deps({ now: at(start, DAY) }), manage, 'withdraw');
    const closed = await getOffer(table.deps(), id);

    await expect(
      verifyHost(table.deps({ now: at(start, 30 * DAY) }), scope, id, {
        outcome: 'verified',
        method: 'phone',
      }),
    ).rejects.toThrow(Conflict);
    await expect(
      verifyHost(table.deps({ now: at(start, 30 * DAY) }), scope, id, {
        outcome: 'rejected',
        reason: 'No answer',
      }),
    ).rejects.toThrow(Conflict);

    expect(await getOffer(table.deps(), id)).toEqual(closed);
    expect(await dueOf('offer', id)).toBe(iso(start, 91 * DAY));
  });

  it('a record that ended before endedAt was kept is erased 90 days after its last write, as before', async () => {
    const start = Date.now();
    const old = makeRequest(`r-${randomUUID().slice(0, 8)}`, {
      status: 'withdrawn',
      confirmedAt: iso(start, -DAY),
      updatedAt: iso(start, 0),
    });
    await putOne(table.db, table.tableName, old);
    // Due at once, so that the sweep a minute short of 90 days reads it and reckons its erasure.
    await table.db.send(
      new PutCommand(lifecyclePut(table.tableName, 'request', old.id, new Date(start)).Put),
    );

    await runLifecycle(table.deps({ now: at(start, 90 * DAY - MINUTE) }));
    expect((await getRequest(table.deps(), old.id))?.erasedAt).toBeUndefined();
    expect(await dueOf('request', old.id)).toBe(iso(start, 90 * DAY));
    await runLifecycle(table.deps({ now: at(start, 90 * DAY + SECOND) }));
    expect((await getRequest(table.deps(), old.id))?.erasedAt).toBe(iso(start, 90 * DAY + SECOND));
  });
});

describe('a pause lapses from when it began, not from the last write', () => {
  const lastFields = async (id: string) => (await auditTrail(table.deps(), offerKey(id).pk, 1))[0]?.fields;
  const openOffer = (start: number, fields: Record<string, unknown> = {}) =>
    makeOffer(`o-${randomUUID().slice(0, 8)}`, {
      availableTo: undefined,
      confirmedAt: iso(start, -DAY),
      updatedAt: iso(start, 0),
      ...fields,
    });

  it('a coordinator’s pause begins it, and a host check on the paused offer does not move it', async () => {
    const start = Date.now();
    const offer = openOffer(start);
    await putOne(table.db, table.tableName, offer);
    await actOnRecord(table.deps({ now: at(start, DAY) }), scope, 'offer', offer.id, 'pause');
    expect(await getOffer(table.deps(), offer.id)).toMatchObject({
      status: 'paused',
      pausedAt: iso(start, DAY),
    });
    expect(await dueOf('offer', offer.id)).toBe(iso(start, 91 * DAY));
    expect(await lastFields(offer.id)).toEqual(['status', 'pausedAt']);

    await verifyHost(table.deps({ now: at(start, 30 * DAY) }), scope, offer.id, {
      outcome: 'verified',
      method: 'phone',
    });
    expect(await getOffer(table.deps(), offer.id)).toMatchObject({
      updatedAt: iso(start, 30 * DAY),
      pausedAt: iso(start, DAY),
    });
    expect(await dueOf('offer', offer.id)).toBe(iso(start, 91 * DAY));
    expect(await lastFields(offer.id)).toEqual(['verification']);
  });

  it('its owner’s edit begins it again', async () => {
    const start = Date.now();
    const { id, manage } = await confirmed('offer', start, { availableTo: undefined });
    await actOnLink(table.deps({ now: at(start, DAY) }), manage, 'pause');
    expect(keptRecord(await getOffer(table.deps(), id)).pausedAt).toBe(iso(start, DAY));

    await actOnLink(table.deps({ now: at(start, 10 * DAY) }), manage, 'edit', { beds: 4 });
    expect(await getOffer(table.deps(), id)).toMatchObject({
      status: 'paused',
      beds: 4,
      pausedAt: iso(start, 10 * DAY),
    });
    expect(await dueOf('offer', id)).toBe(iso(start, 100 * DAY));
    expect(await lastFields(id)).toContain('pausedAt');
  });

  it('one paused before pausedAt was kept lapses from its last write, and a host check keeps that date', async () => {
    const start = Date.now();
    const old = openOffer(start, { status: 'paused' });
    await putOne(table.db, table.tableName, old);
    await verifyHost(table.deps({ now: at(start, 30 * DAY) }), scope, old.id, {
      outcome: 'verified',
      method: 'phone',
    });
    expect(keptRecord(await getOffer(table.deps(), old.id)).pausedAt).toBe(iso(start, 0));
    expect(await dueOf('offer', old.id)).toBe(iso(start, 90 * DAY));
    expect(await lastFields(old.id)).toEqual(['verification', 'pausedAt']);
  });
});
