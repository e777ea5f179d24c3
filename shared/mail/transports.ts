import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SESv2Client, type SESv2ClientConfig, SendEmailCommand } from '@aws-sdk/client-sesv2';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { OutboxMessage } from './message.ts';

/** What a transport did with a mail it did not throw on. */
export interface Delivery {
  /**
   * Recipients the receiving server refused for good (an SMTP 5xx to RCPT TO): the mail went to
   * the others, and these addresses are to be suppressed.
   */
  readonly refused: readonly string[];
}

const delivered: Delivery = { refused: [] };

/**
 * Delivers one rendered mail to its recipients; throws when the mail may not have been
 * accepted (RecipientsRefused when every recipient was refused for good).
 */
export interface MailTransport {
  readonly name: 'ses' | 'smtp' | 'directory';
  send(
    message: Pick<OutboxMessage, 'id' | 'template' | 'to' | 'subject' | 'text' | 'html'>,
    from: string,
  ): Promise<Delivery>;
}

/** Every recipient was refused for good: retrying cannot help, and the addresses are to be suppressed. */
export class RecipientsRefused extends Error {
  override readonly name = 'RecipientsRefused';

  constructor(
    readonly refused: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`${refused.length} recipients refused`, options);
  }
}

/** SMTP's permanent failures are the 5xx replies; 4xx ones may pass on a later try. */
const isPermanent = (responseCode: unknown) =>
  typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;

interface SmtpRecipientError {
  readonly recipient?: unknown;
  readonly responseCode?: unknown;
}

/** The recipients nodemailer reports refused with a permanent reply. */
function permanentlyRefused(rejectedErrors: unknown): string[] {
  if (!Array.isArray(rejectedErrors)) return [];
  return (rejectedErrors as SmtpRecipientError[])
    .filter((error) => isPermanent(error.responseCode) && typeof error.recipient === 'string')
    .map((error) => error.recipient as string);
}

/**
 * The SDK waits 5 minutes on a silent socket by default, and tries a call 3 times, each waiting
 * again: a claimed mail (mailer.ts, claimTimeoutMs) could not be handed on sooner than that
 * allows. Here `requestTimeout` fails a call whose answer does not begin in time
 * (`throwOnRequestTimeout`, as without it the SDK only warns), and `connectionTimeout` one whose
 * endpoint cannot be reached sooner still. Neither bounds the answer's body, which the socket's
 * idle timeout would wait on for minutes: `SES_TRY_MS` does (sesTransport). SES answers a
 * SendEmail in well under a second.
 */
export const SES_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 10_000 } as const;
/** One try per call: the mailer's sendWithBackoff is the one retry loop, so one try is the unit its lease counts. */
export const SES_MAX_ATTEMPTS = 1;
/** A try of an SES send is aborted at this deadline, whatever it waits for: the socket is destroyed. */
export const SES_TRY_MS = 10_000;

/** The SES client's settings: its calls bounded as above. */
export const sesClientConfig = (region: string): SESv2ClientConfig => ({
  region,
  maxAttempts: SES_MAX_ATTEMPTS,
  requestHandler: { ...SES_TIMEOUTS, throwOnRequestTimeout: true },
});

export function sesTransport(
  client: SESv2Client,
  configurationSet?: string,
  tryMs: number = SES_TRY_MS,
): MailTransport {
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
        { abortSignal: AbortSignal.timeout(tryMs) },
      );
      // SES accepts for every recipient and reports bounces and complaints later, as events
      // (infra/aws: the configuration set's destination feeds the suppression list).
      return delivered;
    },
  };
}

/**
 * nodemailer waits up to 2 minutes to connect, 30 s for a greeting and 10 minutes on a silent
 * socket; a mail server that stopped answering would hold the mailer (and its retries) that long.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
/**
 * A try of an SMTP send is aborted at this deadline and its connection closed: the timeouts above
 * are idle ones, and a server that answers each command just in time would otherwise hold a try
 * for as long as it likes (two recipients, 81 s, each answer 12 s late).
 */
export const SMTP_TRY_MS = 30_000;

export function smtpTransport(url: string, tryMs: number = SMTP_TRY_MS): MailTransport {
  const transporter = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  return {
    name: 'smtp',
    async send(message, from) {
      try {
        const info = await transporter.sendMail({
          from,
          to: [...message.to],
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: { 'X-Haven-Message-Id': message.id },
          signal: AbortSignal.timeout(tryMs),
        });
        return { refused: permanentlyRefused((info as { rejectedErrors?: unknown }).rejectedErrors) };
      } catch (error) {
        // Every recipient refused at RCPT TO: nodemailer throws with each refusal attached.
        const refused = permanentlyRefused((error as { rejectedErrors?: unknown }).rejectedErrors);
        if (refused.length > 0 && refused.length === message.to.length) {
          throw new RecipientsRefused(refused, { cause: error });
        }
        throw error;
      }
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
      return delivered;
    },
  };
}

/** The transport the configuration names: SES in AWS, SMTP or the catcher on one machine. */
export function transportFromConfig(config: Config): MailTransport {
  switch (config.MAIL_TRANSPORT) {
    case 'ses':
      return sesTransport(new SESv2Client(sesClientConfig(config.AWS_REGION)), config.SES_CONFIGURATION_SET);
    case 'smtp':
      return smtpTransport(config.SMTP_URL as string);
    case 'directory':
      return directoryTransport(config.MAIL_DIR as string);
  }
}
