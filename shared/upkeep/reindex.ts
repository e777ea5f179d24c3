import { setTimeout } from 'node:timers/promises';
import { cancelProposalsOfRejectedHosts } from '../approval/cancel.ts';
import { recountOwed } from '../data/overview.ts';
import {
  backfillEndedAt,
  backfillExportKeys,
  backfillLookups,
  backfillPausedAt,
  backfillPauseHorizons,
  backfillProposalCountries,
  carryHoldsOnOffers,
  coarsenErasedRecords,
  dropUnconfirmedChatAddresses,
  pointOffersToTheirProposals,
  queueHeldChanges,
  queueSuppressions,
  queueUnreachableRecords,
  reindexOpenOffers,
  reindexOpenRequests,
  renamePlacesTakenSince,
} from '../data/reindex.ts';
import type { Deps } from '../deps.ts';
import { RebuildAlreadyRunning, rebuildCounters } from '../overview/rebuild.ts';
import { cityOf, renamedPlace } from '../places/gazetteer.ts';
import { blockChatsOfBlockedAddresses, holdAndCloseUnderBlocks } from './block-steps.ts';

/**
 * Brings data stored by an older release up to what this one expects (shared/data/reindex.ts,
 * and the rejected hosts' proposals in shared/approval/cancel.ts): one list, run by `npm run
 * reindex` on a deployed table and by `npm start` on its own data, so the two cannot drift.
 * Every pass leaves what is already current as it is, so running it again changes nothing.
 */
export async function reindex(deps: Deps, now: Date) {
  const { db } = deps;
  const table = deps.config.TABLE_NAME;
  const offers = await reindexOpenOffers(db, table);
  const requests = await reindexOpenRequests(db, table);
  const holds = await carryHoldsOnOffers(deps);
  const lookups = await backfillLookups(db, table);
  const pauses = await backfillPauseHorizons(db, table, now);
  // Before the address drop, whose write would keep an old record's late updatedAt as its end.
  const ends = await backfillEndedAt(deps);
  // Before the address drop too, which would give an old paused record its late updatedAt as pausedAt.
  const starts = await backfillPausedAt(deps);
  const proposals = await backfillProposalCountries(db, table);
  const pointers = await pointOffersToTheirProposals(deps, cityOf);
  const rejected = await cancelProposalsOfRejectedHosts(deps, 'process:reindex-command');
  const addresses = await dropUnconfirmedChatAddresses(deps);
  // After the addresses nobody confirmed are gone: only a confirmed one ties a chat to its block.
  const chats = await blockChatsOfBlockedAddresses(deps);
  const held = await queueHeldChanges(db, table);
  const suppressions = await queueSuppressions(deps, now);
  // After the chats' blocks are copied (those take their holders from the press's steps), and
  // after the addresses nobody confirmed are gone: only a confirmed one makes a record the person's.
  const blocks = await holdAndCloseUnderBlocks(deps);
  const forget = { suppressions, blocks: blocks.listed };
  const blocked = { held: blocks.held, closed: blocks.closed };
  // After the addresses nobody confirmed are gone: a record left without one may now be unreachable.
  const unreachable = await queueUnreachableRecords(db, table);
  const exported = await backfillExportKeys(db, table);
  const erased = await coarsenErasedRecords(db, table, cityOf);
  const places = await renamePlacesTakenSince(deps, renamedPlace);
  // A stopped run's renames are owed their recount too, though this run renamed nothing.
  const counters = (await recountOwed(deps))
    ? await recountAfterRenames(deps)
    : { owed: 0, rebuilt: 0, differing: 0, changedWhileReading: 0 };
  return {
    offers,
    requests,
    holds,
    lookups,
    pauses,
    ends,
    starts,
    proposals,
    pointers,
    rejected,
    addresses,
    chats,
    held,
    forget,
    blocked,
    unreachable,
    exported,
    erased,
    places,
    counters,
  };
}

/**
 * The overview counted each renamed record under the city its old name stood for when it was
 * counted, which the stream's view of the rename (old name, read today as the other place's city)
 * does not undo: the counters are recounted from the records. The stream stamps a change in whole
 * seconds, rounded down, and the consumer leaves out what it stamps no later than the recount
 * began; so the recount begins a second after the second of the last rename (a margin for a timer
 * that fires early and for this clock against the stream's), or would count it twice.
 */
