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

  it('with script, a name corrected on the question page hides the question and stores the new name', async () => {
    const { haven, browser } = running;
    const en = translator('en');
    const context = await browser.newContext({ viewport: PHONE_390, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${haven.baseUrl}/offers/new`);
    await fillOffer(page, 'ayse.js@haven.test');
    // Sent before the completion answered (no input event reaches the script): the server asks.
    await page.$eval('#city', (input) => {
      (input as HTMLInputElement).value = 'Kemer';
    });
    await page.click(SEND);
    await expect.poll(() => page.locator('#city-prompt').isVisible()).toBe(true);
    expect(await page.locator('#city-prompt legend').textContent()).toBe(
      en('prompt.city.question', { city: 'Kemer' }),
    );
    await expectAxeClean(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'offer-city-question-js-390.png'), fullPage: true });

    // Corrected to another name: the Kemer question no longer holds, and its choice is not sent.
    await page.fill('#city', 'Yenice');
    await expect.poll(() => page.locator('#city-prompt').isVisible()).toBe(false);
    expect(await page.isDisabled('#city-choice-0')).toBe(true);
    expect(await page.getAttribute('#city', 'aria-describedby')).not.toContain('city-prompt');
    // Typed back, it holds again.
    await page.fill('#city', 'Kemer');
    await expect.poll(() => page.locator('#city-prompt').isVisible()).toBe(true);
    expect(await page.isDisabled('#city-choice-0')).toBe(false);

    await page.fill('#city', 'Yenice');
    // The completion offers the Yenices and notes that it did, so the server does not ask again.
    await expect.poll(() => page.inputValue('input[name="confirmedCity"]')).toBe('Yenice');
    await expectAxeClean(page);
    await page.click(SEND);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/done/offer-sent');
    const mail = await waitForMail(haven, 'ayse.js@haven.test');
    expect(mail.text).toContain('Yenice, Bursa');
    expect(mail.text).not.toContain('Kemer');
    await context.close();
  });

  it('without script, the request form asks which Kemer in Russian, takes the place chosen, and stores it', async () => {
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
    await expect
      .poll(() => page.locator('#city-prompt legend').textContent())
      .toBe(ru('prompt.city.question', { city: 'Kemer' }));
    const labels = await page.locator('#city-prompt label').allTextContents();
    expect(labels).toEqual(['Кемер, Анталья', 'Kemer, Burdur', 'Kemer, Muğla']);
    expect(await page.isChecked('#city-choice-0')).toBe(true);
    await expectAccessibleWithoutScript(page, browser, haven.baseUrl);
    await page.screenshot({ path: join(SCREENSHOTS, 'request-city-question-nojs-390.png'), fullPage: true });

    await page.check('#city-choice-1');
    await page.click(SEND);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/done/request-sent');
    const mail = await waitForMail(haven, 'irina.kemer@haven.test');
    // The record as stored: its confirm link opens it, and its manage page shows the place.
    await page.goto(linkIn(mail, '/confirm/'));
    await page.click('button[name="decision"][value="confirm"]');
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/manage\//);
    expect(await page.inputValue('#city')).toBe('Kemer, Burdur');
    expect(await page.locator('main').textContent()).not.toContain('Кемер, Анталья');
    await expectAccessibleWithoutScript(page, browser, haven.baseUrl);
    await context.close();
  });
});
