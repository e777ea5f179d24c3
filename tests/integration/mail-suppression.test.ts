import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailHash } from '../../shared/data/items.ts';
import { outboxKey, suppressionKey } from '../../shared/data/keys.ts';
import { suppressAddress } from '../../shared/data/suppressions.ts';
import { createMailEventHandler } from '../../shared/mail/mail-events.ts';
import { createMailer, type MailerOptions } from '../../shared/mail/mailer.ts';
import { directoryTransport, smtpTransport } from '../../shared/mail/transports.ts';
import { startSmtpSink } from '../support/smtp.ts';
import { enqueuedMail, recordStream } from '../support/streams.ts';
import { useTestTable } from '../support/table.ts';

const fastOptions: MailerOptions = {
  sendAttempts: 2,
  backoffMs: 5,
  tableCallMs: 10_000,
  claimTimeoutMs: 60_000,
  sweepAfterMs: 0,
  maxClaims: 3,
  concurrency: 10,
};

/** SES's event record as the configuration set's EventBridge destination delivers it. */
const sesEvent = (detail: Record<string, unknown>) => ({
  version: '0',
  source: 'aws.ses',
  'detail-type': detail.eventType === 'Bounce' ? 'Email Bounced' : 'Email Complaint Received',
  detail: { mail: { messageId: 'm-1', destination: ['x'] }, ...detail },
});
const permanentBounce = (address: string) =>
  sesEvent({
    eventType: 'Bounce',
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [{ emailAddress: address }],
    },
  });

describe('the suppression list', () => {
  let dir: string;
  let stream: ReturnType<typeof recordStream>;
  let unique = 0;
  const address = (name: string) => `${name}-${++unique}@haven.test`;

  const table = useTestTable();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'haven-suppression-'));
    stream = recordStream(table, dir);
  });
  afterAll(async () => {
    await stream.stop();
  });

  const enqueue = (to: string[]) =>
    enqueuedMail(table, stream, {
      template: 'test',
      to,
      locale: 'en',
      subject: 'Hello',
      text: 'Hello',
      html: '<p>Hello</p>',
    });
  const outboxItem = async (id: string) =>
    (await table.db.send(new GetCommand({ TableName: table.tableName, Key: outboxKey(id) }))).Item;
  const suppression = async (email: string) =>
    (
      await table.db.send(
        new GetCommand({ TableName: table.tableName, Key: suppressionKey(emailHash(email)) }),
      )
    ).Item;

  it('takes a permanent bounce from SES and then sends that address nothing, keeping only its hash', async () => {
    const bounced = address('bounced');
    await createMailEventHandler(table.deps())(permanentBounce(bounced));

    const item = await suppression(bounced);
    expect(item).toMatchObject({ pk: `SUPPRESSED#${emailHash(bounced)}`, reason: 'bounce' });
    expect(JSON.stringify(item)).not.toContain(bounced.split('@')[0]);
    expect(Date.parse(String(item?.forgetAt))).toBeGreaterThan(Date.now());

    const mailDir = join(dir, 'bounced');
    const { id, record } = await enqueue([bounced]);
    expect(
      await createMailer(table.deps(), directoryTransport(mailDir), fastOptions)({ Records: [record] }),
    ).toEqual({ batchItemFailures: [] });
    await expect(readdir(mailDir)).rejects.toThrow();
    const stored = await outboxItem(id);
    expect(stored?.status).toBe('suppressed');
    expect(stored).not.toHaveProperty('to');
    expect(stored).not.toHaveProperty('text');
    expect(stored?.gsi3pk).toBeUndefined();
  });

  it('takes a complaint from SES, and the SMTP transport then offers that address to no server', async () => {
    const complained = address('complained');
    const other = address('coordinator');
    await createMailEventHandler(table.deps())(
      sesEvent({
        eventType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: complained }] },
      }),
    );
    expect((await suppression(complained))?.reason).toBe('complaint');

    const sink = await startSmtpSink();
    try {
      const { id, record } = await enqueue([complained, other]);
      await createMailer(table.deps(), smtpTransport(sink.url), fastOptions)({ Records: [record] });
      expect(sink.offered).toEqual([other]);
      expect(sink.received).toHaveLength(1);
      expect((await outboxItem(id))?.status).toBe('sent');
    } finally {
      await sink.close();
    }
  });

  it('ignores a transient bounce: the next mail to that address goes out', async () => {
    const full = address('full-mailbox');
    await createMailEventHandler(table.deps())(
      sesEvent({
        eventType: 'Bounce',
        bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: full }] },
      }),
    );
    expect(await suppression(full)).toBeUndefined();
    const mailDir = join(dir, 'transient');
    const { id, record } = await enqueue([full]);
    await createMailer(table.deps(), directoryTransport(mailDir), fastOptions)({ Records: [record] });
    expect(await readdir(mailDir)).toHaveLength(1);
    expect((await outboxItem(id))?.status).toBe('sent');
  });

  it('suppresses an address an SMTP server refuses for good (5xx), without retrying it', async () => {
    const gone = address('gone');
    const sink = await startSmtpSink({ [gone]: 550 });
    try {
      const { id, record } = await enqueue([gone]);
      const mailer = createMailer(table.deps(), smtpTransport(sink.url), fastOptions);
      expect(await mailer({ Records: [record] })).toEqual({ batchItemFailures: [] });
      expect(sink.offered).toEqual([gone]);
      expect((await outboxItem(id))?.status).toBe('suppressed');
      expect((await suppression(gone))?.reason).toBe('refused');

      const again = await enqueue([gone]);
      await mailer({ Records: [again.record] });
      expect(sink.offered).toEqual([gone]);
      expect((await outboxItem(again.id))?.status).toBe('suppressed');
    } finally {
      await sink.close();
    }
  });

  it('delivers to the recipients a server accepts and suppresses only the one it refuses', async () => {
    const gone = address('gone');
    const here = address('here');
    const sink = await startSmtpSink({ [gone]: 550 });
    try {
      const { id, record } = await enqueue([gone, here]);
      await createMailer(table.deps(), smtpTransport(sink.url), fastOptions)({ Records: [record] });
      expect(sink.received).toHaveLength(1);
      expect((await outboxItem(id))?.status).toBe('sent');
      expect((await suppression(gone))?.reason).toBe('refused');
      expect(await suppression(here)).toBeUndefined();
    } finally {
      await sink.close();
    }
  });

  it('does not suppress on a temporary refusal (4xx): the mail is left for the sweep to retry', async () => {
    const busy = address('busy');
    const sink = await startSmtpSink({ [busy]: 450 });
    try {
      const { id, record } = await enqueue([busy]);
      const result = await createMailer(
        table.deps(),
        smtpTransport(sink.url),
        fastOptions,
      )({ Records: [record] });
      expect(result.batchItemFailures).toHaveLength(1);
      expect((await outboxItem(id))?.status).toBe('pending');
      expect(await suppression(busy)).toBeUndefined();
    } finally {
      await sink.close();
    }
  });

  it('keeps the first entry when an address is suppressed again', async () => {
    const twice = address('twice');
    expect(await suppressAddress(table.deps(), twice, 'bounce')).toBe('suppressed');
    expect(await suppressAddress(table.deps(), twice, 'complaint')).toBe('already');
    expect((await suppression(twice))?.reason).toBe('bounce');
    const all = await table.db.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': suppressionKey(emailHash(twice)).pk },
      }),
    );
    expect(all.Items).toHaveLength(1);
  });
});
