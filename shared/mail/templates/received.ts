import type { RenderedMail } from '../../domain/mail.ts';
import type { OfferRecord, RequestRecord } from '../../domain/records.ts';
import { translator } from '../../i18n/index.ts';
import { recipientOf } from '../recipients.ts';
import { recordFacts } from './facts.ts';
import { buttons, facts, paragraph, renderMail } from './layout.tsx';

/**
 * To a person who sent a form from the Telegram Mini App: their record is open at once (the
 * chat is their confirmed channel), with the private manage link. In their chat, and by email
 * only if the chat cannot be reached and they gave an address. A second sending of the same
 * request (see submit.ts) is told that it updated the first. A send that gave an address new to
 * the record is told that the address counts once its owner opens the link mailed to it.
 */
export function renderReceivedNotice(
  record: OfferRecord | RequestRecord,
  manageUrl: string,
  outcome: 'opened' | 'updated',
  addressToConfirm: boolean,
): RenderedMail {
  const t = translator(record.locale);
  const said = outcome === 'opened' ? 'telegram.received' : 'telegram.updated';
  return renderMail({
    template: `received-${record.kind}`,
    to: recipientOf(record),
    locale: record.locale,
    subject: t('telegram.received.title'),
    blocks: [
      paragraph(t(`${said}.${record.kind}`)),
      // The place as stored: three letters typed may have been taken for a town that begins so.
      facts(recordFacts(record, t), t('mail.confirm.facts')),
      ...(addressToConfirm ? [paragraph(t('telegram.received.address'))] : []),
      buttons({ href: manageUrl, label: t('confirm.manageLink') }),
      paragraph(t('telegram.received.manage')),
    ],
  });
}

/**
 * To a chat that sent its request again over the stay already arranged for it: nothing was
 * added or changed, and the manage link shows the stay and the host's contact.
 */
export function renderPlacedRepeatNotice(record: RequestRecord, manageUrl: string): RenderedMail {
  const t = translator(record.locale);
  return renderMail({
    template: 'received-request-placed',
    to: recipientOf(record),
    locale: record.locale,
    subject: t('mail.confirm.subjectPlacedRequest'),
    blocks: [
      paragraph(t('mail.confirm.placedRequest')),
      paragraph(t('mail.confirm.placedLink')),
      paragraph(t('mail.confirm.placedProblem')),
      buttons({ href: manageUrl, label: t('confirm.manageLink') }),
      paragraph(t('telegram.received.manage')),
    ],
  });
}

/**
 * To a chat whose request a tie press closed because its address already has a stay arranged
 * for those dates (intake/links.ts closeAsPlacedRepeat): no link, since the stay may be someone
 * else's who shares the mailbox.
 */
export function renderPlacedAddressNotice(record: RequestRecord): RenderedMail {
  const t = translator(record.locale);
  return renderMail({
    template: 'received-request-placed-address',
    to: recipientOf(record),
    locale: record.locale,
    subject: t('telegram.placedAddress.title'),
    blocks: [paragraph(t('telegram.placedAddress.message'))],
  });
}
