import type { OfferRecord, RequestRecord } from '../../domain/records.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { placeText } from '../../mail/templates/facts.ts';
import type { AvailabilityAnswer } from '../../upkeep/availability.ts';
import { ActionPage, DonePage, type Fact } from './action-page.tsx';
import { localHref, type PageContext } from './layout.tsx';
import { formatDate } from './manage-page.tsx';

/** The field the availability pages' button is named; its value must be the link's own answer. */
export const AVAILABILITY_BUTTON = 'answer';

function offerFacts(offer: OfferRecord, page: PageContext): Fact[] {
  const { t } = page;
  return [
    {
      label: t('field.city'),
      value: placeText(offer.country, offer.city, page.locale, page.t),
    },
    { label: t('field.availableFrom'), value: formatDate(offer.availableFrom, page) },
    {
      label: t('field.availableTo'),
      value: offer.availableTo ? formatDate(offer.availableTo, page) : t('manage.notSet'),
    },
    { label: t('field.beds'), value: String(offer.beds) },
  ];
}

function requestFacts(request: RequestRecord, page: PageContext): Fact[] {
  const { t } = page;
  return [
    {
      label: t('fieldset.place'),
      value: placeText(request.country, request.city, page.locale, t),
    },
    { label: t('field.arrival'), value: formatDate(request.arrival, page) },
    {
      label: t('field.departure'),
      value: request.departure ? formatDate(request.departure, page) : t('manage.notSet'),
    },
    { label: t('field.adults'), value: String(request.adults) },
    { label: t('field.children'), value: String(request.children) },
  ];
}

/** `GET /availability/{yes|no}/{token}`: the offer or request and one button; nothing here acts by itself. */
export function AvailabilityPage({
  page,
  answer,
  record,
  action,
}: {
  page: PageContext;
  answer: AvailabilityAnswer;
  record: OfferRecord | RequestRecord;
  action: string;
}) {
  const { t } = page;
  const yes = answer === 'yes';
  const offer = record.kind === 'offer';
  const lead = !offer
    ? t(`stillLooking.${answer}.lead`)
    : t(yes && record.status === 'paused' ? 'availability.yes.pausedLead' : `availability.${answer}.lead`);
  return (
    <ActionPage
      page={page}
      title={t(offer ? `availability.${answer}.title` : `stillLooking.${answer}.title`)}
      lead={lead}
      factsTitle={t(offer ? 'availability.facts.title' : 'stillLooking.facts.title')}
      facts={record.kind === 'offer' ? offerFacts(record, page) : requestFacts(record, page)}
      action={action}
      button={{
        name: AVAILABILITY_BUTTON,
        value: answer,
        label: t(offer ? `availability.${answer}.button` : `stillLooking.${answer}.button`),
        tone: yes ? 'primary' : 'danger',
      }}
    />
  );
}

/** After the host or seeker answered: what is now true of the offer or request. */
export function AvailabilityDonePage({
  page,
  kind,
  outcome,
}: {
  page: PageContext;
  kind: 'offer' | 'request';
  outcome: 'confirmed' | 'resumed' | 'closed';
}) {
  // A seeker's "still looking" answer keeps the request's status (one paused stays paused:
  // upkeep/availability.ts answerAvailability), so it never resumes one.
  const prefix = kind === 'offer' ? 'availability' : 'stillLooking';
  const shown = kind === 'request' && outcome === 'resumed' ? 'confirmed' : outcome;
  return (
    <DonePage
      page={page}
      title={page.t(`${prefix}.${shown}.title` as MessageKey)}
      text={page.t(`${prefix}.${shown}.text` as MessageKey)}
      link={{ href: localHref('/', page.locale), label: page.t('site.home') }}
    />
  );
}
