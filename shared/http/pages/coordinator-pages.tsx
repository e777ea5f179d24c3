import type { Child } from 'hono/jsx';
import type { CoordinatorScope } from '../../domain/coordinator-scope.ts';
import type { OfferRecord, RequestRecord } from '../../domain/records.ts';
import { countryName } from '../../i18n/format.ts';
import { statusText } from '../../mail/templates/facts.ts';
import { placeName } from '../../places/gazetteer.ts';
import { DisclosureMarker, Layout, localHref, type PageContext } from './layout.tsx';
import { Parts } from './row-parts.tsx';

/** The field every POST under /coordinator/ carries; see shared/http/coordinator.ts. */
export const CSRF_FIELD = 'csrf';
/** The sign-in link page's one button: its name and the value the POST must carry. */
export const SIGN_IN_BUTTON = { name: 'sign-in', value: 'start' } as const;

export const CsrfInput = ({ csrf }: { csrf: string }) => (
  <input type="hidden" name={CSRF_FIELD} value={csrf} />
);

/** `GET /coordinator/sign-in`: one email field. */
export function SignInPage({ page, csrf, error }: { page: PageContext; csrf: string; error?: string }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('coordinator.signIn.title')} noindex>
      <h1>{t('coordinator.signIn.title')}</h1>
      <p class="lead">{t('coordinator.signIn.lead')}</p>
      <form method="post" action={localHref('/coordinator/sign-in', page.locale)} novalidate>
        <CsrfInput csrf={csrf} />
        <div class={error ? 'field has-error' : 'field'}>
          <label for="email">{t('coordinator.signIn.email')}</label>
          {error ? (
            <p class="field-error" id="email-error">
              {error}
            </p>
          ) : null}
          <input
            type="email"
            id="email"
            name="email"
            autocomplete="email"
            inputmode="email"
            maxlength={254}
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'email-error' : undefined}
          />
        </div>
        <button type="submit" class="button">
          {t('coordinator.signIn.submit')}
        </button>
      </form>
    </Layout>
  );
}

/** The answer to every sign-in request, whoever the address belongs to. */
export function SignInSentPage({ page, email }: { page: PageContext; email?: string | undefined }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('coordinator.signIn.sent.title')} noindex>
      <div class="big-icon" aria-hidden="true">
        ✉
      </div>
      <h1>{t('coordinator.signIn.sent.title')}</h1>
      <p class="lead">
        {email ? t('coordinator.signIn.sent.text', { email }) : t('coordinator.signIn.sent.textNoAddress')}
      </p>
      <p>{t('coordinator.signIn.sent.help')}</p>
    </Layout>
  );
}

/** `GET /coordinator/sign-in/{token}`: one button; nothing is spent until it is pressed. */
export function SignInLinkPage({
  page,
  action,
  csrf,
  unchanged,
}: {
  page: PageContext;
  action: string;
  csrf: string;
  unchanged?: boolean;
}) {
  const { t } = page;
  return (
    <Layout page={page} title={t('coordinator.link.title')} noindex>
      <h1>{t('coordinator.link.title')}</h1>
      <p class="lead">{t('coordinator.link.lead')}</p>
      {unchanged ? <p class="notice">{t('coordinator.link.unchanged')}</p> : null}
      <form method="post" action={localHref(action, page.locale)}>
        <CsrfInput csrf={csrf} />
        <button type="submit" class="button" name={SIGN_IN_BUTTON.name} value={SIGN_IN_BUTTON.value}>
          {t('coordinator.link.button')}
        </button>
      </form>
    </Layout>
  );
}

/** What a signed-in page knows of its reader: who they are, their countries, their form token. */
export interface WorkspaceReader {
  readonly scope: CoordinatorScope;
  readonly csrf: string;
}

/** The workspace's own pages, in its bar; the one a page is gets `aria-current`. */
export type WorkspacePlace = 'queue' | 'overview';

/**
 * Every workspace page: its pages on one line, and who is signed in, for which countries, and
 * the way out folded into "Account" (a details element, so it opens without a script): on a
 * phone the bar is one line, not four.
 */
