import type { MessageKey } from '../../i18n/index.ts';
import { Layout, localHref, type PageContext } from './layout.tsx';

/**
 * After a valid form: where the confirmation mail went (when this browser still knows the
 * address) and what to do with it.
 */
export function CheckInboxPage({
  page,
  kind,
  email,
}: {
  page: PageContext;
  kind: 'offer' | 'request';
  email?: string | undefined;
}) {
  const { t } = page;
  return (
    <Layout page={page} title={t('inbox.title')}>
      <div class="big-icon" aria-hidden="true">
        ✉
      </div>
      <h1>{t('inbox.title')}</h1>
      <p class="lead">{email ? t('inbox.sent', { email }) : t('inbox.sentNoAddress')}</p>
      <div class="notice">
        <p>{t(kind === 'offer' ? 'inbox.offer' : 'inbox.request')}</p>
        <p>{t('inbox.manage')}</p>
      </div>
      <p>{t('inbox.spam')}</p>
    </Layout>
  );
}

/** The kinds of failure a person can meet on a page, each with its own plain explanation. */
export type ErrorKind =
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'mailboxLimited'
  | 'chatLimited'
  | 'signInLimited'
  | 'serviceLimited'
  | 'tooLarge'
  | 'badRequest'
  | 'unavailable'
  | 'internal';

const ERROR_TEXT: Record<ErrorKind, { title: MessageKey; text: MessageKey }> = {
  forbidden: { title: 'error.forbidden.title', text: 'error.forbidden.text' },
  notFound: { title: 'error.notFound.title', text: 'error.notFound.text' },
  rateLimited: { title: 'error.rateLimited.title', text: 'error.rateLimited.text' },
  mailboxLimited: { title: 'error.rateLimited.title', text: 'error.rateLimited.mailbox' },
  chatLimited: { title: 'error.rateLimited.title', text: 'error.rateLimited.chat' },
  // The form limits last an hour, so only the sign-in's quarter of an hour is a short wait.
  signInLimited: { title: 'error.rateLimited.signInTitle', text: 'error.rateLimited.signIn' },
  serviceLimited: { title: 'error.rateLimited.title', text: 'error.rateLimited.service' },
  tooLarge: { title: 'error.tooLarge.title', text: 'error.tooLarge.text' },
  badRequest: { title: 'error.badRequest.title', text: 'error.badRequest.text' },
  unavailable: { title: 'error.unavailable.title', text: 'error.unavailable.text' },
  internal: { title: 'error.title', text: 'error.internal.text' },
};

/** Any page-side failure: what happened in plain words and the way back, never a stack trace. */
export function ErrorPage({ page, kind }: { page: PageContext; kind: ErrorKind }) {
  const { t } = page;
  const text = ERROR_TEXT[kind];
  return (
    <Layout page={page} title={t(text.title)} noindex>
      <h1>{t(text.title)}</h1>
      <p class="lead">{t(text.text)}</p>
      <p>
        <a class="button secondary" href={localHref('/', page.locale)}>
          {t('site.home')}
        </a>
      </p>
    </Layout>
  );
}
