import { dayStartsIn } from './country-day.ts';
import { dayOf } from './matching/nights.ts';
import type { CityOf } from './overview.ts';
import type { ErasedRecord, OfferRecord, RequestRecord } from './records.ts';
import { DAY_MS } from './time.ts';

/**
 * The life of a record in time (docs/product.md, "What a record goes through"): what happens to it without
 * anyone acting, and when. Pure: the lifecycle sweep (shared/upkeep/lifecycle.ts) reads the
 * record and what it needs beside it, asks this module, and writes what it says.
 */

/** How long the links in a confirmation mail work; a record never confirmed is deleted then. */
export const CONFIRM_LINK_VALID_MS = 7 * DAY_MS;

/** When a pending record's confirm link expires (the last one it was sent), and the record goes. */
const confirmLinkExpiresAt = (record: Pick<IntakeRecord, 'updatedAt'>) =>
  new Date(Date.parse(record.updatedAt) + CONFIRM_LINK_VALID_MS);

/**
 * When a pending record goes: its last confirm link's expiry, or the horizon it kept (`eraseBy`)
 * when an edit moved its `updatedAt` without sending a new link, whichever comes first.
 */
function unconfirmedHorizon(record: Pick<IntakeRecord, 'updatedAt' | 'eraseBy'>): Date {
  const link = confirmLinkExpiresAt(record);
  return record.eraseBy === undefined ? link : new Date(Math.min(link.getTime(), Date.parse(record.eraseBy)));
}

/**
 * A pending record as a write that sends no new confirm link leaves it (`next`): ended by a block
 * or by its owner's withdrawal through the manage link of its confirmation mail, edited through
 * that link, or let out of a lifted block. The write moves `updatedAt`, from which a pending
 * record's deletion is reckoned, so the record keeps the horizon of its last link (`eraseBy`):
 * it keeps its personal data no longer than leaving it pending would have. A record not pending
 * (confirmed) is returned as `next` is.
 */
export function keepingConfirmHorizon<R extends IntakeRecord>(record: IntakeRecord, next: R): R {
  if (record.status !== 'pending') return next;
  return { ...next, eraseBy: unconfirmedHorizon(record).toISOString() };
}

/**
 * The record as the write that ends it (closing an offer; withdrawing or expiring a request)
 * leaves it: it carries when it ended (`endedAt`, that write's `updatedAt`), from which its
 * erasure is reckoned whatever is written to it afterwards; a pending one also keeps the horizon
 * of its last confirm link (keepingConfirmHorizon), and one paused no longer has a pause horizon
 * (`pausedAt`). Every path that ends a record builds its next state through this, in the same
 * conditional write as the status.
 */
export function ending<R extends IntakeRecord>(record: IntakeRecord, next: R): R {
  return {
    ...restartingPause(keepingConfirmHorizon(record, next)),
    endedAt: record.endedAt ?? next.updatedAt,
  };
}

/**
 * When a record ended, for reckoning its erasure: `endedAt`, or for one that ended before
 * records kept it, its last write (`updatedAt`), as it was reckoned then.
 */
export const endedAtOf = (record: Pick<IntakeRecord, 'endedAt' | 'updatedAt'>): Date =>
  new Date(record.endedAt ?? record.updatedAt);

/** Whether a record has ended (closed, withdrawn, expired): no longer live, and not placed. */
export const hasEnded = (record: Stated) => !isLive(record) && record.status !== 'placed';

/**
 * Whether an audited status change (`from` → `to`) ended a record of `kind`: from a live status
 * to closed, withdrawn or expired. Ended records never become live again, so a record's latest
 * such event is when it ended.
 */
export const endedBy = (kind: IntakeRecord['kind'], event: { from?: string; to?: string }) =>
  event.from !== undefined &&
  event.to !== undefined &&
  isLive({ kind, status: event.from }) &&
  hasEnded({ kind, status: event.to });

