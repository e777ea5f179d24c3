import type { DynamoDBBatchResponse } from 'aws-lambda';
import { isTransient } from '../data/errors.ts';
import {
  claimOutboxItem,
  isSentAtOnce,
  type OutboxOutcome,
  pendingOutboxIds,
  settleOutboxItem,
} from '../data/outbox.ts';
import { changedItems } from '../data/stream.ts';
import { suppressAddress, suppressedAmong } from '../data/suppressions.ts';
import type { Deps } from '../deps.ts';
import { isScheduledTask, type StreamOrSchedule } from '../events.ts';
import { inParallel } from '../in-parallel.ts';
import { describeError } from '../log.ts';
import { type OutboxMessage, outboxMessageSchema } from './message.ts';
import { noticeFromMail } from './recipients.ts';
import { ChatUnreachable, type TelegramTransport } from './telegram-transport.ts';
import { type Delivery, type MailTransport, RecipientsRefused } from './transports.ts';

export interface MailerOptions {
  /** Tries per delivery within one invocation, with exponential backoff between them. */
  readonly sendAttempts: number;
  readonly backoffMs: number;
  /** A claim older than this is taken to belong to a crashed invocation and may be taken over. */
  readonly claimTimeoutMs: number;
  /** Mail still pending this long after it was written is picked up by the sweep. */
  readonly sweepAfterMs: number;
  /** After this many claims the mail is marked failed and left to the alarm and the DLQ. */
  readonly maxClaims: number;
  /** Mails of one stream batch sent at once. */
  readonly concurrency: number;
}

export const defaultMailerOptions: MailerOptions = {
  sendAttempts: 3,
  backoffMs: 250,
  claimTimeoutMs: 10 * 60_000,
  sweepAfterMs: 2 * 60_000,
  maxClaims: 8,
  // Sent one after another, each mail's claim, send and settle added up: a surge's confirm mails
  // queued ahead of every proposal mail, which reached coordinators 10 s after the proposal.
  concurrency: 10,
};

