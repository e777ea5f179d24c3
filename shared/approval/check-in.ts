import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { auditPut } from '../data/audit.ts';
import { isConditionFailure } from '../data/errors.ts';
import { checkInDueIndex, checkInKey, proposalKey } from '../data/keys.ts';
import { outboxPuts } from '../data/outbox.ts';
import { skipCheckIn } from '../data/proposals.ts';
import { queryItems } from '../data/query.ts';
import { problemPut } from '../data/queues.ts';
import { consumeTokenCondition, issueToken, readToken } from '../data/tokens.ts';
import type { Deps } from '../deps.ts';
import { dateOf, dayOf } from '../domain/matching/nights.ts';
import type { Locale, ProposalRecord } from '../domain/records.ts';
import { hashToken, tokenUsable } from '../domain/tokens.ts';
import { describeError } from '../log.ts';
import { renderCheckInMail, renderProblemReportMail, type Side } from '../mail/templates/check-in.ts';
import { guarded, loadProposalContext } from './context.ts';
import { coordinatorsFor } from './coordinators.ts';
import type { TransactItem } from './transactions.ts';

/** The days of a placement on which both sides are asked how it goes (day 1 is the arrival). */
export const CHECK_IN_DAYS = [3, 30] as const;

/** How long a check-in's "there is a problem" link works. */
const PROBLEM_LINK_VALID_MS = 30 * 86400_000;

export const problemPath = (rawToken: string) => `/check-in/${rawToken}`;

const checkInItemSchema = z.object({
  kind: z.literal('check-in'),
  proposalId: z.string().min(1),
  day: z.number().int().min(1),
  dueOn: z.iso.date(),
  sentAt: z.iso.datetime().optional(),
  hostHash: z.string().optional(),
  seekerHash: z.string().optional(),
});

/**
 * The check-ins of a new placement, for the approve transaction: day 3 always, day 30 when the
 * stay still runs then. Each waits in the due queue (gsi3) until the sweep sends it.
 */
