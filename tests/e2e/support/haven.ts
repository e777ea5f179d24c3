import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { freePort } from '../../../infra/local/dynamo.ts';
import { npmStart, type RunningHaven } from '../../support/npm-start.ts';
import { launchChromium, PHONE } from './browser.ts';

export interface CaughtMail {
  file: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export const COORDINATOR_TR = 'tr-coordinator@haven.test';

/** `npm start` with its own DATA_DIR and port, as a person would run it. */
export async function startHaven(extra: Record<string, string> = {}): Promise<RunningHaven> {
  const dataDir = await mkdtemp(join(tmpdir(), 'haven-e2e-'));
  const port = String(await freePort());
  return npmStart({
    DATA_DIR: dataDir,
    PORT: port,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    COORDINATORS: JSON.stringify({ TR: [COORDINATOR_TR], '*': ['coordinator@haven.test'] }),
    ...extra,
  });
}

/**
 * `npm start` and a Chromium for one describe block: started before its tests, stopped after
 * them, each even when the other failed to start. Tests read `haven` and `browser` from it.
 */
export function useHavenInBrowser(): { readonly haven: RunningHaven; readonly browser: Browser } {
  let haven: RunningHaven | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await Promise.all([
      startHaven().then((started) => {
        haven = started;
      }),
      launchChromium().then((launched) => {
        browser = launched;
      }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await haven?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('Haven and the browser start before the tests');
    return value;
  };
  return {
    get haven() {
      return started(haven);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** Every mail the local mail catcher holds so far (/dev/mail). */
export async function caughtMails(haven: RunningHaven): Promise<CaughtMail[]> {
  return (await (await fetch(`${haven.baseUrl}/dev/mail?format=json`)).json()) as CaughtMail[];
}

/** Waits until the local mail catcher holds a mail to that address that passes the check. */
export async function waitForMail(
  haven: RunningHaven,
  to: string,
  matches: (mail: CaughtMail) => boolean = () => true,
  timeoutMs = 45_000,
): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await caughtMails(haven);
    const found = mails.find((mail) => mail.to.includes(to) && matches(mail));
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(
        `no mail to ${to} within ${timeoutMs} ms; caught: ${mails.map((m) => `${m.to}: ${m.subject}`).join(' | ')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The first absolute link in a mail whose path contains the fragment. */
export function linkIn(mail: CaughtMail, fragment: string): string {
  const link = mail.text
    .match(/https?:\/\/[^\s<>"]+/g)
    ?.find((url) => new URL(url).pathname.includes(fragment));
  if (!link) throw new Error(`no ${fragment} link in "${mail.subject}"`);
  return link;
}

/** A phone signed in to the workspace as that coordinator, through a fresh mailed link. */
export async function signedInPhone(
  running: { readonly haven: RunningHaven; readonly browser: Browser },
  coordinator: string,
  lang: string,
): Promise<Page> {
  const { haven, browser } = running;
  const phone = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  await signIn(haven, phone, coordinator, lang);
  return phone;
}

/**
 * Signs a coordinator in on a page already open, through the mailed link, in `lang` when given
 * (else the browser's); the page ends on /coordinator.
 */
export async function signIn(
  haven: RunningHaven,
  page: Page,
  coordinator: string,
  lang?: string,
): Promise<void> {
  const earlier = new Set((await caughtMails(haven)).map((m) => m.file));
  await page.goto(`${haven.baseUrl}/coordinator/sign-in${lang === undefined ? '' : `?lang=${lang}`}`);
  await page.fill('#email', coordinator);
  await page.click('form[method="post"] button[type="submit"]');
  const mail = await waitForMail(
    haven,
    coordinator,
    (m) => m.text.includes('/coordinator/sign-in/') && !earlier.has(m.file),
  );
  await page.goto(linkIn(mail, '/coordinator/sign-in/'));
  await page.click('button[name="sign-in"][value="start"]');
  await expect.poll(() => new URL(page.url()).pathname).toBe('/coordinator');
}
