import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/index.ts';
import { daysFromNow } from '../support/dates.ts';
import { TELEGRAM_TEST_SECRET, TELEGRAM_TEST_TOKEN } from '../support/fake-telegram.ts';
import type { RunningHaven } from '../support/npm-start.ts';
import { signInitData } from '../support/telegram-init-data.ts';
import { launchChromium, PHONE } from './support/browser.ts';
import { startHaven } from './support/haven.ts';

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

  /** The request form as Telegram opens it, its init data in the URL's fragment. */
  async function openAs(user: { id: number; username?: string }) {
    if (!haven || !browser) throw new Error('Haven and the browser start before the tests');
    const init = signInitData(TELEGRAM_TEST_TOKEN, { ...user, language_code: 'uk' }, new Date());
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await page.goto(
      `${haven.baseUrl}/requests/new?lang=uk&via=telegram#tgWebAppData=${encodeURIComponent(init)}`,
    );
    return page;
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
});
