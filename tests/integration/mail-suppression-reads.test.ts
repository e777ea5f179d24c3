import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/data/client.ts';
import { outboxKey } from '../../shared/data/keys.ts';
import { suppressAddress, suppressedAmong } from '../../shared/data/suppressions.ts';
import { Unavailable } from '../../shared/domain/errors.ts';
import { createMailer, type MailerOptions } from '../../shared/mail/mailer.ts';
import type { MailTransport } from '../../shared/mail/transports.ts';
import { callTally } from '../support/call-tally.ts';
import { queuedOutboxItem, streamImage } from '../support/streams.ts';
import { type TestTable, testClient, useTestTable } from '../support/table.ts';

/**
 * The mailer reads the suppressions of a batch's recipients with BatchGetItem, a hundred keys a
 * call (it was one GetItem per recipient: 7,825 reads in a full surge), and fails closed: a read
 * that fails, or keys DynamoDB leaves unprocessed past the retries, send nothing.
 */

const table = useTestTable();

const fastOptions: MailerOptions = {
  sendAttempts: 1,
  backoffMs: 5,
  tableCallMs: 10_000,
  claimTimeoutMs: 60_000,
  sweepAfterMs: 0,
  maxClaims: 3,
  concurrency: 10,
};

const addresses = (role: string, count: number) => {
  const run = randomUUID().slice(0, 8);
  return Array.from({ length: count }, (_, n) => `${role}-${run}-${n}@haven.test`);
};

/** A transport that takes every mail and records whom it went to. */
const recording = (sent: string[][]): MailTransport => ({
  name: 'ses',
  send: async (message) => {
    sent.push([...message.to]);
    return { refused: [] };
  },
});

/** One outbox item per recipient, written, with the stream records that carry them to the mailer. */
async function enqueue(recipients: readonly string[]): Promise<{ ids: string[]; records: DynamoDBRecord[] }> {
  const ids: string[] = [];
  const records: DynamoDBRecord[] = [];
  for (const [n, to] of recipients.entries()) {
    const item = await queuedOutboxItem(table, {
      template: 'test',
      to: [to],
      locale: 'en',
      subject: 'Hello',
      text: 'Hello',
      html: '<p>Hello</p>',
    });
    ids.push(item.id);
    records.push({
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: String(n + 1).padStart(21, '0'), NewImage: streamImage(item) },
    });
  }
  return { ids, records };
}

const statusOf = async (id: string) =>
  (await table.db.send(new GetCommand({ TableName: table.tableName, Key: outboxKey(id) }))).Item?.status;

/**
 * A table client whose BatchGetItem calls, while `withhold` says so for the call's number (from
 * 1), answer part of the keys as DynamoDB does under throttling: the first `served` keys are read,
 * the rest come back as UnprocessedKeys unread (all of them when `served` is 0, without a read).
 * `onCall` runs before each call.
 */
function withholdingClient(
  source: TestTable,
  withhold: (call: number) => number | undefined,
  onCall: (call: number) => void = () => undefined,
) {
  const client = testClient(source);
  let calls = 0;
  const asked: number[] = [];
  const withholding: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    if (context.commandName !== 'BatchGetItemCommand') return next(args);
    const call = ++calls;
    onCall(call);
    const input = args.input as { RequestItems: Record<string, { Keys: Record<string, unknown>[] }> };
    const [name, request] = Object.entries(input.RequestItems)[0] ?? [];
    if (name === undefined || request === undefined) return next(args);
    asked.push(request.Keys.length);
    const served = withhold(call);
    if (served === undefined) return next(args);
    const read = request.Keys.slice(0, served);
    const left = request.Keys.slice(served);
    const unprocessed = left.length > 0 ? { [name]: { ...request, Keys: left } } : {};
    if (read.length === 0)
      return {
        output: { Responses: { [name]: [] }, UnprocessedKeys: unprocessed, $metadata: {} },
        response: {},
      };
    const result = await next({
      ...args,
      input: { ...input, RequestItems: { [name]: { ...request, Keys: read } } },
    });
    return { ...result, output: { ...result.output, UnprocessedKeys: unprocessed } };
  };
  client.middlewareStack.add(withholding, { step: 'initialize', name: 'withholdKeys' });
  return { db: createDocumentClient(client), calls: () => calls, asked, destroy: () => client.destroy() };
}

