import * as z from 'zod';
import { type SuppressionReason, suppressAddress } from '../data/suppressions.ts';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';

/**
 * What SES sends through the configuration set's EventBridge destination for a bounce or a
 * complaint (the event's `detail` is SES's event record). Only the fields Haven acts on.
 */
const sesEventSchema = lazySchema(() =>
  z.object({
    source: z.literal('aws.ses'),
    detail: z.discriminatedUnion('eventType', [
      z.object({
        eventType: z.literal('Bounce'),
        bounce: z.object({
          bounceType: z.string(),
          bouncedRecipients: z.array(z.object({ emailAddress: z.string().min(3) })),
        }),
      }),
      z.object({
        eventType: z.literal('Complaint'),
        complaint: z.object({
          complainedRecipients: z.array(z.object({ emailAddress: z.string().min(3) })),
        }),
      }),
    ]),
  }),
);

/**
 * The mail-events Lambda: SES reports a permanent bounce or a complaint, and the address goes
 * on the suppression list the mailer reads before every send. Transient and undetermined
 * bounces (a full mailbox, a server down) suppress nothing: the next mail may well arrive.
 */
export function createMailEventHandler(deps: Deps) {
  return async (event: unknown): Promise<void> => {
    const parsed = sesEventSchema.safeParse(event);
    if (!parsed.success) {
      // Not a bounce or complaint record: the rule delivers nothing else, so say so and drop it.
      deps.log.warn('mail_event.ignored', { issues: parsed.error.issues.length });
      return;
    }
    const { detail } = parsed.data;
    let reason: SuppressionReason;
    let addresses: string[];
    if (detail.eventType === 'Bounce') {
      if (detail.bounce.bounceType !== 'Permanent') {
        deps.log.info('mail_event.transient_bounce', { recipients: detail.bounce.bouncedRecipients.length });
        return;
      }
      reason = 'bounce';
      addresses = detail.bounce.bouncedRecipients.map((recipient) => recipient.emailAddress);
    } else {
      reason = 'complaint';
      addresses = detail.complaint.complainedRecipients.map((recipient) => recipient.emailAddress);
    }
    let added = 0;
    for (const address of addresses) {
      if ((await suppressAddress(deps, address, reason)) === 'suppressed') added++;
    }
    deps.log.info('mail_event.suppressed', { reason, recipients: addresses.length, added });
  };
}
