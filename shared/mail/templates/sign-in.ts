import type { Locale } from '../../domain/records.ts';
import { translator } from '../../i18n/index.ts';
import type { RenderedMail } from '../message.ts';
import { htmlButton, htmlDocument, htmlParagraph, htmlSmallLink, utcMinutes } from './approval-parts.ts';

/** A coordinator's sign-in link, in the language of the page they asked from. */
export function renderSignInMail(to: string, url: string, validUntil: Date, locale: Locale): RenderedMail {
  const t = translator(locale);
  const subject = t('coordinator.mail.subject');
  const intro = t('coordinator.mail.intro');
  const expires = t('coordinator.mail.expires', { until: utcMinutes(validUntil.toISOString()) });
  const ignore = t('coordinator.mail.ignore');
  const button = t('coordinator.mail.button');
  return {
    template: 'coordinator-sign-in',
    to: [to],
    locale,
    subject,
    text: [intro, '', `${button}: ${url}`, '', expires, ignore].join('\n'),
    html: htmlDocument(locale, subject, [
      htmlParagraph(intro),
      `<p>${htmlButton(url, button)}</p>`,
      htmlSmallLink(url),
      htmlParagraph(expires),
      htmlParagraph(ignore),
    ]),
  };
}
