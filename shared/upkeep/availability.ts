import { cancelRemaining, cancelStaleProposals } from '../approval/cancel.ts';
import {
  type Check,
  checkDelete,
  checkPut,
  deleteCheck,
  dueChecks,
  idle,
  readCheck,
  recordIdOf,
  saveCheck,
  stillOpenAsRead,
} from '../data/availability-checks.ts';
import { unreadableFields } from '../data/due.ts';
import { guarded, isConditionFailure } from '../data/errors.ts';
import { unlessErased } from '../data/intake-records.ts';
import { getOffer, noteOfferChange, saveOffer } from '../data/offers.ts';
import { getRequest, noteRequestChange, saveRequest } from '../data/requests.ts';
import { consumeTokenCondition, issueToken, readToken } from '../data/tokens.ts';
import type { TransactItem } from '../data/transact.ts';
import type { Deps } from '../deps.ts';
import { dayInCountry } from '../domain/country-day.ts';
import { Conflict, Gone } from '../domain/errors.ts';
import type { RenderedMail } from '../domain/mail.ts';
import { pausing } from '../domain/record-states.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import {
  AVAILABILITY_LINK_VALID_MS,
  endedAtSet,
  ending,
  offerEndsAt,
  pausedAtSet,
  pauseEndOf,
  restartingPause,
} from '../domain/retention.ts';
import { hashToken, type TokenPurpose, type TokenRecord, tokenUsable } from '../domain/tokens.ts';
import { describeError } from '../log.ts';
import {
  renderAvailabilityMail,
  renderAvailabilityPausedMail,
  renderStillLookingMail,
} from '../mail/templates/availability.ts';

/** How often the host of an open offer (the seeker of an open request) is asked whether it still holds. */
export const ASK_EVERY_MS = 14 * 86400_000;
/** How long an answer is awaited before the offer is paused (the request expires). */
export const ANSWER_WITHIN_MS = 7 * 86400_000;

export type AvailabilityAnswer = 'yes' | 'no';
const PURPOSE: Readonly<Record<AvailabilityAnswer, TokenPurpose>> = {
  yes: 'availability-yes',
  no: 'availability-no',
};

export const availabilityPath = (answer: AvailabilityAnswer, rawToken: string) =>
  `/availability/${answer}/${rawToken}`;

type Kind = 'offer' | 'request';
type UpkeptRecord = OfferRecord | RequestRecord;

/**
 * What differs between asking a host and asking a seeker; the schedule, the links and their
 * spending are one machinery for both.
 */
interface Upkeep<R extends UpkeptRecord> {
  read(deps: Deps, id: string): Promise<R | undefined>;
  /** The schedule has nothing left to do: the record ended (or was never confirmed). */
  ended(record: R): boolean;
  save(deps: Deps, next: R, expected: number, change: Parameters<typeof saveOffer>[3]): Promise<void>;
  note(deps: Deps, id: string, change: Parameters<typeof noteOfferChange>[2]): Promise<void>;
  question(record: R, yesUrl: string, noUrl: string): RenderedMail;
  /** What "no longer" makes of it: the offer closes, the request is withdrawn. */
  readonly no: R['status'];
}

const OFFER: Upkeep<OfferRecord> = {
  read: async (deps, id) => unlessErased(await getOffer(deps, id)),
  ended: (offer) => offer.status === 'closed' || offer.status === 'pending',
  save: saveOffer,
  note: noteOfferChange,
  question: renderAvailabilityMail,
  no: 'closed',
};

const REQUEST: Upkeep<RequestRecord> = {
  read: async (deps, id) => unlessErased(await getRequest(deps, id)),
  ended: (request) => !['open', 'paused', 'proposed'].includes(request.status),
  save: saveRequest,
  note: noteRequestChange,
  question: renderStillLookingMail,
  no: 'withdrawn',
};

const upkeepOf = (kind: Kind) => (kind === 'offer' ? OFFER : REQUEST) as Upkeep<UpkeptRecord>;

/** The first check of an offer or request that just opened, for the confirmation's transaction. */
export function availabilityCheckPut(table: string, id: string, now: Date, kind: Kind = 'offer') {
  return checkPut(table, idle(kind, id, new Date(now.getTime() + ASK_EVERY_MS), 0));
}

/** When the person last said it still holds: the explicit answer, else the address confirmation. */
const lastConfirmed = (record: UpkeptRecord) =>
  Date.parse(record.availabilityConfirmedAt ?? record.confirmedAt ?? record.createdAt);

