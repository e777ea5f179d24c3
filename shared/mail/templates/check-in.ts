import type { RenderedMail } from '../../domain/mail.ts';
import type { Locale, OfferRecord, ProposalRecord, RequestRecord } from '../../domain/records.ts';
import { countryZone, formatDate, formatInstant } from '../../i18n/format.ts';
import { translator } from '../../i18n/index.ts';
import { placeName } from '../../places/gazetteer.ts';
import { reachOf, recipientOf } from '../recipients.ts';
import { partyText, placeText, spanText } from './facts.ts';
import { buttons, facts, note, paragraph, renderCoordinatorMail, renderMail, signature } from './layout.tsx';

/** Which side of a placement a check-in goes to, or a problem came from. */
export type Side = 'host' | 'seeker';

/**
 * The check-in on day 3 or day 30 of a placement, to one side in its language, with the
 * "there is a problem" link that reaches the coordinators.
 */
export function renderCheckInMail(
  side: Side,
  day: number,
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
  problemUrl: string,
): RenderedMail {
  const [me, other] = side === 'host' ? [offer, request] : [request, offer];
  const t = translator(me.locale);
  const where = t(side === 'host' ? 'mail.checkIn.dayHost' : 'mail.checkIn.daySeeker', {
    other: other.name,
    from: formatDate(proposal.nightsFrom, me.locale),
    day,
  });
  return renderMail({
    template: `check-in-${side}-day${day}`,
    to: recipientOf(me),
    locale: me.locale,
    subject: t('mail.checkIn.subject'),
    blocks: [
      paragraph(t('mail.greeting', { name: me.name })),
      paragraph(where),
      paragraph(`${t('mail.checkIn.fine')} ${t('mail.checkIn.problem')}`),
      buttons({ href: problemUrl, label: t('mail.checkIn.button'), tone: 'secondary' }),
      note(t('mail.checkIn.linkNote')),
      signature(t),
    ],
  });
}

/** Tells the coordinators of the offer's country that one side of a placement reported a problem. */
export function renderProblemReportMail(
  side: Side,
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
  reportedAt: Date,
  to: readonly string[],
  /** The languages listed for the country's coordinators (approval/coordinators.ts coordinatorLanguages). */
  languages: readonly Locale[] | undefined,
): RenderedMail {
  const zone = countryZone(offer.country);
  const contact = (record: OfferRecord | RequestRecord) =>
    `${record.name}: ${reachOf(record)}${record.phone ? `, ${record.phone}` : ''}`;
  return renderCoordinatorMail({
    template: `problem-${side}`,
    to,
    hostLocale: offer.locale,
    languages,
    subject: ({ t, locale }) =>
      t('mail.problem.subject', {
        place: placeName(offer.country, offer.city, locale),
        date: formatDate(proposal.nightsFrom, locale),
      }),
    body: ({ t, locale }) => [
      paragraph(t(side === 'host' ? 'mail.problem.reportedByHost' : 'mail.problem.reportedBySeeker')),
      paragraph(t('mail.problem.intro')),
      facts([
        [t('mail.fact.place'), placeText(offer.country, offer.city, locale, t)],
        [t('mail.fact.dates'), spanText(proposal.nightsFrom, proposal.nightsTo, locale, t)],
        [t('mail.fact.party'), partyText(request.adults, request.children, t)],
        [t('mail.problem.hostContact'), contact(offer)],
        [t('mail.problem.guestContact'), contact(request)],
        [t('mail.problem.reportedAt'), formatInstant(reportedAt.toISOString(), locale, zone)],
      ]),
    ],
  });
}
