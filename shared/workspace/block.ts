import {
  type AddressBlock,
  blockDelete,
  blockHoldersAdd,
  blockIdentities,
  blockPut,
  speaksFor,
} from '../data/blocks.ts';
import { isConditionFailure } from '../data/errors.ts';
import { holderOf } from '../data/forgetting.ts';
import { noteOfferChange } from '../data/offers.ts';
import { noteRequestChange } from '../data/requests.ts';
import { transact } from '../data/transact.ts';
import type { Deps } from '../deps.ts';
import { type CoordinatorScope, mayLift } from '../domain/coordinator-scope.ts';
import { mailboxOf } from '../domain/email-address.ts';
import { Conflict } from '../domain/errors.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import {
  endedAtSet,
  hasEnded,
  isLive,
  keepingConfirmHorizon,
  keepingEnd,
  keepingPause,
  pausedAtSet,
} from '../domain/retention.ts';
import { closeForBlock, saveRecord, withRetry } from '../upkeep/blocking.ts';
import { blocksOn, personOf } from './person.ts';
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
/**
 * The block items one transaction carries beside its audit event: DynamoDB takes 100 items. A
 * person with more identities (a chat that proved many addresses, an address many chats proved)
 * is blocked or lifted in several transactions, each audited.
 */
const BLOCKS_PER_WRITE = 99;

const inParts = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / BLOCKS_PER_WRITE) }, (_, part) =>
    items.slice(part * BLOCKS_PER_WRITE, (part + 1) * BLOCKS_PER_WRITE),
  );

function unlessGone(error: unknown) {
  if (!isConditionFailure(error)) throw error;
}

/**
 * A record sent while the address was blocked joins the pool once the block is lifted; one still
 * pending keeps the horizon of its confirm link (`eraseBy`), as the unblock sends no new link. One
 * that has ended meanwhile stays ended, no longer marked as sent while blocked, and keeps when it
 * ended (`endedAt`): its erasure stays RETENTION_DAYS after it ended, not after the unblock; a
 * paused one keeps when its pause began (`pausedAt`), so it lapses no later. A placed one is left
 * as it is.
 */
async function releaseFromBlock(deps: Deps, record: IntakeRecord, actor: `coordinator:${string}`) {
  if (record.blockedAt === undefined) return undefined;
  // A placed one is left too: its stay's horizon may be reckoned from its last write (stayEndOf).
  if (!isLive(record) && !hasEnded(record)) return undefined;
  const { blockedAt: _lifted, ...rest } = record;
  // A pending one gets no new confirm link here: it keeps the horizon of the one it was sent.
  const written = {
    ...rest,
    updatedAt: deps.now().toISOString(),
    version: record.version + 1,
  } as IntakeRecord;
  const next = keepingPause(record, keepingEnd(record, keepingConfirmHorizon(record, written)));
  return saveRecord(deps, next, record.version, {
    audit: {
      action: 'coordinator.unblocked',
      actor,
      fields: ['blockedAt', ...endedAtSet(record, next), ...pausedAtSet(record, next)],
    },
  });
}

/** Writes what a change about one record issues (audit, the block item) without changing the record. */
function noteOn(deps: Deps, record: IntakeRecord, change: Parameters<typeof noteOfferChange>[2]) {
  return record.kind === 'offer'
    ? noteOfferChange(deps, record.id, change)
    : noteRequestChange(deps, record.id, change);
}

/** The record a block is set or lifted from (its address and its chat are what the block is about). */
async function recordToBlock(deps: Deps, scope: CoordinatorScope, kind: RecordKind, id: string) {
  const record = await scopedRecord(deps, scope, kind, id);
  if (record.erasedAt !== undefined || (record.email.trim() === '' && record.telegramChatId === undefined))
    throw new Conflict('This record no longer has an address.');
  return { record, actor: `coordinator:${scope.email}` as const };
}

/**
 * Blocks the address and the Telegram chat of a record, and the chats and addresses that proved
 * them (personOf): the blocks first, in one transaction (from then on a submission from any of
 * them is stored as blocked, or fails its transaction and reads the block), then every live
 * record of the person closes. The person is read again after each write until a read finds no
 * one new to block: an address confirmed in between is blocked too, and the records closed are
 * those of a read that followed every block, so a send committed before it is closed and one
 * committed after it fails its check. Each block lists the person's records of its address or
 * chat as read last (a block already there takes them on too), so it stands until they are
 * erased (data/forgetting.ts). Audited on the record it was done from and on each record it
 * closed.
 */
export async function blockAddress(
  deps: Deps,
  scope: CoordinatorScope,
  kind: RecordKind,
  id: string,
): Promise<void> {
  const { record, actor } = await recordToBlock(deps, scope, kind, id);
  const block: AddressBlock = { by: scope.email, at: deps.now().toISOString() };
  let person = await personOf(deps, record);
  for (let round = 1; round <= ATTEMPTS; round++) {
    const found = await blocksOn(deps, person.identities);
    // Each block lists the person's records of its address or chat: it stands until they are erased.
    const { records } = person;
    const holders = (identity: string) =>
      records.filter((one) => speaksFor(one, identity)).map((one) => holderOf(one));
    const at = deps.now().toISOString();
    const fresh = found.filter((one) => one.block === undefined);
    const unheld = found.flatMap((one) => {
      const missing = holders(one.identity).filter((holder) => !one.holders.includes(holder));
      return one.block === undefined || missing.length === 0
        ? []
        : [blockHoldersAdd(deps.config, one.identity, missing, at)];
    });
    if (fresh.length === 0 && unheld.length === 0) break;
    for (const part of inParts(fresh))
      await noteOn(deps, record, {
        audit: { action: 'coordinator.blocked-address', actor },
        extra: part.map((one) => blockPut(deps.config, one.identity, block, holders(one.identity), at)),
      });
    // A block gone since the read (lifted, or forgotten) fails its part: the next round reads it.
    for (const part of inParts(unheld)) await transact(deps.db, part).catch(unlessGone);
    person = await personOf(deps, record);
  }
  for (const found of person.records)
    await withRetry(deps, found, (current) => closeForBlock(deps, current, actor, 'coordinator.blocked'));
}

