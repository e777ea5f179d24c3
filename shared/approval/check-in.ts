import { type AuditActor, auditPut } from '../data/audit.ts';
import { CHECK_IN_DAYS, checkInDates, checkInSent, dueCheckIns, readCheckIn } from '../data/check-ins.ts';
import { unreadableFields } from '../data/due.ts';
import { guarded, isConditionFailure, isTransient } from '../data/errors.ts';
import { unlessErased } from '../data/intake-records.ts';
import { proposalKey } from '../data/keys.ts';
import { outboxPuts } from '../data/outbox.ts';
import {
  loadProposalContext,
  type StoredProposalContext,
  stillKeptChecks,
} from '../data/proposal-context.ts';
import { skipCheckIn } from '../data/proposals.ts';
import { openProblemPut, problemPut } from '../data/queues.ts';
import { consumeTokenCondition, issueToken, readToken } from '../data/tokens.ts';
import { type TransactItem, transact } from '../data/transact.ts';
import type { Deps } from '../deps.ts';
import { type Locale, type OfferRecord, type RequestRecord, WELL_FORMED_ID } from '../domain/records.ts';
import { hashToken, tokenUsable } from '../domain/tokens.ts';
import { describeError } from '../log.ts';
import {
  placeOfStay,
  renderCheckInMail,
  renderProblemReportMail,
  type Side,
} from '../mail/templates/check-in.ts';
import { coordinatorLanguages, coordinatorsToTell } from './coordinators.ts';

/** How long a check-in's "there is a problem" link works. */
const PROBLEM_LINK_VALID_MS = 30 * 86400_000;

export const problemPath = (rawToken: string) => `/check-in/${rawToken}`;

/** A side's record of a placement while its data is kept; undefined once it is erased. */
const keptSide = (ctx: StoredProposalContext, side: Side): OfferRecord | RequestRecord | undefined =>
  side === 'host' ? unlessErased(ctx.offer) : unlessErased(ctx.request);

/** The pause before a transaction that met another in a conflict tries again. */
const pauseAfterConflict = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, 40 * 2 ** attempt + Math.random() * 40));

const otherSide = (side: Side): Side => (side === 'host' ? 'seeker' : 'host');

/** Whether a transaction failed on one of its last `count` items' conditions (stillKeptChecks'). */
const refusedAmongLast = (error: unknown, items: number, count: number) =>
  Array.from({ length: count }, (_, i) => items - count + i).some((position) => refusedAt(error, position));

/**
 * Sends one due check-in: a mail to each side whose data is kept, with its own single-use problem
 * link, the tokens, and the check-in marked sent (leaving the due queue), in one transaction. A
 * side that erased its data during the stay gets nothing, and the other is still asked: a family
 * whose host left Haven keeps its way to the coordinators.
 */
async function sendCheckIn(deps: Deps, proposalId: string, day: number): Promise<'sent' | 'skipped'> {
  const ctx = await loadProposalContext(deps, proposalId);
  const table = deps.config.TABLE_NAME;
  const now = deps.now();
  // A placement cancelled or gone since asks about no stay: it leaves the queue, not read every sweep.
  if (ctx?.proposal.status !== 'approved') {
    await skipCheckIn(deps, proposalId, day);
    return 'skipped';
  }
  const sides = (['host', 'seeker'] as const).filter((side) => keptSide(ctx, side) !== undefined);
  // Nobody left to write to, or a check-in scheduled before a day the guests have left by fell
  // away (checkInDates) and asks about nothing: it leaves the queue unsent.
  if (sides.length === 0 || !checkInDates(ctx.proposal).some((checkIn) => checkIn.day === day)) {
    await skipCheckIn(deps, proposalId, day);
    return 'skipped';
  }
  const url = (raw: string) => `${deps.config.PUBLIC_URL}${problemPath(raw)}`;
  const sent = sides.map((side) => {
    const token = issueToken(
      table,
      {
        purpose: 'check-in',
        subjectKind: 'proposal',
        subjectId: proposalId,
        validForMs: PROBLEM_LINK_VALID_MS,
        singleUse: true,
      },
      now,
    );
    const me = keptSide(ctx, side) as OfferRecord | RequestRecord;
    const mail = renderCheckInMail(
      side,
      day,
      ctx.proposal,
      me,
      keptSide(ctx, otherSide(side))?.name,
      url(token.raw),
    );
    return { side, token, mail };
  });
  const hashes = Object.fromEntries(sent.map(({ side, token }) => [side, token.hash]));
  const items: TransactItem[] = [
    checkInSent(table, { proposalId, day }, hashes, now),
    ...sent.flatMap(({ token, mail }) => [token.put, ...outboxPuts(table, mail, now)]),
    auditPut(
      table,
      {
        subjectPk: proposalKey(proposalId).pk,
        action: `placement.check-in-day${day}`,
        actor: 'process:check-in',
      },
      now,
    ),
    ...stillKeptChecks(table, ctx),
  ];
  try {
    await transact(deps.db, items);
    return 'sent';
  } catch (error) {
    // Another sweep sent it first, or a side was erased since the read, or another write to a
    // side met it (a new proposal of a multi-party offer): still due, the next sweep sends it
    // to whoever is kept then.
    if (isConditionFailure(error) || isTransient(error)) return 'skipped';
    throw error;
  }
}

