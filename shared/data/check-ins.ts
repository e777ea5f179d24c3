import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { hourIn } from '../domain/country-day.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { dateOf, dayOf, nightsOf } from '../domain/matching/nights.ts';
import type { ProposalRecord } from '../domain/records.ts';
import { type DueItem, parsedDueItems } from './due.ts';
import { checkInDueIndex, checkInKey } from './keys.ts';
import type { TransactItem } from './transact.ts';

/** The days of a placement on which both sides are asked how it goes (day 1 is the arrival). */
export const CHECK_IN_DAYS = [3, 30] as const;

const checkInItemSchema = lazySchema(() =>
  z.object({
    kind: z.literal('check-in'),
    proposalId: z.string().min(1),
    day: z.number().int().min(1),
    dueOn: z.iso.date(),
    sentAt: z.iso.datetime().optional(),
    hostHash: z.string().optional(),
    seekerHash: z.string().optional(),
  }),
);
export type CheckIn = z.infer<typeof checkInItemSchema>;

/**
 * The days a placement's check-ins fall on: day 3 and day 30 of the stay (its nights from the
 * approval on: rules.ts stayFromApproval), each while the stay still runs then: a question how
 * the stay goes, asked after the guests left, would read as though it went on. The approval
 * schedules them; the manage pages tell both sides when to expect them.
 */
export function checkInDates(
  proposal: Pick<ProposalRecord, 'nightsFrom' | 'nightsTo'>,
): { day: number; dueOn: string }[] {
  const { from: first, to: end } = nightsOf(proposal);
  return CHECK_IN_DAYS.filter((day) => first + day - 1 < end).map((day) => ({
    day,
    dueOn: dateOf(first + day - 1),
  }));
}

/** The hour of its day a check-in goes out where the offer lies: in the morning, when people are awake. */
const CHECK_IN_HOUR = 9;

/**
 * When a check-in due on a day goes out: at CHECK_IN_HOUR that day where the offer lies. Counted
 * from midnight UTC, day 3 reached Istanbul, Tbilisi and Almaty between 03:00 and 05:00, and a
 * Telegram notice rang then.
 */
export const checkInSendAt = (country: string, dueOn: string): string =>
  hourIn(country, dayOf(dueOn), CHECK_IN_HOUR).toISOString();

/**
 * The check-ins of a new placement in a country, for the approve transaction. Each waits in the
 * due queue (gsi3) until the sweep sends it, from its checkInSendAt.
 */
export function checkInPuts(table: string, proposal: ProposalRecord, country: string): TransactItem[] {
  return checkInDates(proposal).map(({ day, dueOn }) => {
    return {
      Put: {
        TableName: table,
        Item: {
          ...checkInKey(proposal.id, day),
          ...checkInDueIndex(checkInSendAt(country, dueOn), proposal.id, day),
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
 * For the transaction that sends a check-in: it leaves the due queue, keeping the hashes of the
 * problem links it sent (one a side, none to a side whose data is erased), on condition that no
 * other sweep sent it first.
 */
export function checkInSent(
  table: string,
  check: { proposalId: string; day: number },
  hashes: { host?: string; seeker?: string },
  now: Date,
): TransactItem {
  const sides = [
    ...(hashes.host === undefined ? [] : ['hostHash = :host']),
    ...(hashes.seeker === undefined ? [] : ['seekerHash = :seeker']),
  ];
  return {
    Update: {
      TableName: table,
      Key: checkInKey(check.proposalId, check.day),
      UpdateExpression: `SET ${['sentAt = :now', ...sides].join(', ')} REMOVE gsi3pk, gsi3sk`,
      ConditionExpression: 'attribute_exists(gsi3pk)',
      ExpressionAttributeValues: {
        ':now': now.toISOString(),
        ...(hashes.host === undefined ? {} : { ':host': hashes.host }),
        ...(hashes.seeker === undefined ? {} : { ':seeker': hashes.seeker }),
      },
    },
  };
}

/**
 * Every check-in due to go out by `now` and not yet sent, the oldest first; one that does not
 * parse comes as unreadable (data/due.ts). One scheduled before check-ins had an hour is indexed
 * by its day alone ("2027-03-12#…"), which sorts before that day's instants: it goes out from
 * midnight UTC that day, as it was scheduled to.
 */
export const dueCheckIns = (deps: Deps, now: Date): AsyncGenerator<DueItem<CheckIn>> =>
  parsedDueItems(deps, 'check-in', now.toISOString(), (item) => checkInItemSchema.parse(item));

/** One check-in of a placement, read consistently; undefined when that day was never scheduled. */
export async function readCheckIn(deps: Deps, proposalId: string, day: number): Promise<CheckIn | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({
      TableName: deps.config.TABLE_NAME,
      Key: checkInKey(proposalId, day),
      ConsistentRead: true,
    }),
  );
  return Item === undefined ? undefined : checkInItemSchema.parse(Item);
}
