import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/index.ts';
import { daysFromNow } from '../support/dates.ts';
import type { RunningHaven } from '../support/npm-start.ts';
import { DESKTOP, expectAxeClean, launchChromium, PHONE } from './support/browser.ts';
import { COORDINATOR_TR, signedInPhone, startHaven } from './support/haven.ts';
import { confirmed } from './support/records.ts';
import { screenshotsDir } from './support/screenshots.ts';

const SCREENSHOTS = screenshotsDir();
const NARROW_PHONE = { width: 320, height: 640 } as const;
// With LOOK_DIR set, the English page on the phone and the Russian on a 320 px one are shot there too, for a person to look at.
const LOOK = process.env.LOOK_DIR;

/** The smallest chart label the screen shows, in CSS px: its font size times the drawing's scale. */
const smallestChartText = (page: Page) =>
  page.evaluate(() =>
    Math.min(
      ...[...document.querySelectorAll<SVGTextElement>('.chart-svg text')]
        .filter((text) => text.getClientRects().length > 0)
        .map((text) => Number.parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM()?.a ?? 0)),
    ),
  );

/** The days named under the intake chart that the screen shows. */
const shownDayLabels = (page: Page) =>
  page.evaluate(
    () =>
      [
        ...document.querySelectorAll<SVGTextElement>(
          'svg[aria-labelledby="chart-intake-title"] .axis-bottom text',
        ),
      ].filter((text) => text.getClientRects().length > 0).length,
  );

/** Whether what the selector names is as wide as its box at most: nothing in it scrolls sideways. */
const fitsItsBox = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => element.scrollWidth <= element.clientWidth);

let sequence = 0;

/** Someone in Türkiye speaking Russian and Turkish offers or asks, and confirms, each under a fresh address. */
function confirmedInTurkey(haven: RunningHaven, kind: 'offers' | 'requests', body: Record<string, unknown>) {
  sequence += 1;
  return confirmed(haven, kind, {
    name: `Person ${sequence}`,
    email: `${kind}-${sequence}@haven.test`,
    languages: ['ru', 'tr'],
    country: 'TR',
    ...body,
  });
}

const offer = (city: string, beds: number, extra: Record<string, unknown> = {}) => ({
  city,
  availableFrom: daysFromNow(0),
  availableTo: daysFromNow(90),
  beds,
  petsAllowed: false,
  childrenAllowed: true,
  stepFree: false,
  hostHousehold: 'family',
  ...extra,
});
const request = (city: string, adults: number, children: number, extra: Record<string, unknown> = {}) => ({
  city,
  arrival: daysFromNow(1),
  departure: daysFromNow(30),
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
    await confirmedInTurkey(haven, 'offers', offer('İstanbul', 4));
    await confirmedInTurkey(haven, 'offers', offer('Kadıköy', 3));
    await confirmedInTurkey(haven, 'offers', offer('İzmir', 2, { childrenAllowed: false }));
    await confirmedInTurkey(haven, 'offers', offer('İzmir', 3, { childrenAllowed: false }));
    await confirmedInTurkey(haven, 'offers', offer('Antalya', 2));
    await confirmedInTurkey(haven, 'requests', request('Istanbul', 2, 1));
    await confirmedInTurkey(haven, 'requests', request('Izmir', 1, 2));
    await confirmedInTurkey(haven, 'requests', request('Izmir', 1, 1));
    await confirmedInTurkey(haven, 'requests', request('Antalya', 5, 1));
    await confirmedInTurkey(haven, 'requests', request('Antalya', 1, 0, { pets: true }));

    const phone = await signedInPhone({ haven, browser }, COORDINATOR_TR, 'ru');
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
    await expectAxeClean(phone, 'overview (ru, phone)');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await smallestChartText(phone)).toBeGreaterThanOrEqual(12);
    // A phone gets a card a city, whose figures fit its width; the six-column table is a desk's.
    expect(await phone.locator('.city-card h3').allTextContents()).toEqual(['Анталья', 'Измир', 'Стамбул']);
    expect(await phone.locator('.city-card').nth(1).locator('dd').allTextContents()).toEqual([
      '5',
      '5',
      '0',
      '0',
      '—',
    ]);
    expect(await phone.locator('.city-table').isVisible()).toBe(false);
    expect(await fitsItsBox(phone, '.city-cards')).toBe(true);
    // Nobody is placed yet: those two charts are a sentence each, with no empty axis.
    expect(await phone.locator('#chart-placements-alt').textContent()).toContain('никого не расселили');
    expect(await phone.locator('svg[aria-labelledby="chart-placements-title"]').count()).toBe(0);
    for (const details of await phone.locator('details.chart-table summary').all()) await details.click();
    await expectAxeClean(phone, 'overview with tables open');
    await phone.reload();
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-overview-phone-ru.png'), fullPage: true });
    await phone.goto(`${haven.baseUrl}/coordinator/overview?lang=en`);
    expect(await smallestChartText(phone)).toBeGreaterThanOrEqual(12);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    if (LOOK)
      await phone.screenshot({ path: join(LOOK, 'coordinator-overview-phone-en.png'), fullPage: true });
    // The narrowest phones still in use (320 px): the labels grow to stay readable, nothing scrolls sideways.
    await phone.setViewportSize(NARROW_PHONE);
    await phone.goto(`${haven.baseUrl}/coordinator/overview?lang=ru`);
    expect(await smallestChartText(phone)).toBeGreaterThanOrEqual(12);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      NARROW_PHONE.width,
    );
    expect(await shownDayLabels(phone)).toBe(3);
    expect(await fitsItsBox(phone, '.city-cards')).toBe(true);
    if (LOOK)
      await phone.screenshot({ path: join(LOOK, 'coordinator-overview-narrow-ru.png'), fullPage: true });

    await phone.setViewportSize(DESKTOP);
    await phone.goto(`${haven.baseUrl}/coordinator/overview?lang=en`);
    await expectAxeClean(phone, 'overview (en, desk)');
    expect(await smallestChartText(phone)).toBeGreaterThanOrEqual(12);
    // A phone's larger labels leave a day out; a desk's smaller ones have room for all four.
    expect(await shownDayLabels(phone)).toBe(4);
    expect(await phone.locator('.city-cards').isVisible()).toBe(false);
    expect(await phone.locator('.city-table th[scope="row"]').allTextContents()).toEqual([
      'Antalya',
      'Izmir',
      'Istanbul',
    ]);
    expect(await fitsItsBox(phone, '.city-table')).toBe(true);
    expect(await phone.content()).not.toContain('NaN');
    expect(await phone.content()).toContain('families with children wait in Izmir');
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-overview-desktop.png'), fullPage: true });
  });
});
