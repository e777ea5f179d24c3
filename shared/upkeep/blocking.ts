import { cancelRemaining, cancelStaleProposals } from '../approval/cancel.ts';
import type { AuditActor } from '../data/audit.ts';
import { unlessErased } from '../data/intake-records.ts';
import { getOffer, saveOffer } from '../data/offers.ts';
import { getRequest, saveRequest } from '../data/requests.ts';
import type { TransactItem } from '../data/transact.ts';
import type { Deps } from '../deps.ts';
import { Conflict } from '../domain/errors.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { endedAtSet, ending, isLive } from '../domain/retention.ts';

/**
 * What a block does to a person's records once it is written, whoever wrote it: a coordinator
 * (shared/workspace/block.ts) or the press that proves a blocked address for a chat
 * (shared/intake/links.ts). Both sides import it, so neither depends on the other.
 */

type IntakeRecord = OfferRecord | RequestRecord;
const ATTEMPTS = 4;

/** A record read again, consistently; undefined when it is gone. */
export const reread = async (deps: Deps, record: IntakeRecord): Promise<IntakeRecord | undefined> =>
  unlessErased(record.kind === 'offer' ? await getOffer(deps, record.id) : await getRequest(deps, record.id));

/** Saves a record under the version it was read at, with what the change issues beside it. */
export function saveRecord(
  deps: Deps,
  next: IntakeRecord,
  expected: number,
  change: Parameters<typeof saveOffer>[3],
) {
  return next.kind === 'offer'
    ? saveOffer(deps, next, expected, change)
    : saveRequest(deps, next, expected, change);
}

/**
 * Applies `change` to a record under its version, reading it again when someone (the matcher,
 * its owner) wrote in between; `change` answers undefined when nothing is left to do.
 */
export async function withRetry(
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

/** The attributes whose values differ between two states of a record, for the audit event. */
const changedKeys = (before: IntakeRecord, after: IntakeRecord) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) =>
      JSON.stringify((before as Record<string, unknown>)[key]) !==
      JSON.stringify((after as Record<string, unknown>)[key]),
  );

/**
 * A live record of a blocked person closes like a withdrawal: its pending proposals go with it;
 * one never confirmed keeps the horizon of its confirm link; it says when it ended (retention.ts ending).
 * `action` says why in its trail (a coordinator's block, or its chat proving a blocked address);
 * `kept` is what the closed record holds (all of it, unless the closure keeps less or more);
 * `checks` are what the closing transaction relies on besides the record's version.
 */
export async function closeForBlock(
  deps: Deps,
  record: IntakeRecord,
  actor: AuditActor,
  action: string,
  {
    kept = (same) => same,
    checks = [],
  }: { kept?: (record: IntakeRecord) => IntakeRecord; checks?: readonly TransactItem[] } = {},
) {
  if (!isLive(record)) return undefined;
  const keeping = kept(record);
  // Never confirmed, it goes with its confirm link (eraseBy), not RETENTION_DAYS after this. The
  // closing is conditioned on the version read: a confirmation that lands first makes it read the
  // record again and close it as confirmed; one that lands after finds it closed, with nothing to confirm.
  const ended = ending(record, {
    ...keeping,
    status: record.kind === 'offer' ? 'closed' : 'withdrawn',
    updatedAt: deps.now().toISOString(),
    version: record.version + 1,
  } as IntakeRecord);
  const {
    record: next,
    items,
    remaining,
  } = await cancelStaleProposals(deps, record, ended, actor, {
    forBlock: true,
  });
  await saveRecord(deps, next, record.version, {
    audit: {
      action,
      actor,
      from: record.status,
      to: next.status,
      fields: [
        'status',
        ...changedKeys(record, keeping),
        ...(ended.eraseBy === undefined ? [] : ['eraseBy']),
        ...endedAtSet(record, ended),
      ],
    },
    extra: [...checks, ...items],
  });
  await cancelRemaining(deps, remaining);
}
