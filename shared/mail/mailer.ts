import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import * as z from 'zod';
import { isConditionFailure, isTransient } from '../data/errors.ts';
import {
  claimFreshOutboxItems,
  claimOutboxItem,
  type HandedOffLease,
  handedOffLeaseSchema,
  isSentAtOnce,
  isSettledAs,
  type OutboxOutcome,
  pendingOutboxIds,
  settleOutboxItem,
  settleOutboxItems,
  takeOverHandedOff,
} from '../data/outbox.ts';
import { changedItems } from '../data/stream.ts';
import { suppressAddress, suppressedAmong } from '../data/suppressions.ts';
import { markChatUnreachable } from '../data/telegram-lookups.ts';
import type { Deps } from '../deps.ts';
import { isMailHandOff, isScheduledTask, type MailHandOff, type StreamOrSchedule } from '../events.ts';
import { inParallel } from '../in-parallel.ts';
import { describeError } from '../log.ts';
import { type OutboxMessage, outboxMessageSchema } from './message.ts';
import { noticeFromMail } from './recipients.ts';
import { ChatUnreachable, TELEGRAM_TRY_MS, type TelegramTransport } from './telegram-transport.ts';
import {
  type Delivery,
  type MailTransport,
  RecipientsRefused,
  SES_TRY_MS,
  SMTP_TRY_MS,
} from './transports.ts';

export interface MailerOptions {
  /** Tries per delivery within one invocation, with exponential backoff between them. */
  readonly sendAttempts: number;
  readonly backoffMs: number;
  /**
   * A table call around a send (a suppression read or write, a try of a settle) is aborted at
   * this deadline, its wait for one of the client's permits included (client.ts, boundedCalls).
   */
  readonly tableCallMs: number;
  /**
   * A claim older than this is taken to belong to a crashed invocation and may be taken over;
   * claimLeaseMs of the other options (see defaultMailerOptions).
   */
  readonly claimTimeoutMs: number;
  /** Mail still pending this long after it was written is picked up by the sweep. */
  readonly sweepAfterMs: number;
  /** After this many claims the mail is marked failed and left to the alarm and the DLQ. */
  readonly maxClaims: number;
  /** Mails of one stream batch sent at once. */
  readonly concurrency: number;
}

/**
 * Tries of a settle within settleDeadlineMs; past them it goes on, the wait between tries no
 * longer growing, for as long as its claim's lease allows (settleWindowMs).
 */
const SETTLE_ATTEMPTS = 6;
const BACKOFF_MS = 250;
/**
 * The table client's own bound of a call is 4 tries of 30 s behind an unbounded wait for a
 * permit (client.ts): no lease short of minutes could count it, so the mailer sets its own.
 */
const TABLE_CALL_MS = 10_000;

/**
 * The longest one try of a send can go on: SES's and SMTP's transports abort a try at their
 * deadline, and a Telegram notice begins no send after its own and aborts the one under way (the
 * local catcher only writes a file on this machine).
 */
const LONGEST_TRY_MS = Math.max(SES_TRY_MS, SMTP_TRY_MS, TELEGRAM_TRY_MS);

/**
 * A settle's deadline, counted from when it is asked for, so any group flush it waits behind
 * (settleInGroups) is inside it: its tries, a table call each, and the backoff between them,
 * `backoffMs` x (2 + 4 + 8 + 16 + 32).
 */
const settleDeadlineMs = (options: Pick<MailerOptions, 'tableCallMs' | 'backoffMs'>) =>
  SETTLE_ATTEMPTS * options.tableCallMs + options.backoffMs * (2 ** SETTLE_ATTEMPTS - 2);

/**
 * How long a settle asked for now may go on: until its claim's lease ends, less one table call,
 * so that its last call ends before another delivery may take the claim over; never less than
 * settleDeadlineMs, which the lease was sized to hold (claimLeaseMs). A mail that went out and
 * was never settled is sent again by whoever takes the stale claim over: a full surge at load
 * 20 sent 17 confirmation mails twice when their settles gave up at 75.5 s with most of the
 * 231 s lease left. Past the lease nothing can keep it from going twice: SES and SMTP take no
 * idempotency key.
 */
