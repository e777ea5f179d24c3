import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import { Unavailable } from '../domain/errors.ts';
import { isConditionFailure } from './errors.ts';
import { forgetFields, renewalParts } from './forgetting.ts';
import { emailHash } from './items.ts';
import { suppressionKey } from './keys.ts';
import { TTL_ATTRIBUTE } from './table.ts';

/**
 * Why an address is suppressed: SES reported a permanent bounce or a complaint, or an SMTP
 * server refused the recipient with a permanent (5xx) answer.
 */
export type SuppressionReason = 'bounce' | 'complaint' | 'refused';

/**
 * Stops all mail to the address. The item holds only the address's hash, the reason and when;
 * an address already suppressed keeps its first entry. It stands while a record of the address
 * holds personal data, and goes RETENTION_DAYS after the last is erased, or after it was
 * written when the address has no record (data/forgetting.ts): it is a hash of an address.
 */
export async function suppressAddress(
  deps: Deps,
  email: string,
  reason: SuppressionReason,
  abortSignal?: AbortSignal,
): Promise<'suppressed' | 'already'> {
  const at = deps.now().toISOString();
  const key = suppressionKey(emailHash(email));
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.config.TABLE_NAME,
        Item: {
          ...key,
          kind: 'suppression',
          reason,
          createdAt: at,
          ...forgetFields(deps.config, key.pk, at),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
      { abortSignal },
    );
    return 'suppressed';
  } catch (error) {
    if (isConditionFailure(error)) return 'already';
    throw error;
  }
}

/** The most keys one BatchGetItem takes. */
const BATCH_GET_KEYS = 100;
/**
 * Reads of the keys DynamoDB left unprocessed (it does when the table is throttled), each after a
 * longer wait (UNPROCESSED_BACKOFF_MS x 1, 2, 4 …): past them the read fails, and so does the send.
 */
const UNPROCESSED_ROUNDS = 5;
const UNPROCESSED_BACKOFF_MS = 20;

/**
 * Which of these addresses mail must not go to: one BatchGetItem per hundred distinct addresses
 * (a surge's mailer read each with its own GetItem, 7,825 of them), the keys DynamoDB leaves
 * unprocessed asked again with backoff. It throws rather than answer from part of the list, so a
 * read that fails, or keys still unprocessed after UNPROCESSED_ROUNDS, fail the send: no mail
 * goes to an address because its suppression could not be read. `abortSignal` ends the reads
 * and the waits between them at their caller's deadline.
 */
export async function suppressedAmong(
  deps: Deps,
  emails: readonly string[],
  abortSignal?: AbortSignal,
): Promise<Set<string>> {
  // One key per address hash: a BatchGetItem refuses a key asked twice (`Ana@` and `ana@` are one).
  const byPk = new Map<string, { key: ReturnType<typeof suppressionKey>; emails: string[] }>();
  for (const email of emails) {
    const key = suppressionKey(emailHash(email));
    const entry = byPk.get(key.pk) ?? { key, emails: [] };
    entry.emails.push(email);
    byPk.set(key.pk, entry);
  }
  const keys = [...byPk.values()].map((entry) => entry.key);
  const parts = Array.from({ length: Math.ceil(keys.length / BATCH_GET_KEYS) }, (_, part) =>
    keys.slice(part * BATCH_GET_KEYS, (part + 1) * BATCH_GET_KEYS),
  );
  const found = await Promise.all(parts.map((part) => suppressedKeys(deps, part, abortSignal)));
  return new Set(found.flat().flatMap((pk) => byPk.get(pk)?.emails ?? []));
}

/** The pks among these suppression keys (at most BATCH_GET_KEYS) that hold an item. */
async function suppressedKeys(
  deps: Deps,
  keys: readonly Record<string, unknown>[],
  abortSignal: AbortSignal | undefined,
): Promise<string[]> {
  const table = deps.config.TABLE_NAME;
  const found: string[] = [];
  let asked = keys;
  for (let round = 0; asked.length > 0; round++) {
    if (round > UNPROCESSED_ROUNDS)
      throw new Unavailable(`${asked.length} suppressions stayed unread: the table is too busy now.`);
    if (round > 0) await sleep(UNPROCESSED_BACKOFF_MS * 2 ** (round - 1), undefined, { signal: abortSignal });
    const { Responses, UnprocessedKeys } = await deps.db.send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: [...asked], ProjectionExpression: 'pk' } } }),
      { abortSignal },
    );
    for (const item of Responses?.[table] ?? []) found.push(String(item.pk));
    asked = UnprocessedKeys?.[table]?.Keys ?? [];
  }
  return found;
}

/**
 * For the transaction that erases or deletes a record with this address: renews the address's
 * suppression, read now, so it goes RETENTION_DAYS after the last record of the address is
 * erased; none when the address is not suppressed.
 */
export async function suppressionRenewals(deps: Deps, email: string, at: string) {
  if (email.trim() === '') return [];
  const key = suppressionKey(emailHash(email));
  const { Item } = await deps.db.send(
    new GetCommand({
      TableName: deps.config.TABLE_NAME,
      Key: key,
      ConsistentRead: true,
      ProjectionExpression: 'pk',
    }),
  );
  if (Item === undefined) return [];
  const renewal = renewalParts(deps.config, key.pk, at);
  return [
    {
      Update: {
        TableName: deps.config.TABLE_NAME,
        Key: key,
        // One written before suppressions went with the person loses its year-long TTL, which
        // would delete it while a record of the address still holds data.
        UpdateExpression: `SET ${renewal.set} REMOVE ${TTL_ATTRIBUTE} ADD ${renewal.add}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: renewal.values,
      },
    },
  ];
}
