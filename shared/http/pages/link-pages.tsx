import type { OfferRecord, RequestRecord } from '../../domain/records.ts';
import { ActionPage } from './action-page.tsx';
import type { PageContext } from './layout.tsx';
import { summaryFacts } from './manage-page.tsx';

/** The button a confirm link's POST must carry to act. */
export const CONFIRM_BUTTON = { name: 'decision', value: 'confirm' } as const;

/** `GET /confirm/{token}`: what is being confirmed and the one button that confirms it. */
export function ConfirmPage({
  page,
  record,
  action,
  repeatsStay = false,
}: {
  page: PageContext;
  record: OfferRecord | RequestRecord;
  action: string;
  /** The address already has a stay on these dates: the press closes the chat's request instead. */
  repeatsStay?: boolean;
}) {
  const { t } = page;
  return (
    <ActionPage
      page={page}
      title={t('confirm.title')}
      lead={t(
        repeatsStay
          ? 'confirm.placedAddress.lead'
          : record.kind === 'offer'
            ? 'confirm.offer.lead'
            : 'confirm.request.lead',
      )}
      factsTitle={t(record.kind === 'offer' ? 'manage.offer.title' : 'manage.request.title')}
      facts={summaryFacts(record, page)}
      action={action}
      button={{ ...CONFIRM_BUTTON, label: t('confirm.button') }}
    />
  );
}
