import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import type { Decision } from '../approval/links.ts';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import { BadRequest, Forbidden, NotFound } from '../domain/errors.ts';
import { ISO_3166_ALPHA2 } from '../domain/iso-codes.ts';
import { VERIFICATION_METHODS, WELL_FORMED_ID } from '../domain/records.ts';
import { cutText } from '../domain/text.ts';
import { blockAddress, unblockAddress } from '../workspace/block.ts';
import { cityMarks, loadOverview } from '../workspace/overview.ts';
import { candidatesFor, proposePair } from '../workspace/propose.ts';
import {
  countriesOf,
  dealWithProblem,
  decideFromQueue,
  hostOfProposalToCheck,
  loadQueue,
  QUEUE_SECTIONS,
} from '../workspace/queue.ts';
import {
  actOnRecord,
  noteOnRecord,
  type RecordAction,
  type RecordKind,
  recordActions,
  verifyHost,
  viewRecord,
} from '../workspace/records.ts';
import { EXPORT_PART_ROWS, exportCountry, exportCsv, exportParts, findAnyone } from '../workspace/search.ts';
import {
  csrfMatches,
  requestSignIn,
  resolveSession,
  SESSION_MAX_MS,
  type SignedIn,
  signIn,
  signInLinkPath,
  signOut,
  viewSignInLink,
} from '../workspace/session.ts';
import { FORM_BODY_LIMIT, readForm } from './forms.ts';
import { CandidatesPage } from './pages/coordinator-candidates.tsx';
import {
  CSRF_FIELD,
  ExportPage,
  exportCsvPath,
  SearchPage,
  SIGN_IN_BUTTON,
  SignInLinkPage,
  SignInPage,
} from './pages/coordinator-pages.tsx';
import { type QueueNotice, QueuePage } from './pages/coordinator-queue.tsx';
import { RecordPage } from './pages/coordinator-record.tsx';
import { firstValue } from './pages/fields.tsx';
import { localHref } from './pages/layout.tsx';
import { errorPageResponse, markPrivate, pageOf, sendLinkGone, sendPage } from './pages/render.ts';
import { redirectAfterSending } from './results.ts';
import { platformSourceIp, type SourceIpResolver } from './source-ip.ts';

export type WorkspaceEnv = { Variables: { deps: Deps; signedIn: SignedIn | undefined } };

const SESSION_COOKIE = 'haven-session';
/** Before a session exists, forms carry the value of this cookie (a double submit). */
const PRE_SESSION_COOKIE = 'haven-csrf';
const SIGN_IN = '/coordinator/sign-in';
/** The overview map's box: a phone shows it scaled down, a desk at its size. */
const MAP_WIDTH = 480;
const MAP_MAX_HEIGHT = 400;
const EXPORT_RECORD = { requests: 'request', offers: 'offer' } as const;
const EXPORT_KINDS = ['requests', 'offers'] as const;
/**
 * Parts one export page lists: each is read to find where the next starts, so ten are 5,000
 * records' keys read (only keys: 0.5–0.9 s on DynamoDB Local at records of 2 KB of notes, where
 * whole records took 1.6–2.0 s): well inside the API function's 15 seconds. Of all countries,
 * each empty country adds a Query (250 for a coordinator of *, about 1 s).
 */
const EXPORT_PARTS_LISTED = 10;

/** Secure, `__Host-` prefixed cookies when the service is reached over https; plain ones on http://localhost. */
const secure = (config: Config) => config.PUBLIC_URL.startsWith('https:');
const prefix = (config: Config) => (secure(config) ? ('host' as const) : undefined);
const cookieOptions = (config: Config, maxAgeSeconds: number): CookieOptions => ({
  httpOnly: true,
  sameSite: 'Lax',
  path: '/',
  secure: secure(config),
  maxAge: maxAgeSeconds,
  ...(prefix(config) ? { prefix: prefix(config) } : {}),
});

/**
 * The coordinator signed in on this browser, for a page outside the workspace that shows more to
 * one (the mailed approve link's "check the host first"); undefined for anyone else.
 */
export function workspaceReaderOf(c: Context<{ Variables: { deps: Deps } }>): Promise<SignedIn | undefined> {
  const { deps } = c.var;
  return resolveSession(deps, getCookie(c, SESSION_COOKIE, prefix(deps.config)));
}

const isPreSessionPath = (path: string) => path === SIGN_IN || path.startsWith(`${SIGN_IN}/`);