/** The check-in sweep: every check-in due by now (checkInSendAt), sent once. Runs beside the expiry sweep. */
export async function sendDueCheckIns(deps: Deps): Promise<{ sent: number; failed: number }> {
  const report = { sent: 0, failed: 0 };
  for await (const due of dueCheckIns(deps, deps.now())) {
    if ('unreadable' in due) {
      report.failed++;
      deps.log.error('check-in.failed', unreadableFields(due));
      continue;
    }
    const checkIn = due.value;
    try {
      if ((await sendCheckIn(deps, checkIn.proposalId, checkIn.day)) === 'sent') report.sent++;
    } catch (error) {
      report.failed++;
      deps.log.error('check-in.failed', {
        proposalId: checkIn.proposalId,
        day: checkIn.day,
        ...describeError(error),
      });
    }
  }
  return report;
}

export type ProblemLink =
  | { readonly state: 'gone' }
  | { readonly state: 'open'; readonly side: Side; readonly locale: Locale };

/** Which side a check-in token was sent to, from the hashes its check-in keeps. */
async function sideOf(deps: Deps, proposalId: string, hash: string): Promise<Side | undefined> {
  for (const day of CHECK_IN_DAYS) {
    const checkIn = await guarded(() => readCheckIn(deps, proposalId, day));
    if (checkIn?.hostHash === hash) return 'host';
    if (checkIn?.seekerHash === hash) return 'seeker';
  }
  return undefined;
}

async function openProblemLink(deps: Deps, rawToken: string) {
  const hash = hashToken(rawToken);
  const token = hash === undefined ? undefined : await guarded(() => readToken(deps, hash));
  if (!token || !hash || token.purpose !== 'check-in' || !tokenUsable(token, deps.now())) return undefined;
  const [ctx, side] = await Promise.all([
    loadProposalContext(deps, token.subjectId),
    sideOf(deps, token.subjectId, hash),
  ]);
  // A side erased has nothing left for the coordinators' report, nor a language for the page;
  // the other side's erasure takes nothing from this one's link.
  const reporter = ctx && side ? keptSide(ctx, side) : undefined;
  return ctx && side && reporter ? { ctx, side, reporter, hash } : undefined;
}

/** For the GET of a "there is a problem" link: whether it works, and for whom (their language). */
export async function viewProblemLink(deps: Deps, rawToken: string): Promise<ProblemLink> {
  const opened = await openProblemLink(deps, rawToken);
  if (!opened) return { state: 'gone' };
  return { state: 'open', side: opened.side, locale: opened.reporter.locale };
}

/** Tries of a report whose transaction meets another in a conflict, before the tap hears 503. */
const REPORT_ATTEMPTS = 4;

/**
 * For the POST of a "there is a problem" link with its button: tells the coordinators, once.
 * A double tap reports once and thanks twice; a spent, expired or altered link is `gone`.
 */
