import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import { TooManyRequests } from '../domain/errors.ts';
import { isConditionFailure, translateWriteError } from './errors.ts';
import { rateLimitKey } from './keys.ts';

export interface RateLimit {
  /** What is counted, e.g. `submit-ip`; part of the key, never personal data. */
  readonly scope: string;
  readonly limit: number;
  readonly windowSeconds: number;
  /** What the refusal tells the client. */
  readonly message: string;
}

const SUBMISSIONS_MESSAGE = 'Too many submissions in a short time. Please try again later.';

/** Submissions per source address: generous, since a shelter's Wi-Fi may serve many people. */
export const SUBMIT_PER_IP: RateLimit = {
  scope: 'submit-ip',
  limit: 30,
  windowSeconds: 3600,
  message: SUBMISSIONS_MESSAGE,
};
/** Submissions per email address: a person fixing a typo resubmits a few times, a bot many. */
export const SUBMIT_PER_EMAIL: RateLimit = {
  scope: 'submit-email',
  limit: 5,
  windowSeconds: 3600,
  message: SUBMISSIONS_MESSAGE,
};
/**
 * Place completions per source address: the one unauthenticated read of the gazetteer. The forms
 * ask once per pause in typing, so even a shelter full of people typing stays far below this.
 */
export const PLACES_PER_IP: RateLimit = {
  scope: 'places-ip',
  limit: 120,
  windowSeconds: 60,
  message: 'Too many place lookups in a short time. Please try again in a minute.',
};

// Subjects (IP addresses, emails) are personal data: only their hash reaches a key.
const hashSubject = (subject: string) =>
  createHash('sha256').update(subject.trim().toLowerCase()).digest('hex');

/**
 * Counts one use against a fixed window and refuses (TooManyRequests) once the window is full.
 * One conditional update per check: the counter item expires by TTL after its window.
 */
export async function takeRateLimit(deps: Deps, rule: RateLimit, subject: string): Promise<void> {
  const now = deps.now();
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.config.TABLE_NAME,
        Key: rateLimitKey(rule.scope, hashSubject(subject), new Date(windowStart).toISOString()),
        UpdateExpression:
          'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :expiresAt), kind = :kind',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': rule.limit,
          ':kind': 'rate-limit',
          ':expiresAt': Math.floor((windowStart + windowMs) / 1000) + 60,
        },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) {
      throw new TooManyRequests(rule.message, Math.ceil((windowStart + windowMs - now.getTime()) / 1000));
    }
    translateWriteError(error, 'rate limit');
  }
}
