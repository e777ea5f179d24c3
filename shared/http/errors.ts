import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, type IssueDetail } from '../domain/errors.ts';
import { describeError, type Logger } from '../log.ts';

export interface ErrorBody {
  error: { code: string; message: string; issues: IssueDetail[] };
}

const body = (code: string, message: string, issues: readonly IssueDetail[] = []): ErrorBody => ({
  error: { code, message, issues: [...issues] },
});

/** The one place errors become responses: the documented JSON shape, never a stack. */
export function handleError(error: Error, c: Context, log: Logger): Response {
  if (error instanceof AppError) {
    if (error.status >= 500)
      log.warn('request.unavailable', { path: c.req.routePath, ...describeError(error.cause) });
    return c.json(body(error.code, error.message, error.issues), error.status);
  }
  if (error instanceof HTTPException && error.status < 500) {
    return c.json(body('bad_request', 'The request could not be read.'), error.status);
  }
  log.error('request.failed', { path: c.req.routePath, method: c.req.method, ...describeError(error) });
  return c.json(body('internal', 'Something went wrong on our side. Please try again.'), 500);
}

export function handleNotFound(c: Context): Response {
  return c.json(body('not_found', 'There is nothing at this address.'), 404);
}
