import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../shared/i18n/format.ts';
import { translator } from '../../shared/i18n/index.ts';
import { daysFromNow } from '../support/dates.ts';
import type { RunningHaven } from '../support/npm-start.ts';
import { DESKTOP, expectAxeClean, PHONE } from './support/browser.ts';
import {
  COORDINATOR_TR,
  caughtMails,
  linkIn,
  signIn,
  useHavenInBrowser,
  waitForMail,
} from './support/haven.ts';
import { submitted } from './support/records.ts';
import { screenshotsDir } from './support/screenshots.ts';

const SCREENSHOTS = screenshotsDir();

const host = { name: 'Ayşe Yılmaz', email: 'ayse.host@haven.test', phone: '+90 555 123 45 67' };
const seeker = { name: 'Олена Коваль', email: 'olena.seeker@haven.test', phone: '+380 67 123 4567' };

const heading = async (page: Page) => (await page.locator('h1').textContent())?.trim();

/** Every mail caught for an address, as one text, to check what a person has been told so far. */
async function mailTo(haven: RunningHaven, address: string): Promise<string> {
  return (await caughtMails(haven))
    .filter((mail) => mail.to.includes(address))
    .map((mail) => mail.text)
    .join('\n');
}

/** Links the journey produced, for visiting their pages in every language afterwards. */
const links: Partial<Record<'approve' | 'decline' | 'manage' | 'usedConfirm', string>> = {};