type Step = 'asked' | 'paused' | 'rescheduled' | 'ended' | 'skipped';

async function ask(deps: Deps, record: UpkeptRecord, check: Check, now: Date): Promise<void> {
  const upkeep = upkeepOf(record.kind);
  const table = deps.config.TABLE_NAME;
  const issue = (answer: AvailabilityAnswer) =>
    issueToken(
      table,
      {
        purpose: PURPOSE[answer],
        subjectKind: record.kind,
        subjectId: record.id,
        validForMs: AVAILABILITY_LINK_VALID_MS,
        singleUse: true,
      },
      now,
    );
  const yes = issue('yes');
  const no = issue('no');
  const url = (answer: AvailabilityAnswer, raw: string) =>
    `${deps.config.PUBLIC_URL}${availabilityPath(answer, raw)}?lang=${record.locale}`;
  const asked: Check = {
    ...check,
    phase: 'asked',
    askedAt: now.toISOString(),
    dueAt: new Date(now.getTime() + ANSWER_WITHIN_MS).toISOString(),
    yesHash: yes.hash,
    noHash: no.hash,
    version: check.version + 1,
  };
  await upkeep.note(deps, record.id, {
    audit: { action: 'availability-asked', actor: 'process:availability' },
    mail: upkeep.question(record, url('yes', yes.raw), url('no', no.raw)),
    extra: [
      yes.put,
      no.put,
      checkPut(table, asked, check.version),
      // Asked about the record as read: one changed or closed meanwhile is asked next time.
      stillOpenAsRead(table, record),
    ],
  });
}

/** No answer within the week: the request expires (docs/product.md, "What a record goes through"); the schedule ends. */
async function expire(deps: Deps, request: RequestRecord, check: Check, now: Date): Promise<void> {
  const table = deps.config.TABLE_NAME;
  const actor = 'process:availability' as const;
  const asked = ending(request, {
    ...request,
    status: 'expired',
    updatedAt: now.toISOString(),
    version: request.version + 1,
  } satisfies RequestRecord);
  // A proposal pending for it goes with it, and its coordinators are told why.
  const { record: expired, items, remaining } = await cancelStaleProposals(deps, request, asked, actor);
  await saveRequest(deps, expired, request.version, {
    audit: {
      action: 'availability-unanswered',
      actor,
      from: request.status,
      to: 'expired',
      fields: ['status', ...endedAtSet(request, expired)],
    },
    extra: [checkDelete(table, 'request', request.id, check.version), ...items],
  });
  await cancelRemaining(deps, remaining);
}

/**
 * The day, where it lies, a paused offer closes if nobody resumes it: when its pause lapses, or
 * its last night has passed if that comes first (retention.ts lifecycleStep).
 */
function closesOn(paused: OfferRecord, retentionDays: number): string {
  const lapse = pauseEndOf(paused, retentionDays);
  const end = offerEndsAt(paused);
  const closes = end !== undefined && end.getTime() < lapse.getTime() ? end : lapse;
  return dayInCountry(closes.toISOString(), paused.country);
}

/**
 * No answer within the week: the offer leaves the pool, and its pending proposals go with it.
 * The host is told in the same transaction, with a fresh yes link that opens the offer again.
 */
async function pause(deps: Deps, offer: OfferRecord, check: Check, now: Date): Promise<void> {
  const table = deps.config.TABLE_NAME;
  const actor = 'process:availability' as const;
  const paused = pausing(offer, now);
  const { items, remaining } = await cancelStaleProposals(deps, offer, paused, actor);
  const resume = issueToken(
    table,
    {
      purpose: PURPOSE.yes,
      subjectKind: 'offer',
      subjectId: offer.id,
      validForMs: AVAILABILITY_LINK_VALID_MS,
      singleUse: true,
    },
    now,
  );
  const resumeUrl = `${deps.config.PUBLIC_URL}${availabilityPath('yes', resume.raw)}?lang=${offer.locale}`;
  await saveOffer(deps, paused, offer.version, {
    audit: {
      action: 'availability-unanswered',
      actor,
      from: 'open',
      to: 'paused',
      fields: ['status', ...pausedAtSet(offer, paused)],
    },
    mail: renderAvailabilityPausedMail(offer, resumeUrl, closesOn(paused, deps.config.RETENTION_DAYS)),
    extra: [
      resume.put,
      checkPut(
        table,
        {
          ...check,
          phase: 'idle',
          dueAt: new Date(now.getTime() + ASK_EVERY_MS).toISOString(),
          resumeHash: resume.hash,
          version: check.version + 1,
        },
        check.version,
      ),
      ...items,
    ],
  });
  await cancelRemaining(deps, remaining);
}