export function checkInPuts(table: string, proposal: ProposalRecord): TransactItem[] {
  const first = dayOf(proposal.nightsFrom);
  const end = proposal.nightsTo === undefined ? Number.POSITIVE_INFINITY : dayOf(proposal.nightsTo);
  return CHECK_IN_DAYS.filter((day) => day === CHECK_IN_DAYS[0] || first + day - 1 < end).map((day) => {
    const dueOn = dateOf(first + day - 1);
    return {
      Put: {
        TableName: table,
        Item: {
          ...checkInKey(proposal.id, day),
          ...checkInDueIndex(dueOn, proposal.id, day),
          kind: 'check-in',
          proposalId: proposal.id,
          day,
          dueOn,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  });
}

/**
 * Sends one due check-in: a mail to each side with its own single-use problem link, the tokens,
 * and the check-in marked sent (leaving the due queue), in one transaction.
 */
async function sendCheckIn(deps: Deps, proposalId: string, day: number): Promise<'sent' | 'skipped'> {
  const ctx = await loadProposalContext(deps, proposalId);
  const table = deps.config.TABLE_NAME;
  const now = deps.now();
  if (ctx?.proposal.status !== 'approved') return 'skipped';
  // A side whose data is erased has no address left to write to: the check-in leaves the queue unsent.
  if (ctx.offer.erasedAt !== undefined || ctx.request.erasedAt !== undefined) {
    await skipCheckIn(deps, proposalId, day);
    return 'skipped';
  }
  const issue = () =>
    issueToken(
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
  const host = issue();
  const seeker = issue();
  const url = (raw: string) => `${deps.config.PUBLIC_URL}${problemPath(raw)}`;
  const { proposal, offer, request } = ctx;
  const items: TransactItem[] = [
    {
      Update: {
        TableName: table,
        Key: checkInKey(proposalId, day),
        UpdateExpression: 'SET sentAt = :now, hostHash = :host, seekerHash = :seeker REMOVE gsi3pk, gsi3sk',
        ConditionExpression: 'attribute_exists(gsi3pk)',
        ExpressionAttributeValues: { ':now': now.toISOString(), ':host': host.hash, ':seeker': seeker.hash },
      },
    },
    host.put,
    seeker.put,
    ...outboxPuts(table, renderCheckInMail('host', day, proposal, offer, request, url(host.raw)), now),
    ...outboxPuts(table, renderCheckInMail('seeker', day, proposal, offer, request, url(seeker.raw)), now),
    auditPut(
      table,
      {
        subjectPk: proposalKey(proposalId).pk,
        action: `placement.check-in-day${day}`,
        actor: 'process:check-in',
      },
      now,
    ),
  ];
  try {
    await deps.db.send(new TransactWriteCommand({ TransactItems: items as never }));
    return 'sent';
  } catch (error) {
    // Another sweep sent it first.
    if (isConditionFailure(error)) return 'skipped';
    throw error;
  }
}

/** The check-in sweep: every check-in due today or earlier, sent once. Runs beside the expiry sweep. */
export async function sendDueCheckIns(deps: Deps): Promise<{ sent: number; failed: number }> {
  const tomorrow = dateOf(dayOf(deps.now().toISOString().slice(0, 10)) + 1);
  const report = { sent: 0, failed: 0 };
  const due = queryItems(deps.db, {
    TableName: deps.config.TABLE_NAME,
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :due AND gsi3sk < :tomorrow',
    ExpressionAttributeValues: { ':due': checkInDueIndex('', '', 0).gsi3pk, ':tomorrow': tomorrow },
    Limit: 100,
  });
  for await (const item of due) {
    const checkIn = checkInItemSchema.parse(item);
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
    const { Item } = await guarded(() =>
      deps.db.send(
        new GetCommand({
          TableName: deps.config.TABLE_NAME,
          Key: checkInKey(proposalId, day),
          ConsistentRead: true,
        }),
      ),
    );
    const checkIn = Item === undefined ? undefined : checkInItemSchema.parse(Item);
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
  return ctx && side ? { ctx, side, hash } : undefined;
}

/** For the GET of a "there is a problem" link: whether it works, and for whom (their language). */
export async function viewProblemLink(deps: Deps, rawToken: string): Promise<ProblemLink> {
  const opened = await openProblemLink(deps, rawToken);
  if (!opened) return { state: 'gone' };
  const record = opened.side === 'host' ? opened.ctx.offer : opened.ctx.request;
  return { state: 'open', side: opened.side, locale: record.locale };
}

/**
 * For the POST of a "there is a problem" link with its button: tells the coordinators, once.
 * A double tap reports once and thanks twice; a spent, expired or altered link is `gone`.
 */
export async function reportProblem(deps: Deps, rawToken: string): Promise<'reported' | 'gone'> {
  const opened = await openProblemLink(deps, rawToken);
  if (!opened) return 'gone';
  const { ctx, side, hash } = opened;
  const table = deps.config.TABLE_NAME;
  const now = deps.now();
  try {
    await deps.db.send(
      new TransactWriteCommand({
        TransactItems: [
          consumeTokenCondition(table, hash, now),
          ...outboxPuts(
            table,
            renderProblemReportMail(
              side,
              ctx.proposal,
              ctx.offer,
              ctx.request,
              now,
              coordinatorsFor(deps.config, ctx.offer.country),
            ),
            now,
          ),
          problemPut(table, {
            proposalId: ctx.proposal.id,
            offerId: ctx.offer.id,
            requestId: ctx.request.id,
            country: ctx.offer.country,
            city: ctx.offer.city,
            side,
            reportedAt: now.toISOString(),
          }),
          auditPut(
            table,
            {
              subjectPk: proposalKey(ctx.proposal.id).pk,
              action: 'placement.problem-reported',
              actor: 'link:check-in',
              fields: [side],
            },
            now,
          ),
        ] as never,
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) return guarded(() => Promise.reject(error));
    const token = await guarded(() => readToken(deps, hash));
    return token?.usedAt === undefined ? 'gone' : 'reported';
  }
  deps.log.info('placement.problem-reported', { proposalId: ctx.proposal.id, side });
  return 'reported';
}
