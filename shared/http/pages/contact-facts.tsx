import type { OfferRecord, RequestRecord } from '../../domain/records.ts';
import type { PageContext } from './layout.tsx';
import { Parts } from './row-parts.tsx';

/**
 * How to reach a person, as the record holds it (name, address, Telegram, phone): on the record
 * page, in the queue's "check the host first" and on the mailed approve link's, each only for a
 * coordinator signed in to the record's country. A module of its own, so the decision pages
 * (loaded with every mailed link) do not pull in the workspace's pages.
 */
export function ContactFacts({ record, page }: { record: OfferRecord | RequestRecord; page: PageContext }) {
  const { t } = page;
  return (
    <dl class="facts">
      <div>
        <dt>{t('decision.fact.name')}</dt>
        <dd>{record.name}</dd>
      </div>
      {record.email !== '' ? (
        <div>
          <dt>{t('coordinator.record.email')}</dt>
          <dd>
            <a class="tap" href={`mailto:${record.email}`}>
              {record.email}
            </a>
          </dd>
        </div>
      ) : null}
      {record.telegramChatId !== undefined ? (
        <div>
          <dt>{t('coordinator.record.telegram')}</dt>
          <dd>
            <Parts
              parts={[
                record.telegramUsername !== undefined ? (
                  <a class="tap" href={`https://t.me/${record.telegramUsername}`} rel="noreferrer">
                    @{record.telegramUsername}
                  </a>
                ) : (
                  t('coordinator.record.telegramNoUsername')
                ),
                t('coordinator.record.telegramChat', { chat: record.telegramChatId }),
              ]}
            />
          </dd>
        </div>
      ) : null}
      {record.phone ? (
        <div>
          <dt>{t('coordinator.record.phone')}</dt>
          <dd>
            <a class="tap" href={`tel:${record.phone.replaceAll(/[^+\d]/g, '')}`}>
              {record.phone}
            </a>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
