import type { RenderedMail } from '../../domain/mail.ts';
import type { Locale } from '../../domain/records.ts';
import { formatInstant } from '../../i18n/format.ts';
import { translator } from '../../i18n/index.ts';
import { buttons, paragraph, renderMail } from './layout.tsx';

/**
 * A coordinator's sign-in link, in the language of the page they asked from. Its expiry is in
 * UTC, said so: a sign-in is not tied to one country, so we know no better zone.
 */
export function renderSignInMail(to: string, url: string, validUntil: Date, locale: Locale): RenderedMail {
  const t = translator(locale);
  return renderMail({
    template: 'coordinator-sign-in',
    to: [to],
    locale,
    subject: t('coordinator.mail.subject'),
    blocks: [
      paragraph(t('coordinator.mail.intro')),
      buttons({ href: url, label: t('coordinator.mail.button') }),
      paragraph(
        t('coordinator.mail.expires', { until: formatInstant(validUntil.toISOString(), locale, 'UTC') }),
      ),
      paragraph(t('coordinator.mail.ignore')),
    ],
  });
}