/** `endedAt` when `next` sets when the record ended (ending, keepingEnd): listed in that write's audit event. */
export const endedAtSet = (record: IntakeRecord, next: IntakeRecord): string[] =>
  next.endedAt !== undefined && next.endedAt !== record.endedAt ? ['endedAt'] : [];

/**
 * A later write to an ended record (an unblock, the re-index dropping an address) as `next`:
 * it keeps when the record ended, so its erasure does not move. One that ended before records
 * kept `endedAt` is given the moment its erasure is reckoned from now (its `updatedAt` before
 * this write): exactly the horizon it had, not a guess at when it ended.
 */
export function keepingEnd<R extends IntakeRecord>(record: IntakeRecord, next: R): R {
  return hasEnded(record) ? { ...next, endedAt: endedAtOf(record).toISOString() } : next;
}

/**
 * When a paused record's pause horizon began, for reckoning when it lapses: `pausedAt`, or for
 * one paused before records kept it, its last write (`updatedAt`), as it was reckoned then.
 */
const pausedAtOf = (record: Pick<IntakeRecord, 'pausedAt' | 'updatedAt'>): Date =>
  new Date(record.pausedAt ?? record.updatedAt);

/**
 * The record as a write that pauses it, or its owner's own change while it is paused (an edit, a
 * confirmed or Mini App resend, a "still looking?" yes), leaves it (`next`): its pause horizon
 * begins again at this write (`pausedAt`, its `updatedAt`). A write that leaves it not paused
 * (resuming, ending) clears `pausedAt`.
 */
export function restartingPause<R extends IntakeRecord>(next: R): R {
  const { pausedAt: _pausedAt, ...rest } = next;
  return (next.status === 'paused' ? { ...rest, pausedAt: next.updatedAt } : rest) as R;
}

/**
 * A write to a paused record that is not its owner's (a coordinator's host check, an unblock, the
 * re-index dropping an address) as `next`: it keeps when the pause horizon began, so the record
 * lapses, and its personal data goes, no later than the pause says. One paused before records
 * kept `pausedAt` is given its `updatedAt` before this write: exactly the horizon it had.
 */
export function keepingPause<R extends IntakeRecord>(record: IntakeRecord, next: R): R {
  return record.status === 'paused' && next.status === 'paused'
    ? { ...next, pausedAt: pausedAtOf(record).toISOString() }
    : next;
}

/** `pausedAt` when `next` sets when its pause horizon began (restartingPause, keepingPause): listed in that write's audit event. */
export const pausedAtSet = (record: IntakeRecord, next: IntakeRecord): string[] =>
  next.pausedAt !== undefined && next.pausedAt !== record.pausedAt ? ['pausedAt'] : [];

/** How long a placement whose stay has no end yet waits before the sweep looks at it again. */
export const OPEN_STAY_RECHECK_MS = 14 * DAY_MS;

/** A request whose pending proposal outlived its departure looks again this soon: the proposal expires within days. */
export const PROPOSED_RECHECK_MS = 3_600_000;

type IntakeRecord = OfferRecord | RequestRecord;
/** What isLive and hasEnded read of a record: its kind and status (a status as an audit event holds it). */
type Stated = { readonly kind: IntakeRecord['kind']; readonly status: string };

export type LifecycleStep =
  /** An open or paused offer past its last night: it closes, as a withdrawal does. */
  | { readonly kind: 'close' }
  /** An open request past its departure: it expires. */
  | { readonly kind: 'expire' }
  /**
   * A closed, expired, withdrawn or placed record past the retention horizon (reckoned from when
   * it ended, `endedAt`, or its placement's stay): its personal data goes.
   */
  | { readonly kind: 'erase' }
  /**
   * A paused record neither resumed nor changed by its owner for the pause horizon
   * (pauseLapsesAt): it ends, an offer closing and a request expiring, which starts its erasure clock.
   */
  | { readonly kind: 'lapse' }
  /** A record whose address was never confirmed, past its confirm link: it goes entirely. */
  | { readonly kind: 'delete' }
  /** Erased already: only what lies beside it (links, rate windows) may still need removing. */
  | { readonly kind: 'tidy' }
  | { readonly kind: 'wait'; readonly until: Date }
  /** Nothing happens to it by time alone (an open record without an end date). */
  | { readonly kind: 'none' };