/** The pre-session form token of this browser, set on first sight. */
function preSessionCsrf(c: Context<WorkspaceEnv>): string {
  const config = c.var.deps.config;
  const existing = getCookie(c, PRE_SESSION_COOKIE, prefix(config));
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const value = randomBytes(32).toString('base64url');
  setCookie(c, PRE_SESSION_COOKIE, value, cookieOptions(config, 3600));
  return value;
}

const signedIn = (c: Context<WorkspaceEnv>): SignedIn => {
  const reader = c.var.signedIn;
  if (!reader) throw new Error('workspace route reached without a session');
  return reader;
};

/** The notice after a decision from the queue, from the redirect's `outcome` (post / redirect / get). */
function noticeOf(c: Context<WorkspaceEnv>): QueueNotice | undefined {
  const outcome = c.req.query('outcome');
  if (outcome === 'done-approved' || outcome === 'done-declined') {
    return { kind: 'done', status: outcome === 'done-approved' ? 'approved' : 'declined' };
  }
  if (outcome === 'approved' || outcome === 'declined' || outcome === 'expired' || outcome === 'cancelled') {
    return { kind: 'decided', status: outcome };
  }
  if (outcome === 'unreachable-host' || outcome === 'unreachable-seeker') {
    return { kind: 'unreachable', side: outcome === 'unreachable-host' ? 'host' : 'seeker' };
  }
  const proposalId = c.req.query('proposal');
  // The id goes into a form's action that carries the csrf token: anything but an id could aim
  // that form at another route (`../requests/r-x/close`), so a link with one gets no form.
  if (outcome === 'unverified' && proposalId !== undefined && WELL_FORMED_ID.test(proposalId)) {
    return { kind: 'unverified', proposalId, rejected: c.req.query('host') === 'rejected' };
  }
  return undefined;
}

export interface WorkspaceRouteOptions {
  readonly sourceIp?: SourceIpResolver;
}

/** An id from the path or a form: one that cannot be an id names nothing (404), never a 500. */
function wellFormedId(value: string | undefined): string {
  if (value === undefined || !WELL_FORMED_ID.test(value))
    throw new NotFound('There is nothing at this address.');
  return value;
}

/**
 * The country a workspace page asks for: an ISO code in any case, or none (absent or empty).
 * Anything else is no country there is a page for (404).
 */
function countryAsked(c: Context<WorkspaceEnv>): string | undefined {
  const asked = c.req.query('country')?.toUpperCase();
  if (asked === undefined || asked === '') return undefined;
  if (!ISO_3166_ALPHA2.has(asked)) throw new NotFound('There is nothing at this address.');
  return asked;
}

/**
 * The coordinator workspace. Every answer is private. Every POST carries `csrf` (403 and nothing
 * done otherwise): on the sign-in pages the value of a cookie set with the form, afterwards one
 * derived from the session. Every path but sign-in needs a session; without one a GET goes to
 * the sign-in page.
 */