async function recountAfterRenames(
  deps: Deps,
): Promise<{ owed: number; rebuilt: number; differing: number; changedWhileReading: number }> {
  await setTimeout(2000 - (Date.now() % 1000));
  try {
    const { itemsDiffering, changedWhileReading } = await rebuildCounters(deps);
    return { owed: 1, rebuilt: 1, differing: itemsDiffering, changedWhileReading };
  } catch (error) {
    if (error instanceof RebuildAlreadyRunning)
      return { owed: 1, rebuilt: 0, differing: 0, changedWhileReading: 0 };
    throw error;
  }
}

/** What a reindex did, in sentences for the operator who ran it. */
export function reindexReport(done: Awaited<ReturnType<typeof reindex>>): string[] {
  const {
    offers,
    requests,
    holds,
    lookups,
    pauses,
    ends,
    starts,
    proposals,
    pointers,
    rejected,
    addresses,
    chats,
    held,
    forget,
    blocked,
    unreachable,
    exported,
    erased,
    places,
    counters,
  } = done;
  return [
    `${offers.openOffers} open offers, ${offers.rewritten} rewritten with the current pool keys.`,
    `${requests.openRequests} open requests, ${requests.rewritten} rewritten with the current pool keys.`,
    `${holds.offers} offers not closed or holding beds: ${holds.carried} given an exact copy of their holds, ${holds.repaired} whose trusted copy differed from their hold items repaired, ${holds.busy} skipped as busy (run it again).`,
    `${lookups.records} records with a phone number, a Telegram chat or an address spelled otherwise than its mailbox, ${lookups.written} lookups written.`,
    `${pauses.paused} paused records, ${pauses.scheduled} given a schedule by their pause horizon.`,
    `${ends.ended} ended records without the time they ended, ${ends.written} given it from their audit trail, ${ends.unknown} whose trail no longer tells (still reckoned from their last write).`,
    `${starts.paused} paused records without the time their pause began, ${starts.written} given it from their audit trail, ${starts.unknown} whose trail does not tell (still reckoned from their last write).`,
    `${proposals.pending} pending proposals, ${proposals.written} given their country and queue place.`,
    `${pointers.decided} proposals no longer pending, ${pointers.pointed} given their offer's pointer (so its erasure finds them), ${pointers.forgotten} whose offer was erased already cleared of what the matcher wrote about the pair.`,
    `${rejected.pending} pending proposals, ${rejected.cancelled} of rejected hosts cancelled (their seekers back in the pool).`,
    `${addresses.records} Telegram records giving an address, ${addresses.dropped + addresses.unblocked} never confirmed and taken off (${addresses.unblocked} of them blocked through it alone, now unblocked), ${addresses.unknown} too old to tell, taken off too (a block kept).`,
    `${chats.ties} Telegram records holding a confirmed address, ${chats.chats} chats blocked as the blocked address they proved (their earlier records closed).`,
    `${held.tokens} unspent links holding changes, ${held.queued} queued to go with the changes when they expire.`,
    `${forget.suppressions} suppressions and ${forget.blocks} blocks from before they went with the person, queued to go RETENTION_DAYS after their last record.`,
    `${blocked.held} records of blocked people missing from their block's holders, now listed; ${blocked.closed} live records of blocked people closed in their block's name.`,
    `${unreachable.withoutAddress} records without an address and not yet listed, ${unreachable.queued} of them nobody could reach, listed for the coordinators.`,
    `${exported.records} records missing from their country's export, ${exported.written} added to it.`,
    `${erased.erased} erased records, ${erased.coarsened} erased before erasure kept only what the overview counts, now down to that.`,
    `${places.placed} records with a place, ${places.renamed} of them stored under a name another place has taken since, renamed to the name of where they lie (with ${places.proposals} of their proposals).`,
    ...(counters.owed === 0
      ? []
      : [
          counters.rebuilt === 1
            ? `The overview's counters recounted from the records after the renames: ${counters.differing} counter items differed, ${counters.changedWhileReading} records changed while it read (run \`npm run overview:rebuild\` at a quieter moment if any did).`
            : 'Another overview rebuild was running: the renamed records count under their cities once it is done, or the next `npm run reindex` recounts.',
        ]),
  ];
}