/**
 * How long the links of a "still available?" mail, and of the mail telling a host their offer
 * was paused, work: the yes link also resumes an offer paused for want of an answer.
 */
export const AVAILABILITY_LINK_VALID_MS = 60 * DAY_MS;

/**
 * The shortest pause horizon: with a short RETENTION_DAYS (0 is valid) a pause would otherwise
 * end the record at once, and a host away for a few weeks means to come back. It is as long as
 * the pause mail's yes link works, so no pause ends while its host can still answer it.
 */
export const MIN_PAUSE_DAYS = AVAILABILITY_LINK_VALID_MS / DAY_MS;

/**
 * When a paused record ends for want of anyone resuming it: RETENTION_DAYS (at least
 * MIN_PAUSE_DAYS) after its pause horizon began (`pausedAt`: the pause, or its owner's last change
 * since; nobody else's write moves it). Without it a paused record with no end date, the commonest
 * being an offer whose host stopped answering "still available?", would keep its personal data
 * for ever.
 */
export function pauseLapsesAt(record: IntakeRecord, retentionDays: number): Date | undefined {
  return record.status === 'paused' ? pauseEndOf(record, retentionDays) : undefined;
}

/** When a record paused now, or last changed by its owner now, ends if nobody resumes it (pauseLapsesAt). */
export const pauseEndOf = (record: IntakeRecord, retentionDays: number): Date =>
  new Date(pausedAtOf(record).getTime() + Math.max(retentionDays, MIN_PAUSE_DAYS) * DAY_MS);

/** Midnight after a YYYY-MM-DD date where a country lies: the moment that date has passed there. */
const dayAfter = (country: string, date: string) => dayStartsIn(country, dayOf(date) + 1);

/** When an offer's availability has passed (the day after availableTo), if it has an end. */
export const offerEndsAt = (offer: Pick<OfferRecord, 'availableTo' | 'country'>) =>
  offer.availableTo === undefined ? undefined : dayAfter(offer.country, offer.availableTo);

/** When a request's departure date has passed, if it has one. */
export const requestEndsAt = (request: Pick<RequestRecord, 'departure' | 'country'>) =>
  request.departure === undefined ? undefined : dayAfter(request.country, request.departure);

/** Whether a record still takes part (may be matched, confirmed, edited); the rest only wait to be erased. */
export const isLive = (record: Stated) =>
  record.kind === 'offer'
    ? record.status !== 'closed'
    : ['pending', 'open', 'paused', 'proposed'].includes(record.status);

export interface StayEnd {
  /**
   * For a closed offer: when the last stay placed there ends (undefined when none outlasts the
   * closing). For a placed request: when its stay ends, or undefined while it has no end.
   */
  readonly at: Date | undefined;
}

/**
 * What time does to a record now. `retentionDays` is RETENTION_DAYS; `stay` is needed only for a
 * closed offer and a placed request (the erasure waits for the end of their placements' stays).
 */
