import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { telegramIndex, telegramLookupKey, telegramPartition, unreachableChatKey } from './keys.ts';
import { queryAll } from './query.ts';
import { TTL_ATTRIBUTE } from './table.ts';

type Kind = 'offer' | 'request';
type By = 'chat' | 'username';

/**
 * A person who came through the bot may have no email address: their chat is what identifies
 * them (for de-duplication, erasure and the coordinators' search), and their username is what
 * an operator or a coordinator is told. Both are personal data, so only their hashes are keys.
 */
const telegramHash = (by: By, value: string) =>
  createHash('sha256')
    .update(`telegram-${by}:${value.trim().replace(/^@/, '').toLowerCase()}`)
    .digest('hex');

/**
 * What the address registry (address-registry.ts) files a chat's records under. It holds no
 * `@`, so it is never an email address.
 */
export const chatAddress = (chatId: string) => `telegram:${chatId}`;

const lookupSchema = lazySchema(() =>
  z.object({
    kind: z.literal('telegram-lookup'),
    recordKind: z.enum(['offer', 'request']),
    recordId: z.string().min(1),
  }),
);

function lookupItem(record: OfferRecord | RequestRecord, by: By) {
  const value = by === 'chat' ? record.telegramChatId : record.telegramUsername;
  if (value === undefined) return undefined;
  return {
    ...telegramLookupKey(record.kind, record.id, by),
    ...telegramIndex(by, telegramHash(by, value), record.kind, record.id),
    kind: 'telegram-lookup',
    recordKind: record.kind,
    recordId: record.id,
  };
}

/** A record's Telegram lookup items as it now is: none without a chat; erasure deletes them (intake-records.ts saveErased). */
export function telegramLookupItems(record: OfferRecord | RequestRecord) {
  return (['chat', 'username'] as const).flatMap((by) => lookupItem(record, by) ?? []);
}

/** For the transaction that writes a record: its Telegram lookups as the record now is, or their removal. */
export function telegramLookupWrites(table: string, record: OfferRecord | RequestRecord) {
  return (['chat', 'username'] as const).map((by) => {
    const item = lookupItem(record, by);
    return item
      ? { Put: { TableName: table, Item: item } }
      : { Delete: { TableName: table, Key: telegramLookupKey(record.kind, record.id, by) } };
  });
}

/** The records tied to a chat id, or to a username (with or without its `@`; any case): gsi2, one Query. */
export async function recordsByTelegram(
  deps: Deps,
  by: By,
  value: string,
  kind?: Kind,
): Promise<{ kind: Kind; id: string }[]> {
  const items = await queryAll(deps.db, {
    TableName: deps.config.TABLE_NAME,
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': telegramPartition(by, telegramHash(by, value)) },
  });
  return items
    .map((item) => lookupSchema.parse(item))
    .filter((lookup) => kind === undefined || lookup.recordKind === kind)
    .map((lookup) => ({ kind: lookup.recordKind, id: lookup.recordId }));
}

/** How long a chat that refused a notice stays marked, unless its person writes to the bot first. */
const UNREACHABLE_MARK_MS = 30 * 86400_000;

/** When a chat last refused a notice, and whether the person's address took it instead. */
export interface UnreachableChat {
  readonly at: string;
  readonly mailed: boolean;
}

const unreachableSchema = lazySchema(() =>
  z.object({ at: z.iso.datetime(), mailed: z.boolean(), [TTL_ATTRIBUTE]: z.number() }),
);

/**
 * Marks a chat that refused a notice (the person blocked the bot or deleted their account), and
 * whether their address took it instead: each of their records' pages tells the coordinators
 * (readChatUnreachable). The mark holds the chat's hash, when, and that one fact; it goes
 * UNREACHABLE_MARK_MS after the last refusal, or when the person writes to the bot again, or
 * with the erasure of a record of the chat (clearChatUnreachable). It is a mark of its own, not
 * an event on each record, because the mailer may write only its own kinds of item.
 *
 * A notice claimed before its person's erasure may be refused after it, once the erasure has
 * cleared the mark: so the chat's records are read after the mark is written, and a chat with
 * none left (erasure deletes their lookups first, then clears the mark) loses the mark again.
 * Either the read sees the erasure, or the mark came before it and the erasure clears it; only
 * the index's own lag (in AWS, eventually consistent) can leave one for its 30 days.
 */
export async function markChatUnreachable(
  deps: Deps,
  chatId: string,
  mailed: boolean,
  abortSignal?: AbortSignal,
): Promise<void> {
  const now = deps.now();
  await deps.db.send(
    new PutCommand({
      TableName: deps.config.TABLE_NAME,
      Item: {
        ...unreachableChatKey(telegramHash('chat', chatId)),
        kind: 'chat-unreachable',
        at: now.toISOString(),
        mailed,
        [TTL_ATTRIBUTE]: Math.floor((now.getTime() + UNREACHABLE_MARK_MS) / 1000),
      },
    }),
    { abortSignal },
  );
  if ((await recordsByTelegram(deps, 'chat', chatId)).length === 0)
    await clearChatUnreachable(deps, chatId, abortSignal);
}

/** Whether a chat refused a notice lately (markChatUnreachable): a mark past its time counts as gone. */
export async function readChatUnreachable(deps: Deps, chatId: string): Promise<UnreachableChat | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({
      TableName: deps.config.TABLE_NAME,
      Key: unreachableChatKey(telegramHash('chat', chatId)),
    }),
  );
  if (Item === undefined) return undefined;
  const mark = unreachableSchema.parse(Item);
  // DynamoDB deletes an expired item within days, not at once.
  if (mark[TTL_ATTRIBUTE] * 1000 <= deps.now().getTime()) return undefined;
  return { at: mark.at, mailed: mark.mailed };
}

/** The person wrote to the bot (their chat takes notices again), or their chat's data goes. */
export async function clearChatUnreachable(
  deps: Deps,
  chatId: string,
  abortSignal?: AbortSignal,
): Promise<void> {
  await deps.db.send(
    new DeleteCommand({
      TableName: deps.config.TABLE_NAME,
      Key: unreachableChatKey(telegramHash('chat', chatId)),
    }),
    { abortSignal },
  );
}