const settleWindowMs = (options: MailerOptions, claim: OutboxMessage, now: Date) =>
  Math.max(
    settleDeadlineMs(options),
    claim.claimedAt === undefined
      ? 0
      : Date.parse(claim.claimedAt) + options.claimTimeoutMs - options.tableCallMs - now.getTime(),
  );

/**
 * The claim lease these deadlines need. It must outlast everything a delivery can still do once
 * it began a send, or the sweep takes over a mail still being sent or settled and it goes twice.
 * A try begins only while its claim is younger than half the lease (claimStillFresh, checked
 * before each try), so the other half holds what may follow that check, each ended by a deadline
 * in code, whatever it waits for: one try of the send (`longestTryMs`), the suppression of the
 * addresses it refused (one table call, all at once) and the settle.
 */
export const claimLeaseMs = (
  options: Pick<MailerOptions, 'tableCallMs' | 'backoffMs'>,
  longestTryMs: number = LONGEST_TRY_MS,
) => 2 * (longestTryMs + options.tableCallMs + settleDeadlineMs(options));

export const defaultMailerOptions: MailerOptions = {
  sendAttempts: 3,
  backoffMs: BACKOFF_MS,
  tableCallMs: TABLE_CALL_MS,
  // 2 x (30 s, the longest try (SMTP's and Telegram's; SES's is 10 s) + 10 s + a settle's 75.5 s)
  // = 231 s. It was 10 minutes while an SES call had no bound, and a proposal mail whose matcher
  // died after writing it waited that long before the mailer's sweep could take it over.
  claimTimeoutMs: claimLeaseMs({ tableCallMs: TABLE_CALL_MS, backoffMs: BACKOFF_MS }),
  sweepAfterMs: 2 * 60_000,
  maxClaims: 8,
  // Sent one after another, each mail's claim, send and settle added up: a surge's confirm mails
  // queued ahead of every proposal mail, which reached coordinators 10 s after the proposal.
  concurrency: 10,
};

export class DeliveryFailed extends Error {
  override readonly name = 'DeliveryFailed';
}

/** Most claims or settles one transaction carries (DynamoDB allows 100 items, 4 MB). */
const GROUP_SIZE = 25;

type Settle = (message: OutboxMessage, outcome: OutboxOutcome) => Promise<void>;
/**
 * `cutOff`: a group transaction that carried this settle was cut off at its deadline, and may
 * have been applied. `first`: the error of this settle's own first try, when it went alone.
 */
type SettleBy = (
  message: OutboxMessage,
  outcome: OutboxOutcome,
  deadline: AbortSignal,
  cutOff: boolean,
  first?: { readonly error: unknown },
) => Promise<void>;

/** A table call's signal: aborted at the mailer's per-call deadline, or sooner with `deadline`. */
const callSignal = (options: MailerOptions, deadline?: AbortSignal) =>
  deadline === undefined
    ? AbortSignal.timeout(options.tableCallMs)
    : AbortSignal.any([deadline, AbortSignal.timeout(options.tableCallMs)]);

/** A call that ended at its deadline: it may pass if tried again. */
const timedOut = (error: unknown) =>
  error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

/**
 * Settles retried one at a time (those of a refused group, or a lone settle whose first try
 * failed) that may be under way at once: a table that refuses because it is throttled gets a few
 * more calls, not a group's worth each time. Past it, a settle waits for a place, within its deadline.
 */
const SETTLES_RETRYING_AT_ONCE = 10;

/**
 * Settles as a group commit: a settle goes at once when none is on its way; those that come
 * meanwhile wait for it and then go together in one transaction. Under `npm start` DynamoDB
 * Local commits one write at a time to its disk, and a surge's settles were a quarter of all
 * its writes; idle, each settle still goes alone and at once. A group the table refuses is
 * settled item by item (`one`, with its retries), so one stale claim holds back no other; one
 * cut off at its deadline may have been applied, which `one` is told. Those retries, and a lone
 * settle's after its first try failed, go beside the group commits that follow, never ahead of
 * them: waiting behind a refused group's retries, a surge's later settles ran into their
 * deadlines and their claims' leases. Each settle has its deadline from when it is asked for
 * (settleWindowMs), and fails there, still queued or not: the claim lease counts on it.
 */
