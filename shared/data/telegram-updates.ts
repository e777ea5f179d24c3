import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import { isConditionFailure } from './errors.ts';
import { telegramUpdateKey } from './keys.ts';

/**
 * How long an update's marker is kept. Telegram stops redelivering an update after 24 hours;
 * a week leaves room for a webhook that was down and an operator replaying its queue.
 */
export const TELEGRAM_UPDATE_MARKER_DAYS = 7;

/**
 * Takes an update in once: true for the first delivery of this update_id, false for a repeat
 * (Telegram redelivers whatever it did not see answered with a 200). The marker holds no content.
 */
export async function claimTelegramUpdate(deps: Deps, updateId: number): Promise<boolean> {
  const now = deps.now();
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.config.TABLE_NAME,
        Item: {
          ...telegramUpdateKey(updateId),
          kind: 'telegram-update',
          createdAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + TELEGRAM_UPDATE_MARKER_DAYS * 86400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Lets an update that failed half-way be taken in again when Telegram redelivers it. */
export async function releaseTelegramUpdate(deps: Deps, updateId: number): Promise<void> {
  await deps.db.send(
    new DeleteCommand({ TableName: deps.config.TABLE_NAME, Key: telegramUpdateKey(updateId) }),
  );
}