export async function reportProblem(deps: Deps, rawToken: string): Promise<'reported' | 'gone'> {
  const opened = await openProblemLink(deps, rawToken);
  if (!opened) return 'gone';
  const { ctx, side, hash } = opened;
  const table = deps.config.TABLE_NAME;
  for (let attempt = 1; ; attempt++) {
    const items = [
      consumeTokenCondition(table, hash, deps.now()),
      ...problemReportItems(deps, ctx, side, 'link:check-in'),
    ];
    try {
      await transact(deps.db, items);
      deps.log.info('placement.problem-reported', { proposalId: ctx.proposal.id, side });
      return 'reported';
    } catch (error) {
      // A tap that meets another one in a transaction conflict tries again: if the other wrote
      // the report, the token is spent by then and this tap reads that it stands.
      if (isTransient(error) && attempt < REPORT_ATTEMPTS) {
        await pauseAfterConflict(attempt);
        continue;
      }
      if (!isConditionFailure(error)) return guarded(() => Promise.reject(error));
      // A side erased since the read: read again, and tell what is left.
      if (refusedAmongLast(error, items.length, stillKeptChecks(table, ctx).length))
        return reportProblem(deps, rawToken);
      // The coordinators already have this side's problem open: they are told nothing twice,
      // and the link still works for a problem after they have dealt with this one.
      if (refusedAt(error, 1)) return 'reported';
      const token = await guarded(() => readToken(deps, hash));
      return token?.usedAt === undefined ? 'gone' : 'reported';
    }
  }
}

/** Whether the item at `position` of a cancelled transaction is one whose condition failed. */
const refusedAt = (error: unknown, position: number) =>
  (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.[position]?.Code ===
  'ConditionalCheckFailed';

/**
 * What telling the coordinators about a placement's problem writes: first the mark that this
 * side has a problem open (refused while one is, so a second report writes nothing), then
 * their mail, the queue item and the audit.
 */
function problemReportItems(
  deps: Deps,
  ctx: StoredProposalContext,
  side: Side,
  actor: AuditActor,
): TransactItem[] {
  const table = deps.config.TABLE_NAME;
  const now = deps.now();
  const { country, city } = placeOfStay(ctx.proposal, ctx.offer);
  return [
    openProblemPut(table, ctx.proposal.id, side),
    ...outboxPuts(
      table,
      renderProblemReportMail(
        side,
        ctx.proposal,
        ctx.offer,
        ctx.request,
        now,
        coordinatorsToTell(deps.config, deps.log, country),
        coordinatorLanguages(deps.config, country),
        deps.config.PUBLIC_URL,
      ),
      now,
    ),
    problemPut(table, {
      proposalId: ctx.proposal.id,
      offerId: ctx.offer.id,
      requestId: ctx.request.id,
      country,
      // A proposal from before proposals kept their city has none to fall back on.
      city: city ?? '',
      side,
      reportedAt: now.toISOString(),
    }),
    auditPut(
      table,
      {
        subjectPk: proposalKey(ctx.proposal.id).pk,
        action: 'placement.problem-reported',
        actor,
        fields: [side],
      },
      now,
    ),
    ...stillKeptChecks(table, ctx),
  ];
}

/**
 * "There is a problem", pressed on a manage page: tells the coordinators about the placement of
 * the record the link manages, as the check-in link does. False when that record has no such
 * placement (the page was stale, or the id altered): nothing is written then.
 */
export async function reportPlacementProblem(
  deps: Deps,
  record: { readonly kind: 'offer' | 'request'; readonly id: string },
  proposalId: string,
  actor: AuditActor,
): Promise<boolean> {
  // The id comes from a form field: one no proposal could have is no placement of the record's.
  if (!WELL_FORMED_ID.test(proposalId)) return false;
  const ctx = await loadProposalContext(deps, proposalId);
  const own = record.kind === 'offer' ? ctx?.offer.id : ctx?.request.id;
  const side: Side = record.kind === 'offer' ? 'host' : 'seeker';
  if (ctx?.proposal.status !== 'approved' || own !== record.id || !keptSide(ctx, side)) return false;
  const items = problemReportItems(deps, ctx, side, actor);
  for (let attempt = 1; ; attempt++) {
    try {
      await transact(deps.db, items);
      break;
    } catch (error) {
      // Another write to a side met it (a new proposal of a multi-party offer): again, as a tap of the link does.
      if (isTransient(error) && attempt < REPORT_ATTEMPTS) {
        await pauseAfterConflict(attempt);
        continue;
      }
      // A press while the coordinators have this side's problem open tells them nothing new.
      if (refusedAt(error, 0)) return true;
      // A side erased since the read: read again, and tell what is left.
      if (refusedAmongLast(error, items.length, stillKeptChecks(deps.config.TABLE_NAME, ctx).length))
        return reportPlacementProblem(deps, record, proposalId, actor);
      return guarded(() => Promise.reject(error));
    }
  }
  deps.log.info('placement.problem-reported', { proposalId, side });
  return true;
}
