import * as z from 'zod';
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

export const outboxMessageSchema = z.object({
  id: z.string().min(1),
  kind: z.literal('outbox'),
  /** What the mail is for (confirm-offer, proposal, placement, …): for logs and metrics, never PII. */
  template: z.string().min(1),
  to: z.array(z.string().min(3)).min(1),
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
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export interface RenderedMail {
  readonly template: string;
  readonly to: readonly string[];
  readonly locale: z.infer<typeof localeSchema>;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}
