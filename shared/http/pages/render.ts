import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Locale, negotiateLocale, parseLocale } from '../../i18n/index.ts';
import { LinkGonePage, type LinkReader } from './action-page.tsx';
import { type PageContext, pageContext, renderDocument } from './layout.tsx';
import { type ErrorKind, ErrorPage } from './notice-pages.tsx';

/**
 * The page context of a request: its language (`?lang=`, else Accept-Language) and its own
 * address without `lang`, which the language switcher links to. `self` overrides the address,
 * e.g. a failed POST /offers switches language on GET /offers/new. `preferred` (a record's own
 * language, for its private links) comes after `?lang=` and before Accept-Language.
 */
export function pageOf(c: Context, self?: string, preferred?: Locale): PageContext {
  const locale =
    parseLocale(c.req.query('lang')) ??
    preferred ??
    negotiateLocale(undefined, c.req.header('accept-language'));
  if (self !== undefined) return pageContext(locale, self);
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  return pageContext(locale, `${url.pathname}${url.search}`);
}

/** Sends a rendered page; the language is announced so caches keep one copy per language. */
export function sendPage(
  c: Context,
  page: PageContext,
  node: { toString(): string | Promise<string> },
  status: ContentfulStatusCode = 200,
): Response {
  c.header('Content-Language', page.locale);
  c.header('Vary', 'Accept-Language');
  return c.html(renderDocument(node), status);
}

/**
 * The one answer for every link that does not work: used, expired, altered, or given a path
 * segment too many. Its page context is the home page, so the language switcher does not echo
 * the token: the body is the same for any such link.
 */
export function sendLinkGone(c: Context, reader?: LinkReader): Response {
  const page = pageOf(c, '/');
  return sendPage(c, page, LinkGonePage({ page, ...(reader ? { reader } : {}) }), 410);
}

/** Private pages (reached by a personal link) are never stored and never leak their address. */
export function markPrivate(c: Context): void {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

const KIND_BY_STATUS: Partial<Record<number, ErrorKind>> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'notFound',
  405: 'notFound',
  413: 'tooLarge',
  415: 'badRequest',
  429: 'rateLimited',
  503: 'unavailable',
};

/**
 * An error as a page in the reader's language, for every path that is not the JSON API; `kind`
 * when the status alone does not say which explanation fits (which limit refused).
 */
export function errorPageResponse(c: Context, status: ContentfulStatusCode, kind?: ErrorKind): Response {
  const page = pageOf(c, '/');
  kind ??= KIND_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'badRequest');
  c.header('Cache-Control', 'no-store');
  return sendPage(c, page, ErrorPage({ page, kind }), status);
}

const PAGE_PATHS =
  /^\/(offers(\/new)?|requests(\/new)?|confirm\/[^/]*|manage\/[^/]*|proposals\/(approve|decline)\/[^/]*|check-in\/[^/]*|availability\/(yes|no)\/[^/]*|done\/[^/]*|coordinator(\/.*)?)?$/;

/**
 * Whether an error should be a page for a person: always on the pages' own paths; elsewhere
 * (an unknown address) when the client asks for HTML, as browsers do. The JSON API, the health
 * check and tools that do not ask for HTML get the documented JSON shape.
 */
export function wantsPage(c: Context): boolean {
  const path = c.req.path;
  if (path.startsWith('/api/') || path === '/api' || path === '/healthz' || path.startsWith('/dev/'))
    return false;
  return PAGE_PATHS.test(path) || (c.req.header('accept') ?? '').includes('text/html');
}
