import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import { batchGetItems } from './batch-get.ts';
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

/**
 * How many times the suppressions DynamoDB left unread (it does when the table is throttled) are
 * asked again, after a longer wait each time (data/batch-get.ts): past them the read fails, and so
 * does the send.
 */
const UNPROCESSED_RETRIES = 5;

/**
 * Which of these addresses mail must not go to: one BatchGetItem per hundred distinct addresses
 * (a surge's mailer read each with its own GetItem, 7,825 of them), the keys DynamoDB leaves
 * unprocessed asked again with backoff. It throws rather than answer from part of the list, so a
 * read that fails, or keys still unprocessed after UNPROCESSED_RETRIES, fail the send: no mail
 * goes to an address because its suppression could not be read. `abortSignal` ends the reads
 * and the waits between them at their caller's deadline.
 */
export async function suppressedAmong(
  deps: Deps,
  emails: readonly string[],
  abortSignal?: AbortSignal,
): Promise<Set<string>> {
  // One key per address hash (`Ana@` and `ana@` are one).
  const byPk = new Map<string, string[]>();
  const keys = emails.map((email) => {
    const key = suppressionKey(emailHash(email));
    byPk.set(key.pk, [...(byPk.get(key.pk) ?? []), email]);
    return key;
  });
  const found = await batchGetItems(deps.db, deps.config.TABLE_NAME, keys, {
    projection: 'pk',
    retries: UNPROCESSED_RETRIES,
    abortSignal,
  });
  return new Set(found.flatMap((item) => byPk.get(String(item.pk)) ?? []));
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
