import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DeserializeMiddleware, InitializeMiddleware, MetadataBearer } from '@smithy/types';
import type { AddressObject } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/data/client.ts';
import { createApp } from '../../shared/http/app.ts';
import { createMailer, defaultMailerOptions } from '../../shared/mail/mailer.ts';
import { smtpTransport } from '../../shared/mail/transports.ts';
import { placeName } from '../../shared/places/gazetteer.ts';
import { pendingMails } from '../support/outbox.ts';
import { startSmtpSink } from '../support/smtp.ts';
import { eventually, recordStream } from '../support/streams.ts';
import { testClient, useTestTable } from '../support/table.ts';
import { form, seedProposal, stateOf, UNDECIDED } from './approval-support.ts';

const table = useTestTable();

type Step = 'initialize' | 'deserialize';

/** A DynamoDB client of its own whose chosen commands fail as told, through the SDK's middleware stack. */
function faultyApp(fault: {
  command: string;
  step: Step;
  times: number;
  /** Throw after the request reached DynamoDB (the answer is lost), or before it is sent. */
  afterSend?: boolean;
  error: () => Error;
}) {
  const client: DynamoDBClient = testClient(table);
  let remaining = fault.times;
  const injected = { count: 0 };
  const inject: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    if (context.commandName !== fault.command || remaining <= 0) return next(args);
    remaining--;
    injected.count++;
    if (fault.afterSend) await next(args);
    throw fault.error();
  };
  // Initialize runs once per call, outside the SDK's retries; deserialize runs inside them, per attempt.
  if (fault.step === 'initialize')
    client.middlewareStack.add(inject, { step: 'initialize', name: 'injectFault' });
  else
    client.middlewareStack.add(inject as unknown as DeserializeMiddleware<object, MetadataBearer>, {
      step: 'deserialize',
      name: 'injectFault',
    });
  const deps = table.deps({ db: createDocumentClient(client) });
  return { app: createApp(deps), injected };
}

const named =
  (name: string, extra: Record<string, unknown> = {}) =>
  () =>
    Object.assign(new Error(`${name} (injected)`), { name, $fault: 'server', $metadata: {}, ...extra });

const transactionConflict = named('TransactionCanceledException', {
  CancellationReasons: [{ Code: 'TransactionConflict' }],
});

const approve = (app: ReturnType<typeof createApp>, token: string) =>
  app.request(`/proposals/approve/${token}`, form({ decision: 'approve' }));

const APPROVED = {
  proposal: 'approved',
  request: 'placed',
  hold: 'placed',
  approveUsed: true,
  declineUsed: true,
  placementMails: 2,
};