describe('the journey in a real browser', () => {
  const running = useHavenInBrowser();

  it('a host offers in Turkish, a seeker asks in Russian on a phone, the coordinator approves, both learn the other’s contact', async () => {
    const { haven, browser } = running;
    const tr = translator('tr');
    const ru = translator('ru');

    const desktop = await browser.newPage({ viewport: DESKTOP });
    await desktop.goto(`${haven.baseUrl}/?lang=tr`);
    await desktop.screenshot({ path: join(SCREENSHOTS, 'landing.png'), fullPage: true });
    const views = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await views.goto(`${haven.baseUrl}/?lang=uk`);
    await views.screenshot({ path: join(SCREENSHOTS, 'landing-phone.png'), fullPage: true });
    await views.goto(`${haven.baseUrl}/offers/new?lang=tr`);
    await views.screenshot({ path: join(SCREENSHOTS, 'offer-form-phone.png'), fullPage: true });
    await views.setViewportSize(DESKTOP);
    await views.goto(`${haven.baseUrl}/requests/new?lang=ru`);
    await views.screenshot({ path: join(SCREENSHOTS, 'request-form-desktop.png'), fullPage: true });
    await desktop.goto(`${haven.baseUrl}/offers/new?lang=tr`);
    await expectAxeClean(desktop);
    await desktop.selectOption('#country', 'TR');
    await desktop.fill('#city', 'İstanbul');
    await desktop.fill('#availableFrom', daysFromNow(1));
    await desktop.fill('#availableTo', daysFromNow(90));
    await desktop.fill('#beds', '4');
    await desktop.selectOption('#hostHousehold', 'family');
    await desktop.check('#petsAllowed');
    await desktop.check('#childrenAllowed');
    await desktop.fill('#name', host.name);
    await desktop.fill('#email', host.email);
    await desktop.fill('#phone', host.phone);
    await desktop.check('#lang-tr');
    await desktop.check('#lang-ru');
    // Switching language on a half-filled form posts it back: everything typed stays.
    await desktop.click('nav.lang button[lang="uk"]');
    await expect.poll(() => desktop.locator('html').getAttribute('lang')).toBe('uk');
    expect(await desktop.inputValue('#name')).toBe(host.name);
    expect(await desktop.inputValue('#beds')).toBe('4');
    expect(await desktop.isChecked('#petsAllowed')).toBe(true);
    expect(await desktop.isChecked('#lang-ru')).toBe(true);
    await desktop.click('nav.lang button[lang="tr"]');
    await expect.poll(() => desktop.locator('html').getAttribute('lang')).toBe('tr');
    expect(await desktop.inputValue('#email')).toBe(host.email);
    await desktop.screenshot({ path: join(SCREENSHOTS, 'offer-form-desktop.png'), fullPage: true });
    await desktop.click('form[method="post"] button[type="submit"]');
    await expect.poll(() => heading(desktop)).toBe(tr('inbox.title'));
    await expectAxeClean(desktop);

    const hostConfirmation = await waitForMail(haven, host.email);
    await desktop.goto(linkIn(hostConfirmation, '/confirm/'));
    await expect.poll(() => heading(desktop)).toBe(tr('confirm.title'));
    await expectAxeClean(desktop);
    await desktop.click('button[name="decision"][value="confirm"]');
    await expect.poll(() => heading(desktop)).toBe(tr('manage.offer.title'));
    expect(await desktop.locator('.notice.done').textContent()).toContain(tr('confirm.done.title'));

    const phone = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await phone.goto(`${haven.baseUrl}/requests/new?lang=ru`);
    await expectAxeClean(phone);
    await phone.selectOption('#country', 'TR');
    await phone.locator('#city').pressSequentially('Стамб', { delay: 60 });
    const suggestion = phone.locator(`#${await phone.getAttribute('#city', 'list')} option`).first();
    await expect
      .poll(() => suggestion.getAttribute('value'), { timeout: 10_000 })
      .toMatch(/Стамбул|İstanbul|Istanbul/);
    await phone.fill('#city', (await suggestion.getAttribute('value')) as string);
    await phone.fill('#arrival', daysFromNow(3));
    await phone.fill('#departure', daysFromNow(30));
    await phone.fill('#adults', '2');
    await phone.fill('#children', '1');
    await phone.check('#safeHousehold');
    await phone.fill('#name', seeker.name);
    await phone.fill('#email', seeker.email);
    await phone.fill('#phone', seeker.phone);
    await phone.check('#lang-ru');
    await phone.screenshot({ path: join(SCREENSHOTS, 'request-form-phone.png'), fullPage: true });
    await phone.click('form[method="post"] button[type="submit"]');
    await expect.poll(() => heading(phone)).toBe(ru('inbox.title'));

    const seekerConfirmation = await waitForMail(haven, seeker.email);
    await phone.goto(linkIn(seekerConfirmation, '/confirm/'));
    await phone.click('button[name="decision"][value="confirm"]');
    await expect.poll(() => heading(phone)).toBe(ru('manage.request.title'));
    expect(await phone.locator('.notice.done').textContent()).toContain(ru('confirm.done.title'));

    const proposal = await waitForMail(haven, COORDINATOR_TR, (mail) =>
      mail.text.includes('/proposals/approve/'),
    );
    expect(proposal.text).toContain(host.name);
    expect(proposal.text).toContain(seeker.name);
    const mailPage = await browser.newPage({ viewport: { width: 800, height: 900 } });
    await mailPage.goto(`${haven.baseUrl}/dev/mail/${proposal.file}`);
    await mailPage.screenshot({ path: join(SCREENSHOTS, 'proposal-mail.png'), fullPage: true });

    const coordinator = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    // Nobody has checked this new host (REQUIRE_VERIFIED_HOSTS): the mailed link sends the
    // coordinator to the offer's workspace page first, and approves once the check is recorded.
    await coordinator.goto(linkIn(proposal, '/proposals/approve/'));
    await expectAxeClean(coordinator);
    expect(await coordinator.locator('button[name="decision"]').count()).toBe(0);
    const offerPage = new URL(
      (await coordinator.getAttribute('a[href*="/coordinator/offers/"]', 'href')) as string,
      haven.baseUrl,
    ).href;
    await signIn(haven, coordinator, COORDINATOR_TR);
    await coordinator.goto(offerPage);
    await coordinator.selectOption('#method', 'phone');
    await coordinator.click('#verify button[value="verified"]');
    await expect
      .poll(async () => (await coordinator.locator('#verify p').first().textContent()) ?? '')
      .toContain(COORDINATOR_TR);

    // The decision page states every fact in the reader's language, as the mail does.
    const facts = {
      ru: ['Семья', '2 взрослых и 1 ребёнок', 'Стамбул, Турция', 'время в Турции'],
      tr: ['Bir aile', '2 yetişkin ve 1 çocuk', 'İstanbul, Türkiye', 'Türkiye saati', '%'],
      uk: ['Родина', '2 дорослих і 1 дитина', 'Стамбул, Туреччина', 'час у Туреччині'],
    };
    for (const [lang, expected] of Object.entries(facts)) {
      await coordinator.goto(`${linkIn(proposal, '/proposals/approve/')}?lang=${lang}`);
      const text = ((await coordinator.locator('main').textContent()) ?? '').replace(/\u202f/g, ' ');
      for (const fact of expected) expect(text, `${lang}: ${fact}`).toContain(fact);
      expect(text).not.toMatch(/\bfamily\b|\d{4}-\d{2}-\d{2}|\bUTC\b/);
      expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await coordinator.screenshot({
        path: join(SCREENSHOTS, `decision-page-${lang}-phone.png`),
        fullPage: true,
      });
    }

    await coordinator.goto(linkIn(proposal, '/proposals/approve/'));
    await expectAxeClean(coordinator);
    await coordinator.screenshot({ path: join(SCREENSHOTS, 'coordinator-approve.png'), fullPage: true });
    expect(await coordinator.content()).not.toContain(seeker.phone);
    expect(await mailTo(haven, host.email)).not.toContain(seeker.email);
    expect(await mailTo(haven, seeker.email)).not.toContain(host.email);
    await coordinator.click('button[name="decision"][value="approve"]');
    await expect.poll(() => coordinator.locator('h1').count()).toBe(1);
    await coordinator.screenshot({ path: join(SCREENSHOTS, 'coordinator-approved.png'), fullPage: true });
    links.approve = linkIn(proposal, '/proposals/approve/');
    links.decline = linkIn(proposal, '/proposals/decline/');
    links.manage = linkIn(hostConfirmation, '/manage/');
    links.usedConfirm = linkIn(hostConfirmation, '/confirm/');

    const toHost = await waitForMail(haven, host.email, (mail) => mail.text.includes(seeker.email));
    expect(toHost.text).toContain(seeker.name);
    expect(toHost.text).toContain(seeker.phone);
    const toSeeker = await waitForMail(haven, seeker.email, (mail) => mail.text.includes(host.email));
    expect(toSeeker.text).toContain(host.name);
    expect(toSeeker.text).toContain(host.phone);
    // Each side reads the dates, the place and the party as the page would write them.
    expect(toHost.text).toContain(formatDate(daysFromNow(3), 'tr'));
    expect(toHost.text).toContain('2 yetişkin ve 1 çocuk');
    expect(toSeeker.subject).toContain('Стамбул');
    expect(toSeeker.text).toContain('Стамбул, Турция');
    expect(toSeeker.text).toContain(formatDate(daysFromNow(3), 'ru'));
    const mailView = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    for (const [mail, file] of [
      [toHost, 'placement-mail-host-tr-phone.png'],
      [toSeeker, 'placement-mail-seeker-ru-phone.png'],
    ] as const) {
      await mailView.setContent(mail.html);
      expect(await mailView.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await mailView.screenshot({ path: join(SCREENSHOTS, file), fullPage: true });
    }
  });

  it('a form sent with mistakes shows the messages beside the fields, keeps the values, and can then be fixed and sent', async () => {
    const { haven, browser } = running;
    const uk = translator('uk');
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await page.goto(`${haven.baseUrl}/offers/new?lang=uk`);
    await page.selectOption('#country', 'TR');
    await page.fill('#city', 'Istanbulx');
    await page.fill('#availableFrom', daysFromNow(10));
    await page.fill('#availableTo', daysFromNow(2));
    await page.fill('#beds', '3');
    await page.fill('#name', 'Марія');
    await page.fill('#email', 'maria.host@haven.test');
    await page.check('#lang-uk');
    // The browser's own checks would stop the bad date order before the server could answer.
    await page.$eval('form[method="post"]', (form) => form.setAttribute('novalidate', ''));
    await page.click('form[method="post"] button[type="submit"]');

    await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
    expect(await page.getAttribute('#city', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#availableTo', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#name')).toBe('Марія');
    expect(await page.inputValue('#city')).toBe('Istanbulx');
    expect(await page.inputValue('#beds')).toBe('3');
    await expectAxeClean(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'offer-form-errors-phone.png'), fullPage: true });

    // The nearest place is a button: pressing it shows the form again with that city, nothing lost.
    await page.click('button.choice >> text=Стамбул');
    await expect.poll(() => page.inputValue('#city')).toBe('Стамбул');
    expect(await page.inputValue('#name')).toBe('Марія');
    expect(await page.locator('#error-summary').count()).toBe(0);
    await page.fill('#availableTo', daysFromNow(40));
    await page.click('form[method="post"] button[type="submit"]');
    await expect.poll(() => heading(page)).toBe(uk('inbox.title'));
    await waitForMail(haven, 'maria.host@haven.test');
  });
  it('every page, in every language, has no serious or critical accessibility violation', async () => {
    const { haven, browser } = running;
    expect(Object.keys(links)).toHaveLength(4);
    await submitted(haven, 'offers', {
      name: 'Giorgi',
      email: 'giorgi.host@haven.test',
      languages: ['ka', 'ru'],
      country: 'GE',
      city: 'Тбилиси',
      availableFrom: daysFromNow(2),
      beds: 2,
      petsAllowed: false,
      childrenAllowed: true,
      stepFree: true,
    });
    const unconfirmed = linkIn(await waitForMail(haven, 'giorgi.host@haven.test'), '/confirm/');
    const pages = [
      '/',
      '/offers/new',
      '/requests/new',
      unconfirmed,
      links.usedConfirm,
      links.manage,
      links.approve,
      links.decline,
      '/proposals/approve/not-a-real-token',
      '/availability/yes/not-a-real-token',
      '/check-in/not-a-real-token',
    ];
    const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    for (const lang of ['en', 'ru', 'uk', 'tr']) {
      for (const path of pages) {
        const url = new URL(path as string, haven.baseUrl);
        url.searchParams.set('lang', lang);
        await page.goto(url.toString());
        expect(await page.getAttribute('html', 'lang'), url.pathname).toBe(lang);
        await expectAxeClean(page, `${lang} ${url.pathname.slice(0, 24)}`);
      }
      await page.goto(`${haven.baseUrl}/offers/new?lang=${lang}`);
      await page.$eval('form[method="post"]', (form) => form.setAttribute('novalidate', ''));
      await page.click('form[method="post"] button[type="submit"]');
      await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
      await expectAxeClean(page, `${lang} form errors`);
    }
  });
});
