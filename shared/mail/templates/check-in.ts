import { unlessErased } from '../../data/intake-records.ts';
import type { RenderedMail } from '../../domain/mail.ts';
import type {
  ErasedOffer,
  ErasedRequest,
  Locale,
  OfferRecord,
  ProposalRecord,
  RequestRecord,
} from '../../domain/records.ts';
import { countryName, countryZone, formatDate, formatInstant } from '../../i18n/format.ts';
import { translator } from '../../i18n/index.ts';
import { placeName } from '../../places/gazetteer.ts';
import { reachOf, recipientOf } from '../recipients.ts';
import { partyText, placeText, spanText } from './facts.ts';
import { buttons, facts, note, paragraph, renderCoordinatorMail, renderMail, signature } from './layout.tsx';

/** Which side of a placement a check-in goes to, or a problem came from. */
export type Side = 'host' | 'seeker';

/**
 * The check-in on day 3 or day 30 of a placement, to one side in its language, with the
 * "there is a problem" link that reaches the coordinators. `otherName` is the other side's name,
 * absent once their data is erased: the stay and this side's way to the coordinators go on.
 */
export function renderCheckInMail(
  side: Side,
  day: number,
  proposal: ProposalRecord,
  me: OfferRecord | RequestRecord,
  otherName: string | undefined,
  problemUrl: string,
): RenderedMail {
  const t = translator(me.locale);
  const values = { from: formatDate(proposal.nightsFrom, me.locale), day };
  const where =
    otherName === undefined
      ? t(side === 'host' ? 'mail.checkIn.dayHostUnnamed' : 'mail.checkIn.daySeekerUnnamed', values)
      : t(side === 'host' ? 'mail.checkIn.dayHost' : 'mail.checkIn.daySeeker', {
          ...values,
          other: otherName,
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

/**
 * Where a placement's stay is: as its proposal keeps it (the offer's place when it was made, the
 * city it counts under once the offer is erased); an older proposal that keeps none, the offer's
 * while it is kept, else its country alone.
 */
export function placeOfStay(
  proposal: ProposalRecord,
  offer: OfferRecord | ErasedOffer,
): { readonly country: string; readonly city?: string } {
  if (proposal.country !== undefined && proposal.city !== undefined)
    return { country: proposal.country, city: proposal.city };
  const kept = unlessErased(offer);
  return kept ? { country: kept.country, city: kept.city } : { country: offer.country };
}

/**
 * Tells the coordinators of the offer's country that one side of a placement reported a problem,
 * with both sides' contact; once the other side's data is erased, with the reporter's alone and
 * the place and party as the proposal kept them.
 */
export function renderProblemReportMail(
  side: Side,
  proposal: ProposalRecord,
  offer: OfferRecord | ErasedOffer,
  request: RequestRecord | ErasedRequest,
  reportedAt: Date,
  to: readonly string[],
  /** The languages listed for the country's coordinators (approval/coordinators.ts coordinatorLanguages). */
  languages: readonly Locale[] | undefined,
  /** PUBLIC_URL: each side kept gets a button to its page in the workspace (notes, history, what to do). */
  publicUrl: string,
): RenderedMail {
  const { country, city } = placeOfStay(proposal, offer);
  const zone = countryZone(country);
  const contact = (record: OfferRecord | RequestRecord) =>
    `${record.name}: ${reachOf(record)}${record.phone ? `, ${record.phone}` : ''}`;
  const base = publicUrl.replace(/\/$/, '');
  const host = unlessErased(offer);
  const guest = unlessErased(request);
  return renderCoordinatorMail({
    template: `problem-${side}`,
    to,
    hostLocale: host?.locale ?? 'en',
    languages,
    subject: ({ t, locale }) =>
      t('mail.problem.subject', {
        place: city === undefined ? countryName(country, locale) : placeName(country, city, locale),
        date: formatDate(proposal.nightsFrom, locale),
      }),
    body: ({ t, locale }) => [
      paragraph(t(side === 'host' ? 'mail.problem.reportedByHost' : 'mail.problem.reportedBySeeker')),
      paragraph(t(host && guest ? 'mail.problem.intro' : 'mail.problem.introOneSide')),
      facts([
        [
          t('mail.fact.place'),
          city === undefined ? countryName(country, locale) : placeText(country, city, locale, t),
        ],
        [t('mail.fact.dates'), spanText(proposal.nightsFrom, proposal.nightsTo, locale, t)],
        [
          t('mail.fact.party'),
          guest
            ? partyText(guest.adults, guest.children, t)
            : t('coordinator.row.people', { count: proposal.partySize }),
        ],
        ...(host ? [[t('mail.problem.hostContact'), contact(host)] as const] : []),
        ...(guest ? [[t('mail.problem.guestContact'), contact(guest)] as const] : []),
        [t('mail.problem.reportedAt'), formatInstant(reportedAt.toISOString(), locale, zone)],
      ]),
      buttons(
        ...(host
          ? [
              {
                href: `${base}/coordinator/offers/${host.id}?lang=${locale}`,
                label: t('mail.problem.openHost'),
              },
            ]
          : []),
        ...(guest
          ? [
              {
                href: `${base}/coordinator/requests/${guest.id}?lang=${locale}`,
                label: t('mail.problem.openGuest'),
              },
            ]
          : []),
      ),
    ],
  });
}
