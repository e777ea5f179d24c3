import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/index.ts';
import { daysFromNow } from '../support/dates.ts';
import { DESKTOP, PHONE } from './support/browser.ts';
import { linkIn, useHavenInBrowser, waitForMail } from './support/haven.ts';
import { submitted } from './support/records.ts';
import { screenshotsDir } from './support/screenshots.ts';

const SCREENSHOTS = screenshotsDir();

const heading = async (page: Page) => (await page.locator('h1').textContent())?.trim();
const text = async (page: Page) => (await page.locator('main').textContent()) ?? '';

describe('the flow in a real browser: Back, used links, edits, pauses, typos', () => {
  const running = useHavenInBrowser();

  it('a host on a phone who taps a language straight after a typo’d address: the tap checks the language she tapped, and the question shows after it', async () => {
    const { haven, browser } = running;
    const tr = translator('tr');
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await page.goto(`${haven.baseUrl}/offers/new?lang=tr`);
    await page.fill('#email', 'ayse.tap@gmial.com');
    // Two rows of languages below the field: a question drawn under the tap would move them.
    const turkish = page.locator('label[for="lang-tr"]');
    await turkish.scrollIntoViewIfNeeded();
    const box = await turkish.boundingBox();
    if (box === null) throw new Error('the Turkish label is not drawn');
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('#email-prompt').isVisible()).toBe(true);
    expect(await page.locator('#email-prompt p').textContent()).toBe(
      tr('prompt.email.question', { email: 'ayse.tap@gmail.com' }),
    );
    expect(
      await page.$$eval('input[name="languages"]:checked', (checked) => checked.map((box) => box.id)),
    ).toEqual(['lang-tr']);
    await page.close();
  });

  it('a seeker on a phone in Russian: a typo’d address is asked about as she leaves the field, a misspelt city on sending, Back after sending shows the sent page, the request pauses', async () => {
    const { haven, browser } = running;
    const ru = translator('ru');
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await page.goto(`${haven.baseUrl}/requests/new?lang=ru`);
    await page.selectOption('#country', 'TR');
    await page.fill('#city', 'Istanbulx');
    await page.fill('#arrival', daysFromNow(4));
    await page.fill('#departure', daysFromNow(30));
    await page.fill('#adults', '2');
    await page.fill('#name', 'Олена Коваль');
    await page.fill('#email', 'olena.flow@gmial.com');
    expect(await page.locator('#email-prompt').isVisible()).toBe(false);
    // Leaving the field asks, beside it, before anything is sent.
    await page.fill('#phone', '+380 67 123 4567');
    await expect.poll(() => page.locator('#email-prompt').isVisible()).toBe(true);
    expect(await page.locator('#email-prompt p').textContent()).toBe(
      ru('prompt.email.question', { email: 'olena.flow@gmail.com' }),
    );
    expect(await page.getAttribute('#email', 'aria-describedby')).toContain('email-prompt');
    expect(await page.locator('#phone-prompt').isVisible()).toBe(false);
    await page.check('#lang-ru');
    await page.screenshot({ path: join(SCREENSHOTS, 'request-form-typo-phone.png'), fullPage: true });
    await page.click('#email-prompt button');
    expect(await page.inputValue('#email')).toBe('olena.flow@gmail.com');
    // Taken away once the click that pressed it is over.
    await expect.poll(() => page.locator('#email-prompt').isVisible()).toBe(false);
    expect(await page.getAttribute('#email', 'aria-describedby')).not.toContain('email-prompt');

    // The city that resolves nowhere is an error on sending, with the nearest places to press.
    await page.click('form[method="post"] button[type="submit"]:not(.choice)');
    await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
    await page.click('button.choice >> text=Стамбул');
    await expect.poll(() => page.inputValue('#city')).toBe('Стамбул');
    expect(await page.inputValue('#email')).toBe('olena.flow@gmail.com');
    await page.click('form[method="post"] button[type="submit"]:not(.choice)');
    await expect.poll(() => heading(page)).toBe(ru('inbox.title'));
    expect(new URL(page.url()).pathname).toBe('/done/request-sent');
    expect(await text(page)).toContain('olena.flow@gmail.com');

    // Back: not the old page with its errors, but what was done.
    await page.goBack();
    await expect.poll(() => heading(page)).toBe(ru('inbox.title'));
    expect(await page.locator('#error-summary').count()).toBe(0);

    const confirmation = await waitForMail(haven, 'olena.flow@gmail.com');
    await page.goto(linkIn(confirmation, '/confirm/'));
    await page.click('button[name="decision"][value="confirm"]');
    await expect.poll(() => heading(page)).toBe(ru('manage.request.title'));

    // Back to the used confirm link: it can't be used again, and the confirmation stands.
    await page.goBack();
    await expect.poll(() => heading(page)).toBe(ru('link.gone.title'));
    expect(await text(page)).toContain('остаётся в силе');
    expect(await text(page)).not.toContain('Ничего не изменилось');

    await page.goto(linkIn(confirmation, '/manage/'));
    await page.click('button[name="action"][value="pause"]');
    await expect.poll(async () => (await text(page)).includes(ru('manage.done.request.paused'))).toBe(true);
    expect(await text(page)).toContain(ru('status.request.paused'));
    await page.screenshot({ path: join(SCREENSHOTS, 'manage-request-paused-phone.png'), fullPage: true });
    // Back after the pause: the manage page as it is now, never "Confirm Form Resubmission".
    await page.goBack();
    await expect.poll(() => heading(page)).toBe(ru('manage.request.title'));
    expect(await text(page)).toContain(ru('status.request.paused'));
    await page.click('button[name="action"][value="resume"]');
    await expect.poll(async () => (await text(page)).includes(ru('manage.done.request.resumed'))).toBe(true);
  });

  it('a host on a desktop in Turkish: a full edit with every mistake at once, a pause, a phone without its code, a withdrawal, Back after each', async () => {
    const { haven, browser } = running;
    const tr = translator('tr');
    await submitted(
      haven,
      'offers',
      {
        name: 'Ayşe Yılmaz',
        email: 'ayse.flow@haven.test',
        phone: '+90 555 123 45 67',
        languages: ['tr'],
        country: 'TR',
        city: 'İstanbul',
        availableFrom: daysFromNow(2),
        availableTo: daysFromNow(60),
        beds: 2,
        petsAllowed: false,
        childrenAllowed: true,
        stepFree: false,
      },
      'tr',
    );
    const confirmation = await waitForMail(haven, 'ayse.flow@haven.test');
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(linkIn(confirmation, '/confirm/'));
    await page.click('button[name="decision"][value="confirm"]');
    await expect.poll(() => heading(page)).toBe(tr('manage.offer.title'));
    expect(await page.locator('.notice.done').textContent()).toContain(tr('confirm.done.title'));

    // Every mistake on the first save: too many beds and dates out of order.
    await page.fill('#beds', '99');
    await page.fill('#availableFrom', daysFromNow(20));
    await page.fill('#availableTo', daysFromNow(10));
    await page.click('button[name="action"][value="update"]');
    await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
    expect(await page.locator('#error-summary li').count()).toBe(2);
    expect(await page.getAttribute('#beds', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#availableTo', 'aria-invalid')).toBe('true');
    await page.screenshot({ path: join(SCREENSHOTS, 'manage-offer-errors-desktop.png'), fullPage: true });

    // A full edit: place, dates, beds, pets, phone, notes.
    await page.fill('#city', 'Kadıköy');
    // She sees the places sharing the name offered as she types, so the page need not ask which one.
    const suggestions = page.locator(`#${await page.getAttribute('#city', 'list')} option`);
    await expect.poll(() => suggestions.count()).toBeGreaterThan(1);
    await page.fill('#availableFrom', daysFromNow(3));
    await page.fill('#availableTo', daysFromNow(45));
    await page.fill('#beds', '3');
    await page.check('#petsAllowed');
    await page.fill('#phone', '+90 532 000 11 22');
    await page.fill('#notes', 'Kedimiz var, merdiven yok.');
    await page.click('button[name="action"][value="update"]');
    await expect.poll(async () => (await text(page)).includes(tr('manage.done.updated'))).toBe(true);
    const facts = (await page.locator('#facts-title + dl').textContent()) ?? '';
    for (const fact of ['Kadıköy', '+90 532 000 11 22', 'Kedimiz var, merdiven yok.'])
      expect(facts).toContain(fact);
    // Back after the save: the stale page with its errors gives way to the page as it is now.
    await page.goBack();
    await expect.poll(async () => await page.locator('#error-summary').count()).toBe(0);
    expect(await heading(page)).toBe(tr('manage.offer.title'));
    await page.goForward();

    await page.click('button[name="action"][value="pause"]');
    await expect.poll(async () => (await text(page)).includes(tr('manage.done.paused'))).toBe(true);
    expect(await text(page)).toContain(tr('status.offer.paused'));
    await page.screenshot({ path: join(SCREENSHOTS, 'manage-offer-paused-desktop.png'), fullPage: true });
    await page.goBack();
    await expect.poll(() => heading(page)).toBe(tr('manage.offer.title'));
    expect(await text(page)).toContain(tr('status.offer.paused'));

    // A new phone number without its country code: a word beside it as she leaves the field; the
    // save goes ahead with the number as typed.
    await page.click('button[name="action"][value="resume"]');
    await expect.poll(async () => (await text(page)).includes(tr('manage.done.resumed'))).toBe(true);
    await page.fill('#phone', '0532 000 11 22');
    await page.locator('#phone').blur();
    await expect.poll(() => page.locator('#phone-prompt').isVisible()).toBe(true);
    expect(await page.locator('#phone-prompt').textContent()).toBe(tr('prompt.phone'));
    await page.click('button[name="action"][value="update"]');
    await expect.poll(async () => (await text(page)).includes(tr('manage.done.updated'))).toBe(true);
    expect(await page.locator('#facts-title + dl').textContent()).toContain('0532 000 11 22');

    // Withdrawing; Back after it shows the offer as it is now: closed.
    await page.click('button[name="action"][value="withdraw"]');
    await expect.poll(async () => (await text(page)).includes(tr('manage.done.withdrawn'))).toBe(true);
    expect(await text(page)).toContain(tr('status.offer.closed'));
    await page.goBack();
    await expect.poll(async () => (await text(page)).includes(tr('status.offer.closed'))).toBe(true);
    expect(await page.locator('button[name="action"][value="withdraw"]').count()).toBe(0);

    // A replayed confirm link, opened again from the mail.
    await page.goto(linkIn(confirmation, '/confirm/'));
    expect(await heading(page)).toBe(tr('link.gone.title'));
    expect(await text(page)).toContain('geçerliliğini korur');
    expect(await text(page)).not.toContain('Hiçbir şey değiştirilmedi');
  });

  it('a fresh form pre-fills the first night with the day the phone’s clock shows, not the UTC day', async () => {
    const { haven, browser } = running;
    // At any instant one of the two shows another day than UTC: Kiritimati is 14 hours ahead, Pago Pago 11 behind.
    for (const timezoneId of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const context = await browser.newContext({ viewport: PHONE, isMobile: true, timezoneId });
      const page = await context.newPage();
      await page.goto(`${haven.baseUrl}/offers/new?lang=en`);
      const shown = await page.inputValue('#availableFrom');
      expect(shown).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: timezoneId }).format(new Date()));
      // A date the person typed is theirs, one within a day of their today too: drawn again with
      // an error, the form keeps it.
      const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: timezoneId }).format(
        new Date(Date.now() + 86_400_000),
      );
      await page.fill('#availableFrom', tomorrow);
      await page.click('form[method="post"] button[type="submit"]:not(.choice)');
      await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
      expect(await page.inputValue('#availableFrom')).toBe(tomorrow);
      await context.close();
    }
  });

  it('without script, Back after sending shows the old page, and that page says what coming back means', async () => {
    const { haven, browser } = running;
    const ru = translator('ru');
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${haven.baseUrl}/requests/new?lang=ru`);
    await page.selectOption('#country', 'TR');
    await page.fill('#city', 'Стамбул');
    await page.fill('#arrival', daysFromNow(5));
    await page.fill('#adults', '0');
    await page.fill('#name', 'Ирина Петрова');
    await page.fill('#email', 'irina.nojs@haven.test');
    await page.check('#lang-ru');
    await page.click('form[method="post"] button[type="submit"]:not(.choice)');
    await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
    await page.fill('#adults', '2');
    await page.click('form[method="post"] button[type="submit"]:not(.choice)');
    await expect.poll(() => heading(page)).toBe(ru('inbox.title'));

    // No script can replace the page kept in history: it is shown again, and says what it means.
    await page.goBack();
    await expect.poll(() => heading(page)).toBe(ru('form.request.title'));
    expect(await text(page)).toContain(ru('form.sentSince', { title: ru('inbox.title') }));
    await page.screenshot({ path: join(SCREENSHOTS, 'request-form-back-nojs-phone.png'), fullPage: true });
    await context.close();
  });
});