function settleInGroups(deps: Deps, options: MailerOptions, one: SettleBy): Settle {
  interface Waiting {
    readonly message: OutboxMessage;
    readonly outcome: OutboxOutcome;
    readonly deadline: AbortSignal;
    readonly done: (error?: unknown) => void;
  }
  const waiting: Waiting[] = [];
  let flushing = false;
  let retrying = 0;
  /** Settles waiting for a place among those retrying: each is handed the place of one that ends. */
  const queued: (() => void)[] = [];
  async function place(deadline: AbortSignal): Promise<void> {
    if (retrying < SETTLES_RETRYING_AT_ONCE) {
      retrying++;
      return;
    }
    let expired: () => void = () => undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        expired = () => {
          queued.splice(queued.indexOf(resolve), 1);
          reject(deadline.reason);
        };
        queued.push(resolve);
        deadline.addEventListener('abort', expired, { once: true });
      });
    } finally {
      deadline.removeEventListener('abort', expired);
    }
  }
  function leave() {
    const next = queued.shift();
    if (next === undefined) retrying--;
    else next();
  }
  function settleAlone(group: readonly Waiting[], cutOff: boolean, first?: { error: unknown }) {
    for (const { message, outcome, deadline, done } of group)
      void place(deadline)
        .then(() => one(message, outcome, deadline, cutOff, first).finally(leave))
        .then(() => done(), done);
  }
  async function flush() {
    flushing = true;
    try {
      while (waiting.length > 0) {
        const group = waiting.splice(0, GROUP_SIZE);
        try {
          const signal = AbortSignal.any([
            AbortSignal.timeout(options.tableCallMs),
            ...group.map((s) => s.deadline),
          ]);
          const [only] = group;
          if (only !== undefined && group.length === 1)
            await settleOutboxItem(deps, only.message, only.outcome, signal);
          else
            await settleOutboxItems(
              deps,
              group.map(({ message, outcome }) => ({ claim: message, outcome })),
              signal,
            );
          for (const settle of group) settle.done();
        } catch (error) {
          if (group.length > 1) {
            deps.log.warn('mail.settle_group_refused', { settles: group.length, ...describeError(error) });
            settleAlone(group, timedOut(error));
          } else settleAlone(group, false, { error });
        }
      }
    } finally {
      flushing = false;
    }
  }
  return (message, outcome) =>
    new Promise<void>((resolve, reject) => {
      const deadline = AbortSignal.timeout(settleWindowMs(options, message, deps.now()));
      const entry: Waiting = {
        message,
        outcome,
        deadline,
        done: (error) => {
          deadline.removeEventListener('abort', expired);
          if (error === undefined) resolve();
          else reject(error);
        },
      };
      // Still queued behind another group's flush at its deadline: it fails where it is.
      const expired = () => {
        const at = waiting.indexOf(entry);
        if (at < 0) return;
        waiting.splice(at, 1);
        reject(deadline.reason);
      };
      deadline.addEventListener('abort', expired, { once: true });
      waiting.push(entry);
      if (!flushing) void flush();
    });
}

/**
 * Sends one outbox item if nobody has; throws DeliveryFailed when it could not be delivered now.
 * `to`, when the caller knows the item's recipients (it has just written it), lets the
 * suppression list be read beside the claim instead of after it.
 */
export type Deliver = (id: string, to?: readonly string[]) => Promise<'sent' | 'suppressed' | 'skipped'>;

/** Sends an outbox item its caller holds the claim of (written claimed, see sendingAtOnce; or claimed in a group), and settles it. */
export type DeliverClaimed = (
  claimed: OutboxMessage,
  suppressed?: Set<string>,
) => Promise<'sent' | 'suppressed'>;

/**
 * One outbox item's delivery, exactly once whoever calls it: the item is claimed first, so a
 * stream record delivered again, the sweep, or a proposal mail's hand-off (sendHandedOff) finds
 * it taken and sends nothing.
 */