/**
 * Lifts the blocks on a record's address and chat, and on the chats and addresses that proved
 * them (personOf): what they sent while blocked joins the pool (and is matched), what the block
 * closed stays closed. The person is read again after each lift until a read finds no block
 * left, as blockAddress does: a press that proved the address between the read and the lift
 * copied its block onto the chat (shared/intake/links.ts), and that copy goes too. Records are
 * released only after the last round, from a read that followed it. Audited like the block.
 * All or nothing: each round checks every block it found before lifting any, and a later round
 * that finds one this coordinator may not lift (a press joined an address another country's
 * coordinator blocked) puts back what the earlier rounds lifted before it answers Conflict
 * (restoreLifted).
 */
export async function unblockAddress(
  deps: Deps,
  scope: CoordinatorScope,
  kind: RecordKind,
  id: string,
): Promise<void> {
  const { record, actor } = await recordToBlock(deps, scope, kind, id);
  let person = await personOf(deps, record);
  const lifted: LiftedBlock[] = [];
  for (let round = 1; round <= ATTEMPTS; round++) {
    const held = (await blocksOn(deps, person.identities)).flatMap((found) =>
      found.block === undefined
        ? []
        : [{ identity: found.identity, block: found.block, holders: found.holders }],
    );
    if (held.length === 0) break;
    if (held.some((found) => !mayLift(deps.config.COORDINATORS, scope, found.block.by))) {
      if (lifted.length > 0) await restoreLifted(deps, record, actor, lifted);
      throw new Conflict('A coordinator of other countries set this block; only they can lift it.');
    }
    for (const part of inParts(held)) {
      await noteOn(deps, record, {
        audit: { action: 'coordinator.unblocked-address', actor },
        extra: part.map((found) => blockDelete(deps.config.TABLE_NAME, found.identity)),
      });
      lifted.push(...part);
    }
    person = await personOf(deps, record);
  }
  if (lifted.length === 0) return;
  for (const found of person.records)
    await withRetry(deps, found, (current) => releaseFromBlock(deps, current, actor));
}

interface LiftedBlock {
  readonly identity: string;
  readonly block: AddressBlock;
  readonly holders: readonly string[];
}

/**
 * Puts back the blocks an unblock lifted before it met one it may not lift, as they were (same
 * `by` and `at`, so the same coordinators may lift them), where no block was set since; audited
 * on the record. What the lifted identities sent while they were lifted read no block and was
 * stored to be matched: it closes as the block would have closed it. Nothing was released yet
 * (that waits for the last round), so the person is as blocked as before the unblock.
 */
async function restoreLifted(
  deps: Deps,
  record: IntakeRecord,
  actor: `coordinator:${string}`,
  lifted: readonly LiftedBlock[],
) {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const at = deps.now().toISOString();
    const now = await blocksOn(
      deps,
      lifted.map((found) => found.identity),
    );
    const absent = lifted.filter((found) =>
      now.some((read) => read.identity === found.identity && read.block === undefined),
    );
    if (absent.length === 0) break;
    try {
      for (const part of inParts(absent))
        await noteOn(deps, record, {
          audit: { action: 'coordinator.unblock-undone', actor },
          extra: part.map((found) => blockPut(deps.config, found.identity, found.block, found.holders, at)),
        });
    } catch (error) {
      // A block was set on one of them since the read: read again and put back the rest.
      if (!(error instanceof Conflict)) throw error;
    }
  }
  // Only the lifted identities' sends read no block. Someone the person reaches now and did not
  // before (an address the chat proved meanwhile, a volunteer's family's) was never blocked, and
  // nothing here blocks them, so their records are not this unblock's to close.
  const liftedKeys = new Set(lifted.map((found) => mailboxOf(found.identity)));
  const ofLifted = (found: IntakeRecord) =>
    blockIdentities(found).some((identity) => liftedKeys.has(mailboxOf(identity)));
  const person = await personOf(deps, record);
  // What the person sent while the blocks were lifted joins their holders, as blockAddress lists
  // what it finds: read after the put-back, so a later send joins them itself (blockHeldBy).
  const at = deps.now().toISOString();
  const unheld = (
    await blocksOn(
      deps,
      lifted.map((found) => found.identity),
    )
  ).flatMap((found) => {
    const missing = person.records
      .filter((one) => speaksFor(one, found.identity))
      .map((one) => holderOf(one))
      .filter((holder) => !found.holders.includes(holder));
    return found.block === undefined || missing.length === 0
      ? []
      : [blockHoldersAdd(deps.config, found.identity, missing, at)];
  });
  // A block lifted again since the read fails its part: nothing of it to hold.
  for (const part of inParts(unheld)) await transact(deps.db, part).catch(unlessGone);
  for (const found of person.records)
    if (found.blockedAt === undefined && ofLifted(found))
      await withRetry(deps, found, (current) =>
        current.blockedAt === undefined
          ? closeForBlock(deps, current, actor, 'coordinator.blocked')
          : undefined,
      );
}
