import type { RenderedMail } from '../../domain/mail.ts';
import type { Locale, OfferRecord, ProposalRecord, RequestRecord } from '../../domain/records.ts';
import {
  type CountryZone,
  countryZone,
  formatDate,
  formatInstant,
  formatKm,
  formatPercent,
  languageList,
} from '../../i18n/format.ts';
import type { Translate } from '../../i18n/index.ts';
import { placeName } from '../../places/gazetteer.ts';
import { reachOf } from '../recipients.ts';
import { partyText, placeText, spanText } from './facts.ts';
import {
  type Block,
  buttons,
  facts,
  type LocalePart,
  note,
  paragraph,
  type Row,
  renderCoordinatorMail,
} from './layout.tsx';

/** The approve and decline links of a proposal, issued by the service that creates it. */
export interface ProposalLinks {
  readonly approveUrl: string;
  readonly declineUrl: string;
}

/** A language's view of a proposal: its words, and the time zone of the offer's country for instants. */
export interface ProposalReader {
  readonly locale: Locale;
  readonly t: Translate;
  readonly zone: CountryZone;
}

export const proposalReader = (part: LocalePart, country: string): ProposalReader => ({
  ...part,
  zone: countryZone(country),
});

/** Whether, by whom and how a coordinator checked the host: the mail and the decision page both say it. */
export function hostCheckText(offer: Pick<OfferRecord, 'verification'>, reader: ProposalReader): string {
  const { t } = reader;
  const check = offer.verification;
  if (!check) return t('coordinator.verify.none');
  const at = formatInstant(check.at, reader.locale, reader.zone);
  return check.state === 'verified'
    ? t('coordinator.verify.verified', {
        by: check.by,
        at,
        method: t(`coordinator.verify.method.${check.method}`),
      })
    : check.reason === undefined
      ? t('coordinator.verify.rejected-erased', { by: check.by, at })
      : t('coordinator.verify.rejected', { by: check.by, at, reason: check.reason });
}

export interface FactGroup {
  readonly title: string;
  readonly rows: readonly Row[];
}

/**
 * Host, seeker and score, every fact in the reader's language: what the proposal mail and the
 * decision page both show. Contact details are not here: only the mail carries them.
 */
export function proposalFacts(
  proposal: ProposalRecord,
  offer: Omit<OfferRecord, 'email' | 'phone'>,
  request: Omit<RequestRecord, 'email' | 'phone'>,
  reader: ProposalReader,
): { host: FactGroup; seeker: FactGroup; score: FactGroup } {
  const { t, locale } = reader;
  const yesNo = (value: boolean) => t(value ? 'decision.fact.yes' : 'decision.fact.no');
  const notes = (text: string | undefined): Row[] => (text ? [[t('decision.fact.notes'), text]] : []);
  const host: Row[] = [
    [t('decision.fact.name'), offer.name],
    [t('decision.fact.place'), placeText(offer.country, offer.city, locale, t)],
    [t('decision.fact.beds'), String(offer.beds)],
    [t('decision.fact.available'), spanText(offer.availableFrom, offer.availableTo, locale, t)],
    [t('decision.fact.petsAllowed'), yesNo(offer.petsAllowed)],
    [t('decision.fact.childrenAllowed'), yesNo(offer.childrenAllowed)],
    [t('decision.fact.stepFree'), yesNo(offer.stepFree)],
    [t('decision.fact.multipleParties'), yesNo(offer.multipleParties)],
    ...(offer.hostHousehold
      ? [[t('decision.fact.household'), t(`household.${offer.hostHousehold}`)] as const]
      : []),
    [t('decision.fact.languages'), languageList(offer.languages, locale)],
    ...notes(offer.notes),
    [t('decision.fact.hostCheck'), hostCheckText(offer, reader)],
  ];
  const seeker: Row[] = [
    [t('decision.fact.name'), request.name],
    [t('decision.fact.party'), partyText(request.adults, request.children, t)],
    [t('decision.fact.dates'), spanText(request.arrival, request.departure, locale, t)],
    // A seeker still waiting after their arrival day is proposed a stay from today, and an offer
    // may end before the departure: what the coordinator approves is the stay, not the dates asked.
    ...(proposal.nightsFrom === request.arrival && proposal.nightsTo === request.departure
      ? []
      : [[t('decision.fact.stay'), spanText(proposal.nightsFrom, proposal.nightsTo, locale, t)] as const]),
    [t('decision.fact.place'), placeText(request.country, request.city, locale, t)],
    ...(proposal.distanceKm === undefined
      ? []
      : [[t('decision.fact.distance'), formatKm(proposal.distanceKm, locale)] as const]),
    [t('decision.fact.pets'), yesNo(request.pets)],
    [t('decision.fact.needsStepFree'), yesNo(request.needsStepFree)],
    [t('decision.fact.safeHousehold'), yesNo(request.safeHousehold)],
    [t('decision.fact.languages'), languageList(request.languages, locale)],
    ...notes(request.notes),
  ];
  return {
    host: { title: t('decision.host.title'), rows: host },
    seeker: { title: t('decision.seeker.title'), rows: seeker },
    score: {
      title: `${t('decision.score.title')}: ${formatPercent(proposal.score, locale)}`,
      rows: scoreRows(proposal, reader),
    },
  };
}