export function createDelivery(
  deps: Deps,
  transport: MailTransport,
  options: MailerOptions = defaultMailerOptions,
  telegram?: TelegramTransport,
): { deliver: Deliver; deliverClaimed: DeliverClaimed } {
  const { config, log } = deps;

  /** Takes the item for this invocation; false when it is sent, failed, or being sent by another. */
  async function claim(id: string): Promise<OutboxMessage | undefined> {
    const staleBefore = new Date(deps.now().getTime() - options.claimTimeoutMs);
    const claimed = await claimOutboxItem(deps, id, staleBefore);
    return claimed === undefined ? undefined : outboxMessageSchema.parse(claimed);
  }

  /**
   * Ends one claimed delivery, trying again while the table is busy: a mail that went out but was
   * never settled stays claimed, and once the claim is stale the sweep takes it over and sends it
   * again (a full surge on a laptop sent seven confirmation mails twice when DynamoDB Local
   * answered their settles with InternalServerError beyond the SDK's own retries).
   */
  async function settleOne(
    message: OutboxMessage,
    outcome: OutboxOutcome,
    deadline: AbortSignal,
    cutOff: boolean,
    first?: { readonly error: unknown },
  ): Promise<void> {
    let abandoned = cutOff;
    // A refused condition after an abandoned call: what is left is to read whether it settled.
    let refused: unknown;
    // Its first try, made alone, failed: it is handled as this loop's first, backoff and all.
    let failed = first;
    for (let attempt = 1; ; attempt++) {
      try {
        if (failed !== undefined) {
          const { error } = failed;
          failed = undefined;
          throw error;
        }
        if (refused === undefined)
          return await settleOutboxItem(deps, message, outcome, callSignal(options, deadline));
        if (await isSettledAs(deps, message, outcome, callSignal(options, deadline))) return;
        throw refused;
      } catch (error) {
        if (error === refused) throw error;
        // A call abandoned at its deadline (a try of this settle, or the group transaction it was
        // in) may still have reached the table and settled the item, and then its condition is
        // refused now: settled if the item reads so, not if another delivery took the claim. The
        // read is tried again as a settle is, within the same deadline.
        if (abandoned && isConditionFailure(error)) {
          refused = error;
          continue;
        }
        abandoned ||= timedOut(error);
        const again = isTransient(error) || timedOut(error);
        if (!again || deadline.aborted) throw error;
        log.warn('mail.settle_retry', { outboxId: message.id, attempt, ...describeError(error) });
        await sleep(options.backoffMs * 2 ** Math.min(attempt, SETTLE_ATTEMPTS - 1), undefined, {
          signal: deadline,
        });
      }
    }
  }
  const settle = settleInGroups(deps, options, settleOne);

  /** The transport's Delivery, or the error of the last try. A refusal for good is not retried. */
  async function sendWithBackoff(message: OutboxMessage): Promise<Delivery | { error: unknown }> {
    let lastError: unknown;
    for (let attempt = 0; attempt < options.sendAttempts; attempt++) {
      if (attempt > 0) await sleep(options.backoffMs * 2 ** (attempt - 1));
      // No try the lease cannot hold (see claimTimeoutMs): the mail goes back for a later one.
      if (!claimStillFresh(message))
        return { error: lastError ?? new Error('claim too old to send before it goes stale') };
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

  /**
   * Suppresses the addresses a server refused for good, so no later mail goes there: all at once,
   * within one table call's deadline. A write that fails is only logged: the mail went, and its
   * settle must follow, or the sweep sends it again once the claim is stale.
   */
  async function suppressRefused(message: OutboxMessage, refused: readonly string[]): Promise<void> {
    if (refused.length === 0) return;
    const signal = callSignal(options);
    const written = await Promise.allSettled(
      refused.map((address) => suppressAddress(deps, address, 'refused', signal)),
    );
    const unwritten = written.filter((result) => result.status === 'rejected').length;
    log.warn('mail.recipients_refused', {
      outboxId: message.id,
      template: message.template,
      refused: refused.length,
      ...(unwritten > 0 ? { unsuppressed: unwritten } : {}),
    });
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
   * blocked the bot, 'no-bot' when Haven runs no bot now, for the caller to fall back to email.
   */
  async function sendToChat(
    claimed: OutboxMessage,
    chat: string,
  ): Promise<'sent' | 'unreachable' | 'no-bot'> {
    if (!telegram) {
      // The bot is switched off: the address, if there is one; else the notice waits for the bot.
      if (claimed.to.length > 0) return 'no-bot';
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

  /**
   * Marks the person's chat as refusing notices, and whether their address took this one instead
   * (markChatUnreachable), once that is settled: their records' pages tell the coordinators. A
   * failure to mark it is logged; the notice is settled already.
   */
  async function tellCoordinatorsUnreachable(
    claimed: OutboxMessage,
    outcome: 'sent' | 'suppressed',
  ): Promise<'sent' | 'suppressed'> {
    if (claimed.chat === undefined) return outcome;
    try {
      await markChatUnreachable(deps, claimed.chat, outcome === 'sent', callSignal(options));
    } catch (error) {
      log.error('telegram.unreachable-unmarked', { outboxId: claimed.id, ...describeError(error) });
    }
    return outcome;
  }

  async function deliver(id: string, to?: readonly string[]): Promise<'sent' | 'suppressed' | 'skipped'> {
    const [claimed, suppressedEarly] = await Promise.all([
      claim(id),
      // Unread here, it is read again after the claim (send), which hands the claim back if it fails.
      to === undefined ? undefined : suppressedAmong(deps, to, callSignal(options)).catch(() => undefined),
    ]);
    if (!claimed) return 'skipped';
    const known =
      to !== undefined && to.length === claimed.to.length && to.every((a) => claimed.to.includes(a));
    return send(claimed, known ? suppressedEarly : undefined);
  }

  /**
   * Whether a claim still leaves a send time to finish before the sweep may take it over: a
   * stream batch claims its mails together and sends them in waves, and a claim that waited
   * behind a slow mail server for half its lease is handed back rather than raced.
   */
  function claimStillFresh(claimed: OutboxMessage): boolean {
    if (claimed.claimedAt === undefined) return true;
    return deps.now().getTime() - Date.parse(claimed.claimedAt) < options.claimTimeoutMs / 2;
  }

  /** Sends a claimed item; `suppressedEarly`, the suppressed among its recipients (or more) when already read. */
  async function send(claimed: OutboxMessage, suppressedEarly?: Set<string>): Promise<'sent' | 'suppressed'> {
    const id = claimed.id;
    if (!claimStillFresh(claimed))
      return deferOrFail(claimed, new Error('claim too old to send before it goes stale'));
    // A Telegram notice goes to its chat; its address, if the person gave one, only when the chat cannot be reached.
    const chatOutcome = claimed.chat === undefined ? undefined : await sendToChat(claimed, claimed.chat);
    if (chatOutcome === 'sent') return 'sent';
    // A chat that refused the notice: the coordinators are told, once its fallback has ended.
    const settled = async (outcome: 'sent' | 'suppressed') =>
      chatOutcome === 'unreachable' ? tellCoordinatorsUnreachable(claimed, outcome) : outcome;
    // Whatever the transport: no mail to an address that bounced, complained or was refused.
    // Unread, the claim goes back at once: held, the mail would wait until the claim is stale.
    let suppressed: Set<string>;
    try {
      suppressed = suppressedEarly ?? (await suppressedAmong(deps, claimed.to, callSignal(options)));
    } catch (error) {
      return deferOrFail(claimed, error);
    }
    const message = { ...claimed, to: claimed.to.filter((address) => !suppressed.has(address)) };
    if (message.to.length === 0) {
      await settle(claimed, 'suppressed');
      log.info('mail.suppressed', {
        outboxId: id,
        template: claimed.template,
        recipients: claimed.to.length,
      });
      return settled('suppressed');
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
      return settled(reached > 0 ? 'sent' : 'suppressed');
    }
    return deferOrFail(claimed, outcome.error);
  }

  return { deliver, deliverClaimed: send };
}

/**
 * The mailer Lambda's work: deliver each new outbox item exactly once per stream record, even
 * when the stream delivers the record again, and retry what the transport refused; and send the
 * proposal mails the matcher hands it (sendHandedOff).
 */
export function createMailer(
  deps: Deps,
  transport: MailTransport,
  options: MailerOptions = defaultMailerOptions,
  telegram?: TelegramTransport,
) {
  const { log } = deps;
  const { deliver, deliverClaimed } = createDelivery(deps, transport, options, telegram);

  /**
   * Claims a stream batch's new items a group to a transaction, as their images carried them
   * (claimOutboxItem's write each, before); what a group could not claim is claimed alone.
   */
  async function claimInGroups(all: readonly Record<string, unknown>[]) {
    // One operation an item: a transaction may not name an item twice.
    const images = [...new Map(all.map((image) => [String(image.id), image])).values()];
    const groups = Array.from({ length: Math.ceil(images.length / GROUP_SIZE) }, (_, i) =>
      images.slice(i * GROUP_SIZE, (i + 1) * GROUP_SIZE),
    );
    const claimed = await Promise.all(
      groups.map((group) =>
        claimFreshOutboxItems(deps, group).catch((error: unknown) => {
          log.warn('mail.claim_group_refused', { claims: group.length, ...describeError(error) });
          return [];
        }),
      ),
    );
    return new Map(claimed.flat().map((item) => [String(item.id), outboxMessageSchema.parse(item)]));
  }

  /**
   * Every mail still pending past sweepAfterMs, oldest first, each on its own: one that cannot be
   * read or settled is logged and the next still has its turn (thrown, it held back every mail
   * behind it on every sweep). The sweep fails at the end, so the function's error alarm sees it.
   */
  async function sweep(): Promise<void> {
    const dueBefore = new Date(deps.now().getTime() - options.sweepAfterMs);
    let failures = 0;
    for await (const id of pendingOutboxIds(deps, dueBefore)) {
      try {
        await deliver(id);
      } catch (error) {
        failures++;
        // A DeliveryFailed was logged where it was decided (deferOrFail).
        if (!(error instanceof DeliveryFailed))
          log.error('mail.sweep_failed', { outboxId: id, ...describeError(error) });
      }
    }
    if (failures > 0) throw new DeliveryFailed(`${failures} mails could not be delivered by the sweep`);
  }

  const handedOff = sendHandedOff(deps, transport, options);

  return async (event: StreamOrSchedule | MailHandOff): Promise<DynamoDBBatchResponse> => {
    if (isScheduledTask(event)) {
      await sweep();
      return { batchItemFailures: [] };
    }
    if (isMailHandOff(event)) {
      await handedOff(z.array(handedOffLeaseSchema).parse(event.leases));
      return { batchItemFailures: [] };
    }
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    // Mail its writer sends at once is the writer's, or the sweep's if the writer could not.
    const inserted = changedItems(event).filter(
      (change) =>
        change.eventName === 'INSERT' && change.newItem?.kind === 'outbox' && !isSentAtOnce(change.newItem),
    );
    // The images name the recipients: their suppression list is read beside the claims. Should
    // that read fail, each mail reads its own: the batch's claims are taken and must not be held.
    const images = inserted.flatMap((change) => (change.newItem ? [change.newItem] : []));
    const [claimed, suppressed] = await Promise.all([
      claimInGroups(images),
      suppressedAmong(
        deps,
        [...new Set(images.flatMap((image) => (Array.isArray(image.to) ? image.to.map(String) : [])))],
        callSignal(options),
      ).catch((error: unknown) => {
        log.warn('mail.suppressions_unread', describeError(error));
        return undefined;
      }),
    ]);
    await inParallel(inserted, options.concurrency, async (change) => {
      const to = change.newItem?.to;
      const id = String(change.newItem?.id);
      // A record the stream delivered twice in one batch is sent on the first one's claim only.
      const mine = claimed.get(id);
      claimed.delete(id);
      try {
        if (mine) await deliverClaimed(mine, suppressed);
        else await deliver(id, Array.isArray(to) ? to.map(String) : undefined);
      } catch (error) {
        log.warn('mail.batch_item_failed', { ...describeError(error) });
        batchItemFailures.push({ itemIdentifier: change.sequenceNumber });
      }
    });
    return { batchItemFailures };
  };
}

/**
 * Proposal mails their writer wrote leased to itself (sendingAtOnce), as written, on their way to
 * be sent (mail/handoff.ts); never throws.
 */
export type HandOff = (leased: readonly Record<string, unknown>[]) => Promise<void>;

/**
 * Sends proposal mails ahead of the outbox stream's queue (in a surge, thousands of confirmation
 * mails: on a laptop proposal mails reached coordinators minutes late, and in AWS a send quota
 * below the surge's rate would hold them back the same way), on the lease their writer's
 * transaction wrote: in the writer's own process, which holds that lease, so no other delivery
 * sends them. Email only: a Telegram notice is left to the stream's mailer, which holds the
 * bot's token. One that cannot be sent now is handed back for the sweep.
 */
export function mailAtOnce(
  deps: Deps,
  transport: MailTransport,
  options: MailerOptions = defaultMailerOptions,
): HandOff {
  const { deliverClaimed } = createDelivery(deps, transport, options);
  return timed(deps, (leased) =>
    leased.map(async (item) => {
      try {
        return await deliverClaimed(outboxMessageSchema.parse(item));
      } catch (error) {
        deps.log.warn('mail.at_once_failed', { outboxId: String(item.id), ...describeError(error) });
        return 'failed';
      }
    }),
  );
}

/** Tries of a take-over that met a busy or silent table, with the mailer's backoff between them. */
const TAKE_OVER_ATTEMPTS = 3;

/**
 * Sends proposal mails handed on by their writer in another process (mail/handoff.ts: the
 * matcher's hand-off to the mailer function), as mailAtOnce does, but each lease taken over
 * first (takeOverHandedOff): Lambda may deliver an async invocation twice, and the writer sends
 * what it handed on itself should the invocation's answer never come, so either goes once. A
 * take-over the table was too busy for is tried again; one that still fails leaves the mail to
 * the sweep once its lease is stale.
 */
export function sendHandedOff(
  deps: Deps,
  transport: MailTransport,
  options: MailerOptions = defaultMailerOptions,
): (leases: readonly HandedOffLease[]) => Promise<void> {
  const { deliverClaimed } = createDelivery(deps, transport, options);
  async function takeOver(lease: HandedOffLease) {
    const takenAt = deps.now().toISOString();
    for (let attempt = 1; ; attempt++) {
      try {
        return await takeOverHandedOff(deps, lease, takenAt, {
          abortSignal: callSignal(options),
          retried: attempt > 1,
        });
      } catch (error) {
        if (attempt >= TAKE_OVER_ATTEMPTS || !(isTransient(error) || timedOut(error))) throw error;
        await sleep(options.backoffMs * 2 ** attempt);
      }
    }
  }
  return timed(deps, (leases) =>
    leases.map(async (lease) => {
      try {
        const taken = await takeOver(lease);
        if (taken !== undefined) return await deliverClaimed(outboxMessageSchema.parse(taken));
        deps.log.info('mail.handoff_taken', { outboxId: lease.id });
        return 'taken';
      } catch (error) {
        deps.log.warn('mail.handoff_failed', { outboxId: lease.id, ...describeError(error) });
        return 'failed';
      }
    }),
  );
}

/**
 * A send of proposal mails, each mail's outcome counted, logged with its time: in AWS a hand-off
 * is one invocation of the mailer, billed by it.
 */
function timed<T>(deps: Deps, send: (mails: readonly T[]) => Promise<string>[]) {
  return async (mails: readonly T[]) => {
    const started = performance.now();
    const outcomes = await Promise.all(send(mails));
    const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
    deps.log.info('mail.handoff_done', {
      mails: mails.length,
      sent: count('sent'),
      suppressed: count('suppressed'),
      taken: count('taken'),
      failed: count('failed'),
      ms: Math.round(performance.now() - started),
    });
  };
}
