import { randomUUID } from 'node:crypto';
import type { AuditActor } from '../data/audit.ts';
import { type BlockSteps, blockStepsPut, dropBlockSteps, dueBlockSteps } from '../data/block-steps.ts';
import {
  type AddressBlock,
  blockHoldersAdd,
  blockIsCheck,
  blockOf,
  blocksOf,
  speaksFor,
  underProvedBlocks,
} from '../data/blocks.ts';
import { type DueReport, SWEEP_GRACE_MS, workDueItems } from '../data/due.ts';
import { isConditionFailure } from '../data/errors.ts';
import { holderOf } from '../data/forgetting.ts';
import { unlessErased } from '../data/intake-records.ts';
import { getOffer, noteOfferChange } from '../data/offers.ts';
import { declinedPairsCarried, rememberDeclined } from '../data/proposals.ts';
import { eachChatRecordWithAddress, listBlockHolders, standingBlocks } from '../data/reindex.ts';
import { getRequest, noteRequestChange } from '../data/requests.ts';
import { chatAddress } from '../data/telegram-lookups.ts';
import { transact } from '../data/transact.ts';
import type { Deps } from '../deps.ts';
import { Conflict } from '../domain/errors.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { isLive, withoutPersonalData } from '../domain/retention.ts';
import { closeForBlock, reread, withRetry } from './blocking.ts';
import { eraseRecord, type Person, recordsOfPerson } from './lifecycle.ts';

/**
 * What a press (shared/intake/links.ts) does after its transaction, which writes these steps
 * beside the change (data/block-steps.ts): the erasure of the chat's record a merge applied, and,
 * when the press copied a block across, what the block asks. The press works them at once, and
 * the sweep works any a crash, a throw or a timeout left behind, until they are done. Each step
 * reads what it acts on and skips what is done already, so running them twice, or the press and
 * the sweep at once, changes nothing more than running them once.
 */

type IntakeRecord = OfferRecord | RequestRecord;

/**
 * What the kept record needs to prove: the chat and the address, nothing else that names or
 * reaches the person (withoutPersonalData). The address's owner has no link to it, so their
 * "erase my data" would not reach a copy of the chat's name, phone and notes.
 */
const asProof = (record: IntakeRecord, email: string): IntakeRecord => ({
  ...withoutPersonalData(record),
  email,
  ...(record.telegramChatId === undefined ? {} : { telegramChatId: record.telegramChatId }),
});

/**
 * The chat's record a confirmation merged into a blocked address's, closed rather than erased,
 * with the address: it is what proves that the chat is the blocked person's (a tie leaves the
 * chat's own record holding the address), so that blocking or unblocking the address finds the
 * chat (shared/workspace/person.ts personOf), and the chat's address the other way round. It is
 * kept as any closed record is, until retention erases it. Audited `merged`, as an erased merge
 * is: the press's transaction already said why the chat is blocked.
 */
async function keepAsProof(
  deps: Deps,
  kind: IntakeRecord['kind'],
  proof: NonNullable<BlockSteps['proofOf']>,
  actor: AuditActor,
) {
  const current = unlessErased(
    kind === 'offer' ? await getOffer(deps, proof.id) : await getRequest(deps, proof.id),
  );
  if (current === undefined) return;
  await withRetry(deps, current, (latest) =>
    closeForBlock(deps, latest, actor, 'merged', { kept: (record) => asProof(record, proof.email) }),
  );
}

/** Whether the block on `identity` is still the one read (same `by` and `at`). */
async function standsAsRead(deps: Deps, identity: string, read: AddressBlock): Promise<boolean> {
  const now = await blockOf(deps, identity);
  return now?.by === read.by && now.at === read.at;
}

/**
 * Lists those of `records` that are of the block on `identity` (speaksFor) among its holders, as
 * blockAddress lists what it finds: a record it does not close (a placed request) keeps it
 * standing until it is erased. How many it listed; undefined when the block was lifted (or
 * forgotten) since it was read, so nothing of it is to be closed either.
 */
