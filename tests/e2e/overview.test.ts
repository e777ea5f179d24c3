import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/index.ts';
import type { RunningHaven } from '../support/npm-start.ts';
import { DESKTOP, launchChromium, PHONE, seriousAxeViolations } from './support/browser.ts';
import { COORDINATOR_TR, linkIn, startHaven, waitForMail } from './support/haven.ts';
import { screenshotsDir } from './support/screenshots.ts';

const SCREENSHOTS = screenshotsDir();

const isoDay = (daysFromNow: number) =>
  new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);

async function expectAccessible(page: Page, what: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations.map((v) => `${what} ${v.id}: ${v.help}`)).toEqual([]);
}

let sequence = 0;

/** Submits a record through the JSON API and confirms it through its mailed link, as its owner would. */
async function confirmed(haven: RunningHaven, kind: 'offers' | 'requests', body: Record<string, unknown>) {
  const email = `${kind}-${++sequence}@haven.test`;
  const response = await fetch(`${haven.baseUrl}/api/v1/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `Person ${sequence}`,
      email,
      languages: ['ru', 'tr'],
      country: 'TR',
      ...body,
    }),
  });
  expect(response.status).toBe(201);
  const confirm = linkIn(await waitForMail(haven, email), '/confirm/');
  const done = await fetch(confirm, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'decision=confirm',
  });
  expect(done.status).toBe(200);
}

const offer = (city: string, beds: number, extra: Record<string, unknown> = {}) => ({
  city,
  availableFrom: isoDay(0),
  availableTo: isoDay(90),
  beds,
  petsAllowed: false,
  childrenAllowed: true,
  stepFree: false,
  hostHousehold: 'family',
  ...extra,
});
const request = (city: string, adults: number, children: number, extra: Record<string, unknown> = {}) => ({
  city,
  arrival: isoDay(1),
  departure: isoDay(30),
  adults,
  children,
  pets: false,
  needsStepFree: false,
  ...extra,
});

describe('the overview in a real browser', () => {
  let haven: RunningHaven;
  let browser: Browser;

  beforeAll(async () => {
    // The sweep (which finds why requests wait) every few seconds instead of every quarter hour.
    [haven, browser] = await Promise.all([startHaven({ MATCHER_SWEEP_SECONDS: '5' }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await haven?.stop();
  });

  it('a coordinator sees the country at a glance on a phone and a desk, in Russian and English', async () => {
    await confirmed(haven, 'offers', offer('İstanbul', 4));
    await confirmed(haven, 'offers', offer('Kadıköy', 3));
    await confirmed(haven, 'offers', offer('İzmir', 2, { childrenAllowed: false }));
    await confirmed(haven, 'offers', offer('İzmir', 3, { childrenAllowed: false }));
    await confirmed(haven, 'offers', offer('Antalya', 2));
    await confirmed(haven, 'requests', request('Istanbul', 2, 1));
    await confirmed(haven, 'requests', request('Izmir', 1, 2));
    await confirmed(haven, 'requests', request('Izmir', 1, 1));
    await confirmed(haven, 'requests', request('Antalya', 5, 1));
    await confirmed(haven, 'requests', request('Antalya', 1, 0, { pets: true }));

    const phone = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await phone.goto(`${haven.baseUrl}/coordinator/sign-in?lang=ru`);
    await phone.fill('#email', COORDINATOR_TR);
    await phone.click('form[method="post"] button[type="submit"]');
    const mail = await waitForMail(haven, COORDINATOR_TR, (m) => m.text.includes('/coordinator/sign-in/'));
    await phone.goto(linkIn(mail, '/coordinator/sign-in/'));
    await phone.click('button[name="sign-in"][value="start"]');
    await expect.poll(() => new URL(phone.url()).pathname).toBe('/coordinator');
    await phone.click('.workspace-bar a[href^="/coordinator/overview"]');
    await expect.poll(() => new URL(phone.url()).pathname).toBe('/coordinator/overview');
    await phone.goto(`${haven.baseUrl}/coordinator/overview?lang=ru`);

    // The counters follow the stream and the sweep explains the waiting within seconds.
    const ru = translator('ru');
    await expect
      .poll(
        async () => {
          await phone.reload();
          return phone.locator('.why-lines li').count();
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    const html = await phone.content();
    expect(html).toContain(ru('overview.figure.bedsTonight'));
    expect(html).toContain('Измир');
    expect(await phone.locator('.figure-value').first().textContent()).toBe('15');
    await expectAccessible(phone, 'overview (ru, phone)');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    for (const details of await phone.locator('details.chart-table summary').all()) await details.click();
    await expectAccessible(phone, 'overview with tables open');
    await phone.reload();
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-overview-phone-ru.png'), fullPage: true });

    await phone.setViewportSize(DESKTOP);
    await phone.goto(`${haven.baseUrl}/coordinator/overview?lang=en`);
    await expectAccessible(phone, 'overview (en, desk)');
    expect(await phone.content()).toContain('families with children wait in Izmir');
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-overview-desktop.png'), fullPage: true });
  });
});
