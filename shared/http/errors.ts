import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isTransient } from '../data/errors.ts';
import {
  AppError,
  type IssueDetail,
  type RateLimited,
  TooManyRequests,
  Unavailable,
} from '../domain/errors.ts';
import { describeError, type Logger } from '../log.ts';
import type { ErrorKind } from './pages/notice-pages.tsx';
import { errorPageResponse, wantsPage } from './pages/render.ts';

export interface ErrorBody {
  error: { code: string; message: string; issues: IssueDetail[] };
}

const body = (code: string, message: string, issues: readonly IssueDetail[] = []): ErrorBody => ({
  error: { code, message, issues: [...issues] },
});

/**
 * Seconds a client told the service is busy (503) waits before trying again: a few, spread at
 * random, so that the clients turned away in one moment of overload do not all return in the
 * same one and bring it back.
 */
export const BUSY_RETRY_AFTER_SECONDS = { min: 2, max: 6 } as const;

const busyRetryAfter = () =>
  BUSY_RETRY_AFTER_SECONDS.min +
  Math.floor(Math.random() * (BUSY_RETRY_AFTER_SECONDS.max - BUSY_RETRY_AFTER_SECONDS.min + 1));

/** People on pages get an error page in their language; the API and tools get the JSON shape. */
function respond(c: Context, status: ContentfulStatusCode, json: ErrorBody, kind?: ErrorKind): Response {
  return wantsPage(c) ? errorPageResponse(c, status, kind) : c.json(json, status);
}

/** A refusal's own page: signing in too often is not sending too many forms. */
const LIMITED_PAGE: Readonly<Record<RateLimited, ErrorKind>> = {
  submissions: 'rateLimited',
  'mailbox-submissions': 'mailboxLimited',
  'chat-submissions': 'chatLimited',
  'sign-ins': 'signInLimited',
  'all-submissions': 'serviceLimited',
};

/** The one place errors become responses: the documented JSON shape, never a stack. */
export function handleError(error: Error, c: Context, log: Logger): Response {
  if (error instanceof AppError) {
    if (error instanceof TooManyRequests) c.header('Retry-After', String(error.retryAfterSeconds));
    if (error instanceof Unavailable) c.header('Retry-After', String(busyRetryAfter()));
    if (error.status >= 500)
      log.warn('request.unavailable', { path: c.req.routePath, ...describeError(error.cause) });
    const kind = error instanceof TooManyRequests ? LIMITED_PAGE[error.counted] : undefined;
    return respond(c, error.status, body(error.code, error.message, error.issues), kind);
  }
  if (error instanceof HTTPException && error.status < 500) {
    return respond(
      c,
      error.status as ContentfulStatusCode,
      body('bad_request', 'The request could not be read.'),
    );
  }
  // A read that timed out or was throttled under load is the service being busy, not broken: the
  // client may try again (a surge on a laptop's DynamoDB Local answered 3,863 of these with 500).
  if (isTransient(error))
    return handleError(new Unavailable('The service is busy; try again shortly.', { cause: error }), c, log);
  log.error('request.failed', { path: c.req.routePath, method: c.req.method, ...describeError(error) });
  return respond(c, 500, body('internal', 'Something went wrong on our side. Please try again.'));
}

export function handleNotFound(c: Context): Response {
  return respond(c, 404, body('not_found', 'There is nothing at this address.'));
}
