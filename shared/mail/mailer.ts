import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { isConditionFailure } from '../data/errors.ts';
import { outboxKey, outboxPendingIndex } from '../data/keys.ts';
import { queryItems } from '../data/query.ts';
import { changedItems } from '../data/stream.ts';
import type { Deps } from '../deps.ts';
import { isScheduledTask, type StreamOrSchedule } from '../events.ts';
import { describeError } from '../log.ts';
import { type OutboxMessage, outboxMessageSchema } from './message.ts';
import type { MailTransport } from './transports.ts';

export interface MailerOptions {
  /** Tries per delivery within one invocation, with exponential backoff between them. */
  readonly sendAttempts: number;
  readonly backoffMs: number;
  /** A claim older than this is taken to belong to a crashed invocation and may be taken over. */
  readonly claimTimeoutMs: number;
  /** Mail still pending this long after it was written is picked up by the sweep. */
  readonly sweepAfterMs: number;
  /** After this many claims the mail is marked failed and left to the alarm and the DLQ. */
  readonly maxClaims: number;
}

export const defaultMailerOptions: MailerOptions = {
  sendAttempts: 3,
  backoffMs: 250,
  claimTimeoutMs: 10 * 60_000,
  sweepAfterMs: 2 * 60_000,
  maxClaims: 8,
};

export class DeliveryFailed extends Error {
  override readonly name = 'DeliveryFailed';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The mailer Lambda's work: deliver each new outbox item exactly once per stream record, even
 * when the stream delivers the record again, and retry what the transport refused.
 */
export function createMailer(
  deps: Deps,
  transport: MailTransport,
  options: MailerOptions = defaultMailerOptions,
) {
  const { db, config, log } = deps;

  /** Takes the item for this invocation; false when it is sent, failed, or being sent by another. */
  async function claim(id: string): Promise<OutboxMessage | undefined> {
    const now = deps.now();
    try {
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: config.TABLE_NAME,
          Key: outboxKey(id),
          UpdateExpression:
            'SET #status = :sending, claimedAt = :now, updatedAt = :now, attempts = attempts + :one',
          ConditionExpression: '#status = :pending OR (#status = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':pending': 'pending',
            ':now': now.toISOString(),
            ':stale': new Date(now.getTime() - options.claimTimeoutMs).toISOString(),
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return outboxMessageSchema.parse(Attributes);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async function settle(message: OutboxMessage, outcome: 'sent' | 'pending' | 'failed'): Promise<void> {
    const now = deps.now();
    const finished = outcome !== 'pending';
    const retentionSeconds = config.RETENTION_DAYS * 86400;
    await db.send(
      new UpdateCommand({
        TableName: config.TABLE_NAME,
        Key: outboxKey(message.id),
        // A sent mail keeps only its metadata: its body held live action links and contact details.
        UpdateExpression:
          outcome === 'sent'
            ? 'SET #status = :outcome, updatedAt = :now, sentAt = :now, expiresAt = :expiresAt REMOVE claimedAt, gsi3pk, gsi3sk, #to, subject, #text, html'
            : finished
              ? 'SET #status = :outcome, updatedAt = :now, expiresAt = :expiresAt REMOVE claimedAt, gsi3pk, gsi3sk'
              : 'SET #status = :outcome, updatedAt = :now REMOVE claimedAt',
        ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
        ExpressionAttributeNames: {
          '#status': 'status',
          ...(outcome === 'sent' ? { '#to': 'to', '#text': 'text' } : {}),
        },
        ExpressionAttributeValues: {
          ':outcome': outcome,
          ':now': now.toISOString(),
          ':sending': 'sending',
          ':claimedAt': message.claimedAt,
          ...(finished ? { ':expiresAt': Math.floor(now.getTime() / 1000) + retentionSeconds } : {}),
        },
      }),
    );
  }

  async function sendWithBackoff(message: OutboxMessage): Promise<unknown> {
    let lastError: unknown;
    for (let attempt = 0; attempt < options.sendAttempts; attempt++) {
      if (attempt > 0) await sleep(options.backoffMs * 2 ** (attempt - 1));
      try {
        await transport.send(message, config.MAIL_FROM);
        return undefined;
      } catch (error) {
        lastError = error;
        log.warn('mail.send_retry', {
          outboxId: message.id,
          template: message.template,
          attempt,
          ...describeError(error),
        });
      }
    }
    return lastError ?? new Error('send failed');
  }

  /** Sends one outbox item if nobody has; throws DeliveryFailed so the caller can report it. */
  async function deliver(id: string): Promise<'sent' | 'skipped'> {
    const message = await claim(id);
    if (!message) return 'skipped';
    const error = await sendWithBackoff(message);
    if (error === undefined) {
      await settle(message, 'sent');
      log.info('mail.sent', { outboxId: id, template: message.template, transport: transport.name });
      return 'sent';
    }
    const givingUp = message.attempts >= options.maxClaims;
    await settle(message, givingUp ? 'failed' : 'pending');
    log.error(givingUp ? 'mail.failed' : 'mail.deferred', {
      outboxId: id,
      template: message.template,
      claims: message.attempts,
      ...describeError(error),
    });
    throw new DeliveryFailed(`outbox ${id} not delivered`, { cause: error });
  }

  async function sweep(): Promise<void> {
    const dueBefore = new Date(deps.now().getTime() - options.sweepAfterMs).toISOString();
    let failures = 0;
    const pending = queryItems(db, {
      TableName: config.TABLE_NAME,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pending AND gsi3sk < :due',
      ExpressionAttributeValues: { ':pending': outboxPendingIndex('', '').gsi3pk, ':due': dueBefore },
      Limit: 100,
    });
    for await (const item of pending) {
      try {
        await deliver(String(item.id));
      } catch (error) {
        if (!(error instanceof DeliveryFailed)) throw error;
        failures++;
      }
    }
    if (failures > 0) throw new DeliveryFailed(`${failures} mails could not be delivered by the sweep`);
  }

  return async (event: StreamOrSchedule): Promise<DynamoDBBatchResponse> => {
    if (isScheduledTask(event)) {
      await sweep();
      return { batchItemFailures: [] };
    }
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const change of changedItems(event)) {
      if (change.eventName !== 'INSERT' || change.newItem?.kind !== 'outbox') continue;
      try {
        await deliver(String(change.newItem.id));
      } catch (error) {
        log.warn('mail.batch_item_failed', { ...describeError(error) });
        batchItemFailures.push({ itemIdentifier: change.sequenceNumber });
      }
    }
    return { batchItemFailures };
  };
}