export function WorkspaceLayout({
  page,
  reader,
  title,
  current,
  children,
}: {
  page: PageContext;
  reader: WorkspaceReader;
  title: string;
  current?: WorkspacePlace;
  children?: Child;
}) {
  const { t } = page;
  const countries =
    reader.scope.countries === '*'
      ? t('coordinator.countries.all')
      : new Intl.ListFormat(page.locale).format(
          reader.scope.countries.map((code) => countryName(code, page.locale)),
        );
  const places: readonly { place: WorkspacePlace; href: string; label: string }[] = [
    { place: 'queue', href: '/coordinator', label: t('coordinator.nav.queue') },
    { place: 'overview', href: '/coordinator/overview', label: t('coordinator.nav.overview') },
  ];
  return (
    <Layout page={page} title={title} noindex>
      <div class="workspace-bar">
        <nav aria-label={t('coordinator.nav.label')}>
          <ul>
            {places.map(({ place, href, label }) => (
              <li>
                <a
                  class="tap"
                  href={localHref(href, page.locale)}
                  aria-current={place === current ? 'page' : undefined}
                >
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <details class="account">
          <summary>
            {t('coordinator.account')}
            <DisclosureMarker shape="▾" />
          </summary>
          <div class="account-panel">
            <p>{t('coordinator.signedInAs', { email: reader.scope.email })}</p>
            <p>{t('coordinator.countries', { countries })}</p>
            <form method="post" action={localHref('/coordinator/sign-out', page.locale)}>
              <CsrfInput csrf={reader.csrf} />
              <button type="submit" class="button secondary small">
                {t('coordinator.signOut')}
              </button>
            </form>
          </div>
        </details>
      </div>
      {children}
    </Layout>
  );
}

/**
 * The one search box: an email address, a phone number or a reference finds exactly that person.
 * It carries the country picked in the workspace, in which a number without its country code is read.
 */
export function SearchBox({ page, value, country }: { page: PageContext; value?: string; country?: string }) {
  const { t } = page;
  return (
    <search>
      <form method="get" action="/coordinator/search" class="search-box">
        <input type="hidden" name="lang" value={page.locale} />
        {country ? <input type="hidden" name="country" value={country} /> : null}
        <label for="q">{t('coordinator.search.label')}</label>
        <div class="inline">
          <input type="search" id="q" name="q" value={value ?? ''} maxlength={254} autocomplete="off" />
          <button type="submit" class="button small secondary">
            {t('coordinator.search.button')}
          </button>
        </div>
      </form>
    </search>
  );
}

/** Where an export's parts are listed, and where each downloads: one country, one kind. */
export type ExportKind = 'requests' | 'offers';
/** Without a country: the parts of all the coordinator's countries. */
export const exportPagePath = (
  kind: ExportKind,
  country: string | undefined,
  cursor?: string,
  part?: number,
) =>
  `/coordinator/export?kind=${kind}${country ? `&country=${country}` : ''}${cursor ? `&after=${cursor}&part=${part}` : ''}`;
/** Without a country: the export of all the coordinator's countries. */
export const exportCsvPath = (
  kind: ExportKind,
  country: string | undefined,
  cursor: string | undefined,
  part: number,
) =>
  `/coordinator/export.csv?kind=${kind}${country ? `&country=${country}` : ''}${cursor ? `&after=${cursor}` : ''}&part=${part}`;

/**
 * The exports the queue offers, each opening the page of its parts: of the country it shows,
 * and, to a coordinator of several countries or of all, of all their countries at once. One
 * link a line: on a phone each is a whole row to tap, not a word between dots.
 */
export function ExportLinks({
  page,
  country,
  all,
}: {
  page: PageContext;
  country: string | undefined;
  all: boolean;
}) {
  const { t } = page;
  const link = (kind: ExportKind, of: string | undefined, label: string) => (
    <li>
      <a href={localHref(exportPagePath(kind, of), page.locale)}>{label}</a>
    </li>
  );
  return (
    <ul class="plain exports">
      {country ? link('requests', country, t('coordinator.export.requests')) : null}
      {country ? link('offers', country, t('coordinator.export.offers')) : null}
      {all ? link('requests', undefined, t('coordinator.export.all.requests')) : null}
      {all ? link('offers', undefined, t('coordinator.export.all.offers')) : null}
    </ul>
  );
}

/**
 * `GET /coordinator/export`: an export comes in parts of at most `rowsPerPart` records, so that
 * no file outgrows what the service can answer; this page offers them in order, a few at a time.
 * Without a country, the parts of all the coordinator's countries, and a picker for one of them.
 */
export function ExportPage({
  page,
  reader,
  kind,
  country,
  countries,
  rowsPerPart,
  firstPart,
  parts,
  next,
}: {
  page: PageContext;
  reader: WorkspaceReader;
  kind: ExportKind;
  country: string | undefined;
  /** The coordinator's countries, to pick one from on the page of all of them. */
  countries: readonly string[];
  rowsPerPart: number;
  firstPart: number;
  parts: readonly { readonly cursor: string | undefined; readonly rows: number }[];
  next: string | undefined;
}) {
  const { t } = page;
  const number = new Intl.NumberFormat(page.locale);
  const title = t(`coordinator.export.title.${kind}`, {
    country: country ? countryName(country, page.locale) : t('coordinator.export.allCountries'),
  });
  return (
    <WorkspaceLayout page={page} reader={reader} title={title}>
      <h1>{title}</h1>
      <p>{t(`coordinator.export.explain.${kind}`, { rows: rowsPerPart })}</p>
      <p>{t('coordinator.export.order')}</p>
      {country ? null : <p>{t('coordinator.export.order.countries')}</p>}
      <ul class="plain exports">
        {parts.map((part, i) => {
          const index = firstPart + i;
          const from = (index - 1) * rowsPerPart + 1;
          return (
            <li>
              <a href={exportCsvPath(kind, country, part.cursor, index)} download>
                {part.rows === 0
                  ? t('coordinator.export.none')
                  : t('coordinator.export.part', {
                      part: number.format(index),
                      rows: part.rows,
                      from: number.format(from),
                      to: number.format(from + part.rows - 1),
                    })}
              </a>
            </li>
          );
        })}
      </ul>
      {next ? (
        <p>
          <a
            class="button secondary small"
            href={localHref(exportPagePath(kind, country, next, firstPart + parts.length), page.locale)}
          >
            {t('coordinator.export.next')}
          </a>
        </p>
      ) : null}
      {country === undefined && countries.length > 1 ? (
        <CountryPicker
          page={page}
          action="/coordinator/export"
          countries={countries}
          selected={undefined}
          keep={{ kind }}
        />
      ) : null}
      <p>
        <a
          class="button secondary small"
          href={localHref(country ? `/coordinator?country=${country}` : '/coordinator', page.locale)}
        >
          {t('overview.toQueue')}
        </a>
      </p>
    </WorkspaceLayout>
  );
}

/** `GET /coordinator/search?q=…`: exact matches only, each a link to its record. */
export function SearchPage({
  page,
  reader,
  term,
  found,
  country,
}: {
  page: PageContext;
  reader: WorkspaceReader;
  term: string;
  found: readonly (OfferRecord | RequestRecord)[];
  country?: string | undefined;
}) {
  const { t } = page;
  return (
    <WorkspaceLayout page={page} reader={reader} title={t('coordinator.search.title')}>
      <h1>{t('coordinator.search.title')}</h1>
      <SearchBox page={page} value={term} {...(country ? { country } : {})} />
      {term !== '' && found.length === 0 ? <p>{t('coordinator.search.none')}</p> : null}
      {found.length > 0 ? (
        <ul class="plain results">
          {found.map((record) => (
            <li>
              <Parts
                parts={[
                  <a
                    class="tap"
                    href={localHref(
                      `/coordinator/${record.kind === 'offer' ? 'offers' : 'requests'}/${record.id}`,
                      page.locale,
                    )}
                  >
                    {t(record.kind === 'offer' ? 'coordinator.record.offer' : 'coordinator.record.request', {
                      name: record.name,
                    })}
                  </a>,
                  record.city
                    ? placeName(record.country, record.city, page.locale)
                    : countryName(record.country, page.locale),
                  statusText(record, t),
                ]}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </WorkspaceLayout>
  );
}

/** The country a coordinator of several looks at: the queue and the overview pick it alike. */
export function CountryPicker({
  page,
  action,
  countries,
  selected,
  keep = {},
}: {
  page: PageContext;
  action: string;
  countries: readonly string[];
  selected: string | undefined;
  /** Query parameters the picked page needs besides the country. */
  keep?: Readonly<Record<string, string>>;
}) {
  const { t } = page;
  // By name in the reader's language, as the public forms list them: in code order a Russian
  // reader would meet «ОАЭ» (AE) before «Австралия» (AU).
  const collator = new Intl.Collator(page.locale);
  const options = countries
    .map((code) => ({ code, name: countryName(code, page.locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return (
    <form method="get" action={action} class="country-picker">
      <input type="hidden" name="lang" value={page.locale} />
      {Object.entries(keep).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <label for="country">{t('coordinator.queue.country')}</label>
      <div class="inline">
        <select id="country" name="country" required>
          {/* Nothing picked yet: the first country must not look like the chosen one. */}
          {selected === undefined ? <option value="">{t('form.select.choose')}</option> : null}
          {options.map(({ code, name }) => (
            <option value={code} selected={code === selected}>
              {name}
            </option>
          ))}
        </select>
        <button type="submit" class="button small secondary">
          {t('coordinator.queue.show')}
        </button>
      </div>
    </form>
  );
}
