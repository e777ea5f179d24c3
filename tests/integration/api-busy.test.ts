import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/data/client.ts';
import { createApp } from '../../shared/http/app.ts';
import { BUSY_RETRY_AFTER_SECONDS } from '../../shared/http/errors.ts';
import { testClient, useTestTable } from '../support/table.ts';
import { requestInput } from './intake-support.ts';

const table = useTestTable();

/** A table client whose reads time out, as the SDK's do when the database is swamped. */
function timingOutClient() {
  const client = testClient(table);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'GetItemCommand') {
        const error = new Error('Connection timed out after 30000 ms');
        error.name = 'TimeoutError';
        throw error;
      }
      return next(args);
    },
    { step: 'initialize', name: 'timeOut' },
  );
  return createDocumentClient(client);
}

describe('a busy database', () => {
  it('answers a submission whose reads time out with 503 in the documented shape and a Retry-After of a few seconds, not 500', async () => {
    const app = createApp(table.deps({ db: timingOutClient() }));

    const response = await app.request(
      'http://localhost/api/v1/requests',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(requestInput()),
      },
      { requestContext: { http: { sourceIp: '203.0.113.77' } } },
    );

    expect(response.status).toBe(503);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(BUSY_RETRY_AFTER_SECONDS.min);
    expect(retryAfter).toBeLessThanOrEqual(BUSY_RETRY_AFTER_SECONDS.max);
    expect(await response.json()).toEqual({
      error: { code: 'unavailable', message: expect.any(String), issues: [] },
    });
  });
});
