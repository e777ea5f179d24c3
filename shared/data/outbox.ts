import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { parseRecipient, type RenderedMail, sealMail } from '../domain/mail.ts';
import { describeError } from '../log.ts';
import { dueItems } from './due.ts';
import { isConditionFailure } from './errors.ts';
import { outboxKey, outboxPendingIndex } from './keys.ts';
import { type TransactItem, transact } from './transact.ts';

/**
 * The mail's text and HTML, gzipped into one binary attribute. An outbox item is written three
 * times (queued, claimed, settled), each time into the table, gsi3 (projected whole) and the
 * stream's old and new images, and write units are counted per KB: packed, a proposal mail's
 * 9 KB of parts take 1.7 KB, a confirmation mail's 3.5 KB take 1.2 KB.
 */
const packBody = (mail: RenderedMail) => gzipSync(JSON.stringify({ text: mail.text, html: mail.html }));

const packedBodySchema = lazySchema(() => z.object({ text: z.string(), html: z.string() }));

/**
 * An outbox item as the mailer reads it: its body unpacked into `text` and `html`. An item
 * queued before bodies were packed carries them as they are.
 */
export function outboxItemOf(item: Record<string, unknown>): Record<string, unknown> {
  const { body, ...rest } = item;
  if (!(body instanceof Uint8Array)) return rest;
  return { ...rest, ...packedBodySchema.parse(JSON.parse(gunzipSync(body).toString('utf8'))) };
}