/**
 * Moves a check to its next due time without asking anything: a schedule, not a change of the
 * offer. The hashes of unanswered links stay, so whichever of them is pressed later spends the rest.
 */
async function reschedule(deps: Deps, check: Check, dueAt: Date): Promise<void> {
  const next: Check = { ...check, phase: 'idle', dueAt: dueAt.toISOString(), version: check.version + 1 };
  await saveCheck(deps, next, check.version);
}

/** One due check: ask, pause or expire, or move the schedule, after re-reading the record consistently. */
async function step(deps: Deps, kind: Kind, id: string): Promise<Step> {
  const now = deps.now();
  const upkeep = upkeepOf(kind);
  const [record, check] = await Promise.all([upkeep.read(deps, id), readCheck(deps, kind, id)]);
  if (!check || Date.parse(check.dueAt) > now.getTime()) return 'skipped';
  if (!record || upkeep.ended(record)) {
    await deleteCheck(deps, kind, id, check.version);
    return 'ended';
  }
  const confirmed = lastConfirmed(record);
  const unanswered =
    check.phase === 'asked' && check.askedAt !== undefined && confirmed < Date.parse(check.askedAt);
  // A question left unanswered expires a request awaiting a decision too, its proposal with it:
  // left to wait for the decision, a decline would open it and the matcher propose it again at
  // once, and a seeker who never answers would stay in the pool for good.
  if (record.kind === 'request' && record.status === 'proposed' && unanswered) {
    await expire(deps, record, check, now);
    return 'paused';
  }
  // Paused records are not asked (their person knows), nor requests awaiting a decision: look again later.
  if (record.status !== 'open') {
    await reschedule(deps, check, new Date(now.getTime() + ASK_EVERY_MS));
    return 'rescheduled';
  }
  if (unanswered) {
    if (record.kind === 'offer') await pause(deps, record, check, now);
    else await expire(deps, record, check, now);
    return 'paused';
  }
  if (confirmed + ASK_EVERY_MS > now.getTime()) {
    await reschedule(deps, check, new Date(confirmed + ASK_EVERY_MS));
    return 'rescheduled';
  }
  await ask(deps, record, check, now);
  return 'asked';
}

export interface AvailabilityReport {
  readonly due: number;
  readonly asked: number;
  /** Offers paused, requests expired, for want of an answer. */
  readonly paused: number;
  readonly rescheduled: number;
  readonly ended: number;
  /** Changed by someone else between the read and the write; still due, so the next sweep retries. */
  readonly skipped: number;
  readonly failed: number;
}

/**
 * The "still available?" / "still looking?" sweep, run by the matcher's scheduled invocation: every check due now,
 * read from its gsi3 queue, oldest first. Each step is its own conditional write or transaction.
 */
export async function runAvailabilityChecks(deps: Deps): Promise<AvailabilityReport> {
  const report = { due: 0, asked: 0, paused: 0, rescheduled: 0, ended: 0, skipped: 0, failed: 0 };
  for await (const due of dueChecks(deps, deps.now())) {
    report.due++;
    if ('unreadable' in due) {
      report.failed++;
      deps.log.error('availability.failed', unreadableFields(due));
      continue;
    }
    const check = due.value;
    const offerId = recordIdOf(check);
    try {
      report[await step(deps, check.recordKind, offerId)]++;
    } catch (error) {
      if (error instanceof Conflict || isConditionFailure(error)) {
        report.skipped++;
        continue;
      }
      report.failed++;
      deps.log.error('availability.failed', { offerId, ...describeError(error) });
    }
  }
  return report;
}

export type AvailabilityLink =
  | { readonly state: 'gone' }
  | { readonly state: 'open'; readonly answer: AvailabilityAnswer; readonly record: UpkeptRecord };

async function openLink(deps: Deps, answer: AvailabilityAnswer, rawToken: string) {
  const hash = hashToken(rawToken);
  const token = hash === undefined ? undefined : await guarded(() => readToken(deps, hash));
  if (!token || !hash || token.purpose !== PURPOSE[answer] || !tokenUsable(token, deps.now()))
    return undefined;
  if (token.subjectKind !== 'offer' && token.subjectKind !== 'request') return undefined;
  const kind = token.subjectKind;
  const upkeep = upkeepOf(kind);
  const [record, check] = await guarded(() =>
    Promise.all([upkeep.read(deps, token.subjectId), readCheck(deps, kind, token.subjectId)]),
  );
  if (!record || upkeep.ended(record)) return undefined;
  return { hash, record, check, upkeep };
}

