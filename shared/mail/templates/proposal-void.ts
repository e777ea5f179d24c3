import type { RenderedMail } from '../../domain/mail.ts';
import type { Locale, OfferRecord, ProposalRecord, RequestRecord, VoidReason } from '../../domain/records.ts';
import { countryZone, formatDate, formatInstant } from '../../i18n/format.ts';
import { placeName } from '../../places/gazetteer.ts';
import { partyText, placeText, spanText } from './facts.ts';
import { facts, paragraph, renderCoordinatorMail } from './layout.tsx';

const REASON_KEY = {
  expired: 'mail.void.expired',
  'offer-withdrawn': 'mail.void.offerWithdrawn',
  'request-withdrawn': 'mail.void.requestWithdrawn',
  'offer-closed': 'mail.void.offerClosed',
  'request-closed': 'mail.void.requestClosed',
  'offer-blocked': 'mail.void.offerBlocked',
  'request-blocked': 'mail.void.requestBlocked',
  'offer-ended': 'mail.void.offerEnded',
  'offer-paused': 'mail.void.offerPaused',
  'offer-rejected': 'mail.void.offerRejected',
  'request-paused': 'mail.void.requestPaused',
  'offer-changed': 'mail.void.offerChanged',
  'request-changed': 'mail.void.requestChanged',
  'request-unanswered': 'mail.void.requestUnanswered',
} as const;

/**
 * Tells the coordinators who received a proposal that it is void (expired; one side withdrew,
 * paused or changed the facts it was made on; a coordinator closed or blocked one side or rejected the host;
 * the offer's last night passed), so nobody acts on a stale mail; in the same
 * languages as the proposal mail.
 */
export function renderProposalVoidMail(
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
  reason: VoidReason,
  to: readonly string[],
  /** The languages listed for the country's coordinators (approval/coordinators.ts coordinatorLanguages). */
  languages: readonly Locale[] | undefined,
): RenderedMail {
  const zone = countryZone(offer.country);
  return renderCoordinatorMail({
    template: `proposal-${reason}`,
    to,
    hostLocale: offer.locale,
    languages,
    // No names in the subject: it shows on lock screens and in notification previews.
    subject: ({ t, locale }) =>
      t('mail.void.subject', {
        place: placeName(offer.country, offer.city, locale),
        date: formatDate(proposal.nightsFrom, locale),
      }),
    body: ({ t, locale }) => {
      const why = t(REASON_KEY[reason], { due: formatInstant(proposal.decisionDueAt, locale, zone) });
      return [
        paragraph(`${t('mail.void.intro')} ${why}`),
        facts([
          [t('decision.host.title'), offer.name],
          [t('decision.seeker.title'), request.name],
          [t('mail.fact.place'), placeText(offer.country, offer.city, locale, t)],
          [t('mail.fact.dates'), spanText(proposal.nightsFrom, proposal.nightsTo, locale, t)],
          [t('mail.fact.party'), partyText(request.adults, request.children, t)],
          [t('mail.void.proposed'), formatInstant(proposal.createdAt, locale, zone)],
        ]),
        paragraph(t('mail.void.nothingToDo')),
      ];
    },
  });
}
