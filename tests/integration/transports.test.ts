import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../shared/mail/message.ts';
import {
  directoryTransport,
  SES_MAX_ATTEMPTS,
  SES_TIMEOUTS,
  sesClientConfig,
  sesTransport,
  smtpTransport,
} from '../../shared/mail/transports.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp.ts';

const message: OutboxMessage = {
  id: 'mail-1',
  kind: 'outbox',
  template: 'placement',
  to: ['ayse@haven.test'],
  locale: 'tr',
  subject: 'Kalacak yeriniz hazır — İstanbul',
  text: 'Merhaba Ayşe,\nEv sahibiniz: Олена',
  html: '<p>Merhaba Ayşe,</p><p>Ev sahibiniz: Олена</p>',
  status: 'sending',
  attempts: 1,
  createdAt: '2026-11-27T07:00:00.000Z',
  updatedAt: '2026-11-27T07:00:00.000Z',
};

describe('mail transports', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it('SMTP sends one multipart text and HTML message, UTF-8 intact', async () => {
    await smtpTransport(sink.url).send(message, 'Haven <haven@haven.test>');

    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0];
    expect(mail?.subject).toBe(message.subject);
    expect(mail?.text?.trim()).toBe(message.text);
    expect(mail?.html).toContain('Олена');
    expect(mail?.from?.text).toContain('haven@haven.test');
    expect(mail?.headers.get('x-haven-message-id')).toBe('mail-1');
  });

  it('SMTP rejects when the server cannot be reached, so the mailer can retry', async () => {
    await expect(smtpTransport('smtp://127.0.0.1:9').send(message, 'haven@haven.test')).rejects.toThrow();
  });

  it('the local catcher writes a complete .eml a mail client can open', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'haven-catcher-'));
    await directoryTransport(dir).send(message, 'Haven <haven@haven.test>');

    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    const parsed = await simpleParser(await readFile(join(dir, files[0] as string)));
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.html).toContain('Ev sahibiniz');
  });

  it('SES fails a send that is never answered within its request timeout, tried once', async () => {
    // An endpoint that accepts every connection and never answers, on loopback.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const client = new SESv2Client({
      ...sesClientConfig('eu-central-1'),
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const started = performance.now();
    try {
      await expect(sesTransport(client).send(message, 'Haven <haven@haven.test>')).rejects.toMatchObject({
        name: 'TimeoutError',
      });
      // The bound the mailer's claim lease counts on (mailer.ts, claimTimeoutMs).
      expect(performance.now() - started).toBeLessThan(
        SES_TIMEOUTS.requestTimeout * SES_MAX_ATTEMPTS + 2_000,
      );
      expect(sockets).toHaveLength(SES_MAX_ATTEMPTS);
    } finally {
      client.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
