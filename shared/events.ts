import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/**
 * What EventBridge Scheduler sends to the stream-fed functions for their periodic work: `sweep`
 * on each function's own cadence; `lifecycle` to the matcher every minute (closing, expiry and
 * erasure: with RETENTION_DAYS=0 personal data goes within a minute of a record's end).
 */
export interface ScheduledTask {
  readonly source: 'haven.schedule';
  readonly task: 'sweep' | 'lifecycle';
}

export const isScheduledTask = (event: unknown): event is ScheduledTask =>
  typeof event === 'object' && event !== null && (event as { source?: unknown }).source === 'haven.schedule';

export type StreamOrSchedule = DynamoDBStreamEvent | ScheduledTask;

/**
 * What the matcher hands the mailer, invoked without waiting (mail/handoff.ts): the leases it
 * holds on the proposal mails it just wrote, for the mailer to take over and send. Ids and
 * times only: the mails themselves, with their links and names, stay in the table.
 */
export interface MailHandOff {
  readonly source: 'haven.mail-handoff';
  readonly leases: readonly { readonly id: string; readonly claimedAt: string }[];
}

export const isMailHandOff = (event: unknown): event is MailHandOff =>
  typeof event === 'object' &&
  event !== null &&
  (event as { source?: unknown }).source === 'haven.mail-handoff';

/**
 * Which stream records each function consumes. The CDK stack turns these into event source
 * filter criteria and the local poller applies them the same way, so both deliver alike.
 */
export const STREAM_CONSUMERS = {
  matcher: { kinds: ['offer', 'request', 'proposal'], eventNames: ['INSERT', 'MODIFY'] },
  mailer: { kinds: ['outbox'], eventNames: ['INSERT'] },
  // Every change of what is counted; a record is deleted only before it is confirmed, when it
  // counts nothing, so removals need not reach it.
  overview: { kinds: ['offer', 'request', 'proposal'], eventNames: ['INSERT', 'MODIFY'] },
} as const satisfies Record<string, { kinds: readonly string[]; eventNames: readonly string[] }>;

export type StreamConsumerName = keyof typeof STREAM_CONSUMERS;

/** Whether a consumer takes a stream record: the filter its event source mapping applies in AWS. */
export function streamFilterFor(name: StreamConsumerName): (record: DynamoDBRecord) => boolean {
  const { kinds, eventNames } = STREAM_CONSUMERS[name];
  return (record) => {
    const kind = (record.dynamodb?.NewImage ?? record.dynamodb?.OldImage)?.kind?.S;
    return (
      (eventNames as readonly string[]).includes(record.eventName ?? '') &&
      kind !== undefined &&
      (kinds as readonly string[]).includes(kind)
    );
  };
}
