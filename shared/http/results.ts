import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Locale } from '../domain/records.ts';
import type { AppEnv } from './app.ts';
import { DonePage } from './pages/action-page.tsx';
import { AvailabilityDonePage } from './pages/availability-pages.tsx';
import { ProblemReportedPage } from './pages/check-in-pages.tsx';
import { SignInSentPage } from './pages/coordinator-pages.tsx';
import { DecisionDonePage } from './pages/decision-pages.tsx';
import { localHref, type PageContext } from './pages/layout.tsx';
import { CheckInboxPage } from './pages/notice-pages.tsx';
import { markPrivate, pageOf, sendPage } from './pages/render.ts';

/**
 * Post / redirect / get: a POST that did what it was asked answers 303 to one of these pages, so
 * Back and Reload never send it again. Each page says only what the outcome's name says, never
 * which record it was about: anyone may open `/done/approved`, and it tells them nothing.
 */
const RESULTS = {
  'offer-sent': (page: PageContext, c: Context<AppEnv>) =>
    CheckInboxPage({ page, kind: 'offer', email: sentTo(c) }),
  'request-sent': (page: PageContext, c: Context<AppEnv>) =>
    CheckInboxPage({ page, kind: 'request', email: sentTo(c) }),
  // From the Telegram Mini App: the record is open already, and the chat has its manage link.
  'offer-received': (page: PageContext) => receivedPage(page, 'offer', false),
  'request-received': (page: PageContext) => receivedPage(page, 'request', false),
  // The same, after a send that gave an address: it counts once its owner opens the mailed link.
  'offer-received-address': (page: PageContext) => receivedPage(page, 'offer', true),
  'request-received-address': (page: PageContext) => receivedPage(page, 'request', true),
  // A chat's request sent again over the stay already arranged for it: nothing changed, as its
  // notice says.
  'request-placed': (page: PageContext) =>
    DonePage({
      page,
      title: page.t('telegram.placed.title'),
      text: [
        page.t('mail.confirm.placedRequest'),
        page.t('telegram.placed.message'),
        page.t('mail.confirm.placedProblem'),
        page.t('telegram.received.close'),
      ].join(' '),
    }),
  'sign-in-sent': (page: PageContext, c: Context<AppEnv>) => SignInSentPage({ page, email: sentTo(c) }),
  approved: (page: PageContext) => DecisionDonePage({ page, status: 'approved' }),
  declined: (page: PageContext) => DecisionDonePage({ page, status: 'declined' }),
  'problem-reported': (page: PageContext) => ProblemReportedPage({ page }),
  'offer-confirmed': (page: PageContext) =>
    AvailabilityDonePage({ page, kind: 'offer', outcome: 'confirmed' }),
  'offer-resumed': (page: PageContext) => AvailabilityDonePage({ page, kind: 'offer', outcome: 'resumed' }),
  'offer-closed': (page: PageContext) => AvailabilityDonePage({ page, kind: 'offer', outcome: 'closed' }),
  'request-confirmed': (page: PageContext) =>
    AvailabilityDonePage({ page, kind: 'request', outcome: 'confirmed' }),
  'request-closed': (page: PageContext) => AvailabilityDonePage({ page, kind: 'request', outcome: 'closed' }),
  // An address a Telegram chat gave, confirmed by its owner: the chat keeps the record and its notices.
  'address-confirmed': (page: PageContext) =>
    DonePage({ page, title: page.t('telegram.address.title'), text: page.t('telegram.address.text') }),
  // The same, when the address already has a stay arranged for the chat's dates: the chat's
  // request closed instead of becoming a second one.
  'address-placed': (page: PageContext) =>
    DonePage({ page, title: page.t('telegram.placed.title'), text: page.t('telegram.address.placed') }),
  erased: (page: PageContext) =>
    DonePage({ page, title: page.t('manage.erased.title'), text: page.t('manage.erased.text') }),
} as const;

export type ResultName = keyof typeof RESULTS;

function receivedPage(page: PageContext, kind: 'offer' | 'request', addressToConfirm: boolean) {
  const said = [
    page.t(`telegram.received.${kind}`),
    ...(addressToConfirm ? [page.t('telegram.received.address')] : []),
    page.t('telegram.received.close'),
  ];
  const text = said.join(' ');
  return DonePage({ page, title: page.t('telegram.received.title'), text });
}

/** The forms whose successful send the result pages announce. */
const SENT_FROM: Partial<Record<ResultName, string>> = {
  'offer-sent': '/offers',
  'request-sent': '/requests',
  'offer-received': '/offers',
  'request-received': '/requests',
  'offer-received-address': '/offers',
  'request-received-address': '/requests',
  'request-placed': '/requests',
};

const RESULT_PATH = '/done';

/**
 * The address the check-inbox page repeats (so a typo shows), kept in this browser only and
 * only for a few minutes: never in a URL, where logs and history would keep it.
 */
const SENT_COOKIE = 'haven-sent';
const SENT_COOKIE_SECONDS = 15 * 60;

function sentTo(c: Context<AppEnv>): string | undefined {
  const value = getCookie(c, SENT_COOKIE);
  return value === undefined || value === '' ? undefined : value;
}

/** The address of a result page in the reader's language. */
export const resultHref = (result: ResultName, locale: Locale) =>
  localHref(`${RESULT_PATH}/${result}`, locale);

/** The 303 a successful POST answers with: to the named result, in the reader's language. */
export function redirectToResult<E extends AppEnv>(
  c: Context<E>,
  result: ResultName,
  locale: Locale,
): Response {
  c.header('Cache-Control', 'no-store');
  return c.redirect(resultHref(result, locale), 303);
}

/**
 * Like redirectToResult, after a form that mails a link was sent (an offer, a request, a
 * coordinator's sign-in): the browser remembers the address it went to.
 */
export function redirectAfterSending<E extends AppEnv>(
  c: Context<E>,
  sent: 'offer' | 'request' | 'sign-in',
  email: string,
  locale: Locale,
): Response {
  setCookie(c, SENT_COOKIE, email, {
    httpOnly: true,
    sameSite: 'Lax',
    path: RESULT_PATH,
    secure: c.var.deps.config.PUBLIC_URL.startsWith('https:'),
    maxAge: SENT_COOKIE_SECONDS,
  });
  return redirectToResult(c, `${sent}-sent`, locale);
}

/** GET /done/{result}: the pages successful POSTs lead to. */
export function resultRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get(`${RESULT_PATH}/:result`, (c) => {
    const name = c.req.param('result');
    if (!Object.hasOwn(RESULTS, name)) return c.notFound();
    markPrivate(c);
    const own = pageOf(c);
    // A form page kept from before this send is stale now (see History in pages/layout.tsx).
    const sentFrom = SENT_FROM[name as ResultName];
    const page = sentFrom ? { ...own, history: { sentFrom } } : own;
    return sendPage(c, page, RESULTS[name as ResultName](page, c));
  });
  return routes;
}