export function lifecycleStep(
  record: IntakeRecord | ErasedRecord,
  now: Date,
  retentionDays: number,
  stay: StayEnd = { at: undefined },
): LifecycleStep {
  if (record.erasedAt !== undefined) return { kind: 'tidy' };
  const retentionMs = retentionDays * DAY_MS;
  const due = (at: Date, step: LifecycleStep): LifecycleStep =>
    now.getTime() >= at.getTime() ? step : { kind: 'wait', until: at };
  const ended = endedAtOf(record).getTime();
  // A record ended (a block, a withdrawal) before its address was confirmed goes with its confirm
  // link, or sooner; a confirmed one never by a confirm link's horizon, should one have stayed.
  const eraseBy = record.confirmedAt === undefined ? record.eraseBy : undefined;
  const erasedBy = (horizon: number): LifecycleStep =>
    due(new Date(eraseBy === undefined ? horizon : Math.min(horizon, Date.parse(eraseBy))), {
      kind: 'erase',
    });
  // A live record's own end comes first when due; a paused one lapses when its horizon comes sooner.
  const endsAt = (end: Date | undefined, step: LifecycleStep): LifecycleStep => {
    const lapse = pauseLapsesAt(record, retentionDays);
    if (end !== undefined && (lapse === undefined || end.getTime() <= lapse.getTime())) return due(end, step);
    if (lapse === undefined) return { kind: 'none' };
    if (end !== undefined && now.getTime() >= end.getTime()) return step;
    return due(lapse, { kind: 'lapse' });
  };
  if (record.status === 'pending') return due(unconfirmedHorizon(record), { kind: 'delete' });
  if (record.kind === 'offer') {
    if (record.status === 'closed') {
      return erasedBy(Math.max(ended, stay.at?.getTime() ?? 0) + retentionMs);
    }
    return endsAt(offerEndsAt(record), { kind: 'close' });
  }
  switch (record.status) {
    // A paused request ends with its departure date like an open one, or lapses sooner.
    case 'open':
    case 'paused':
      return endsAt(requestEndsAt(record), { kind: 'expire' });
    case 'proposed': {
      const end = requestEndsAt(record);
      if (end === undefined) return { kind: 'none' };
      return due(end, { kind: 'wait', until: new Date(now.getTime() + PROPOSED_RECHECK_MS) });
    }
    case 'placed':
      return stay.at === undefined
        ? { kind: 'wait', until: new Date(now.getTime() + OPEN_STAY_RECHECK_MS) }
        : due(new Date(stay.at.getTime() + retentionMs), { kind: 'erase' });
    default:
      return erasedBy(ended + retentionMs);
  }
}

/**
 * When the sweep should first look at a record as it is now written, or undefined when time
 * alone does nothing to it. A placed request or closed offer is looked at on its own horizon;
 * the sweep then reads the stays and waits longer where they run on.
 */
export function lifecycleDueAt(
  record: IntakeRecord | ErasedRecord,
  now: Date,
  retentionDays: number,
  stay?: StayEnd,
): Date | undefined {
  const step = lifecycleStep(record, now, retentionDays, stay);
  switch (step.kind) {
    case 'none':
      return undefined;
    case 'wait':
      return step.until;
    default:
      return now;
  }
}

/** The record without what names or reaches a person, for showing an ended record. */
export function withoutPersonalData<R extends IntakeRecord>(record: R): R {
  const {
    phone: _phone,
    notes: _notes,
    telegramChatId: _telegramChatId,
    telegramUsername: _telegramUsername,
    ...rest
  } = record;
  const shown = { ...rest, name: '', email: '' } as R;
  if (shown.kind !== 'offer' || shown.verification?.state !== 'rejected') return shown;
  const { reason: _reason, ...verification } = shown.verification;
  return { ...shown, verification };
}

/**
 * What stays of a record after its erasure at `now`: what the overview counts it by (records.ts
 * ErasedRecord), a request's place only as the city it counts under (`countedCity`, so a district
 * is not kept), and nothing else the person gave.
 */
export function erased(record: IntakeRecord, now: Date, countedCity: CityOf): ErasedRecord {
  const meta = {
    id: record.id,
    country: record.country,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.confirmedAt === undefined ? {} : { confirmedAt: record.confirmedAt }),
    ...(record.eraseBy === undefined ? {} : { eraseBy: record.eraseBy }),
    ...(record.endedAt === undefined ? {} : { endedAt: record.endedAt }),
    erasedAt: now.toISOString(),
    version: record.version,
  };
  if (record.kind === 'offer') return { ...meta, kind: 'offer', status: record.status };
  return {
    ...meta,
    kind: 'request',
    status: record.status,
    ...(record.city === undefined ? {} : { city: countedCity(record.country, record.city) }),
    people: record.adults + record.children,
    ...(record.placedAt === undefined ? {} : { placedAt: record.placedAt }),
  };
}
