import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { auditPut } from './audit.ts';
import { offerKey, requestKey, telegramIndex, telegramLookupKey, telegramPartition } from './keys.ts';
import { queryAll } from './query.ts';

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

/**
 * Puts on the history of every record of a chat that a notice did not reach it (the person
 * blocked the bot or deleted the chat), and whether it went to their address instead: where the
 * coordinators look at the person, they learn that Haven's messages no longer reach them.
 */
export async function auditChatUnreachable(
  deps: Deps,
  chatId: string,
  mailedInstead: boolean,
  abortSignal?: AbortSignal,
): Promise<void> {
  const records = await recordsByTelegram(deps, 'chat', chatId);
  const now = deps.now();
  await Promise.all(
    records.map(({ kind, id }) =>
      deps.db.send(
        new PutCommand(
          auditPut(
            deps.config.TABLE_NAME,
            {
              subjectPk: (kind === 'offer' ? offerKey : requestKey)(id).pk,
              action: mailedInstead ? 'telegram-unreachable-mailed' : 'telegram-unreachable',
              actor: 'process:mailer',
            },
            now,
          ).Put,
        ),
        { abortSignal },
      ),
    ),
  );
}
