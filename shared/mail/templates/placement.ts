import type { RenderedMail } from '../../domain/mail.ts';
import type { OfferRecord, ProposalRecord, RequestRecord } from '../../domain/records.ts';
import { formatDate } from '../../i18n/format.ts';
import { type Translate, translator } from '../../i18n/index.ts';
import { placeName } from '../../places/gazetteer.ts';
import { recipientOf } from '../recipients.ts';
import { partyText, placeText } from './facts.ts';
import { buttons, facts, paragraph, type Row, renderMail, signature } from './layout.tsx';

/**
 * The two mails an approval sends: each side learns the other's name, email and phone, the
 * dates and the host's city (the host's, which of their offers it is). Each in its reader's
 * stored language.
 */

/** The stay as the proposal holds it: the first night, and the morning of departure if there is one. */
function stayRows(t: Translate, proposal: ProposalRecord, locale: OfferRecord['locale']): Row[] {
  return [
    [t('mail.fact.arrival'), formatDate(proposal.nightsFrom, locale)],
    [
      t('mail.fact.departure'),
      proposal.nightsTo ? formatDate(proposal.nightsTo, locale) : t('mail.placement.openEnded'),
    ],
  ];
}

/**
 * How to reach the other side: their address (when they gave one; someone who came through the
 * Telegram bot may not have), their Telegram username when they have one, and their phone.
 */
const contactRows = (t: Translate, other: OfferRecord | RequestRecord): Row[] => [
  [t('mail.fact.name'), other.name],
  ...(other.email === '' ? [] : [[t('mail.fact.email'), other.email] as Row]),
  ...(other.telegramUsername === undefined ? [] : [['Telegram', `@${other.telegramUsername}`] as Row]),
  [t('mail.fact.phone'), other.phone ?? t('mail.fact.noPhone')],
];

/**
 * Where to say there is a problem: the private page of the confirmation mail, or, for someone who
 * came through the Telegram bot and got none, the page behind the fresh manage link this
 * notice carries as a button.
 */
function problemWay(t: Translate, manageUrl: string | undefined, side: 'host' | 'seeker') {
  if (manageUrl === undefined)
    return [paragraph(t(side === 'host' ? 'mail.placement.problemHost' : 'mail.placement.safety'))];
  return [
    paragraph(t(side === 'host' ? 'mail.placement.problemHostButton' : 'mail.placement.safetyButton')),
    buttons({ href: manageUrl, label: t('confirm.manageLink') }),
  ];
}

/**
 * To the host: who is coming (name, email, phone, how many, where, dates), in the host's language,
 * and nothing else of the request: its notes may hold what the seeker meant for coordinators only.
 */
export function renderHostPlacementMail(
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
  manageUrl?: string,
): RenderedMail {
  const locale = offer.locale;
  const t = translator(locale);
  return renderMail({
    template: 'placement-host',
    to: recipientOf(offer),
    locale,
    subject: t('mail.placement.subjectHost'),
    blocks: [
      paragraph(t('mail.greeting', { name: offer.name })),
      paragraph(t('mail.placement.introHost')),
      facts(
        [
          ...contactRows(t, request),
          [t('mail.fact.party'), partyText(request.adults, request.children, t)],
          [t('mail.fact.place'), placeText(offer.country, offer.city, locale, t)],
          ...stayRows(t, proposal, locale),
        ],
        t('mail.placement.guests'),
      ),
      paragraph(t('mail.placement.nextHost')),
      ...problemWay(t, manageUrl, 'host'),
      signature(t),
    ],
  });
}

/**
 * When the host's offer ends before the departure the family asked for, the stay ends with it
 * (nights.ts stayOf): they are told so, and to ask again for the nights after it in good time.
 */
function endsEarly(t: Translate, proposal: ProposalRecord, request: RequestRecord) {
  const { nightsTo } = proposal;
  const { departure } = request;
  if (nightsTo === undefined || departure === undefined || nightsTo >= departure) return [];
  const locale = request.locale;
  return [
    paragraph(
      t('mail.placement.endsEarly', {
        date: formatDate(nightsTo, locale),
        asked: formatDate(departure, locale),
      }),
    ),
  ];
}

/** To the seeker: who hosts them (name, email, phone, place, dates), in the seeker's language. */
export function renderSeekerPlacementMail(
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
  manageUrl?: string,
): RenderedMail {
  const locale = request.locale;
  const t = translator(locale);
  const city = placeName(offer.country, offer.city, locale);
  return renderMail({
    template: 'placement-seeker',
    to: recipientOf(request),
    locale,
    subject: t('mail.placement.subjectSeeker', { place: city }),
    blocks: [
      paragraph(t('mail.greeting', { name: request.name })),
      paragraph(t('mail.placement.introSeeker', { place: city })),
      facts(
        [
          ...contactRows(t, offer),
          [t('mail.fact.place'), placeText(offer.country, offer.city, locale, t)],
          ...stayRows(t, proposal, locale),
        ],
        t('mail.placement.host'),
      ),
      ...endsEarly(t, proposal, request),
      paragraph(t('mail.placement.nextSeeker')),
      ...problemWay(t, manageUrl, 'seeker'),
      signature(t),
    ],
  });
}
