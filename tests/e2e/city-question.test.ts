import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/index.ts';
import { daysFromNow } from '../support/dates.ts';
import { expectAxeClean } from './support/browser.ts';
import { linkIn, useHavenInBrowser, waitForMail } from './support/haven.ts';
import { screenshotsDir } from './support/screenshots.ts';

const SCREENSHOTS = screenshotsDir();
const PHONE_390 = { width: 390, height: 844 } as const;
const SEND = 'form[method="post"] button[type="submit"]:not(.choice)';

/** The offer form filled in but for the city, which each test types its own way. */
async function fillOffer(page: Page, email: string) {
  await page.selectOption('#country', 'TR');
  await page.fill('#availableFrom', daysFromNow(2));
  await page.fill('#availableTo', daysFromNow(40));
  await page.fill('#beds', '2');
  await page.fill('#name', 'Ayşe Kaya');
  await page.fill('#email', email);
  await page.check('#lang-tr');
}

/**
 * axe on a page drawn without script: a context with JavaScript off runs no script in the page,
 * axe's included, so its markup (scripts taken out) is checked in a page of the same site that
 * runs axe, with the site's stylesheet.
 */
async function expectAccessibleWithoutScript(page: Page, browser: Browser, baseUrl: string) {
  // What <noscript> holds is what a reader without script gets; a page running script hides it.
  const html = (await page.content())
    .replaceAll(/<script\b[\s\S]*?<\/script>/g, '')
    .replaceAll(/<(\/?)noscript\b/g, '<$1div');
  const context = await browser.newContext({ viewport: PHONE_390, isMobile: true });
  const copy = await context.newPage();
  await copy.goto(`${baseUrl}/healthz`);
  await copy.setContent(html, { waitUntil: 'load' });
  await expectAxeClean(copy);
  await context.close();
}

/** The request form filled in but for the city, in Russian. */
async function fillRequest(page: Page, email: string) {
  await page.selectOption('#country', 'TR');
  await page.fill('#arrival', daysFromNow(5));
  await page.fill('#departure', daysFromNow(30));
  await page.fill('#adults', '2');
  await page.fill('#name', 'Ирина Петрова');
  await page.fill('#email', email);
  await page.check('#lang-ru');
}

describe('a city name several places share, on a phone', () => {
  const running = useHavenInBrowser();

  it('with script, the completion offers every Kadıköy, Istanbul’s first, and the form sends at once with the one chosen', async () => {
    const { haven, browser } = running;
    const context = await browser.newContext({ viewport: PHONE_390, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${haven.baseUrl}/offers/new?lang=tr`);
    await fillOffer(page, 'ayse.js@haven.test');
    await page.fill('#city', 'Kadıköy');
    const options = page.locator(`#${await page.getAttribute('#city', 'list')} option`);
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    const names = await options.evaluateAll((found) =>
      found.map((option) => (option as HTMLOptionElement).value),
    );
    expect(names.slice(0, 2)).toEqual(['Kadıköy, İstanbul', 'Kadıköy, Yalova']);
    await expectAxeClean(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'offer-city-shared-js-390.png'), fullPage: true });

    await page.fill('#city', 'Kadıköy, Yalova');
    await page.click(SEND);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/done/offer-sent');
    const mail = await waitForMail(haven, 'ayse.js@haven.test');
    expect(mail.text).toContain('Kadıköy, Yalova');
    await context.close();
  });

  it('without script, the request form in Russian stores “Kemer” at once as the most populous Kemer, named so that the manage page can change it', async () => {
    const { haven, browser } = running;
    const ru = translator('ru');
    const context = await browser.newContext({
      viewport: PHONE_390,
      isMobile: true,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    // A step that cannot happen fails on its own, naming itself, well before the test's limit.
    page.setDefaultTimeout(20_000);
    await page.goto(`${haven.baseUrl}/requests/new?lang=ru`);
    await fillRequest(page, 'irina.kemer@haven.test');
    await page.fill('#city', 'Kemer');
    await page.click(SEND);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/done/request-sent');
    expect(await page.locator('h1').textContent()).toBe(ru('inbox.title'));
    const mail = await waitForMail(haven, 'irina.kemer@haven.test');
    // The record as stored: its confirm link opens it, and its manage page shows the place by a
    // name no other place shares.
    await page.goto(linkIn(mail, '/confirm/'));
    await page.click('button[name="decision"][value="confirm"]');
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/manage\//);
    expect(await page.inputValue('#city')).toBe('Кемер, Анталья');
    await page.fill('#city', 'Kemer, Burdur');
    await page.click('button[name="action"][value="update"]');
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '')
      .toContain(ru('manage.done.updated'));
    // Typed in Latin letters, shown back in the reader's: Burdur's Kemer in Russian is written by rule.
    expect(await page.inputValue('#city')).toBe('Кемер, Бурдур');
    await expectAccessibleWithoutScript(page, browser, haven.baseUrl);
    await page.screenshot({ path: join(SCREENSHOTS, 'request-city-changed-nojs-390.png'), fullPage: true });
    await context.close();
  });
});