describe('reading the suppressions of many recipients', () => {
  it('reads 250 recipients in three BatchGetItem calls (100 keys each at most) and finds exactly the suppressed, in any case', async () => {
    const recipients = addresses('many', 250);
    const suppressed = [recipients[3], recipients[120], recipients[249]] as string[];
    for (const email of suppressed) await suppressAddress(table.deps(), email, 'bounce');
    // The same address twice, and in capitals: one key each, both spellings answered.
    const shouted = (recipients[120] as string).toUpperCase();
    const asked = [...recipients, recipients[3] as string, shouted];

    const tally = callTally(table);
    let found = new Set<string>();
    const cost = await tally.during(async () => {
      found = await suppressedAmong(table.deps({ db: tally.db }), asked);
    });
    expect(Object.fromEntries(Object.entries(cost).map(([name, { calls }]) => [name, calls]))).toEqual({
      BatchGetItem: 3,
    });
    expect(found).toEqual(new Set([...suppressed, shouted]));
  });

  it('asks no one for no recipients', async () => {
    const tally = callTally(table);
    const cost = await tally.during(async () => {
      expect(await suppressedAmong(table.deps({ db: tally.db }), [])).toEqual(new Set());
    });
    expect(cost).toEqual({});
  });

  it('asks again for the keys DynamoDB left unprocessed, and finds a suppressed one among them', async () => {
    const recipients = addresses('unprocessed', 10);
    const last = recipients[9] as string;
    await suppressAddress(table.deps(), last, 'complaint');
    // The first call reads 4 keys, the second none, the third 2: the last 4 are read on the fourth.
    const served = [4, 0, 2];
    const client = withholdingClient(table, (call) => served[call - 1]);
    try {
      expect(await suppressedAmong(table.deps({ db: client.db }), recipients)).toEqual(new Set([last]));
      expect(client.asked).toEqual([10, 6, 6, 4]);
    } finally {
      client.destroy();
    }
  });

  it('fails, rather than answer from part of the list, when keys stay unprocessed past every retry', async () => {
    const recipients = addresses('throttled', 3);
    const client = withholdingClient(table, () => 0);
    try {
      await expect(suppressedAmong(table.deps({ db: client.db }), recipients)).rejects.toThrow(Unavailable);
      // The first read and five more, each after a longer wait.
      expect(client.calls()).toBe(6);
    } finally {
      client.destroy();
    }
  });

  it('stops at its caller’s deadline, between retries too', async () => {
    const recipients = addresses('deadline', 3);
    const deadline = new AbortController();
    // The table leaves every key unprocessed; the deadline passes during the first call.
    const client = withholdingClient(
      table,
      () => 0,
      () => deadline.abort(),
    );
    try {
      await expect(
        suppressedAmong(table.deps({ db: client.db }), recipients, deadline.signal),
      ).rejects.toMatchObject({ name: 'AbortError' });
      expect(client.calls()).toBe(1);
    } finally {
      client.destroy();
    }
  });
});

describe("the mailer's suppression check", () => {
  it('reads a stream batch’s 120 recipients in two BatchGetItem calls, no GetItem, and sends to all but the suppressed', async () => {
    const recipients = addresses('batch', 120);
    const suppressed = [recipients[0], recipients[101]] as string[];
    for (const email of suppressed) await suppressAddress(table.deps(), email, 'bounce');
    const { ids, records } = await enqueue(recipients);

    const sent: string[][] = [];
    const tally = callTally(table);
    const cost = await tally.during(async () => {
      const mailer = createMailer(table.deps({ db: tally.db }), recording(sent), fastOptions);
      expect(await mailer({ Records: records })).toEqual({ batchItemFailures: [] });
    });
    expect(cost.BatchGetItem?.calls).toBe(2);
    expect(Object.keys(cost).filter((name) => name.startsWith('GetItem'))).toEqual([]);
    expect(sent.flat().sort()).toEqual(recipients.filter((to) => !suppressed.includes(to)).sort());
    expect(await statusOf(ids[0] as string)).toBe('suppressed');
    expect(await statusOf(ids[1] as string)).toBe('sent');
  });

  it('sends nothing when the suppressions cannot be read, and hands every mail back for a later try', async () => {
    const recipients = addresses('unread', 3);
    const { ids, records } = await enqueue(recipients);
    const client = withholdingClient(table, () => 0);
    const sent: string[][] = [];
    try {
      const mailer = createMailer(table.deps({ db: client.db }), recording(sent), fastOptions);
      const response = await mailer({ Records: records });
      expect(response.batchItemFailures).toHaveLength(3);
    } finally {
      client.destroy();
    }
    expect(sent).toEqual([]);
    for (const id of ids) expect(await statusOf(id)).toBe('pending');
  });
});