export class DeliveryFailed extends Error {
  override readonly name = 'DeliveryFailed';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tries of a settle: with the default backoff they wait up to 16 s in all for a busy table. */
const SETTLE_ATTEMPTS = 6;

/**
 * Sends one outbox item if nobody has; throws DeliveryFailed when it could not be delivered now.
 * `to`, when the caller knows the item's recipients (it has just written it), lets the
 * suppression list be read beside the claim instead of after it.
 */
export type Deliver = (id: string, to?: readonly string[]) => Promise<'sent' | 'suppressed' | 'skipped'>;

/** Sends an outbox item its caller holds the claim of (written leased, see sendingAtOnce), and settles it. */
export type DeliverLeased = (leased: OutboxMessage) => Promise<'sent' | 'suppressed'>;

/**
 * One outbox item's delivery, exactly once whoever calls it: the item is claimed first, so a
 * stream record delivered again, the sweep, or the matcher sending its proposal mail at once
 * (mailAtOnce) finds it taken and sends nothing.
 */
export function createDelivery(
  deps: Deps,
  transport: MailTransport,
  options: MailerOptions = defaultMailerOptions,
  telegram?: TelegramTransport,
): { deliver: Deliver; deliverLeased: DeliverLeased } {
  const { config, log } = deps;

  /** Takes the item for this invocation; false when it is sent, failed, or being sent by another. */
  async function claim(id: string): Promise<OutboxMessage | undefined> {
    const staleBefore = new Date(deps.now().getTime() - options.claimTimeoutMs);
    const claimed = await claimOutboxItem(deps, id, staleBefore);
    return claimed === undefined ? undefined : outboxMessageSchema.parse(claimed);
  }

  /**
   * Ends a claimed delivery, trying again while the table is busy: a mail that went out but was
   * never settled stays claimed, and once the claim is stale the sweep takes it over and sends it
   * again (a full surge on a laptop sent seven confirmation mails twice when DynamoDB Local
   * answered their settles with InternalServerError beyond the SDK's own retries).
   */
  async function settle(message: OutboxMessage, outcome: OutboxOutcome): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await settleOutboxItem(deps, message, outcome);
      } catch (error) {
        if (!isTransient(error) || attempt >= SETTLE_ATTEMPTS) throw error;
        log.warn('mail.settle_retry', { outboxId: message.id, attempt, ...describeError(error) });
        await sleep(options.backoffMs * 2 ** attempt);
      }
    }
  }

  /** The transport's Delivery, or the error of the last try. A refusal for good is not retried. */
  async function sendWithBackoff(message: OutboxMessage): Promise<Delivery | { error: unknown }> {
    let lastError: unknown;
    for (let attempt = 0; attempt < options.sendAttempts; attempt++) {
      if (attempt > 0) await sleep(options.backoffMs * 2 ** (attempt - 1));
      try {
        return await transport.send(message, config.MAIL_FROM);
      } catch (error) {
        if (error instanceof RecipientsRefused) return { refused: error.refused };
        lastError = error;
        log.warn('mail.send_retry', {
          outboxId: message.id,
          template: message.template,
          attempt,
          ...describeError(error),
        });
      }
    }
    return { error: lastError ?? new Error('send failed') };
  }

  /** Suppresses the addresses a server refused for good, so no later mail goes there. */
  async function suppressRefused(message: OutboxMessage, refused: readonly string[]): Promise<void> {
    for (const address of refused) await suppressAddress(deps, address, 'refused');
    if (refused.length > 0) {
      log.warn('mail.recipients_refused', {
        outboxId: message.id,
        template: message.template,
        refused: refused.length,
      });
    }
  }

  /** Leaves the item for a later try, or gives up after maxClaims; throws DeliveryFailed either way. */
  async function deferOrFail(claimed: OutboxMessage, error: unknown): Promise<never> {
    const givingUp = claimed.attempts >= options.maxClaims;
    await settle(claimed, givingUp ? 'failed' : 'pending');
    log.error(givingUp ? 'mail.failed' : 'mail.deferred', {
      outboxId: claimed.id,
      template: claimed.template,
      claims: claimed.attempts,
      ...describeError(error),
    });
    throw new DeliveryFailed(`outbox ${claimed.id} not delivered`, { cause: error });
  }

  /**
   * A notice for a Telegram chat: 'sent' once Telegram took it; 'unreachable' when the person
   * blocked the bot (or Haven runs no bot now), for the caller to fall back to email.
   */
  async function sendToChat(claimed: OutboxMessage, chat: string): Promise<'sent' | 'unreachable'> {
    if (!telegram) {
      // The bot is switched off: the address, if there is one; else the notice waits for the bot.
      if (claimed.to.length > 0) return 'unreachable';
      return deferOrFail(claimed, new ChatUnreachable('no Telegram bot configured'));
    }
    const notice = noticeFromMail(claimed, chat, config.PUBLIC_URL, claimed.subject);
    try {
      await telegram.send(notice);
    } catch (error) {
      if (error instanceof ChatUnreachable) {
        log.warn('telegram.unreachable', {
          outboxId: claimed.id,
          template: claimed.template,
          fallback: claimed.to.length > 0,
        });
        return 'unreachable';
      }
      return deferOrFail(claimed, error);
    }
    await settle(claimed, 'sent');
    log.info('mail.sent', { outboxId: claimed.id, template: claimed.template, transport: 'telegram' });
    return 'sent';
  }

  async function deliver(id: string, to?: readonly string[]): Promise<'sent' | 'suppressed' | 'skipped'> {
    const [claimed, suppressedEarly] = await Promise.all([
      claim(id),
      to === undefined ? undefined : suppressedAmong(deps, to),
    ]);
    if (!claimed) return 'skipped';
    const known =
      to !== undefined && to.length === claimed.to.length && to.every((a) => claimed.to.includes(a));
    return send(claimed, known ? suppressedEarly : undefined);
  }

  /** Sends a claimed item; `suppressedEarly`, the suppression list of its recipients when already read. */
  async function send(claimed: OutboxMessage, suppressedEarly?: Set<string>): Promise<'sent' | 'suppressed'> {
    const id = claimed.id;
    // A Telegram notice goes to its chat; its address, if the person gave one, only when the chat cannot be reached.
    if (claimed.chat !== undefined && (await sendToChat(claimed, claimed.chat)) === 'sent') return 'sent';
    // Whatever the transport: no mail to an address that bounced, complained or was refused.
    const suppressed = suppressedEarly ?? (await suppressedAmong(deps, claimed.to));
    const message = { ...claimed, to: claimed.to.filter((address) => !suppressed.has(address)) };
    if (message.to.length === 0) {
      await settle(claimed, 'suppressed');
      log.info('mail.suppressed', {
        outboxId: id,
        template: claimed.template,
        recipients: claimed.to.length,
      });
      return 'suppressed';
    }
    const outcome = await sendWithBackoff(message);
    if ('refused' in outcome) {
      await suppressRefused(message, outcome.refused);
      const reached = message.to.length - outcome.refused.length;
      await settle(claimed, reached > 0 ? 'sent' : 'suppressed');
      log.info(reached > 0 ? 'mail.sent' : 'mail.suppressed', {
        outboxId: id,
        template: message.template,
        transport: transport.name,
        ...(suppressed.size + outcome.refused.length > 0
          ? { skipped: suppressed.size + outcome.refused.length }
          : {}),
      });
      return reached > 0 ? 'sent' : 'suppressed';
    }
    return deferOrFail(claimed, outcome.error);
  }

  return { deliver, deliverLeased: (leased) => send(leased) };
}

