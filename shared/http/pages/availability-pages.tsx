import type { OfferRecord } from '../../domain/records.ts';
import type { AvailabilityAnswer } from '../../upkeep/availability.ts';
import { ActionPage, DonePage, type Fact } from './action-page.tsx';
import { localHref, type PageContext } from './layout.tsx';
import { formatDate } from './manage-page.tsx';

/** The field the availability pages' button is named; its value must be the link's own answer. */
export const AVAILABILITY_BUTTON = 'answer';

function offerFacts(offer: OfferRecord, page: PageContext): Fact[] {
  const { t } = page;
  return [
    { label: t('field.city'), value: `${offer.city}, ${offer.country}` },
    { label: t('field.availableFrom'), value: formatDate(offer.availableFrom, page) },
    {
      label: t('field.availableTo'),
      value: offer.availableTo ? formatDate(offer.availableTo, page) : t('manage.notSet'),
    },
    { label: t('field.beds'), value: String(offer.beds) },
  ];
}

/** `GET /availability/{yes|no}/{token}`: the offer and one button; nothing here acts by itself. */
export function AvailabilityPage({
  page,
  answer,
  offer,
  action,
}: {
  page: PageContext;
  answer: AvailabilityAnswer;
  offer: OfferRecord;
  action: string;
}) {
  const { t } = page;
  const yes = answer === 'yes';
  return (
    <ActionPage
      page={page}
      title={t(`availability.${answer}.title`)}
      lead={t(
        yes && offer.status === 'paused' ? 'availability.yes.pausedLead' : `availability.${answer}.lead`,
      )}
      factsTitle={t('availability.facts.title')}
      facts={offerFacts(offer, page)}
      action={action}
      button={{
        name: AVAILABILITY_BUTTON,
        value: answer,
        label: t(`availability.${answer}.button`),
        tone: yes ? 'primary' : 'danger',
      }}
    />
  );
}

/** After the host answered: what is now true of the offer. */
export function AvailabilityDonePage({
  page,
  outcome,
}: {
  page: PageContext;
  outcome: 'confirmed' | 'resumed' | 'closed';
}) {
  return (
    <DonePage
      page={page}
      title={page.t(`availability.${outcome}.title`)}
      text={page.t(`availability.${outcome}.text`)}
      link={{ href: localHref('/', page.locale), label: page.t('site.home') }}
    />
  );
}
