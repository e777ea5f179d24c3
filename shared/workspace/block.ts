import { cancelRemaining, cancelStaleProposals } from '../approval/cancel.ts';
import { type AddressBlock, blockDelete, blockPut, blocksOf } from '../data/blocks.ts';
import { getOffer, noteOfferChange, saveOffer } from '../data/offers.ts';
import { getRequest, noteRequestChange, saveRequest } from '../data/requests.ts';
import type { Deps } from '../deps.ts';
import { type CoordinatorScope, mayLift } from '../domain/coordinator-scope.ts';
import { Conflict } from '../domain/errors.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { isLive } from '../domain/retention.ts';
import { type Person, recordsOfPerson } from '../upkeep/lifecycle.ts';
import { type RecordKind, scopedRecord } from './records.ts';

/**
 * Blocking an address (docs/product.md, "Privacy"): its records close as a withdrawal
 * would close them (pending proposals cancelled in the same transaction, coordinators told),
 * and whatever it sends later is accepted with the usual answer and mail and never matched
 * (shared/intake/submit.ts marks it, the pool leaves it out: shared/data/items.ts). A person
 * who came through Telegram is blocked by their chat too, and by it alone when they gave no
 * address (blockIdentities).
 */

type IntakeRecord = OfferRecord | RequestRecord;
const ATTEMPTS = 4;

const reread = (deps: Deps, record: IntakeRecord) =>
  record.kind === 'offer' ? getOffer(deps, record.id) : getRequest(deps, record.id);

function save(deps: Deps, next: IntakeRecord, expected: number, change: Parameters<typeof saveOffer>[3]) {
  return next.kind === 'offer'
    ? saveOffer(deps, next, expected, change)
    : saveRequest(deps, next, expected, change);
}

/**
 * Applies `change` to a record under its version, reading it again when someone (the matcher,
 * its owner) wrote in between; `change` answers undefined when nothing is left to do.
 */
async function withRetry(
  deps: Deps,
  first: IntakeRecord,
  change: (record: IntakeRecord) => Promise<void> | undefined,
): Promise<void> {
  let record: IntakeRecord | undefined = first;
  for (let attempt = 1; record !== undefined; attempt++) {
    try {
      await change(record);
      return;
    } catch (error) {
      if (!(error instanceof Conflict) || attempt >= ATTEMPTS) throw error;
      record = await reread(deps, record);
    }
  }
}

/** A live record of a blocked address closes like a withdrawal: its pending proposals go with it. */
async function closeForBlock(deps: Deps, record: IntakeRecord, actor: `coordinator:${string}`) {
  if (!isLive(record)) return undefined;
  const ended = {
    ...record,
    status: record.kind === 'offer' ? 'closed' : 'withdrawn',
    updatedAt: deps.now().toISOString(),
    version: record.version + 1,
  } as IntakeRecord;
  const { record: next, items, remaining } = await cancelStaleProposals(deps, record, ended, actor);
  await save(deps, next, record.version, {
    audit: { action: 'coordinator.blocked', actor, from: record.status, to: next.status, fields: ['status'] },
    extra: items,
  });
  await cancelRemaining(deps, remaining);
}

/** A record sent while the address was blocked joins the pool once the block is lifted. */
async function releaseFromBlock(deps: Deps, record: IntakeRecord, actor: `coordinator:${string}`) {
  if (record.blockedAt === undefined) return undefined;
  const { blockedAt: _lifted, ...rest } = record;
  const next = { ...rest, updatedAt: deps.now().toISOString(), version: record.version + 1 } as IntakeRecord;
  return save(deps, next, record.version, {
    audit: { action: 'coordinator.unblocked', actor, fields: ['blockedAt'] },
  });
}

/** Runs `act` once on each record of the person a block is about: from the record's address, or its chat. */
async function eachRecordOf(deps: Deps, of: IntakeRecord, act: (record: IntakeRecord) => Promise<void>) {
  const people: Person[] = [
    ...(of.email.trim() === '' ? [] : [{ email: of.email }]),
    ...(of.telegramChatId === undefined ? [] : [{ telegram: 'chat', value: of.telegramChatId } as const]),
  ];
  const seen = new Set<string>();
  for (const kind of ['offer', 'request'] as const) {
    for (const person of people) {
      for (const record of await recordsOfPerson(deps, kind, person)) {
        if (seen.has(`${kind}:${record.id}`)) continue;
        seen.add(`${kind}:${record.id}`);
        await act(record);
      }
    }
  }
}

/** Writes what a change about one record issues (audit, the block item) without changing the record. */
function noteOn(deps: Deps, record: IntakeRecord, change: Parameters<typeof noteOfferChange>[2]) {
  return record.kind === 'offer'
    ? noteOfferChange(deps, record.id, change)
    : noteRequestChange(deps, record.id, change);
}

/**
 * The record a block is set or lifted from (its address and its chat are what the block is
 * about), and the block on each of them now.
 */
async function addressOfRecord(deps: Deps, scope: CoordinatorScope, kind: RecordKind, id: string) {
  const record = await scopedRecord(deps, scope, kind, id);
  const blocks = record.erasedAt === undefined ? await blocksOf(deps, record) : [];
  if (blocks.length === 0) throw new Conflict('This record no longer has an address.');
  return { record, blocks, actor: `coordinator:${scope.email}` as const };
}

/**
 * Blocks the address and the Telegram chat of a record: the blocks first, in one transaction
 * (from then on a submission from either is stored as blocked, or fails its transaction and
 * reads the block), then every live record from the address or the chat closes. Audited on the
 * record it was done from and on each record it closed.
 */
export async function blockAddress(
  deps: Deps,
  scope: CoordinatorScope,
  kind: RecordKind,
  id: string,
): Promise<void> {
  const { record, actor, blocks } = await addressOfRecord(deps, scope, kind, id);
  const fresh = blocks.filter((found) => found.block === undefined);
  if (fresh.length > 0) {
    const block: AddressBlock = { by: scope.email, at: deps.now().toISOString() };
    await noteOn(deps, record, {
      audit: { action: 'coordinator.blocked-address', actor },
      extra: fresh.map((found) => blockPut(deps.config.TABLE_NAME, found.identity, block)),
    });
  }
  await eachRecordOf(deps, record, (found) =>
    withRetry(deps, found, (current) => closeForBlock(deps, current, actor)),
  );
}

/**
 * Lifts the blocks on a record's address and chat: what they sent while blocked joins the pool
 * (and is matched), what the block closed stays closed. Audited like the block.
 */
export async function unblockAddress(
  deps: Deps,
  scope: CoordinatorScope,
  kind: RecordKind,
  id: string,
): Promise<void> {
  const { record, actor, blocks } = await addressOfRecord(deps, scope, kind, id);
  const held = blocks.filter((found) => found.block !== undefined);
  if (held.length === 0) return;
  if (held.some((found) => !mayLift(deps.config.COORDINATORS, scope, found.block?.by ?? ''))) {
    throw new Conflict('A coordinator of other countries set this block; only they can lift it.');
  }
  await noteOn(deps, record, {
    audit: { action: 'coordinator.unblocked-address', actor },
    extra: held.map((found) => blockDelete(deps.config.TABLE_NAME, found.identity)),
  });
  await eachRecordOf(deps, record, (found) =>
    withRetry(deps, found, (current) => releaseFromBlock(deps, current, actor)),
  );
}
