import { createHash, timingSafeEqual } from 'node:crypto';
import { emailHash } from '../data/items.ts';
import { coordinatorKey } from '../data/keys.ts';
import { type RateLimit, takeRateLimit } from '../data/rate-limits.ts';
import {
  type CoordinatorSession,
  dropSession,
  endSession,
  readSession,
  startSession,
  touchSession,
  writeSignInDecoy,
  writeSignInLink,
} from '../data/sessions.ts';
import { issueToken, readToken } from '../data/tokens.ts';
import type { Deps } from '../deps.ts';
import { type CoordinatorScope, coordinatorScope } from '../domain/coordinator-scope.ts';
import { TooManyRequests } from '../domain/errors.ts';
import type { Locale } from '../domain/records.ts';
import { hashToken, newToken, type TokenRecord, tokenUsable } from '../domain/tokens.ts';
import { renderSignInMail } from '../mail/templates/sign-in.ts';

/**
 * Coordinators sign in without passwords: a single-use link by mail to an address COORDINATORS
 * lists, then a server-side session under the hash of a random cookie value.
 *
 *   requestSignIn(deps, email, locale, ip)   POST /coordinator/sign-in (the same for any address)
 *   viewSignInLink(deps, raw)                GET  /coordinator/sign-in/{token}
 *   signIn(deps, raw)                        POST /coordinator/sign-in/{token}, with the button
 *   resolveSession(deps, cookie)             every workspace request
 *   signOut(deps, signedIn)                  POST /coordinator/sign-out
 */

export const SIGN_IN_LINK_MS = 15 * 60_000;
export const SESSION_MAX_MS = 12 * 3_600_000;
export const SESSION_IDLE_MS = 2 * 3_600_000;
/** How stale lastSeenAt may be before a request writes it again: one write a minute, not one a click. */
const TOUCH_AFTER_MS = 60_000;

export const signInLinkPath = (raw: string) => `/coordinator/sign-in/${raw}`;

const SIGN_IN_MESSAGE = 'Too many sign-in attempts in a short time. Please try again later.';
/** Sign-in requests per source address: a coordinator asks a few times a day, a prober many. */
export const SIGN_IN_PER_IP: RateLimit = {
  scope: 'sign-in-ip',
  limit: 20,
  // The refusal page says "try again in 15 minutes" (error.rateLimited.signIn).
  windowSeconds: 900,
  message: SIGN_IN_MESSAGE,
  counted: 'sign-ins',
};
/** Sign-in mails per address: beyond this the answer stays the same and no more mail goes out. */
export const SIGN_IN_PER_EMAIL: RateLimit = {
  scope: 'sign-in-email',
  limit: 5,
  windowSeconds: 3600,
  message: SIGN_IN_MESSAGE,
};

/** A request from a signed-in coordinator: who, where they may look, and the form token of their pages. */
export interface SignedIn {
  readonly scope: CoordinatorScope;
  readonly sessionHash: string;
  /** The value every POST of this session carries in `csrf`: derived from the cookie, never stored. */
  readonly csrf: string;
}

/** The audit partition of a coordinator's own sign-ins and sign-outs. */
const auditSubject = (email: string) => coordinatorKey(emailHash(email)).pk;

/** A session's form token: only whoever holds the (HttpOnly) cookie can compute it. */
export const csrfOf = (rawSession: string) =>
  createHash('sha256').update(`csrf:${rawSession}`).digest('base64url');

