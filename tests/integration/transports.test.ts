import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
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

  it('SES fails a send whose answer never begins with a TimeoutError, tried once', async () => {
    // An endpoint that accepts every connection and never answers, on loopback.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const config = sesClientConfig('eu-central-1');
    const client = new SESv2Client({
      ...config,
      // The client's own settings, with a request timeout short enough not to hold the suite.
      requestHandler: { ...(config.requestHandler as object), requestTimeout: 300 },
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      await expect(sesTransport(client).send(message, 'Haven <haven@haven.test>')).rejects.toMatchObject({
        name: 'TimeoutError',
      });
      expect(sockets).toHaveLength(SES_MAX_ATTEMPTS);
    } finally {
      client.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('SES aborts a try at its deadline when the answer stops halfway through its body', async () => {
    // Headers at once and half a body, then nothing: past the request timeout, which ends with the headers.
    const sockets: Socket[] = [];
    const halfway = createHttpServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        response.write('{"MessageId":"');
      });
    });
    halfway.on('connection', (socket) => sockets.push(socket));
    await new Promise<void>((resolve) => halfway.listen(0, '127.0.0.1', resolve));
    const { port } = halfway.address() as { port: number };
    const client = new SESv2Client({
      ...sesClientConfig('eu-central-1'),
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      await expect(
        sesTransport(client, undefined, 300).send(message, 'Haven <haven@haven.test>'),
      ).rejects.toThrow();
      expect(sockets).toHaveLength(SES_MAX_ATTEMPTS);
      expect(sockets.every((socket) => socket.destroyed)).toBe(true);
    } finally {
      client.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => halfway.close(resolve));
    }
  });

  it('SMTP aborts a try at its deadline when the server answers each command just in time, and no mail is taken', async () => {
    // Each answer 150 ms late, far inside nodemailer's idle timeouts; the try's deadline is 500 ms.
    const commands: string[] = [];
    const sockets: Socket[] = [];
    const slow = createServer((socket) => {
      sockets.push(socket);
      let inData = false;
      let buffer = '';
      const reply = (line: string) => setTimeout(() => socket.writable && socket.write(`${line}\r\n`), 150);
      reply('220 slow.test ESMTP');
      socket.on('error', () => undefined);
      socket.on('data', (chunk) => {
        buffer += chunk.toString();
        for (let at = buffer.indexOf('\r\n'); at >= 0; at = buffer.indexOf('\r\n')) {
          const line = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              commands.push('.');
              reply('250 queued');
            }
            continue;
          }
          const verb = line.slice(0, 4).toUpperCase();
          commands.push(verb);
          if (verb === 'DATA') {
            inData = true;
            reply('354 go');
          } else if (verb === 'QUIT') socket.end('221 bye\r\n');
          else reply(verb === 'EHLO' ? '250 slow.test' : '250 ok');
        }
      });
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const { port } = slow.address() as { port: number };
    try {
      await expect(
        smtpTransport(`smtp://127.0.0.1:${port}`, 500).send(
          { ...message, to: ['a@haven.test', 'b@haven.test', 'c@haven.test', 'd@haven.test'] },
          'haven@haven.test',
        ),
      ).rejects.toMatchObject({ name: 'AbortError' });
      expect(commands).not.toContain('.');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});
