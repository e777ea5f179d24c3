import { Conflict, Unavailable } from '../domain/errors.ts';

const RETRYABLE = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);

const nameOf = (error: unknown) => (error instanceof Error ? error.name : '');

/** True when DynamoDB refused because a condition did not hold (someone else changed the item). */
export function isConditionFailure(error: unknown): boolean {
  const name = nameOf(error);
  if (name === 'ConditionalCheckFailedException') return true;
  if (name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
}

/** True when a transaction lost to another one writing the same items at the same moment. */
export function isTransactionConflict(error: unknown): boolean {
  if (nameOf(error) === 'TransactionConflictException') return true;
  if (nameOf(error) !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code === 'TransactionConflict');
}

/** True when the failure is load or contention: the same call may succeed later. */
export function isTransient(error: unknown): boolean {
  if (RETRYABLE.has(nameOf(error))) return true;
  if (nameOf(error) !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code === 'TransactionConflict' || reason.Code === 'ThrottlingError');
}

/** Maps a DynamoDB failure onto the error model; anything unknown is rethrown untouched. */
export function translateWriteError(error: unknown, conflictMessage: string): never {
  if (isConditionFailure(error)) throw new Conflict(conflictMessage, { cause: error });
  if (isTransient(error)) throw new Unavailable('The database is busy; try again shortly.', { cause: error });
  throw error;
}

/** Maps load and contention on reads onto Unavailable, as writes are, so a page can say "try again". */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return translateWriteError(error, 'read');
  }
}
