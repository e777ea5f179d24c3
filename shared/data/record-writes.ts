import type { Deps } from '../deps.ts';
import { Conflict, Gone } from '../domain/errors.ts';
import type { RenderedMail } from '../domain/mail.ts';
import { LINK_GONE_MESSAGE } from '../domain/tokens.ts';
import { type AuditEntry, auditPut } from './audit.ts';
import { isConditionFailure, translateWriteError } from './errors.ts';
import { offerKey, requestKey } from './keys.ts';
import { outboxPuts } from './outbox.ts';
import type { RateLimitUse } from './rate-limits.ts';
import { type TransactItem, transact } from './transact.ts';

export interface RecordWrite {
  /** The partition of the record the change is about (for its audit event). */
  readonly subjectPk: string;
  /** The whole item (offerItem/requestItem of the next state); absent when only tokens and mail are written. */
  readonly item?: Record<string, unknown>;
  /** The version the stored item must have; undefined when the item must not exist yet. */
  readonly expectedVersion: number | undefined;
  readonly audit: Omit<AuditEntry, 'subjectPk'>;
  readonly mail?: RenderedMail;
  /** Token puts, and at most one link condition (see `link`). */
  readonly extra?: readonly TransactItem[];
  /** The item of `extra` that guards the link used; when it fails, the link no longer works (Gone). */
  readonly link?: TransactItem;
  /** Rate-limit windows the change counts against; when one is full, nothing is written (TooManyRequests). */
  readonly limits?: readonly RateLimitUse[];
}

/**
 * For a write that relies on another record as read (a merge takes what a chat's record holds):
 * fails (Conflict) when that record was written since, so the writer reads it again.
 */
export function recordUnchangedCheck(
  table: string,
  record: { kind: 'offer' | 'request'; id: string; version: number },
): TransactItem {
  return {
    ConditionCheck: {
      TableName: table,
      Key: record.kind === 'offer' ? offerKey(record.id) : requestKey(record.id),
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': record.version },
    },
  };
}

function failedAt(error: unknown): number[] {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [index] : []));
}

/**
 * Writes an offer or request whole (or, without `item`, only what a change about it issues), with its audit event, its mail and its tokens, in one
 * TransactWriteItems under optimistic concurrency: either all of it happens or none of it.
 */
export async function writeRecord(deps: Deps, write: RecordWrite): Promise<void> {
  const now = deps.now();
  const table = deps.config.TABLE_NAME;
  const recordPut: TransactItem | undefined = write.item && {
    Put: {
      TableName: table,
      Item: write.item,
      ...(write.expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': write.expectedVersion },
          }),
    },
  };
  const items: TransactItem[] = [
    ...(recordPut ? [recordPut] : []),
    auditPut(table, { ...write.audit, subjectPk: write.subjectPk }, now),
    ...(write.mail ? outboxPuts(table, write.mail, now) : []),
    ...(write.link ? [write.link] : []),
    ...(write.extra ?? []),
    ...(write.limits ?? []).map((limit) => limit.item),
  ];
  try {
    await transact(deps.db, items);
  } catch (error) {
    if (isConditionFailure(error)) {
      const failed = failedAt(error);
      const full = (write.limits ?? []).find((limit) => failed.includes(items.indexOf(limit.item)));
      if (full) throw full.refusal();
      const linkIndex = write.link ? items.indexOf(write.link) : -1;
      if (linkIndex >= 0 && failed.includes(linkIndex)) throw new Gone(LINK_GONE_MESSAGE, { cause: error });
      throw new Conflict('It was changed at the same time by someone else. Please reload and try again.', {
        cause: error,
      });
    }
    translateWriteError(error, 'record write');
  }
}