async function holdUnder(
  deps: Deps,
  identity: string,
  records: readonly IntakeRecord[],
): Promise<number | undefined> {
  const holders = [
    ...new Set(records.filter((found) => speaksFor(found, identity)).map((found) => holderOf(found))),
  ];
  if (holders.length === 0) return 0;
  try {
    await transact(deps.db, [blockHoldersAdd(deps.config, identity, holders, deps.now().toISOString())]);
    return holders.length;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/**
 * What a chat (or an address) sent before the press that blocked it closes, as blocking it would
 * close it, said on each (`action`), all but the record the press confirmed (stored blocked, it
 * stays open until its person or a coordinator ends it). Only while the block the press copied
 * stands: once lifted, what the person sends is theirs to have matched again, and a block set
 * anew closed what it found itself. What was sent since the press is stored blocked and stays
 * open, to join the pool when the block is lifted, however late the sweep comes.
 */
async function closeSentBefore(
  deps: Deps,
  person: Person,
  identity: string,
  copied: { by: string; at: string },
  steps: BlockSteps,
  action: 'blocked-with-address' | 'blocked-with-chat',
) {
  if (!(await standsAsRead(deps, identity, copied))) return;
  const { actor } = steps;
  const records = [
    ...(await recordsOfPerson(deps, 'offer', person)),
    ...(await recordsOfPerson(deps, 'request', person)),
  ];
  // The copied block lists what the chat or address sent before it.
  if ((await holdUnder(deps, identity, records)) === undefined) return;
  await closeWhileBlockStands(
    deps,
    records.filter((found) => found.id !== steps.confirmedId),
    identity,
    copied,
    actor,
    action,
  );
}

/**
 * Closes each live record of `records` not stored blocked, as blocking closes it, in the name of
 * the block on `identity` as read (same `by` and `at`): each closing checks that block, so an
 * unblock that commits meanwhile is not followed by a closing in the lifted block's name, and a
 * record written in between (the matcher) is read again and closed only if it is still of that
 * block (speaksFor: an unconfirmed address dropped meanwhile takes it out). Returns how many it
 * closed.
 */
async function closeWhileBlockStands(
  deps: Deps,
  records: readonly IntakeRecord[],
  identity: string,
  block: AddressBlock,
  actor: AuditActor,
  action: string,
): Promise<number> {
  const checks = [blockIsCheck(deps.config.TABLE_NAME, identity, block)];
  let closed = 0;
  for (const found of records)
    if (isLive(found) && found.blockedAt === undefined) {
      let attempt = 0;
      await withRetry(deps, found, async (current) => {
        // A retry follows a Conflict, which may be the check failing: read the block again.
        if (attempt++ > 0 && !(await standsAsRead(deps, identity, block))) return;
        // As read again, the record may no longer be of the block (its unconfirmed address dropped).
        if (current.blockedAt !== undefined || !isLive(current) || !speaksFor(current, identity)) return;
        await closeForBlock(deps, current, actor, action, { checks });
        closed++;
      });
    }
  return closed;
}

/**
 * Erases the chat's record whose changes a confirmation merged into the address's: the press's
 * transaction closed it, so nothing its chat sends reaches it any more, and it is erased as it
 * is now. A write that overtakes every try (ErasureOvertaken) leaves the step queued for the sweep.
 */
async function eraseMerged(
  deps: Deps,
  kind: IntakeRecord['kind'],
  merged: NonNullable<BlockSteps['merged']>,
  actor: AuditActor,
): Promise<void> {
  const current = kind === 'offer' ? await getOffer(deps, merged.id) : await getRequest(deps, merged.id);
  if (current === undefined) return;
  await eraseRecord(deps, current, actor, { action: 'merged' });
}

/**
 * Carries every pair the chat's record was declined in to the record it was merged into, before
 * that record is erased or kept as proof, when its press had more than it carried itself
 * (`declinedLeft`): the Puts of the pairs the press carried change nothing for those (rule 6).
 */
async function carryDeclined(deps: Deps, steps: BlockSteps, mergedId: string, into: string): Promise<void> {
  const pairs = await declinedPairsCarried(deps, { kind: steps.recordKind, id: mergedId }, into);
  await rememberDeclined(deps, pairs);
}

/** Works a press's steps, then takes them off the queue. */
export async function workBlockSteps(deps: Deps, steps: BlockSteps): Promise<void> {
  const mergedId = steps.merged?.id ?? steps.proofOf?.id;
  if (steps.declinedLeft && mergedId !== undefined && steps.confirmedId !== undefined)
    await carryDeclined(deps, steps, mergedId, steps.confirmedId);
  if (steps.merged) await eraseMerged(deps, steps.recordKind, steps.merged, steps.actor);
  if (steps.proofOf) await keepAsProof(deps, steps.recordKind, steps.proofOf, steps.actor);
  if (steps.chat) {
    const { chatId, by, at } = steps.chat;
    const chat = { telegram: 'chat', value: chatId } as const;
    await closeSentBefore(deps, chat, chatAddress(chatId), { by, at }, steps, 'blocked-with-address');
  }
  if (steps.address) {
    const { email, by, at } = steps.address;
    await closeSentBefore(deps, { mailbox: email }, email, { by, at }, steps, 'blocked-with-chat');
  }
  await dropBlockSteps(deps, steps.id);
}

/**
 * For the sweep: works every press's steps left behind (SWEEP_GRACE_MS after their press). One
 * that fails, or does not parse, is logged (`block-steps.failed`, which raises an alarm) and
 * counted, stays queued for the next sweep, and the next still has its turn.
 */
export const runBlockSteps = (deps: Deps): Promise<DueReport> =>
  workDueItems(
    deps,
    dueBlockSteps(deps, deps.now()),
    'block-steps.failed',
    (steps) => steps.id,
    (steps) => workBlockSteps(deps, steps),
  );

/**
 * For `npm run reindex`: before a press copied an address's block onto the chat that proved it
 * (shared/intake/links.ts), a chat that confirmed a blocked address stayed unblocked, and what it
 * sent after its record was matched. Each such chat takes the address's block as a press would
 * now (same `by` and `at`, conditioned on it still standing, audited `blocked-with-address` on
 * the record that ties them), and its live records not stored blocked close through the same
 * steps as a press's. Only this way round: a chat blocked since that proved another address
 * earlier proved it before its block, and blocking reaches one step only. A chat already blocked
 * is left as it is, so running it again changes nothing.
 */
export async function blockChatsOfBlockedAddresses(deps: Deps): Promise<{ ties: number; chats: number }> {
  const counts = { ties: 0, chats: 0 };
  const table = deps.config.TABLE_NAME;
  const actor = 'process:reindex-command' as const;
  await eachChatRecordWithAddress(deps, async (record) => {
    const chatId = record.telegramChatId;
    if (chatId === undefined) return;
    counts.ties++;
    const [address, chat] = await blocksOf(deps, record);
    const now = deps.now();
    const { checks, chatBlocked, copied } = underProvedBlocks(
      deps.config,
      record,
      [],
      address,
      chat,
      now.toISOString(),
    );
    if (!chatBlocked || copied === undefined) return;
    const steps: BlockSteps = {
      kind: 'block-steps',
      id: randomUUID(),
      recordKind: record.kind,
      actor,
      chat: { chatId, ...copied },
      dueAt: new Date(now.getTime() + SWEEP_GRACE_MS).toISOString(),
    };
    const note = record.kind === 'offer' ? noteOfferChange : noteRequestChange;
    try {
      await note(deps, record.id, {
        audit: { action: 'blocked-with-address', actor, from: record.status, to: record.status },
        extra: [...checks, blockStepsPut(table, steps)],
      });
    } catch (error) {
      // The address's block was lifted, or the chat blocked, since the read: nothing to copy now.
      if (error instanceof Conflict) return;
      throw error;
    }
    counts.chats++;
    await workBlockSteps(deps, steps);
  });
  return counts;
}

/**
 * For `npm run reindex`: blocks set before a block reached every spelling of its mailbox listed,
 * and closed, only the records of the spelling it was set from (and those before blocks listed
 * holders listed none). A record the person sent earlier as `a.na@gmail…` or `ana+x@…` then neither
 * holds the block (the lifecycle could let the block go while that record keeps personal data)
 * nor was closed (it is still matched). Over every standing block: the records of it not erased
 * join its holders (a block that listed none also goes on the forget queue), and the live ones
 * not stored blocked close in its name (`coordinator.blocked`, while that block stands), as
 * blocking closes them. A record already listed or closed is left alone, so a second run changes
 * nothing.
 */
export async function holdAndCloseUnderBlocks(
  deps: Deps,
): Promise<{ listed: number; held: number; closed: number }> {
  const counts = { listed: 0, held: 0, closed: 0 };
  const actor = 'process:reindex-command' as const;
  for (const standing of await standingBlocks(deps)) {
    if (!standing.listsHolders) {
      if (await listBlockHolders(deps, standing)) counts.listed++;
    } else if (standing.identity !== undefined) {
      // Read again: the Scan is eventually consistent, and a record may have lost the address
      // since (dropUnconfirmedChatAddresses, earlier in the same reindex), or been erased.
      const unlisted = standing.records.filter((record) => !standing.holders.has(holderOf(record)));
      const { identity } = standing;
      const current = (await Promise.all(unlisted.map((record) => reread(deps, record)))).filter(
        (record): record is IntakeRecord => record !== undefined && record.erasedAt === undefined,
      );
      const held = await holdUnder(deps, identity, current);
      if (held === undefined) continue;
      counts.held += held;
    }
    if (standing.identity === undefined) continue;
    counts.closed += await closeWhileBlockStands(
      deps,
      standing.records,
      standing.identity,
      standing.block,
      actor,
      'coordinator.blocked',
    );
  }
  return counts;
}
