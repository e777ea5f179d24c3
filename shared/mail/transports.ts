import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { OutboxMessage } from './message.ts';

/** Delivers one rendered mail; throws when the mail may not have been accepted. */
export interface MailTransport {
  readonly name: 'ses' | 'smtp' | 'directory';
  send(message: OutboxMessage, from: string): Promise<void>;
}

export function sesTransport(client: SESv2Client, configurationSet?: string): MailTransport {
  return {
    name: 'ses',
    async send(message, from) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [...message.to] },
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: message.text, Charset: 'UTF-8' },
                Html: { Data: message.html, Charset: 'UTF-8' },
              },
              Headers: [{ Name: 'X-Haven-Message-Id', Value: message.id }],
            },
          },
        }),
      );
    },
  };
}

/**
 * nodemailer waits up to 2 minutes to connect, 30 s for a greeting and 10 minutes on a silent
 * socket; a mail server that stopped answering would hold the mailer (and its retries) that long.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  return {
    name: 'smtp',
    async send(message, from) {
      await transporter.sendMail({
        from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { 'X-Haven-Message-Id': message.id },
      });
    },
  };
}

/**
 * The local mail catcher: each mail becomes an .eml file (built by nodemailer's stream
 * transport, so it is a real MIME message) that /dev/mail lists and mail clients can open.
 */
export function directoryTransport(dir: string): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: 'directory',
    async send(message, from) {
      const built = await builder.sendMail({
        from,
        to: [...message.to],
        subject: message.subject,
        text: message.text,
        html: message.html,
        date: new Date(),
        headers: { 'X-Haven-Message-Id': message.id, 'X-Haven-Template': message.template },
      });
      await mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.id}.eml`;
      const partial = join(dir, `.${name}.partial`);
      await writeFile(partial, built.message as Buffer);
      await rename(partial, join(dir, name));
    },
  };
}

/** The transport the configuration names: SES in AWS, SMTP or the catcher on one machine. */
export function transportFromConfig(config: Config): MailTransport {
  switch (config.MAIL_TRANSPORT) {
    case 'ses':
      return sesTransport(new SESv2Client({ region: config.AWS_REGION }), config.SES_CONFIGURATION_SET);
    case 'smtp':
      return smtpTransport(config.SMTP_URL as string);
    case 'directory':
      return directoryTransport(config.MAIL_DIR as string);
  }
}
