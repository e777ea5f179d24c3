import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/http/app.ts';
import { type CallCost, type CallTally, callTally } from '../support/call-tally.ts';
import { useTestTable } from '../support/table.ts';
import { lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';

const table = useTestTable();
let tally: CallTally;
let app: ReturnType<typeof createApp>;
let ip = 0;

beforeAll(() => {
  tally = callTally(table);
  app = createApp(table.deps({ db: tally.db }));
});

const env = () => ({ requestContext: { http: { sourceIp: `198.51.100.${++ip}` } } });

const postJson = (path: string, value: unknown) =>
  app.request(
    `http://localhost${path}`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) },
    env(),
  );

const press = {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'decision=confirm',
};

/** Calls by kind, and the items of each transaction kind: what the counts below pin. */
const shape = (tally: Record<string, CallCost>) =>
  Object.fromEntries(
    Object.entries(tally).map(([name, cost]) => [
      name,
      name.startsWith('TransactWrite') ? `${cost.calls} × ${cost.items / cost.calls} items` : cost.calls,
    ]),
  );

/**
 * What one submission and one confirmation cost DynamoDB, counted on DynamoDB Local: every call
 * of the surge's path (post, open the link, press it) by kind. A call added here is a call per
 * person in a surge, so the counts are pinned; docs/matching.md "What a submission costs".
 */
describe('what one submission and one confirmation cost the table', () => {
  const confirmed = async (kind: 'offer' | 'request', sent: { email: string }) => {
    let status = 0;
    const submitted = await tally.during(async () => {
      status = (await postJson(`/api/v1/${kind}s`, sent)).status;
    });
    expect(status).toBe(201);
    const { confirm } = linksIn((await lastMailTo(table, sent.email)).text);
    const opened = await tally.during(async () => {
      status = (await app.request(`/confirm/${confirm}`, {}, env())).status;
    });
    expect(status).toBe(200);
    const pressed = await tally.during(async () => {
      status = (await app.request(`/confirm/${confirm}`, press, env())).status;
    });
    expect(status).toBe(303);
    return { submitted: shape(submitted), opened: shape(opened), pressed: shape(pressed) };
  };

  it('an offer: its source address’s and its mailbox’s windows, its block, its address’s records and one transaction; the link its token and record twice, and one transaction', async () => {
    expect(await confirmed('offer', offerInput())).toEqual({
      submitted: {
        'GetItem RATE#submit-ip': 1,
        'GetItem RATE#submit-email': 1,
        'GetItem BLOCKED': 1,
        'GetItem ADDRESS': 1,
        'Query gsi2 EMAIL': 1,
        TransactWriteItems: '1 × 14 items',
      },
      opened: { 'GetItem TOKEN': 1, 'GetItem OFFER': 1 },
      pressed: { 'GetItem TOKEN': 1, 'GetItem OFFER': 1, TransactWriteItems: '1 × 9 items' },
    });
  });

  it('a request: the same, and the address’s offers (a chat that proved it may hold its stay)', async () => {
    expect(await confirmed('request', requestInput())).toEqual({
      submitted: {
        'GetItem RATE#submit-ip': 1,
        'GetItem RATE#submit-email': 1,
        'GetItem BLOCKED': 1,
        'GetItem ADDRESS': 2,
        'Query gsi2 EMAIL': 2,
        TransactWriteItems: '1 × 14 items',
      },
      opened: { 'GetItem TOKEN': 1, 'GetItem REQUEST': 1 },
      pressed: { 'GetItem TOKEN': 1, 'GetItem REQUEST': 1, TransactWriteItems: '1 × 9 items' },
    });
  });
});
