import { blockIdentities, blockKeyOf } from '../data/blocks.ts';
import { unreadableFields } from '../data/due.ts';
import { isConditionFailure } from '../data/errors.ts';
import {
  addressInUse,
  type DueForget,
  dueForgets,
  type Forgettable,
  forgetItem,
  keepForgettable,
  readForgettable,
  recordOfHolder,
} from '../data/forgetting.ts';
import { getOffer } from '../data/offers.ts';
import { getRequest } from '../data/requests.ts';
import type { Deps } from '../deps.ts';
import { DAY_MS } from '../domain/time.ts';
import { describeError } from '../log.ts';

/**
 * Blocks and suppressions whose horizon has come (data/forgetting.ts): each goes unless a record
 * of its address or chat still holds personal data, and is looked at again later if one does.
 * Run by the lifecycle task every minute, after the records' own schedules.
 */

/**
 * How soon an item a live record holds is looked at again, at least: with RETENTION_DAYS=0 it
 * would come back every minute for as long as the record lives. The record's erasure renews the
 * item anyway, so this never delays its going.
 */
export const HELD_RECHECK_DAYS = 14;

export interface ForgetReport {
  /** Items deleted: nothing of their address or chat holds personal data any more. */
  forgotten: number;
  /** Items a record still holds, put off until a later look. */
  held: number;
  /** Written since they were read (a send, an erasure): the next run looks again. */
  skipped: number;
  /** Items that could not be read or written (each logged as `lifecycle.failed`). */
  failed: number;
}

/**
 * Whether a block's holder still holds it: the record is there, not erased, and still of the
 * block's address or chat. One listed and then no longer of it (its unconfirmed typed address
 * dropped between a listing's read and its write: blockAddress, the reindex's block pass) would
 * otherwise keep the block standing until that record is erased, long after the address's own.
 */
const holdsBlock = async (deps: Deps, holder: string, blockPk: string) => {
  const { kind, id } = recordOfHolder(holder);
  const record = kind === 'offer' ? await getOffer(deps, id) : await getRequest(deps, id);
  return (
    record !== undefined &&
    record.erasedAt === undefined &&
    blockIdentities(record).some((identity) => blockKeyOf(identity).pk === blockPk)
  );
};

/**
 * A block's holders that still hold personal data of its address or chat, and those that no
 * longer do; a block that does not list its holders (Forgettable.listsHolders) counts as held.
 */
async function holdersOf(deps: Deps, item: Forgettable) {
  const states = await Promise.all(
    item.holders.map(async (holder) => ({ holder, live: await holdsBlock(deps, holder, item.pk) })),
  );
  return {
    live: states.filter((state) => state.live).length + (item.listsHolders ? 0 : 1),
    gone: states.filter((state) => !state.live).map((state) => state.holder),
  };
}

async function forgetOne(deps: Deps, due: DueForget): Promise<'forgotten' | 'held' | 'none'> {
  const now = deps.now();
  const item = await readForgettable(deps, due);
  // Gone, or renewed since the queue was read: its new place in the queue brings it back.
  if (item === undefined || Date.parse(item.forgetAt) > now.getTime()) return 'none';
  const { live, gone } =
    item.kind === 'block'
      ? await holdersOf(deps, item)
      : { live: (await addressInUse(deps, item.pk)) ? 1 : 0, gone: [] };
  if (live === 0) {
    await forgetItem(deps, item);
    return 'forgotten';
  }
  const days = Math.max(deps.config.RETENTION_DAYS, HELD_RECHECK_DAYS);
  await keepForgettable(deps, item, new Date(now.getTime() + days * DAY_MS).toISOString(), gone);
  return 'held';
}

/** Every block and suppression due now, one at a time; one that fails is logged and the next has its turn. */
export async function forgetDue(deps: Deps): Promise<ForgetReport> {
  const report: ForgetReport = { forgotten: 0, held: 0, skipped: 0, failed: 0 };
  for await (const due of dueForgets(deps, deps.now())) {
    if ('unreadable' in due) {
      report.failed++;
      deps.log.error('lifecycle.failed', unreadableFields(due));
      continue;
    }
    try {
      const outcome = await forgetOne(deps, due.value);
      if (outcome !== 'none') report[outcome]++;
    } catch (error) {
      if (isConditionFailure(error)) {
        report.skipped++;
        continue;
      }
      report.failed++;
      deps.log.error('lifecycle.failed', { queue: 'forget', ...describeError(error) });
    }
  }
  return report;
}
