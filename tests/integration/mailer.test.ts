import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxKey, PK_PREFIX } from '../../shared/data/keys.ts';
import { claimOutboxItem, outboxPuts, sendingAtOnce } from '../../shared/data/outbox.ts';
import { suppressAddress } from '../../shared/data/suppressions.ts';
import type { RenderedMail } from '../../shared/domain/mail.ts';
import {
  createDelivery,
  createMailer,
  DeliveryFailed,
  type MailerOptions,
} from '../../shared/mail/mailer.ts';
import { type OutboxMessage, outboxMessageSchema } from '../../shared/mail/message.ts';
import { directoryTransport, type MailTransport } from '../../shared/mail/transports.ts';
import { errorLog } from '../support/kept-log.ts';
import { claimBesideSuppression, watchedClient } from '../support/race.ts';
import { enqueuedMail, queuedMail, recordStream } from '../support/streams.ts';
import { useTestTable } from '../support/table.ts';

const fastOptions: MailerOptions = {
  sendAttempts: 3,
  backoffMs: 5,
  tableCallMs: 10_000,
  claimTimeoutMs: 60_000,
  sweepAfterMs: 0,
  maxClaims: 3,
  concurrency: 10,
};

const mail = (subject: string): RenderedMail => ({
  template: 'test',
  to: ['someone@haven.test'],
  locale: 'en',
  subject,
  text: `Hello, ${subject}`,
  html: `<p>Hello, ${subject}</p>`,
});

/** A transport that takes every mail and records the ids it was given, in order. */
function recordingTransport(): { transport: MailTransport; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    transport: {
      name: 'smtp',
      send: async (m) => {
        sent.push(m.id);
        return { refused: [] };
      },
    },
  };
}