/**
 * The mailer Lambda's work: deliver each new outbox item exactly once per stream record, even
 * when the stream delivers the record again, and retry what the transport refused.
 */
export function createMailer(
  deps: Deps,
  transport: MailTransport,
  options: MailerOptions = defaultMailerOptions,
  telegram?: TelegramTransport,
) {
  const { log } = deps;
  const { deliver } = createDelivery(deps, transport, options, telegram);

  async function sweep(): Promise<void> {
    const dueBefore = new Date(deps.now().getTime() - options.sweepAfterMs);
    let failures = 0;
    for await (const id of pendingOutboxIds(deps, dueBefore)) {
      try {
        await deliver(id);
      } catch (error) {
        if (!(error instanceof DeliveryFailed)) throw error;
        failures++;
      }
    }
    if (failures > 0) throw new DeliveryFailed(`${failures} mails could not be delivered by the sweep`);
  }

  return async (event: StreamOrSchedule): Promise<DynamoDBBatchResponse> => {
    if (isScheduledTask(event)) {
      await sweep();
      return { batchItemFailures: [] };
    }
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    // Mail its writer sends at once is the writer's, or the sweep's if the writer could not.
    const inserted = changedItems(event).filter(
      (change) =>
        change.eventName === 'INSERT' && change.newItem?.kind === 'outbox' && !isSentAtOnce(change.newItem),
    );
    await inParallel(inserted, options.concurrency, async (change) => {
      // The image names the recipients: the suppression list is read beside the claim.
      const to = change.newItem?.to;
      try {
        await deliver(String(change.newItem?.id), Array.isArray(to) ? to.map(String) : undefined);
      } catch (error) {
        log.warn('mail.batch_item_failed', { ...describeError(error) });
        batchItemFailures.push({ itemIdentifier: change.sequenceNumber });
      }
    });
    return { batchItemFailures };
  };
}

/** Sends the outbox items a transaction just wrote leased to its writer (sendingAtOnce); never throws (see mailAtOnce). */
export type MailAtOnce = (leased: readonly Record<string, unknown>[]) => Promise<void>;

/**
 * For the matcher: its proposal mails leave as soon as the proposal is written, instead of
 * queueing in the mailer's stream behind every mail written before them (in a surge, thousands
 * of confirmation mails: on a laptop proposal mails reached coordinators minutes late, and in
 * AWS a send quota below the surge's rate would hold them back the same way). Email only: a
 * Telegram notice is left to the mailer, which holds the bot's token. The proposal's
 * transaction wrote each item claimed by the matcher, so no other delivery sends it; one that
 * cannot be sent now is handed back for the sweep.
 */
export function mailAtOnce(
  deps: Deps,
  transport: MailTransport,
  options: MailerOptions = defaultMailerOptions,
): MailAtOnce {
  const { deliverLeased } = createDelivery(deps, transport, options);
  return async (leased) => {
    await Promise.all(
      leased.map((item) =>
        deliverLeased(outboxMessageSchema.parse(item)).catch((error: unknown) =>
          deps.log.warn('mail.at_once_failed', { outboxId: String(item.id), ...describeError(error) }),
        ),
      ),
    );
  };
}