function outboxItemPut(
  tableName: string,
  mail: RenderedMail,
  to: readonly string[],
  chat: string | undefined,
  now: Date,
) {
  const id = randomUUID();
  const at = now.toISOString();
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...outboxKey(id),
        ...outboxPendingIndex(at, id),
        id,
        kind: 'outbox',
        template: mail.template,
        to: [...to],
        ...(chat ? { chat } : {}),
        locale: mail.locale,
        subject: mail.subject,
        body: packBody(mail),
        status: 'pending',
        attempts: 0,
        createdAt: at,
        updatedAt: at,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * The Puts of a mail's outbox items, to be placed in the same TransactWriteItems as the state
 * change that causes the mail: the mail exists exactly when the change does. One item carries
 * every email recipient; each Telegram chat gets an item of its own (with the address it falls
 * back to), so a chat that fails or waits holds back nobody else and is never sent twice.
 * Every mail is sealed here (domain/mail.ts): what people typed cannot forge a line in it.
 */
export function outboxPuts(tableName: string, rendered: RenderedMail, now: Date) {
  const mail = sealMail(rendered);
  const recipients = mail.to.map(parseRecipient);
  const emails = recipients.flatMap((recipient) => (recipient.kind === 'email' ? [recipient.address] : []));
  return [
    ...(emails.length > 0 ? [outboxItemPut(tableName, mail, emails, undefined, now)] : []),
    ...recipients.flatMap((recipient) =>
      recipient.kind === 'telegram'
        ? [
            outboxItemPut(
              tableName,
              mail,
              recipient.fallback === undefined ? [] : [recipient.fallback],
              recipient.chatId,
              now,
            ),
          ]
        : [],
    ),
  ];
}

/** The attribute that marks an outbox item its writer sends at once (see sendingAtOnce). */
const AT_ONCE = 'atOnce';

/**
 * A transaction's items with its outbox items for email (a Telegram chat's are not) written as
 * already claimed by the writer, who sends them, or hands them on to be sent, once the
 * transaction committed (mail/handoff.ts), and those items as written. The claim is a lease like
 * any other: the stream's mailer leaves a marked item alone (isSentAtOnce), and should the writer
 * die before it settles, the sweep takes the claim over once it is stale. A claim of its own after
 * the transaction was one more write per proposal mail on a table whose writes set the pace of a
 * surge; one who sends a mail handed on from another process takes the lease over
 * (takeOverHandedOff), off the writer's way.
 */
export function sendingAtOnce(
  items: readonly TransactItem[],
  now: Date,
): { items: TransactItem[]; leased: Record<string, unknown>[] } {
  const isEmailOutbox = (item: TransactItem) =>
    item.Put?.Item?.kind === 'outbox' && item.Put.Item.chat === undefined;
  const lease = { [AT_ONCE]: true, status: 'sending', claimedAt: now.toISOString(), attempts: 1 };
  const marked = items.map((item) =>
    item.Put && isEmailOutbox(item) ? { Put: { ...item.Put, Item: { ...item.Put.Item, ...lease } } } : item,
  );
  return {
    items: marked,
    leased: marked.flatMap(({ Put }) =>
      Put?.Item && isEmailOutbox({ Put }) ? [outboxItemOf(Put.Item)] : [],
    ),
  };
}

/** Whether an outbox item, as written, is its writer's to send at once (see sendingAtOnce). */
export const isSentAtOnce = (item: Record<string, unknown>) => item[AT_ONCE] === true;

/** A claim its writer leased (sendingAtOnce) and handed on to another process to send: the item and its lease. */
export const handedOffLeaseSchema = lazySchema(() =>
  z.object({ id: z.string().min(1), claimedAt: z.iso.datetime() }),
);

export type HandedOffLease = z.infer<typeof handedOffLeaseSchema>;

/**
 * Takes over, once, a claim its writer leased and handed on (mail/handoff.ts): the item as taken,
 * its lease renewed to `takenAt`, or undefined when another already took it (the same hand-off
 * delivered again, as Lambda's queue of async invocations may; the writer's fallback; the sweep,
 * once the lease was stale). The mark of a lease not yet taken goes with the take-over, so a
 * second one is refused even within the same millisecond. After a try whose answer never came
 * (`retried`), a refusal may be that try's own success: the item is then read, and it is ours if
 * it carries our `takenAt` and no mark.
 */
export async function takeOverHandedOff(
  deps: Deps,
  lease: HandedOffLease,
  takenAt: string,
  { abortSignal, retried = false }: { abortSignal?: AbortSignal; retried?: boolean } = {},
): Promise<Record<string, unknown> | undefined> {
  try {
    const { Attributes } = await deps.db.send(
      new UpdateCommand({
        TableName: deps.config.TABLE_NAME,
        Key: outboxKey(lease.id),
        UpdateExpression: 'SET claimedAt = :takenAt, updatedAt = :takenAt REMOVE #atOnce',
        ConditionExpression: '#atOnce = :true AND #status = :sending AND claimedAt = :leasedAt',
        ExpressionAttributeNames: { '#atOnce': AT_ONCE, '#status': 'status' },
        ExpressionAttributeValues: {
          ':takenAt': takenAt,
          ':true': true,
          ':sending': 'sending',
          ':leasedAt': lease.claimedAt,
        },
        ReturnValues: 'ALL_NEW',
      }),
      { abortSignal },
    );
    return Attributes === undefined ? undefined : outboxItemOf(Attributes);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    if (!retried) return undefined;
    const { Item } = await deps.db.send(
      new GetCommand({ TableName: deps.config.TABLE_NAME, Key: outboxKey(lease.id), ConsistentRead: true }),
      { abortSignal },
    );
    const ours = Item?.status === 'sending' && Item.claimedAt === takenAt && Item[AT_ONCE] === undefined;
    return ours ? outboxItemOf(Item) : undefined;
  }
}

/**
 * Takes an outbox item for one delivery: pending, or claimed by a delivery that has not
 * finished since `staleBefore` (it died). The item as claimed, raw; undefined when it is sent,
 * finished, or being sent by another.
 */
export async function claimOutboxItem(
  deps: Deps,
  id: string,
  staleBefore: Date,
): Promise<Record<string, unknown> | undefined> {
  const now = deps.now().toISOString();
  try {
    const { Attributes } = await deps.db.send(
      new UpdateCommand({
        TableName: deps.config.TABLE_NAME,
        Key: outboxKey(id),
        UpdateExpression:
          'SET #status = :sending, claimedAt = :now, updatedAt = :now, attempts = attempts + :one',
        ConditionExpression: '#status = :pending OR (#status = :sending AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':pending': 'pending',
          ':now': now,
          ':stale': staleBefore.toISOString(),
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes === undefined ? undefined : outboxItemOf(Attributes);
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** What a finished delivery erases; `#text, html` from an item queued before bodies were packed. */
const BODY_ATTRIBUTES = '#to, chat, subject, body, #text, html';

/** How a claimed delivery ended; `pending` hands the item back for the sweep to try again. */
export type OutboxOutcome = 'sent' | 'suppressed' | 'pending' | 'failed';

/**
 * Ends a claimed delivery, if the claim is still this one's. A finished item (sent, suppressed or
 * failed for good) leaves the pending queue, keeps only its metadata (its body held live action
 * links and the other side's contact details, which no erasure of a record would reach) and
 * expires RETENTION_DAYS later.
 */
function settleUpdate(
  deps: Deps,
  claim: { readonly id: string; readonly claimedAt?: string | undefined },
  outcome: OutboxOutcome,
) {
  const now = deps.now();
  const finished = outcome !== 'pending';
  const retentionSeconds = deps.config.RETENTION_DAYS * 86400;
  return {
    TableName: deps.config.TABLE_NAME,
    Key: outboxKey(claim.id),
    UpdateExpression: finished
      ? `SET #status = :outcome, updatedAt = :now, ${outcome === 'sent' ? 'sentAt = :now, ' : ''}expiresAt = :expiresAt REMOVE claimedAt, gsi3pk, gsi3sk, ${BODY_ATTRIBUTES}`
      : 'SET #status = :outcome, updatedAt = :now REMOVE claimedAt',
    ConditionExpression: '#status = :sending AND claimedAt = :claimedAt',
    ExpressionAttributeNames: {
      '#status': 'status',
      ...(finished ? { '#to': 'to', '#text': 'text' } : {}),
    },
    ExpressionAttributeValues: {
      ':outcome': outcome,
      ':now': now.toISOString(),
      ':sending': 'sending',
      ':claimedAt': claim.claimedAt,
      ...(finished ? { ':expiresAt': Math.floor(now.getTime() / 1000) + retentionSeconds } : {}),
    },
  };
}

/** Ends one claimed delivery (settleUpdate); `abortSignal` ends the call at its caller's deadline. */
export async function settleOutboxItem(
  deps: Deps,
  claim: { readonly id: string; readonly claimedAt?: string | undefined },
  outcome: OutboxOutcome,
  abortSignal?: AbortSignal,
): Promise<void> {
  await deps.db.send(new UpdateCommand(settleUpdate(deps, claim, outcome)), { abortSignal });
}

const settledStateSchema = lazySchema(() =>
  z.object({ status: z.string(), claimedAt: z.string().optional() }),
);

/**
 * Whether a claimed delivery now reads as settled with `outcome` (settleUpdate: that status, the
 * claim removed). A settle refused on its condition after a call of it, or the group transaction
 * it was in, was cut off at its deadline, may have been refused because that call reached the
 * table; this tells that apart from a claim someone else took over.
 */
export async function isSettledAs(
  deps: Deps,
  claim: { readonly id: string },
  outcome: OutboxOutcome,
  abortSignal?: AbortSignal,
): Promise<boolean> {
  const { Item } = await deps.db.send(
    new GetCommand({
      TableName: deps.config.TABLE_NAME,
      Key: outboxKey(claim.id),
      ConsistentRead: true,
      ProjectionExpression: '#status, claimedAt',
      ExpressionAttributeNames: { '#status': 'status' },
    }),
    { abortSignal },
  );
  if (Item === undefined) return false;
  const item = settledStateSchema.parse(Item);
  return item.status === outcome && item.claimedAt === undefined;
}

/**
 * Ends several claimed deliveries in one transaction, each on its own condition as
 * settleOutboxItem: all or none. A table that commits one write at a time to its disk (DynamoDB
 * Local under `npm start`) commits a transaction of ten settles in about the time of two single
 * ones.
 */
export async function settleOutboxItems(
  deps: Deps,
  settles: readonly {
    readonly claim: { readonly id: string; readonly claimedAt?: string | undefined };
    readonly outcome: OutboxOutcome;
  }[],
  abortSignal?: AbortSignal,
): Promise<void> {
  await transact(
    deps.db,
    settles.map(({ claim, outcome }) => ({ Update: settleUpdate(deps, claim, outcome) })),
    undefined,
    abortSignal,
  );
}

/**
 * Claims, in one transaction, outbox items as their stream INSERT carried them: still pending and
 * never claimed, so each claimed item is that image with the claim's fields, and no read is
 * needed. Returns the items claimed; one another delivery took first, or that was claimed and
 * handed back since, is left out, for a claim of its own (claimOutboxItem).
 */
export async function claimFreshOutboxItems(
  deps: Deps,
  images: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  let left = images.filter((image) => image.status === 'pending' && image.attempts === 0);
  while (left.length > 0) {
    const claimedAt = deps.now().toISOString();
    try {
      await transact(
        deps.db,
        left.map((image) => ({
          Update: {
            TableName: deps.config.TABLE_NAME,
            Key: outboxKey(String(image.id)),
            UpdateExpression: 'SET #status = :sending, claimedAt = :now, updatedAt = :now, attempts = :one',
            ConditionExpression: '#status = :pending AND attempts = :zero',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':pending': 'pending',
              ':now': claimedAt,
              ':one': 1,
              ':zero': 0,
            },
          },
        })),
      );
      return left.map((image) =>
        outboxItemOf({ ...image, status: 'sending', claimedAt, updatedAt: claimedAt, attempts: 1 }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Nothing was written: try again without the items another delivery holds.
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      left = left.filter((_, index) => reasons[index]?.Code !== 'ConditionalCheckFailed');
    }
  }
  return [];
}

/** The ids of outbox items still pending that were written before `before`, the oldest first. */
export async function* pendingOutboxIds(deps: Deps, before: Date): AsyncGenerator<string> {
  for await (const item of dueItems(deps, 'outbox', before.toISOString())) yield String(item.id);
}

const FINISHED: readonly string[] = ['sent', 'suppressed', 'failed'] satisfies OutboxOutcome[];

const finishedStateSchema = lazySchema(() =>
  z.object({
    status: z.string(),
    updatedAt: z.string(),
    sentAt: z.string().optional(),
    expiresAt: z.number().optional(),
  }),
);

/** An outbox item's state in another table (the table before a restore); undefined when it is gone there. */
async function outboxStateIn(deps: Pick<Deps, 'db'>, tableName: string, id: string) {
  const { Item } = await deps.db.send(
    new GetCommand({
      TableName: tableName,
      Key: outboxKey(id),
      ConsistentRead: true,
      ProjectionExpression: '#status, updatedAt, sentAt, expiresAt',
      ExpressionAttributeNames: { '#status': 'status' },
    }),
  );
  return Item === undefined ? undefined : finishedStateSchema.parse(Item);
}

export interface RestoredOutboxReport {
  /** Items queued before the restore point and still unsent in the restored table. */
  readonly unsent: number;
  /** Of those, finished in the table before the restore: settled alike here, their bodies gone. */
  readonly settled: number;
  /** Gone from the table before the restore (settled, then expired): deleted here. */
  readonly deleted: number;
  /** Could not be read there or written here (logged as `erase.outbox_failed`): left as they were. */
  readonly failed: number;
}

/**
 * After a point-in-time restore to `restorePoint`: the restored table (TABLE_NAME) holds the
 * outbox items that were unsent then, bodies and all, and its mailer would send them again,
 * though the table before the restore (`tableBefore`) has sent them since (and erased their
 * bodies, and perhaps the item). Each is settled as `tableBefore` shows it; one still unsent
 * there stays, for the restored table's mailer. Items queued after the restore point are not
 * `tableBefore`'s and are left alone. Each write holds only while the item is still unsent here.
 * One item that fails (a refused read or write, a state that does not parse) is logged and
 * counted, and the next has its turn: the re-erasure runs after this, and must not wait on a mail.
 */
export async function settleRestoredOutbox(
  deps: Deps,
  tableBefore: string,
  restorePoint: Date,
): Promise<RestoredOutboxReport> {
  const report = { unsent: 0, settled: 0, deleted: 0, failed: 0 };
  const unsent = {
    ConditionExpression: '#status IN (:pending, :sending)',
    ExpressionAttributeValues: { ':pending': 'pending', ':sending': 'sending' },
  };
  for await (const item of dueItems(deps, 'outbox', restorePoint.toISOString())) {
    report.unsent++;
    const id = String(item.id);
    try {
      const before = await outboxStateIn(deps, tableBefore, id);
      if (before !== undefined && !FINISHED.includes(before.status)) continue;
      if (before === undefined) {
        await deps.db.send(
          new DeleteCommand({
            TableName: deps.config.TABLE_NAME,
            Key: outboxKey(id),
            ...unsent,
            ExpressionAttributeNames: { '#status': 'status' },
          }),
        );
        report.deleted++;
        continue;
      }
      const expiresAt =
        before.expiresAt ?? Math.floor(deps.now().getTime() / 1000) + deps.config.RETENTION_DAYS * 86400;
      await deps.db.send(
        new UpdateCommand({
          TableName: deps.config.TABLE_NAME,
          Key: outboxKey(id),
          UpdateExpression: `SET #status = :finished, updatedAt = :updatedAt, ${before.sentAt === undefined ? '' : 'sentAt = :sentAt, '}expiresAt = :expiresAt REMOVE claimedAt, gsi3pk, gsi3sk, ${BODY_ATTRIBUTES}`,
          ...unsent,
          ExpressionAttributeNames: { '#status': 'status', '#to': 'to', '#text': 'text' },
          ExpressionAttributeValues: {
            ...unsent.ExpressionAttributeValues,
            ':finished': before.status,
            ':updatedAt': before.updatedAt,
            ...(before.sentAt === undefined ? {} : { ':sentAt': before.sentAt }),
            ':expiresAt': expiresAt,
          },
        }),
      );
      report.settled++;
    } catch (error) {
      // The restored table's own mailer settled it first: nothing is left to do.
      if (isConditionFailure(error)) continue;
      report.failed++;
      deps.log.error('erase.outbox_failed', { outboxId: id, ...describeError(error) });
    }
  }
  return report;
}