describe('faults while approving', () => {
  it('retries a transaction cancelled by a conflict and approves once', async () => {
    const seeded = await seedProposal(table);
    const { app, injected } = faultyApp({
      command: 'TransactWriteItemsCommand',
      step: 'initialize',
      times: 2,
      error: transactionConflict,
    });
    const response = await approve(app, seeded.approveToken);
    expect(response.status).toBe(303);
    expect(injected.count).toBe(2);
    expect(await stateOf(table, seeded)).toMatchObject(APPROVED);
  });

  it('answers 503 with a clear page when conflicts persist, and changes nothing', async () => {
    const seeded = await seedProposal(table);
    const { app } = faultyApp({
      command: 'TransactWriteItemsCommand',
      step: 'initialize',
      times: 100,
      error: named('TransactionConflictException'),
    });
    const response = await approve(app, seeded.approveToken);
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await response.text()).toContain('<h1>');
    expect(await stateOf(table, seeded)).toMatchObject(UNDECIDED);
  });

  it('rides out throttling through the SDK’s retries', async () => {
    const seeded = await seedProposal(table);
    const { app, injected } = faultyApp({
      command: 'TransactWriteItemsCommand',
      step: 'deserialize',
      times: 1,
      error: named('ThrottlingException', { $retryable: { throttling: true } }),
    });
    const response = await approve(app, seeded.approveToken);
    expect(response.status).toBe(303);
    expect(injected.count).toBe(1);
    expect(await stateOf(table, seeded)).toMatchObject(APPROVED);
  });

  it('answers 503 when DynamoDB keeps throttling, for the POST and for the page, and changes nothing', async () => {
    const seeded = await seedProposal(table);
    const writes = faultyApp({
      command: 'TransactWriteItemsCommand',
      step: 'initialize',
      times: 100,
      error: named('ThrottlingException'),
    });
    expect((await approve(writes.app, seeded.approveToken)).status).toBe(503);
    const reads = faultyApp({
      command: 'GetItemCommand',
      step: 'initialize',
      times: 100,
      error: named('ThrottlingException'),
    });
    const page = await reads.app.request(`/proposals/approve/${seeded.approveToken}`);
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await stateOf(table, seeded)).toMatchObject(UNDECIDED);
  });

  it('recognises its own approval when the answer was lost after DynamoDB applied it (SDK retry)', async () => {
    const seeded = await seedProposal(table);
    const { app, injected } = faultyApp({
      command: 'TransactWriteItemsCommand',
      step: 'deserialize',
      times: 1,
      afterSend: true,
      error: named('TimeoutError'),
    });
    const response = await approve(app, seeded.approveToken);
    expect(injected.count).toBe(1);
    expect(response.headers.get('location')).toBe('/done/approved?lang=en');
    expect(await stateOf(table, seeded)).toMatchObject(APPROVED);
  });

  it('recognises its own approval when the answer was lost and the SDK did not retry', async () => {
    const seeded = await seedProposal(table);
    const { app } = faultyApp({
      command: 'TransactWriteItemsCommand',
      step: 'initialize',
      times: 1,
      afterSend: true,
      error: named('TimeoutError'),
    });
    const response = await approve(app, seeded.approveToken);
    expect(response.status).toBe(303);
    expect(await stateOf(table, seeded)).toMatchObject(APPROVED);
  });
});

describe('placement mail delivery', () => {
  it('sends each placement mail once when the stream delivers its record twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'haven-approval-faults-'));
    const stream = recordStream(table, dir);
    const sink = await startSmtpSink();
    try {
      const seeded = await seedProposal(table);
      const app = createApp(table.deps());
      expect((await approve(app, seeded.approveToken)).status).toBe(303);
      const ids = (await pendingMails(table))
        .filter(
          (mail) =>
            mail.template.startsWith('placement') &&
            [seeded.offer.email, seeded.request.email].includes(mail.to[0] as string),
        )
        .map((mail) => mail.id);
      expect(ids).toHaveLength(2);
      const records = await eventually(() => {
        const found = stream.seen.filter(
          (r) => r.eventName === 'INSERT' && ids.includes(String(r.dynamodb?.NewImage?.id?.S)),
        );
        return found.length === 2 ? found : undefined;
      });
      const mailer = createMailer(table.deps(), smtpTransport(sink.url), defaultMailerOptions);
      expect(await mailer({ Records: [...records, ...records] })).toEqual({ batchItemFailures: [] });
      expect(await mailer({ Records: records })).toEqual({ batchItemFailures: [] });
      const delivered = sink.received.filter((mail) =>
        [seeded.offer.email, seeded.request.email].includes(
          String((mail.to as AddressObject).value[0]?.address),
        ),
      );
      expect(delivered).toHaveLength(2);
      expect(delivered.map((mail) => mail.subject).sort()).toEqual(
        [
          `Haven: ми знайшли для вас житло (${placeName(seeded.offer.country, seeded.offer.city, 'uk')})\u00a0— контакти господаря`,
          'Haven: your guests’ contact details',
        ].sort(),
      );
    } finally {
      await sink.close();
      await stream.stop();
    }
  });
});
