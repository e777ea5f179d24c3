import type { Child } from 'hono/jsx';
import { LOCALE_NAMES, LOCALES, type Locale, type Translate, translator } from '../../i18n/index.ts';
import { ASSETS } from '../assets/index.ts';

/** What every page needs to speak the reader's language and to link back to itself in another one. */
export interface PageContext {
  readonly locale: Locale;
  readonly t: Translate;
  /** The page's own address (path and query, without `lang`): the language switcher links to it. */
  readonly self: string;
  /**
   * The form on the page, when what is typed into it must survive a change of language: the
   * switcher then posts the form to `action` with LANGUAGE_SWITCH set, which shows it again in
   * the other language instead of submitting it.
   */
  readonly form?: { readonly id: string; readonly action: string };
  /** How Back treats this page once its form has been sent (see History). */
  readonly history?: History;
}

/**
 * Back must not show a stale form. A form page drawn as the answer to a POST (its problems,
 * another language) is kept by the browser and shown again on Back, even after the
 * form was sent: it carries `staleAfter` (the form's path) and where the truth is now (`fresh`).
 * The page a successful send leads to carries `sentFrom`, the same path. The site's script
 * remembers, in this tab only, when each was seen, and replaces a stale page by the fresh one.
 */
export interface History {
  readonly staleAfter?: string;
  readonly fresh?: string;
  /** A random id of this rendering: the script tells a first showing from a later one. */
  readonly rendering?: string;
  readonly sentFrom?: string;
  /**
   * Private pages are never stored (no-store), so the browser cannot show one again on Back and
   * would ask to send the form again instead: such a page turns its history entry into a plain
   * visit of `fresh` as soon as it is shown.
   */
  readonly replace?: boolean;
}

/** The query parameter that makes a form's POST show the form again in `lang`, submitting nothing. */
export const LANGUAGE_SWITCH = 'switch-language';

/** The query parameter that makes a form's POST show the form again with this city, submitting nothing. */
export const CHOOSE_CITY = 'choose-city';

/** Builds the context for a page at `self` in `locale`. */
export function pageContext(locale: Locale, self: string): PageContext {
  return { locale, t: translator(locale), self };
}

/**
 * An internal link that keeps the reader's language, since a bare link would fall back to
 * Accept-Language, and the path's own query (a Mini App form's `via=telegram`), with `extra` set.
 */
export function localHref(
  path: string,
  locale: Locale,
  extra: Readonly<Record<string, string>> = {},
): string {
  const [base = '', query = ''] = path.split('?', 2);
  const params = new URLSearchParams(query);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  params.set('lang', locale);
  return `${base}?${params.toString()}`;
}

function LanguageSwitcher({ page }: { page: PageContext }) {
  const { form } = page;
  return (
    <nav class="lang" aria-label={page.t('site.language')}>
      <ul>
        {LOCALES.map((locale) => (
          <li>
            {form ? (
              <button
                type="submit"
                form={form.id}
                formaction={localHref(form.action, locale, { [LANGUAGE_SWITCH]: '1' })}
                formnovalidate
                lang={locale}
                aria-current={locale === page.locale ? 'true' : undefined}
              >
                {LOCALE_NAMES[locale]}
              </button>
            ) : (
              <a
                href={localHref(page.self, locale)}
                hreflang={locale}
                lang={locale}
                aria-current={locale === page.locale ? 'true' : undefined}
              >
                {LOCALE_NAMES[locale]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

interface LayoutProps {
  readonly page: PageContext;
  readonly title: string;
  readonly children?: Child;
  /** Pages that use city completion load the one script; every other page has none. */
  readonly withScript?: boolean;
  /** Private pages (reached by a personal link) ask search engines to stay away. */
  readonly noindex?: boolean;
}

/** The frame of every page: language, header with switcher, main, the privacy promise. */
export function Layout({ page, title, children, withScript, noindex }: LayoutProps) {
  const { t } = page;
  const history = page.history;
  return (
    <html lang={page.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {noindex ? <meta name="robots" content="noindex, nofollow" /> : null}
        <title>{`${title} · ${t('site.name')}`}</title>
        <link rel="icon" type="image/svg+xml" href={ASSETS.icon.path} />
        <link rel="stylesheet" href={ASSETS.css.path} />
        {withScript || history ? <script src={ASSETS.cityJs.path} defer /> : null}
      </head>
      <body
        data-stale-after={history?.staleAfter}
        data-fresh={history?.fresh}
        data-rendering={history?.rendering}
        data-sent-from={history?.sentFrom}
        data-replace={history?.replace ? 'true' : undefined}
      >
        <a class="skip" href="#main">
          {t('site.skip')}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href={localHref('/', page.locale)}>
              <img class="brand-mark" src={ASSETS.icon.path} alt="" width="28" height="28" />
              {t('site.name')}
            </a>
            <LanguageSwitcher page={page} />
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <div class="wrap">{children}</div>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t('site.privacy')}</p>
            {/* GeoNames' licence (CC BY 4.0) asks for credit where the data is seen. */}
            <p>
              {t('site.places_credit')} <a href="https://www.geonames.org/">GeoNames</a> (
              <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">
                CC BY 4.0
              </a>
              )
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/**
 * The triangle of a details element's summary, as a real character: a browser draws it without
 * CSS generated content (Safari before 17.4 drops `content: "▾" / ""`, and with it the marker),
 * and aria-hidden keeps it out of the summary's name. CSS turns it when the details is open
 * (▾ to ▴, ▸ to ▾).
 */
export function DisclosureMarker({ shape }: { shape: '▾' | '▸' }) {
  return (
    <span class={shape === '▸' ? 'marker sideways' : 'marker'} aria-hidden="true">
      {shape}
    </span>
  );
}

/** Serialises a page with its doctype; hono/jsx has escaped every text and attribute by now. */
export function renderDocument(node: { toString(): string | Promise<string> }): string {
  const html = node.toString();
  if (typeof html !== 'string') throw new TypeError('pages render synchronously');
  return `<!doctype html>${html}`;
}