/** Each component with its value, the facts behind it (from the matcher's explanation) and its weight. */
function scoreRows(proposal: ProposalRecord, { t, locale }: ProposalReader): Row[] {
  const { breakdown, explanation: why } = proposal;
  const percent = (share: number) => formatPercent(share, locale);
  const component = (
    label: string,
    value: number,
    facts: string | undefined,
    weight: number | undefined,
  ): Row => {
    const details = [
      facts,
      weight === undefined ? undefined : t('decision.why.weight', { weight: percent(weight) }),
    ]
      .filter(Boolean)
      .join('; ');
    return [label, details ? `${percent(value)} (${details})` : percent(value)];
  };
  const coverage =
    why &&
    t(why.coverage.openEnded ? 'decision.why.coverageOpen' : 'decision.why.coverage', {
      covered: why.coverage.nightsCovered,
      requested: why.coverage.nightsRequested,
    });
  const closeness =
    why &&
    (why.distance.km === undefined
      ? t('decision.why.anywhere')
      : t('decision.why.closeness', {
          km: formatKm(why.distance.km, locale),
          max: why.distance.maxKm === undefined ? '—' : formatKm(why.distance.maxKm, locale),
        }));
  const fit = why && t('decision.why.fit', { party: why.fit.party, beds: why.fit.beds });
  const languages =
    why &&
    (why.languages.shared.length > 0
      ? // Inside the score's brackets: «100 % (русский; вес 10 %)».
        languageList(why.languages.shared, locale, true)
      : t('decision.why.noSharedLanguage'));
  return [
    component(t('decision.score.coverage'), breakdown.coverage, coverage, why?.weights.coverage),
    component(t('decision.score.closeness'), breakdown.distance, closeness, why?.weights.distance),
    component(t('decision.score.fit'), breakdown.fit, fit, why?.weights.fit),
    component(t('decision.score.sharedLanguages'), breakdown.languages, languages, why?.weights.languages),
    [t('decision.score.total'), percent(proposal.score)],
  ];
}

/** The decision due, in the offer's country's time, with the zone named. */
export const decisionDue = (proposal: ProposalRecord, reader: ProposalReader) =>
  formatInstant(proposal.decisionDueAt, reader.locale, reader.zone);

function decisionButtons(t: Translate, links: ProposalLinks): Block {
  return buttons(
    { href: links.approveUrl, label: t('decision.approve.button') },
    { href: links.declineUrl, label: t('decision.decline.button'), tone: 'secondary' },
  );
}

/**
 * The coordinators' proposal mail: both sides' summaries, the score broken down with the facts
 * behind it, when the decision is due, and the approve and decline links (which the service
 * issued in the proposal's own transaction; this only renders them).
 */
export function renderProposalMail(
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
  links: ProposalLinks,
  to: readonly string[],
  /** The languages listed for the country's coordinators (approval/coordinators.ts coordinatorLanguages). */
  languages: readonly Locale[] | undefined,
): RenderedMail {
  return renderCoordinatorMail({
    template: 'proposal',
    to,
    hostLocale: offer.locale,
    languages,
    // No names in the subject: it shows on lock screens and in notification previews.
    subject: ({ t, locale }) =>
      t('mail.proposal.subject', {
        party: request.adults + request.children,
        place: placeName(offer.country, offer.city, locale),
        beds: offer.beds,
        date: formatDate(proposal.nightsFrom, locale),
      }),
    body: (part) => {
      const reader = proposalReader(part, offer.country);
      const { t } = part;
      const groups = proposalFacts(proposal, offer, request, reader);
      const contact = (record: OfferRecord | RequestRecord) =>
        t('mail.proposal.contactValue', {
          name: record.name,
          email: reachOf(record),
          phone: record.phone ?? t('mail.fact.noPhone'),
        });
      return [
        paragraph(t('mail.proposal.intro', { due: decisionDue(proposal, reader) })),
        decisionButtons(t, links),
        note(t('mail.twoLinks')),
        facts(groups.seeker.rows, groups.seeker.title),
        facts(groups.host.rows, groups.host.title),
        facts(groups.score.rows, groups.score.title),
        facts(
          [
            [t('decision.host.title'), contact(offer)],
            [t('decision.seeker.title'), contact(request)],
          ],
          t('mail.proposal.contact'),
        ),
        note(t('mail.proposal.contactNote')),
      ];
    },
    after: ({ t }) => [decisionButtons(t, links)],
  });
}
