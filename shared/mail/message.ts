import * as z from 'zod';
import { lazySchema } from '../domain/lazy-schema.ts';
import { localeSchema } from '../domain/records.ts';

/**
 * A mail as the outbox keeps it until it is sent; a sent item keeps only its metadata (id,
 * template, locale, status, times), since its body carried live action links and contact details.
 * This schema describes an item waiting to be sent: rendered when the state change that causes it is written (in
 * the same transaction), so the mailer only delivers and never needs the records themselves.
 */
/**
 * `failed`: the transport refused it MAX_MAIL_ATTEMPTS times; an alarm and the DLQ carry it on.
 * `suppressed`: every recipient is on the suppression list (bounced, complained or refused), so
 * it was never sent.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'suppressed', 'failed'] as const;

/** A button under a Telegram notice: a page to open (where a mail has a link), or an answer to send back. */
export const telegramButtonSchema = lazySchema(() =>
  z.union([
    z.object({ text: z.string().min(1).max(64), url: z.url() }),
    z.object({ text: z.string().min(1).max(64), callback_data: z.string().min(1).max(64) }),
  ]),
);
export type TelegramButton = z.infer<typeof telegramButtonSchema>;

/** A notice as it goes to one Telegram chat: the mail's text, its links as buttons. */
export const telegramNoticeSchema = lazySchema(() =>
  z.object({
    chatId: z.string().regex(/^-?\d{1,20}$/),
    text: z.string().min(1).max(4096),
    buttons: z.array(z.array(telegramButtonSchema)),
  }),
);
export type TelegramNotice = z.infer<typeof telegramNoticeSchema>;

export const outboxMessageSchema = lazySchema(() =>
  z.object({
    id: z.string().min(1),
    kind: z.literal('outbox'),
    /** What the mail is for (confirm-offer, proposal, placement, …): for logs and metrics, never PII. */
    template: z.string().min(1),
    /** Email recipients; for a Telegram notice, the address it falls back to when the chat is unreachable, if any. */
    to: z.array(z.string().min(3)),
    /** Set when the item goes to this Telegram chat (one chat per item, so each is sent exactly once). */
    chat: z
      .string()
      .regex(/^-?\d{1,20}$/)
      .optional(),
    locale: localeSchema,
    subject: z.string().min(1),
    text: z.string().min(1),
    html: z.string().min(1),
    status: z.enum(OUTBOX_STATUSES),
    attempts: z.number().int().min(0),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    sentAt: z.iso.datetime().optional(),
    claimedAt: z.iso.datetime().optional(),
  }),
);
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
