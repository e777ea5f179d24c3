/** One error model for the whole service; `onError` turns it into the documented shape. */
export interface IssueDetail {
  readonly path: string;
  readonly message: string;
  /** A stable reason (zod's issue code or ours) that pages translate into the reader's language. */
  readonly code?: string;
  /** For `unknown_city`: the nearest spellings we know in that country, best first. */
  readonly suggestions?: readonly string[];
}

export abstract class AppError extends Error {
  /** Written out in each class: a minified bundle renames classes (README, "Cold start"). */
  abstract override readonly name: string;
  abstract readonly status: 400 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;
  abstract readonly code: string;
  readonly issues: readonly IssueDetail[];

  constructor(message: string, options?: { cause?: unknown; issues?: readonly IssueDetail[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.issues = options?.issues ?? [];
  }
}

export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  readonly status = 400;
  readonly code = 'validation_failed';
}

export class BadRequest extends AppError {
  override readonly name = 'BadRequest';
  readonly status = 400;
  readonly code = 'bad_request';
}

/** A form whose CSRF token is missing or wrong: nothing was changed. */
export class Forbidden extends AppError {
  override readonly name = 'Forbidden';
  readonly status = 403;
  readonly code = 'forbidden';
}

export class NotFound extends AppError {
  override readonly name = 'NotFound';
  readonly status = 404;
  readonly code = 'not_found';
}

export class Conflict extends AppError {
  override readonly name = 'Conflict';
  readonly status = 409;
  readonly code = 'conflict';
}

/**
 * An erasure that another write overtook on every try: nothing was erased, and pressing again may
 * erase. Its name stays Conflict's (a readonly literal); tell it apart with instanceof.
 */
export class ErasureOvertaken extends Conflict {}

export class Gone extends AppError {
  override readonly name = 'Gone';
  readonly status = 410;
  readonly code = 'gone';
}

export class PayloadTooLarge extends AppError {
  override readonly name = 'PayloadTooLarge';
  readonly status = 413;
  readonly code = 'payload_too_large';
}

export class UnsupportedMediaType extends AppError {
  override readonly name = 'UnsupportedMediaType';
  readonly status = 415;
  readonly code = 'unsupported_media_type';
}

/**
 * What a full window counted, so a person is told what to wait with: forms sent from one place,
 * forms for one mailbox or from one Telegram chat, coordinator sign-ins from one place, or every
 * submission to the service.
 */
export type RateLimited =
  | 'submissions'
  | 'mailbox-submissions'
  | 'chat-submissions'
  | 'sign-ins'
  | 'all-submissions';

export class TooManyRequests extends AppError {
  override readonly name = 'TooManyRequests';
  readonly status = 429;
  readonly code = 'rate_limited';

  /** Seconds until the limit's window ends: the response's Retry-After. */
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly counted: RateLimited = 'submissions',
  ) {
    super(message);
  }
}

/** A dependency (the table, the mail service) is unreachable or throttling: try again later. */
export class Unavailable extends AppError {
  override readonly name = 'Unavailable';
  readonly status = 503;
  readonly code = 'unavailable';
}