describe('mailer', () => {
  let dir: string;
  let stream: ReturnType<typeof recordStream>;

  const table = useTestTable();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'haven-mailer-'));
    stream = recordStream(table, dir);
  });
  afterAll(async () => {
    await stream.stop();
  });

  const enqueue = (subject: string) => enqueuedMail(table, stream, mail(subject));

  const statusOf = async (id: string) =>
    (await table.db.send(new GetCommand({ TableName: table.tableName, Key: outboxKey(id) }))).Item as
      | (OutboxMessage & { gsi3pk?: string })
      | undefined;

  it('delivers an outbox item written in a transaction and marks it sent', async () => {
    const mailDir = join(dir, 'delivered');
    const mailer = createMailer(table.deps(), directoryTransport(mailDir), fastOptions);
    const { id, record } = await enqueue('first');

    expect(await mailer({ Records: [record] })).toEqual({ batchItemFailures: [] });

    const files = await readdir(mailDir);
    expect(files).toHaveLength(1);
    const eml = await readFile(join(mailDir, files[0] as string), 'utf8');
    expect(eml).toContain('Subject: first');
    expect(eml).toContain('multipart/alternative');
    const stored = await statusOf(id);
    expect(stored?.status).toBe('sent');
    expect(stored?.gsi3pk).toBeUndefined();
    expect(stored?.sentAt).toBeDefined();
    expect(stored).not.toHaveProperty('text');
    expect(stored).not.toHaveProperty('html');
    expect(stored).not.toHaveProperty('to');
    expect(stored).not.toHaveProperty('subject');
  });

  it('reads the suppression list beside its claim, from the recipients the stream’s record names, and leaves out a bounced address', async () => {
    const mailDir = join(dir, 'beside');
    await suppressAddress(table.deps(), 'bounced@haven.test', 'bounce');
    const { db, overlapped } = claimBesideSuppression(table);
    const { record } = await enqueuedMail(table, stream, {
      ...mail('beside'),
      to: ['kept@haven.test', 'bounced@haven.test'],
    });

    await createMailer(table.deps({ db }), directoryTransport(mailDir), fastOptions)({ Records: [record] });

    expect(overlapped()).toBe(true);
    const [file, ...more] = await readdir(mailDir);
    expect(more).toEqual([]);
    const eml = await readFile(join(mailDir, file as string), 'utf8');
    expect(eml).toContain('To: kept@haven.test');
    expect(eml).not.toContain('bounced@haven.test');
  });

  it('claims a batch’s mails in one transaction and settles those sent meanwhile together, not two writes a mail', async () => {
    const mailDir = join(dir, 'grouped');
    const queued = await Promise.all(Array.from({ length: 12 }, (_, i) => enqueue(`grouped ${i}`)));
    const taken = queued[0] as { id: string; record: DynamoDBRecord };
    // Another delivery holds the first: the group claims the others, and it is left alone.
    expect(await claimOutboxItem(table.deps(), taken.id, new Date(0))).toBeDefined();
    // The mails each claim and each settle carried, one entry a write.
    const claims: number[] = [];
    const settles: number[] = [];
    const db = watchedClient(table, (command, input) => {
      const written = JSON.stringify(input);
      if (/^(UpdateItem|TransactWriteItems)Command$/.test(command) && written.includes(outboxKey('').pk))
        (written.includes(':outcome') ? settles : claims).push(
          Array.isArray(input.TransactItems) ? input.TransactItems.length : 1,
        );
      return undefined;
    });
    // All eleven sends under way at once, each held until the last is in: the first settle goes
    // alone and the ten that come meanwhile wait for it, whatever the machine's load.
    let inFlight = 0;
    let releaseSends: () => void = () => undefined;
    const allSent = new Promise<void>((resolve) => {
      releaseSends = resolve;
    });
    const heldTogether: MailTransport = {
      name: 'directory',
      send: async (message, from) => {
        const delivery = await directoryTransport(mailDir).send(message, from);
        if (++inFlight === queued.length - 1) releaseSends();
        await allSent;
        return delivery;
      },
    };

    const response = await createMailer(table.deps({ db }), heldTogether, {
      ...fastOptions,
      concurrency: queued.length,
    })({ Records: queued.map(({ record }) => record) });

    expect(response).toEqual({ batchItemFailures: [] });
    const files = await readdir(mailDir);
    expect(files).toHaveLength(11);
    expect(files.some((file) => file.includes(taken.id))).toBe(false);
    for (const { id } of queued.slice(1))
      expect(await statusOf(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await statusOf(taken.id))?.status).toBe('sending');
    // The group's claim, refused for the held mail and made again without it; the held mail's own.
    expect(claims).toEqual([12, 11, 1]);
    expect(settles).toEqual([1, 10]);
  });

  it('settles a group the table refuses one mail at a time, each still exactly once', async () => {
    const mailDir = join(dir, 'group-refused');
    const queued = await Promise.all(Array.from({ length: 6 }, (_, i) => enqueue(`refused group ${i}`)));
    let refused = 0;
    const db = watchedClient(table, (command, input) => {
      if (
        command === 'TransactWriteItemsCommand' &&
        JSON.stringify(input).includes(':outcome') &&
        refused < 2
      ) {
        refused++;
        throw Object.assign(new Error('injected'), { name: 'InternalServerError' });
      }
      return undefined;
    });
    const slowly: MailTransport = {
      name: 'directory',
      // Sends that finish one after another, so that settles wait behind each other and group.
      send: async (message, from) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return directoryTransport(mailDir).send(message, from);
      },
    };

    const response = await createMailer(
      table.deps({ db }),
      slowly,
      fastOptions,
    )({
      Records: queued.map(({ record }) => record),
    });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(refused).toBeGreaterThan(0);
    expect(await readdir(mailDir)).toHaveLength(6);
    for (const { id } of queued) expect((await statusOf(id))?.status).toBe('sent');
  });

  it('settles a sent mail even when the table refuses the first tries, so no later delivery sends it again', async () => {
    const mailDir = join(dir, 'settled-late');
    let refused = 0;
    // DynamoDB Local under a surge: an InternalServerError beyond the SDK's own retries.
    const db = watchedClient(table, (command, input) => {
      if (command === 'UpdateItemCommand' && JSON.stringify(input).includes(':outcome') && refused < 3) {
        refused++;
        throw Object.assign(new Error('injected'), { name: 'InternalServerError' });
      }
      return undefined;
    });
    const { id, record } = await enqueue('settled late');

    const response = await createMailer(
      table.deps({ db }),
      directoryTransport(mailDir),
      fastOptions,
    )({
      Records: [record],
    });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(refused).toBe(3);
    expect(await readdir(mailDir)).toHaveLength(1);
    expect((await statusOf(id))?.status).toBe('sent');
  });

  it('keeps settling a sent mail past its six tries while its claim holds, so the sweep does not send it twice', async () => {
    // A full surge at load 20: settles refused or cut off for over a minute after the mail went,
    // the claim left taken, and 231 s later the sweep sent 17 confirmation mails again.
    let refused = 0;
    const db = watchedClient(table, (command, input) => {
      if (command === 'UpdateItemCommand' && JSON.stringify(input).includes(':outcome') && refused < 9) {
        refused++;
        throw Object.assign(new Error('injected'), { name: 'InternalServerError' });
      }
      return undefined;
    });
    const { id, record } = await enqueue('settled after six tries');
    const { transport: counting, sent: delivered } = recordingTransport();

    const response = await createMailer(table.deps({ db }), counting, fastOptions)({ Records: [record] });
    const stale = new Date(Date.now() + fastOptions.claimTimeoutMs + 1000);
    await createMailer(
      table.deps({ now: () => stale }),
      counting,
      fastOptions,
    )({
      source: 'haven.schedule',
      task: 'sweep',
    });

    expect(delivered.filter((sent) => sent === id)).toHaveLength(1);
    expect(refused).toBe(9);
    expect(response).toEqual({ batchItemFailures: [] });
    expect((await statusOf(id))?.status).toBe('sent');
  });

  it('hands a batch’s claims back at once when the suppression list cannot be read, so the retry sends them', async () => {
    const mailDir = join(dir, 'suppressions-unread');
    const queued = await Promise.all(Array.from({ length: 3 }, (_, i) => enqueue(`unread ${i}`)));
    const records = queued.map(({ record }) => record);
    const db = watchedClient(table, (command, input) => {
      if (command === 'BatchGetItemCommand' && JSON.stringify(input).includes(PK_PREFIX.suppressed))
        throw Object.assign(new Error('injected'), { name: 'ThrottlingException' });
      return undefined;
    });

    const refused = await createMailer(
      table.deps({ db }),
      directoryTransport(mailDir),
      fastOptions,
    )({ Records: records });

    expect(refused.batchItemFailures).toHaveLength(3);
    for (const { id } of queued) expect((await statusOf(id))?.status).toBe('pending');
    const retried = await createMailer(
      table.deps(),
      directoryTransport(mailDir),
      fastOptions,
    )({ Records: records });
    expect(retried).toEqual({ batchItemFailures: [] });
    expect(await readdir(mailDir)).toHaveLength(3);
  });

  it('hands a claim back unsent once it has waited half its lease, before the sweep may take it over', async () => {
    const mailDir = join(dir, 'late-claim');
    const { id } = await enqueue('late claim');
    const claimedAt = new Date();
    const raw = await claimOutboxItem(table.deps({ now: () => claimedAt }), id, new Date(0));
    if (!raw) throw new Error('not claimed');
    const later = new Date(claimedAt.getTime() + fastOptions.claimTimeoutMs / 2 + 1000);
    const { deliverClaimed } = createDelivery(
      table.deps({ now: () => later }),
      directoryTransport(mailDir),
      fastOptions,
    );

    await expect(deliverClaimed(outboxMessageSchema.parse(raw))).rejects.toBeInstanceOf(DeliveryFailed);

    await expect(readdir(mailDir)).rejects.toThrow();
    expect((await statusOf(id))?.status).toBe('pending');
  });

  it('tries a send again only while its claim has not waited half its lease, else hands the mail back', async () => {
    const { id } = await enqueue('late retry');
    let now = new Date();
    const raw = await claimOutboxItem(table.deps({ now: () => now }), id, new Date(0));
    if (!raw) throw new Error('not claimed');
    const tries: string[] = [];
    // A mail server that takes half the lease to fail: a second try could outlast the claim.
    const stalling: MailTransport = {
      name: 'smtp',
      send: async (message) => {
        tries.push(message.id);
        now = new Date(now.getTime() + fastOptions.claimTimeoutMs / 2);
        throw Object.assign(new Error('timed out'), { name: 'TimeoutError' });
      },
    };
    const { deliverClaimed } = createDelivery(table.deps({ now: () => now }), stalling, fastOptions);

    await expect(deliverClaimed(outboxMessageSchema.parse(raw))).rejects.toBeInstanceOf(DeliveryFailed);

    expect(tries).toEqual([id]);
    expect((await statusOf(id))?.status).toBe('pending');
  });

  it('sends once, by the sweep after its claim went stale, a mail its writer claimed and never sent', async () => {
    const written = new Date();
    const { items } = sendingAtOnce(outboxPuts(table.tableName, mail('writer died'), written), written);
    await table.db.send(new TransactWriteCommand({ TransactItems: items }));
    const id = String(items[0]?.Put?.Item?.id);
    const { transport: counting, sent: delivered } = recordingTransport();
    const sweepAt = (ms: number) =>
      createMailer(
        table.deps({ now: () => new Date(written.getTime() + ms) }),
        counting,
        fastOptions,
      )({
        source: 'haven.schedule',
        task: 'sweep',
      });

    await sweepAt(fastOptions.claimTimeoutMs / 2);
    expect(delivered).not.toContain(id);
    await sweepAt(fastOptions.claimTimeoutMs + 1000);
    await sweepAt(fastOptions.claimTimeoutMs + 2000);

    expect(delivered.filter((sent) => sent === id)).toHaveLength(1);
    expect((await statusOf(id))?.status).toBe('sent');
  });

  it('keeps a waiting mail’s text and HTML packed, a fraction of their size, and sends them as written', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `<tr><td style="padding:4px 8px">Row ${i}</td></tr>`);
    const long: RenderedMail = {
      ...mail('packed'),
      text: rows.map((_, i) => `Row ${i}: Ayşe Yılmaz, Kadıköy`).join('\n'),
      html: `<table>${rows.join('')}</table>`,
    };
    const id = await queuedMail(table, long);

    const waiting = await statusOf(id);
    expect(waiting).not.toHaveProperty('text');
    expect(waiting).not.toHaveProperty('html');
    // Write units are counted per KB, three writes per mail, each into the table, gsi3 and the stream.
    const packed = (waiting as { body?: Uint8Array } | undefined)?.body;
    expect(packed).toBeInstanceOf(Uint8Array);
    expect(packed?.length).toBeLessThan((long.text.length + long.html.length) / 5);

    const sent: Parameters<MailTransport['send']>[0][] = [];
    const capturing: MailTransport = {
      name: 'directory',
      send: async (m) => {
        sent.push(m);
        return { refused: [] };
      },
    };
    await createMailer(table.deps(), capturing, fastOptions)({ source: 'haven.schedule', task: 'sweep' });
    expect(sent.find((m) => m.id === id)).toMatchObject({ text: long.text, html: long.html });
    expect(await statusOf(id)).not.toHaveProperty('body');
  });

  it('sends nothing twice when the stream delivers the same record again', async () => {
    const { transport: counting, sent } = recordingTransport();
    const mailer = createMailer(table.deps(), counting, fastOptions);
    const { id, record } = await enqueue('duplicate');

    await Promise.all([mailer({ Records: [record] }), mailer({ Records: [record] })]);
    await mailer({ Records: [record, record] });

    expect(sent).toEqual([id]);
  });

  it("sends a batch's mails at once: a slow send holds back none of the others", async () => {
    const slow = await enqueue('slow');
    const quick = await enqueue('quick');
    let quickSent: () => void = () => {};
    const quickDone = new Promise<void>((resolve) => {
      quickSent = resolve;
    });
    const sent: string[] = [];
    // The first mail's server answers only once the second mail is out: one after another, the
    // second would wait behind the first and the first would time out.
    const transport: MailTransport = {
      name: 'smtp',
      send: async (m) => {
        if (m.id === slow.id) {
          const waited = await Promise.race([
            quickDone.then(() => true),
            new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000)),
          ]);
          if (!waited) throw new Error('timed out');
        } else quickSent();
        sent.push(m.id);
        return { refused: [] };
      },
    };

    const response = await createMailer(table.deps(), transport, { ...fastOptions, sendAttempts: 1 })({
      Records: [slow.record, quick.record],
    });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sent).toEqual([quick.id, slow.id]);
  });

  it('retries a failing transport with backoff within one invocation', async () => {
    let calls = 0;
    const flaky: MailTransport = {
      name: 'smtp',
      send: async () => {
        calls++;
        if (calls < 3) throw new Error('421 try again later');
        return { refused: [] };
      },
    };
    const { id, record } = await enqueue('flaky');

    expect(await createMailer(table.deps(), flaky, fastOptions)({ Records: [record] })).toEqual({
      batchItemFailures: [],
    });
    expect(calls).toBe(3);
    expect((await statusOf(id))?.status).toBe('sent');
  });

  it('reports the record as a batch item failure and keeps the mail pending when the transport keeps failing', async () => {
    const down: MailTransport = {
      name: 'smtp',
      send: async () => {
        throw new Error('connection refused');
      },
    };
    const { id, record } = await enqueue('down');

    const response = await createMailer(table.deps(), down, fastOptions)({ Records: [record] });

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.dynamodb?.SequenceNumber }]);
    const stored = await statusOf(id);
    expect(stored?.status).toBe('pending');
    expect(stored?.gsi3pk).toBe('OUTBOX#pending');
  });

  it('marks a mail failed after the last allowed claim, so it stops cycling, and keeps no word of its body', async () => {
    const down: MailTransport = {
      name: 'smtp',
      send: async () => {
        throw new Error('mailbox unavailable');
      },
    };
    const { id, record } = await enqueue('hopeless');
    const mailer = createMailer(table.deps(), down, { ...fastOptions, maxClaims: 2 });

    await mailer({ Records: [record] });
    await mailer({ Records: [record] });
    const third = await mailer({ Records: [record] });

    const failed = await statusOf(id);
    expect(failed?.status).toBe('failed');
    for (const part of ['to', 'subject', 'body', 'text', 'html']) expect(failed).not.toHaveProperty(part);
    expect(third.batchItemFailures).toEqual([]);
  });

  it('the sweep logs a pending mail it cannot read, still sends those behind it, and fails at the end', async () => {
    const pending = (subject: string) => queuedMail(table, mail(subject));
    const unreadable = await pending('written by no release');
    const behind = await pending('behind it');
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: outboxKey(unreadable),
        UpdateExpression: 'SET locale = :unknown',
        ExpressionAttributeValues: { ':unknown': 'xx' },
      }),
    );
    const { transport, sent } = recordingTransport();
    const { log, errors } = errorLog();

    await expect(
      createMailer(table.deps({ log }), transport, fastOptions)({ source: 'haven.schedule', task: 'sweep' }),
    ).rejects.toThrow(DeliveryFailed);

    expect(sent).toContain(behind);
    expect(sent).not.toContain(unreadable);
    expect(errors.filter(({ fields }) => fields.outboxId === unreadable)).toEqual([
      { event: 'mail.sweep_failed', fields: { outboxId: unreadable, errorType: 'ZodError' } },
    ]);
  });

  it('the sweep delivers mail that the stream path left pending', async () => {
    const down: MailTransport = {
      name: 'smtp',
      send: async () => {
        throw new Error('timeout');
      },
    };
    const { id, record } = await enqueue('swept');
    await createMailer(table.deps(), down, fastOptions)({ Records: [record] });
    const { transport: healthy, sent: delivered } = recordingTransport();

    await createMailer(table.deps(), healthy, fastOptions)({ source: 'haven.schedule', task: 'sweep' });

    expect(delivered).toContain(id);
    expect((await statusOf(id))?.status).toBe('sent');
  });
});