export function coordinatorRoutes(options: WorkspaceRouteOptions = {}): Hono<WorkspaceEnv> {
  const sourceIp = options.sourceIp ?? platformSourceIp;
  const routes = new Hono<WorkspaceEnv>();

  routes.use('/coordinator/*', async (c, next) => {
    markPrivate(c);
    await next();
  });
  routes.use('/coordinator', async (c, next) => {
    markPrivate(c);
    await next();
  });
  routes.use(
    '/coordinator/*',
    bodyLimit({ maxSize: FORM_BODY_LIMIT, onError: (c) => errorPageResponse(c, 413) }),
  );

  const session = async (c: Context<WorkspaceEnv>, next: () => Promise<void>) => {
    const { deps } = c.var;
    const cookie = getCookie(c, SESSION_COOKIE, prefix(deps.config));
    const reader = isPreSessionPath(c.req.path) ? undefined : await resolveSession(deps, cookie);
    c.set('signedIn', reader);
    if (c.req.method === 'POST') {
      const expected = isPreSessionPath(c.req.path)
        ? getCookie(c, PRE_SESSION_COOKIE, prefix(deps.config))
        : reader?.csrf;
      const sent = (await readForm(c))[CSRF_FIELD];
      if (sent?.length !== 1 || !csrfMatches(sent[0], expected)) {
        throw new Forbidden('The form token is missing or wrong; nothing has been changed.');
      }
    }
    if (!reader && !isPreSessionPath(c.req.path)) {
      // PRODUCT.md's contract names the bare path; a chosen language (?lang=) is carried along,
      // and without one the sign-in page reads Accept-Language as this request did.
      const chosen = c.req.query('lang') !== undefined;
      return c.redirect(chosen ? localHref(SIGN_IN, pageOf(c).locale) : SIGN_IN, 303);
    }
    return next();
  };
  routes.use('/coordinator', session);
  routes.use('/coordinator/*', session);

  routes.get(SIGN_IN, (c) => {
    const page = pageOf(c);
    return sendPage(c, page, SignInPage({ page, csrf: preSessionCsrf(c) }));
  });

  routes.post(SIGN_IN, async (c) => {
    const page = pageOf(c, SIGN_IN);
    const email = cutText(firstValue(await readForm(c), 'email').trim(), 254);
    if (email === '') {
      const error = page.t('coordinator.signIn.missing');
      return sendPage(c, page, SignInPage({ page, csrf: preSessionCsrf(c), error }), 400);
    }
    await requestSignIn(c.var.deps, email, page.locale, sourceIp(c));
    return redirectAfterSending(c, 'sign-in', email, page.locale);
  });

  const linkPage = (c: Context<WorkspaceEnv>, unchanged: boolean) => {
    const page = pageOf(c);
    const action = signInLinkPath(c.req.param('token') ?? '');
    const node = SignInLinkPage({ page, action, csrf: preSessionCsrf(c), unchanged });
    return sendPage(c, page, node, unchanged ? 400 : 200);
  };

  routes.get(`${SIGN_IN}/:token`, async (c) => {
    if ((await viewSignInLink(c.var.deps, c.req.param('token'))) === 'gone')
      return sendLinkGone(c, 'sign-in');
    return linkPage(c, false);
  });

  // Registered after the link's own GET, which a trailing /* would match too (hono), and answers first.
  routes.get(`${SIGN_IN}/:token/*`, (c) => sendLinkGone(c, 'sign-in'));

  routes.post(`${SIGN_IN}/:token`, async (c) => {
    const pressed = (await readForm(c))[SIGN_IN_BUTTON.name];
    const token = c.req.param('token');
    if (pressed?.length !== 1 || pressed[0] !== SIGN_IN_BUTTON.value) {
      if ((await viewSignInLink(c.var.deps, token)) === 'gone') return sendLinkGone(c, 'sign-in');
      return linkPage(c, true);
    }
    const outcome = await signIn(c.var.deps, token);
    if (outcome === 'gone') return sendLinkGone(c, 'sign-in');
    const config = c.var.deps.config;
    setCookie(c, SESSION_COOKIE, outcome.cookie, cookieOptions(config, SESSION_MAX_MS / 1000));
    return c.redirect(localHref('/coordinator', pageOf(c).locale), 303);
  });

  routes.post('/coordinator/sign-out', async (c) => {
    await signOut(c.var.deps, signedIn(c));
    setCookie(c, SESSION_COOKIE, '', cookieOptions(c.var.deps.config, 0));
    return c.redirect(localHref(SIGN_IN, pageOf(c).locale), 303);
  });

  routes.get('/coordinator', async (c) => {
    const page = pageOf(c);
    const reader = signedIn(c);
    const countries = countriesOf(reader.scope);
    const country = countryAsked(c) ?? (reader.scope.countries === '*' ? undefined : countries[0]);
    const section = QUEUE_SECTIONS.find((name) => name === c.req.query('section'));
    const only = section ? { section, cursor: c.req.query('after') } : undefined;
    const asked = noticeOf(c);
    const [queue, host] = await Promise.all([
      country ? loadQueue(c.var.deps, reader.scope, country, only) : undefined,
      asked?.kind === 'unverified'
        ? hostOfProposalToCheck(c.var.deps, reader.scope, asked.proposalId)
        : undefined,
    ]);
    const notice = asked?.kind === 'unverified' && host ? { ...asked, host } : asked;
    const now = c.var.deps.now();
    const node = QueuePage({ page, reader, countries, country, queue, now, notice });
    return sendPage(c, page, node);
  });

  routes.get('/coordinator/overview', async (c) => {
    // The charts and the map (d3, the outlines) load with the first overview, not with every
    // cold start: in the Lambda bundle they are a chunk of their own.
    const [{ countryMap }, { OverviewPage }] = await Promise.all([
      import('../overview/map.ts'),
      import('./pages/coordinator-overview.tsx'),
    ]);
    const page = pageOf(c);
    const reader = signedIn(c);
    const countries = countriesOf(reader.scope);
    const country = countryAsked(c) ?? (reader.scope.countries === '*' ? undefined : countries[0]);
    const overview = country ? await loadOverview(c.var.deps, reader.scope, country) : undefined;
    const marks = overview ? await cityMarks(overview) : [];
    const map = overview ? countryMap(overview.country, marks, MAP_WIDTH, MAP_MAX_HEIGHT) : undefined;
    return sendPage(c, page, OverviewPage({ page, reader, countries, overview, map, marks }));
  });

  routes.post('/coordinator/proposals/:id/:decision{approve|decline}', async (c) => {
    const decision = c.req.param('decision') as Decision;
    const method = firstValue(await readForm(c), 'method');
    const check = VERIFICATION_METHODS.find((known) => known === method);
    const proposalId = wellFormedId(c.req.param('id'));
    const { outcome, country } = await decideFromQueue(
      c.var.deps,
      signedIn(c).scope,
      decision,
      proposalId,
      check,
    );
    if (outcome.state === 'unverified') {
      const locale = pageOf(c).locale;
      const host = outcome.rejected ? '&host=rejected' : '';
      const query = `/coordinator?country=${country}&outcome=unverified&proposal=${encodeURIComponent(proposalId)}${host}`;
      return c.redirect(`${localHref(query, locale)}#check`, 303);
    }
    const status =
      outcome.state === 'done'
        ? `done-${outcome.status}`
        : outcome.state === 'decided'
          ? outcome.status
          : outcome.state === 'unreachable'
            ? `unreachable-${outcome.side}`
            : 'expired';
    const locale = pageOf(c).locale;
    return c.redirect(
      `${localHref(`/coordinator?country=${country}&outcome=${status}`, locale)}#proposals`,
      303,
    );
  });

  routes.post('/coordinator/problems/:id/:side{host|seeker}/resolve', async (c) => {
    const side = c.req.param('side') as 'host' | 'seeker';
    const country = await dealWithProblem(
      c.var.deps,
      signedIn(c).scope,
      wellFormedId(c.req.param('id')),
      side,
    );
    return c.redirect(`${localHref(`/coordinator?country=${country}`, pageOf(c).locale)}#problems`, 303);
  });

  routes.get('/coordinator/search', async (c) => {
    const page = pageOf(c);
    const reader = signedIn(c);
    const term = cutText((c.req.query('q') ?? '').trim(), 254);
    const country = countryAsked(c);
    const found = term === '' ? [] : await findAnyone(c.var.deps, reader.scope, term, country);
    return sendPage(c, page, SearchPage({ page, reader, term, found, country }));
  });

  /** What an export names: the kind, the country (implied for a coordinator of one) and the part. */
  const exportOf = (c: Context<WorkspaceEnv>) => {
    const kind = EXPORT_KINDS.find((known) => known === c.req.query('kind'));
    if (kind === undefined) throw new BadRequest('kind must be requests or offers.');
    const part = c.req.query('part') ?? '1';
    if (!/^[1-9][0-9]{0,5}$/.test(part)) throw new BadRequest('part must be a whole number from 1.');
    return {
      kind,
      record: EXPORT_RECORD[kind],
      country: exportCountry(signedIn(c).scope, c.req.query('country')),
      cursor: c.req.query('after'),
      part: Number(part),
    };
  };

  routes.get('/coordinator/export', async (c) => {
    const page = pageOf(c);
    const reader = signedIn(c);
    const wanted = exportOf(c);
    // Without a country (a coordinator of several or of *), the parts of all their countries.
    const { parts, next } = await exportParts(c.var.deps, reader.scope, wanted.record, {
      country: wanted.country,
      cursor: wanted.cursor,
      parts: EXPORT_PARTS_LISTED,
    });
    const node = ExportPage({
      page,
      reader,
      kind: wanted.kind,
      country: wanted.country,
      countries: countriesOf(reader.scope),
      rowsPerPart: EXPORT_PART_ROWS,
      firstPart: wanted.part,
      parts,
      next,
    });
    return sendPage(c, page, node);
  });

  routes.get('/coordinator/export.csv', async (c) => {
    // Without a country (a coordinator of several or of *), the part is of all their countries.
    const wanted = exportOf(c);
    const { csv, next } = await exportCsv(c.var.deps, signedIn(c).scope, wanted.record, {
      country: wanted.country,
      cursor: wanted.cursor,
      number: wanted.part,
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="haven-${wanted.kind}-${wanted.country ?? 'all'}-${wanted.part}.csv"`,
    );
    if (next)
      c.header('Link', `<${exportCsvPath(wanted.kind, wanted.country, next, wanted.part + 1)}>; rel="next"`);
    return c.body(csv);
  });

  const recordPath = '/coordinator/:kind{requests|offers}/:id';
  const recordOf = (c: Context<WorkspaceEnv>) => ({
    kind: (c.req.param('kind') === 'offers' ? 'offer' : 'request') as RecordKind,
    id: wellFormedId(c.req.param('id')),
  });
  const backToRecord = (c: Context<WorkspaceEnv>, anchor = '') =>
    c.redirect(`${localHref(c.req.path.replace(/\/[^/]+$/, ''), pageOf(c).locale)}${anchor}`, 303);

  routes.get(recordPath, async (c) => {
    const page = pageOf(c);
    const reader = signedIn(c);
    const { kind, id } = recordOf(c);
    const view = await viewRecord(c.var.deps, reader.scope, kind, id, c.req.query('before'));
    return sendPage(c, page, RecordPage({ page, reader, view, actions: recordActions(view.record) }));
  });

  routes.post(`${recordPath}/:action{pause|reopen|close}`, async (c) => {
    const { kind, id } = recordOf(c);
    await actOnRecord(c.var.deps, signedIn(c).scope, kind, id, c.req.param('action') as RecordAction);
    return backToRecord(c);
  });

  routes.post(`${recordPath}/:change{block|unblock}`, async (c) => {
    const { kind, id } = recordOf(c);
    const change = c.req.param('change') === 'block' ? blockAddress : unblockAddress;
    await change(c.var.deps, signedIn(c).scope, kind, id);
    return backToRecord(c, '#address');
  });

  routes.get(`${recordPath}/candidates`, async (c) => {
    const page = pageOf(c);
    const { kind, id } = recordOf(c);
    const found = await candidatesFor(c.var.deps, signedIn(c).scope, kind, id);
    const outcome = c.req.query('proposal');
    const notice = outcome === 'made' || outcome === 'refused' ? outcome : undefined;
    return sendPage(c, page, CandidatesPage({ page, reader: signedIn(c), found, notice }));
  });

  routes.post(`${recordPath}/propose`, async (c) => {
    const { kind, id } = recordOf(c);
    const other = firstValue(await readForm(c), 'with');
    if (other === '') throw new BadRequest('Say which pair to propose.');
    const pick = wellFormedId(other);
    const [offerId, requestId] = kind === 'offer' ? [id, pick] : [pick, id];
    const made = await proposePair(c.var.deps, signedIn(c).scope, offerId, requestId);
    const path = `${c.req.path.replace(/\/propose$/, '/candidates')}?proposal=${made ? 'made' : 'refused'}`;
    return c.redirect(localHref(path, pageOf(c).locale), 303);
  });

  routes.post(`${recordPath}/note`, async (c) => {
    const { kind, id } = recordOf(c);
    const text = firstValue(await readForm(c), 'note').trim();
    if (text === '' || text.length > 2000) throw new BadRequest('A note needs 1 to 2000 characters.');
    await noteOnRecord(c.var.deps, signedIn(c).scope, kind, id, text);
    return backToRecord(c, '#record-notes');
  });

  routes.post('/coordinator/offers/:id/verify', async (c) => {
    const form = await readForm(c);
    const outcome = firstValue(form, 'outcome');
    const method = VERIFICATION_METHODS.find((known) => known === firstValue(form, 'method'));
    const reason = firstValue(form, 'reason').trim();
    const scope = signedIn(c).scope;
    const offerId = wellFormedId(c.req.param('id'));
    if (outcome === 'verified' && method) {
      await verifyHost(c.var.deps, scope, offerId, { outcome, method });
    } else if (outcome === 'rejected' && reason !== '' && reason.length <= 1000) {
      await verifyHost(c.var.deps, scope, offerId, { outcome, reason });
    } else {
      throw new BadRequest('Say how the host was checked, or why they are rejected.');
    }
    return backToRecord(c, '#verify');
  });

  return routes;
}
