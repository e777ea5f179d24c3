import type { RenderedMail } from '../../domain/mail.ts';
import type { OfferRecord, RequestRecord } from '../../domain/records.ts';
import { translator } from '../../i18n/index.ts';
import { recipientOf } from '../recipients.ts';
import { buttons, paragraph, renderMail } from './layout.tsx';

/**
 * To a person who sent a form from the Telegram Mini App: their record is open at once (the
 * chat is their confirmed channel), with the private manage link. In their chat, and by email
 * only if the chat cannot be reached and they gave an address.
 */
export function renderReceivedNotice(record: OfferRecord | RequestRecord, manageUrl: string): RenderedMail {
  const t = translator(record.locale);
  return renderMail({
    template: `received-${record.kind}`,
    to: recipientOf(record),
    locale: record.locale,
    subject: t('telegram.received.title'),
    blocks: [
      paragraph(t(record.kind === 'offer' ? 'telegram.received.offer' : 'telegram.received.request')),
      buttons({ href: manageUrl, label: t('confirm.manageLink') }),
      paragraph(t('telegram.received.manage')),
    ],
  });
}
