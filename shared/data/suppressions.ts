import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import { isConditionFailure } from './errors.ts';
import { emailHash } from './items.ts';
import { suppressionKey } from './keys.ts';

/**
 * Why an address is suppressed: SES reported a permanent bounce or a complaint, or an SMTP
 * server refused the recipient with a permanent (5xx) answer.
 */
export type SuppressionReason = 'bounce' | 'complaint' | 'refused';

/**
 * How long an address stays suppressed. Long enough that a dead mailbox or a complaint is not
 * mailed again for the life of a request; not for ever, since the item is a hash of an address.
 */
export const SUPPRESSION_DAYS = 365;

/**
 * Stops all mail to the address. The item holds only the address's hash, the reason and when;
 * an address already suppressed keeps its first entry.
 */
export async function suppressAddress(
  deps: Deps,
  email: string,
  reason: SuppressionReason,
  abortSignal?: AbortSignal,
): Promise<'suppressed' | 'already'> {
  const now = deps.now();
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.config.TABLE_NAME,
        Item: {
          ...suppressionKey(emailHash(email)),
          kind: 'suppression',
          reason,
          createdAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + SUPPRESSION_DAYS * 86400,
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

/** Which of these addresses mail must not go to; `abortSignal` ends the reads at their caller's deadline. */
export async function suppressedAmong(
  deps: Deps,
  emails: readonly string[],
  abortSignal?: AbortSignal,
): Promise<Set<string>> {
  const found = await Promise.all(
    emails.map(async (email) => {
      const { Item } = await deps.db.send(
        new GetCommand({
          TableName: deps.config.TABLE_NAME,
          Key: suppressionKey(emailHash(email)),
          ProjectionExpression: 'pk',
        }),
        { abortSignal },
      );
      return Item ? [email] : [];
    }),
  );
  return new Set(found.flat());
}
