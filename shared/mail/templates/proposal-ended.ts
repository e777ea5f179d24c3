import type { RenderedMail } from '../../domain/mail.ts';
import type { OfferRecord, RequestRecord } from '../../domain/records.ts';
import { translator } from '../../i18n/index.ts';
import { recipientOf } from '../recipients.ts';
import { paragraph, renderMail } from './layout.tsx';

/**
 * What a host's offer is now, in the words of the notice; a chat's offer is never pending (it
 * opens at once).
 */
const OFFER_STATE = {
  open: 'telegram.ended.offer.open',
  pending: 'telegram.ended.offer.paused',
  paused: 'telegram.ended.offer.paused',
  closed: 'telegram.ended.offer.closed',
} as const;

/**
 * To the chat of a person who came through the bot, when a proposal that concerned them ended
 * without a placement: that it did not work out, and where their record stands now (a request is
 * open again; an offer is open, paused or closed). No names, no contact and no reason: who the
 * other side was and why a coordinator declined are not theirs to learn.
 */
export function renderProposalEndedNotice(record: OfferRecord | RequestRecord): RenderedMail {
  const t = translator(record.locale);
  return renderMail({
    template: `proposal-ended-${record.kind}`,
    to: recipientOf(record),
    locale: record.locale,
    subject: t(`telegram.ended.title.${record.kind}`),
    blocks:
      record.kind === 'request'
        ? [paragraph(t('telegram.ended.request'))]
        : [paragraph(t('telegram.ended.offer')), paragraph(t(OFFER_STATE[record.status]))],
  });
}