/** For the GET of a yes or no-longer link: the record it is about, or `gone` for any link that does not work. */
export async function viewAvailabilityLink(
  deps: Deps,
  answer: AvailabilityAnswer,
  rawToken: string,
): Promise<AvailabilityLink> {
  const opened = await openLink(deps, answer, rawToken);
  return opened ? { state: 'open', answer, record: opened.record } : { state: 'gone' };
}

export type AvailabilityOutcome =
  | { readonly state: 'gone' }
  | { readonly state: 'confirmed'; readonly resumed: boolean; readonly record: UpkeptRecord }
  | { readonly state: 'closed'; readonly record: UpkeptRecord };

/**
 * For the POST of a yes or no-longer link with its button. Yes records the confirmation, resumes
 * an offer that was paused, and schedules the next question in two weeks; no longer closes the
 * offer (withdraws the request) as a withdrawal does (pending proposals cancelled, placements
 * kept). Either answer spends both links of its mail, in the same transaction as the change and
 * its audit event.
 */
export async function answerAvailability(
  deps: Deps,
  answer: AvailabilityAnswer,
  rawToken: string,
): Promise<AvailabilityOutcome> {
  const opened = await openLink(deps, answer, rawToken);
  if (!opened) return { state: 'gone' };
  const { hash, record, check, upkeep } = opened;
  const table = deps.config.TABLE_NAME;
  const now = deps.now();
  const at = now.toISOString();
  const actor = `link:${PURPOSE[answer]}` as const;
  // The question's yes and no links and the pause mail's yes link answer one question: the one
  // pressed spends the others that still work (an expired one needs no spending, and cannot be).
  const links = check ? [check.yesHash, check.noHash, check.resumeHash] : [];
  const others = links.includes(hash)
    ? links.filter((other): other is string => other !== undefined && other !== hash)
    : [];
  const siblings = await guarded(() => Promise.all(others.map((other) => readToken(deps, other))));
  const spendSibling: TransactItem[] = siblings
    .filter((sibling): sibling is TokenRecord => sibling !== undefined && tokenUsable(sibling, now))
    .map((sibling) => consumeTokenCondition(table, sibling.hash, now));
  const version = (check?.version ?? 0) + 1;
  try {
    if (answer === 'yes') {
      // A paused offer opens again; a request keeps its status (open, or awaiting a decision).
      // Its person's answer: a request still paused begins its pause horizon again, as an edit does.
      const status = record.kind === 'offer' ? 'open' : record.status;
      const next = restartingPause({
        ...record,
        status,
        availabilityConfirmedAt: at,
        updatedAt: at,
        version: record.version + 1,
      } as UpkeptRecord);
      await upkeep.save(deps, next, record.version, {
        audit: {
          action: 'availability-confirmed',
          actor,
          from: record.status,
          to: status,
          fields: [
            ...(record.status === status ? [] : ['status']),
            'availabilityConfirmedAt',
            ...pausedAtSet(record, next),
          ],
        },
        link: consumeTokenCondition(table, hash, now),
        extra: [
          ...spendSibling,
          checkPut(table, idle(record.kind, record.id, new Date(now.getTime() + ASK_EVERY_MS), version)),
        ],
      });
      return { state: 'confirmed', resumed: record.status !== status, record: next };
    }
    const ended = ending(record, {
      ...record,
      status: upkeep.no,
      updatedAt: at,
      version: record.version + 1,
    } as UpkeptRecord);
    const { record: closed, items, remaining } = await cancelStaleProposals(deps, record, ended, actor);
    await upkeep.save(deps, closed, record.version, {
      audit: {
        action: 'availability-ended',
        actor,
        from: record.status,
        to: closed.status,
        fields: ['status', ...endedAtSet(record, closed)],
      },
      link: consumeTokenCondition(table, hash, now),
      extra: [...spendSibling, ...(check ? [checkDelete(table, record.kind, record.id)] : []), ...items],
    });
    await cancelRemaining(deps, remaining);
    return { state: 'closed', record: closed };
  } catch (error) {
    if (error instanceof Gone) return { state: 'gone' };
    throw error;
  }
}
