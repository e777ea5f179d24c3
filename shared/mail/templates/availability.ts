import type { RenderedMail } from '../../domain/mail.ts';
import type { OfferRecord, RequestRecord } from '../../domain/records.ts';
import { formatDate } from '../../i18n/format.ts';
import { type Translate, translator } from '../../i18n/index.ts';
import { recipientOf } from '../recipients.ts';
import { partyText, placeText, spanText } from './facts.ts';
import { buttons, facts, note, paragraph, type Row, renderMail, signature } from './layout.tsx';

/** The offer as both availability mails show it: where, when, how many beds. */
const offerRows = (t: Translate, offer: OfferRecord): Row[] => [
  [t('mail.fact.place'), placeText(offer.country, offer.city, offer.locale, t)],
  [t('mail.fact.available'), spanText(offer.availableFrom, offer.availableTo, offer.locale, t)],
  [t('mail.fact.beds'), String(offer.beds)],
];

/**
 * What answering takes: in a mail, each link opens a page with one button. A Telegram chat's
 * buttons answer at a press, "yes" at once and "no longer" after a second one (recipients.ts),
 * and the same text goes by mail when the chat cannot be reached: so it says only what is true
 * of both, that nothing closes unconfirmed.
 */
const answerNote = (person: { readonly telegramChatId?: string }) =>
  person.telegramChatId === undefined ? 'mail.twoLinks' : 'mail.twoLinksChat';

/**
 * The fortnightly "still available?" mail to the host of an open offer, in the host's language,
 * with the yes and no-longer links: stale offers are what makes such a pool useless.
 */
export function renderAvailabilityMail(offer: OfferRecord, yesUrl: string, noUrl: string): RenderedMail {
  const t = translator(offer.locale);
  return renderMail({
    template: 'availability',
    to: recipientOf(offer),
    locale: offer.locale,
    subject: t('mail.availability.subject'),
    blocks: [
      paragraph(t('mail.greeting', { name: offer.name })),
      paragraph(t('mail.availability.question')),
      facts(offerRows(t, offer)),
      buttons(
        { href: yesUrl, label: t('mail.availability.yes') },
        { href: noUrl, label: t('mail.availability.no'), tone: 'secondary' },
      ),
      paragraph(t('mail.availability.deadline')),
      note(t(answerNote(offer))),
      signature(t),
    ],
  });
}

/**
 * Tells the host that an unanswered question paused the offer, in the host's language, with the
 * yes link that opens it again: otherwise a host who missed one mail silently leaves the pool.
 * And when it closes unanswered (retention.ts pauseLapsesAt), so "do nothing" promises no more.
 */
export function renderAvailabilityPausedMail(
  offer: OfferRecord,
  yesUrl: string,
  closesOn: string,
): RenderedMail {
  const t = translator(offer.locale);
  return renderMail({
    template: 'availability-paused',
    to: recipientOf(offer),
    locale: offer.locale,
    subject: t('mail.paused.subject'),
    blocks: [
      paragraph(t('mail.greeting', { name: offer.name })),
      paragraph(t('mail.paused.intro')),
      facts(offerRows(t, offer)),
      paragraph(t('mail.paused.action')),
      buttons({ href: yesUrl, label: t('mail.availability.yes') }),
      paragraph(t('mail.paused.otherwise', { date: formatDate(closesOn, offer.locale) })),
      // In the chat its button answers at the first press (recipients.ts): no page, nothing to say.
      ...(offer.telegramChatId === undefined ? [note(t('mail.oneLink'))] : []),
      signature(t),
    ],
  });
}

/**
 * The fortnightly "still looking?" mail to the seeker of an open request, in the seeker's
 * language, with the yes and no-longer links: a request nobody needs any more holds a bed back
 * from someone who does.
 */
export function renderStillLookingMail(request: RequestRecord, yesUrl: string, noUrl: string): RenderedMail {
  const t = translator(request.locale);
  const { locale } = request;
  return renderMail({
    template: 'still-looking',
    to: recipientOf(request),
    locale,
    subject: t('stillLooking.mail.subject'),
    blocks: [
      paragraph(t('mail.greeting', { name: request.name })),
      paragraph(t('stillLooking.mail.question')),
      facts([
        [t('mail.fact.place'), placeText(request.country, request.city, locale, t)],
        [t('mail.fact.dates'), spanText(request.arrival, request.departure, locale, t)],
        [t('mail.fact.party'), partyText(request.adults, request.children, t)],
      ]),
      buttons(
        { href: yesUrl, label: t('stillLooking.yes.button') },
        { href: noUrl, label: t('stillLooking.no.button'), tone: 'secondary' },
      ),
      paragraph(t('stillLooking.mail.deadline')),
      note(t(answerNote(request))),
      signature(t),
    ],
  });
}