/** Compares a sent form token with the expected one in constant time. */
export function csrfMatches(sent: string | undefined, expected: string | undefined): boolean {
  if (sent === undefined || expected === undefined || expected === '') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Sends a sign-in link when the address is a coordinator's; does nothing visible otherwise, so
 * the answer never tells who is one. Too many requests from one source are refused (429); too
 * many for one address are dropped silently, so nobody can flood a coordinator's inbox.
 */
export async function requestSignIn(deps: Deps, email: string, locale: Locale, sourceIp: string) {
  await takeRateLimit(deps, SIGN_IN_PER_IP, sourceIp);
  try {
    await takeRateLimit(deps, SIGN_IN_PER_EMAIL, email);
  } catch (error) {
    if (error instanceof TooManyRequests) return;
    throw error;
  }
  // Any other address gets the same link issued, mail rendered and write, in decoy items: how
  // long the answer takes must not tell who is a coordinator either.
  const scope = coordinatorScope(deps.config.COORDINATORS, email);
  const address = scope?.email ?? email.trim().toLowerCase();
  const now = deps.now();
  const token = issueToken(
    deps.config.TABLE_NAME,
    {
      purpose: 'coordinator-sign-in',
      subjectKind: 'coordinator',
      subjectId: address,
      validForMs: SIGN_IN_LINK_MS,
      singleUse: true,
    },
    now,
  );
  // The link opens in the language the coordinator asked in, and so does the queue it leads to.
  const url = `${deps.config.PUBLIC_URL}${signInLinkPath(token.raw)}?lang=${locale}`;
  const validUntil = new Date(token.record.validUntil);
  const mail = renderSignInMail(address, url, validUntil, locale);
  const audit = {
    subjectPk: auditSubject(address),
    action: 'coordinator.sign-in-link-sent',
    actor: 'form',
  } as const;
  if (!scope) {
    await writeSignInDecoy(deps, emailHash(address), { tokenPut: token.put, mail, audit }, validUntil);
    return;
  }
  await writeSignInLink(deps, token.put, mail, audit);
  deps.log.info('coordinator.sign-in-link-sent', {});
}

/** The sign-in token behind a link, if it may still start a session for someone still listed. */
async function workingSignInToken(
  deps: Deps,
  raw: string,
): Promise<{ token: TokenRecord; hash: string; scope: CoordinatorScope } | undefined> {
  const hash = hashToken(raw);
  if (hash === undefined) return undefined;
  const token = await readToken(deps, hash);
  if (token?.purpose !== 'coordinator-sign-in' || !tokenUsable(token, deps.now())) return undefined;
  const scope = coordinatorScope(deps.config.COORDINATORS, token.subjectId);
  return scope ? { token, hash, scope } : undefined;
}

/** For the GET of a sign-in link: whether its one button would work. Nothing is spent. */
export async function viewSignInLink(deps: Deps, raw: string): Promise<'open' | 'gone'> {
  return (await workingSignInToken(deps, raw)) ? 'open' : 'gone';
}

/**
 * Spends the sign-in link and starts a session; the raw session value goes into the cookie and
 * nowhere else. A replayed, expired or altered link (or one that lost a double click) is `gone`.
 */
export async function signIn(deps: Deps, raw: string): Promise<{ cookie: string } | 'gone'> {
  const working = await workingSignInToken(deps, raw);
  if (!working) return 'gone';
  const now = deps.now();
  const session = newToken();
  const record: CoordinatorSession = {
    kind: 'coordinator-session',
    email: working.scope.email,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    validUntil: new Date(now.getTime() + SESSION_MAX_MS).toISOString(),
  };
  const started = await startSession(deps, working.hash, session.hash, record, {
    subjectPk: auditSubject(working.scope.email),
    action: 'coordinator.signed-in',
    actor: `coordinator:${working.scope.email}`,
  });
  if (!started) return 'gone';
  deps.log.info('coordinator.signed-in', {});
  return { cookie: session.raw };
}

/**
 * The coordinator behind a session cookie, or undefined when it opens nothing: unknown, altered,
 * signed out, older than twelve hours, idle for two, or its address no longer in COORDINATORS
 * (then the session is removed at once).
 */
export async function resolveSession(
  deps: Deps,
  rawCookie: string | undefined,
): Promise<SignedIn | undefined> {
  const hash = rawCookie === undefined ? undefined : hashToken(rawCookie);
  if (rawCookie === undefined || hash === undefined) return undefined;
  const session = await readSession(deps, hash);
  if (!session) return undefined;
  const now = deps.now().getTime();
  if (Date.parse(session.validUntil) <= now) return undefined;
  const lastSeen = Date.parse(session.lastSeenAt);
  if (lastSeen + SESSION_IDLE_MS <= now) return undefined;
  const scope = coordinatorScope(deps.config.COORDINATORS, session.email);
  if (!scope) {
    await dropSession(deps, hash);
    return undefined;
  }
  if (now - lastSeen >= TOUCH_AFTER_MS) await touchSession(deps, hash, new Date(now));
  return { scope, sessionHash: hash, csrf: csrfOf(rawCookie) };
}

/** Ends the session on the server; the cookie no longer opens anything, wherever it was copied. */
export async function signOut(deps: Deps, signedIn: SignedIn): Promise<void> {
  await endSession(deps, signedIn.sessionHash, {
    subjectPk: auditSubject(signedIn.scope.email),
    action: 'coordinator.signed-out',
    actor: `coordinator:${signedIn.scope.email}`,
  });
  deps.log.info('coordinator.signed-out', {});
}
