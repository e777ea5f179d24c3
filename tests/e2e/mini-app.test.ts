import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/domain/intake.ts';
import { translator } from '../../shared/i18n/index.ts';
import { daysFromNow } from '../support/dates.ts';
import { TELEGRAM_TEST_SECRET, TELEGRAM_TEST_TOKEN } from '../support/fake-telegram.ts';
import type { RunningHaven } from '../support/npm-start.ts';
import { signInitData } from '../support/telegram-init-data.ts';
import { expectAccessible, launchChromium, PHONE } from './support/browser.ts';
import { startHaven } from './support/haven.ts';
import { screenshotsDir } from './support/screenshots.ts';

const SCREENSHOTS = screenshotsDir();

describe('the Mini App form in a real browser', () => {
  let haven: RunningHaven | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [haven, browser] = await Promise.all([
      // Nothing here is sent to a chat: the API root points nowhere.
      startHaven({
        TELEGRAM_BOT_TOKEN: TELEGRAM_TEST_TOKEN,
        TELEGRAM_WEBHOOK_SECRET: TELEGRAM_TEST_SECRET,
        TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
      }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await haven?.stop();
  });

  /**
   * The request form as Telegram opens it, its init data (signed at `openedAt`) in the URL's
   * fragment; in `page` when given, as Telegram's one web view reopens the Mini App.
   */
  async function openAs(
    user: { id: number; username?: string },
    openedAt = new Date(),
    page?: Awaited<ReturnType<Browser['newPage']>>,
  ) {
    if (!haven || !browser) throw new Error('Haven and the browser start before the tests');
    const init = signInitData(TELEGRAM_TEST_TOKEN, { ...user, language_code: 'uk' }, openedAt);
    const view = page ?? (await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true }));
    await view.goto(
      `${haven.baseUrl}/requests/new?lang=uk&via=telegram#tgWebAppData=${encodeURIComponent(init)}`,
    );
    return view;
  }

  const labelOf = async (page: Awaited<ReturnType<typeof openAs>>, field: string) =>
    ((await page.locator(`label[for="${field}"]`).textContent()) ?? '').trim();

  it('reads the username from the init data: the phone and the address are optional with one, one of them is needed without', async () => {
    const uk = translator('uk');
    const named = await openAs({ id: 8100, username: 'olena_k' });
    expect(await labelOf(named, 'phone')).toBe(`${uk('field.phone')} (${uk('form.optional')})`);
    expect(await labelOf(named, 'email')).toBe(`${uk('field.email')} (${uk('form.optional')})`);

    const unnamed = await openAs({ id: 8101 });
    expect(await labelOf(unnamed, 'phone')).toBe(`${uk('field.phone')} (${uk('form.phoneUnlessEmail')})`);
    expect(await labelOf(unnamed, 'email')).toBe(`${uk('field.email')} (${uk('form.emailUnlessPhone')})`);

    // Sent without either, the form comes back with the init data kept, and says the same.
    await unnamed.selectOption('#country', 'TR');
    await unnamed.fill('#city', 'Анталья');
    await unnamed.fill('#arrival', daysFromNow(4));
    await unnamed.fill('#adults', '2');
    await unnamed.fill('#name', 'Олена');
    await unnamed.check('#lang-uk');
    await unnamed.click('form[method="post"] button[type="submit"]:not(.choice)');
    await expect.poll(() => unnamed.locator('#error-summary').isVisible()).toBe(true);
    expect(await unnamed.locator('main').textContent()).toContain(uk('issue.contact_required'));
    expect(await labelOf(unnamed, 'phone')).toBe(`${uk('field.phone')} (${uk('form.phoneUnlessEmail')})`);
  });

  it('keeps what was typed in a form sent a day after it was opened, and fills it in when the bot opens the form again', async () => {
    const uk = translator('uk');
    const page = await openAs({ id: 8102, username: 'mariia_v' }, new Date(Date.now() - 25 * 3600_000));
    await page.selectOption('#country', 'TR');
    await page.fill('#city', 'Анталья');
    await page.fill('#arrival', daysFromNow(5));
    await page.fill('#adults', '3');
    await page.fill('#name', 'Марія');
    await page.check('#lang-uk');
    await page.fill('#notes', 'Маємо кішку в переносці.');
    await page.click('form[method="post"] button[type="submit"]:not(.choice)');
    await expect
      .poll(() => page.locator('#error-summary').textContent())
      .toContain(uk('form.telegramStale.title'));
    expect(await page.locator('[data-draft-restored]').isHidden()).toBe(true);
    expect(await page.locator('[data-draft-kept]').isVisible()).toBe(true);
    // Kept: what was typed, tied to the account and the moment the form was opened; not the
    // stale init data, nor the honeypot.
    const kept = await page.evaluate(() =>
      JSON.parse(window.localStorage.getItem('haven:draft:/requests') ?? '{}'),
    );
    expect(kept).toMatchObject({ user: '8102', names: expect.arrayContaining(['name', 'notes']) });
    expect(kept.names).not.toContain('telegram_init_data');
    expect(kept.names).not.toContain('website');
    await expectAccessible(page, 'the stale Mini App form');
    await page.screenshot({ path: join(SCREENSHOTS, 'mini-app-stale-phone-uk.png'), fullPage: true });

    // Telegram opens the Mini App afresh in the same web view, with fresh init data.
    await openAs({ id: 8102, username: 'mariia_v' }, new Date(), page);
    await expect.poll(() => page.locator('[data-draft-restored]').isVisible()).toBe(true);
    expect(await page.locator('#error-summary').count()).toBe(0);
    expect(await page.inputValue('#country')).toBe('TR');
    expect(await page.inputValue('#city')).toBe('Анталья');
    expect(await page.inputValue('#adults')).toBe('3');
    expect(await page.inputValue('#name')).toBe('Марія');
    expect(await page.inputValue('#notes')).toBe('Маємо кішку в переносці.');
    expect(await page.isChecked('#lang-uk')).toBe(true);
    expect(await page.inputValue('#arrival')).toBe(daysFromNow(5));
    expect(await page.isChecked('#pets')).toBe(false);
    // The count of characters left follows the notes filled in.
    expect(await page.locator('#notes-count').textContent()).toBe(
      uk('field.notes.left', { count: new Intl.NumberFormat('uk').format(LIMITS.notes - 24) }),
    );
    expect(await page.evaluate(() => Object.keys(window.localStorage))).toEqual([]);
    await expectAccessible(page, 'the Mini App form filled in again');
    await page.screenshot({ path: join(SCREENSHOTS, 'mini-app-restored-phone-uk.png'), fullPage: true });

    await page.click('form[method="post"] button[type="submit"]:not(.choice)');
    await expect.poll(() => page.locator('h1').textContent()).toBe(uk('telegram.received.title'));

    // Opened once more, the form starts empty: the draft went with the fill.
    await openAs({ id: 8102, username: 'mariia_v' }, new Date(), page);
    expect(await page.inputValue('#name')).toBe('');
    expect(await page.locator('[data-draft-restored]').isHidden()).toBe(true);
  });

  it('fills in no draft when another Telegram account opens the form on the same device, and forgets it', async () => {
    const page = await openAs({ id: 8103 }, new Date(Date.now() - 26 * 3600_000));
    await page.fill('#name', 'Оксана');
    await page.fill('#phone', '+90 555 222 33 44');
    await page.click('form[method="post"] button[type="submit"]:not(.choice)');
    await expect.poll(() => page.locator('[data-draft-kept]').isVisible()).toBe(true);

    await openAs({ id: 8104 }, new Date(), page);
    expect(await page.inputValue('#name')).toBe('');
    expect(await page.inputValue('#phone')).toBe('');
    expect(await page.locator('[data-draft-restored]').isHidden()).toBe(true);
    expect(await page.evaluate(() => Object.keys(window.localStorage))).toEqual([]);
  });
});
