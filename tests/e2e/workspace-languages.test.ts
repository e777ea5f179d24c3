import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../shared/domain/records.ts';
import { translator } from '../../shared/i18n/index.ts';
import { makeRequest } from '../integration/matching-support.ts';
import { daysFromNow } from '../support/dates.ts';
import type { RunningHaven } from '../support/npm-start.ts';
import { DESKTOP, expectAccessible, expectAxeClean, PHONE } from './support/browser.ts';
import {
  type CaughtMail,
  COORDINATOR_TR,
  caughtMails,
  linkIn,
  signedInPhone,
  useHavenInBrowser,
  waitForMail,
} from './support/haven.ts';
import { confirmed, seedUnreachable } from './support/records.ts';

// With LOOK_DIR set, every page is shot into it for a person to look at; without it, none is
// (a shot nobody sees costs a run seconds). None is committed: workspace.test.ts makes the README's.
const LOOK = process.env.LOOK_DIR;
const COORDINATOR = 'coordinator@haven.test';

/** What a coordinator with one thumb on a 375 px phone must get on every page, in every language. */
async function expectFitsAPhone(page: Page, what: string) {
  await expectAccessible(page, what);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  // No catalog key shown for want of a message ("coordinator.queue.…").
  expect(await page.locator('main').textContent()).not.toMatch(/\b[a-z]+\.[a-z]+\.[a-zA-Z.]+\b/);
  await look(page, what);
}

/** With LOOK_DIR set, a mail as a phone's mail app would show it. */
async function lookAtMail(browser: Browser, mail: CaughtMail, what: string) {
  if (!LOOK) return;
  // A blank page of its own: on one of Haven's, its CSP would refuse the mail's inline styles.
  const view = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  await view.setContent(mail.html);
  await look(view, what);
  await view.close();
}

/** With LOOK_DIR set, the page as a phone and as a 1280 px desktop show it, for a person to look at. */
async function look(page: Page, what: string) {
  if (!LOOK) return;
  const name = what.replaceAll(' ', '-');
  await page.screenshot({ path: join(LOOK, `${name}.png`), fullPage: true });
  const viewport = page.viewportSize();
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(LOOK, `${name}-desktop.png`), fullPage: true });
  if (viewport) await page.setViewportSize(viewport);
}

/**
 * The sign-in pages in one language, for a person to look at: the form, "check your inbox", the
 * mailed link's page (in the language asked in) and a link that no longer works. workspace.test.ts
 * checks them in Turkish on every run; here, only with LOOK_DIR (CI's time is short).
 */
async function lookAtSignIn(
  running: { readonly haven: RunningHaven; readonly browser: Browser },
  lang: Locale,
) {
  const t = translator(lang);
  // Someone not signed in.
  const guest = await running.browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  const earlier = new Set((await caughtMails(running.haven)).map((mail) => mail.file));
  await guest.goto(`${running.haven.baseUrl}/coordinator/sign-in?lang=${lang}`);
  await expectFitsAPhone(guest, `sign-in ${lang}`);
  await guest.fill('#email', COORDINATOR_TR);
  await guest.click('form[method="post"] button[type="submit"]');
  await expect.poll(() => guest.locator('h1').textContent()).toBe(t('coordinator.signIn.sent.title'));
  await expectFitsAPhone(guest, `sign-in-sent ${lang}`);
  const signInMail = await waitForMail(
    running.haven,
    COORDINATOR_TR,
    (mail) => mail.text.includes('/coordinator/sign-in/') && !earlier.has(mail.file),
  );
  await lookAtMail(running.browser, signInMail, `mail-sign-in ${lang}`);
  // The mailed link opens in the language asked in, whatever the browser prefers.
  await guest.goto(linkIn(signInMail, '/coordinator/sign-in/'));
  expect(await guest.locator('h1').textContent()).toBe(t('coordinator.link.title'));
  await expectFitsAPhone(guest, `sign-in-link ${lang}`);
  await guest.goto(`${running.haven.baseUrl}/coordinator/sign-in/${'x'.repeat(43)}?lang=${lang}`);
  await expectFitsAPhone(guest, `sign-in-gone ${lang}`);
  await guest.close();
}

/**
 * The mailed links' pages in one language, for a person to look at: the 409 of pressing approve
 * before the host is checked, the decline link's page, and the export's page.
 */
async function lookAtDecisionPages(phone: Page, proposal: CaughtMail, baseUrl: string, lang: Locale) {
  // Approve pressed all the same (a page opened before the check was due): the 409 that says so.
  const posted = phone.waitForResponse((response) => response.request().method() === 'POST');
  await phone.evaluate(() => {
    const form = Object.assign(document.createElement('form'), {
      method: 'post',
      action: `${location.pathname}${location.search}`,
    });
    form.append(Object.assign(document.createElement('input'), { name: 'decision', value: 'approve' }));
    document.body.append(form);
    form.submit();
  });
  expect((await posted).status()).toBe(409);
  await phone.waitForLoadState();
  expect(await phone.locator('#host-check').textContent()).toContain('Nino Beridze');
  await expectFitsAPhone(phone, `decision-unchecked-409 ${lang}`);
  await phone.goto(`${linkIn(proposal, '/proposals/decline/')}?lang=${lang}`);
  await expect.poll(() => phone.locator('button[name="decision"]').count()).toBe(1);
  await expectFitsAPhone(phone, `decision-decline ${lang}`);
  await phone.goto(`${baseUrl}/coordinator/export?country=GE&kind=requests&lang=${lang}`);
  await expectFitsAPhone(phone, `export ${lang}`);
}

describe('every coordinator page, on a phone, in each language', () => {
  const running = useHavenInBrowser();

  it('reads whole, passes axe and fits a thumb: bar, account, queue and its summary, host check naming the host, search, records, candidates, overview, decision page; the bar one line on a desktop', async () => {
    const { haven } = running;
    const tbilisi = { country: 'GE', city: 'Tbilisi', languages: ['ru', 'ka'] };
    await confirmed(haven, 'offers', {
      ...tbilisi,
      name: 'Nino Beridze',
      email: 'nino.host@haven.test',
      phone: '+995 555 12 34 56',
      availableFrom: daysFromNow(1),
      availableTo: daysFromNow(60),
      beds: 3,
      petsAllowed: false,
      childrenAllowed: true,
      stepFree: false,
      hostHousehold: 'family',
    });
    await confirmed(haven, 'requests', {
      ...tbilisi,
      name: 'Ірина Бондар',
      email: 'iryna.ge@haven.test',
      arrival: daysFromNow(4),
      departure: daysFromNow(40),
      adults: 1,
      children: 2,
      pets: false,
      needsStepFree: false,
    });
    await confirmed(haven, 'requests', {
      ...tbilisi,
      name: 'Оксана Мельник',
      email: 'oksana.ge@haven.test',
      arrival: daysFromNow(6),
      adults: 4,
      children: 3,
      pets: true,
      needsStepFree: false,
    });
    const proposal = await waitForMail(haven, COORDINATOR, (mail) =>
      mail.text.includes('/proposals/approve/'),
    );
    await seedUnreachable(haven, [
      makeRequest(`r-walk-${Date.now()}`, {
        country: 'GE',
        city: 'Batumi',
        lat: 41.6168,
        lon: 41.6367,
        name: 'Тарас Коваль',
        email: '',
        telegramChatId: '7400000701',
        createdAt: new Date(Date.now() - 26 * 3_600_000).toISOString(),
        arrival: daysFromNow(3),
        departure: daysFromNow(20),
      }),
    ]);

    const phone = await signedInPhone(running, COORDINATOR, 'en');

    // A family that erased its request from its manage page: what the coordinators see of it after.
    const erasing = await fetch(`${haven.baseUrl}/api/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...tbilisi,
        name: 'Марта Кравець',
        email: 'marta.ge@haven.test',
        arrival: daysFromNow(5),
        adults: 2,
        children: 1,
        pets: false,
        needsStepFree: true,
      }),
    });
    const erasedPath = `/coordinator/requests/${((await erasing.json()) as { id: string }).id}`;
    const marta = await waitForMail(haven, 'marta.ge@haven.test');
    await phone.goto(linkIn(marta, '/confirm/'));
    await phone.click('button[name="decision"][value="confirm"]');
    await phone.goto(linkIn(marta, '/manage/'));
    await phone.click('button[name="action"][value="erase"]');
    await expect.poll(() => new URL(phone.url()).pathname).toBe('/done/erased');

    for (const lang of LOCALES) {
      const t = translator(lang);
      if (LOOK) await lookAtSignIn(running, lang);

      await phone.goto(`${haven.baseUrl}/coordinator?country=GE&lang=${lang}`);
      await expect.poll(() => phone.locator('#proposals .queue-row').count()).toBe(1);
      expect(await phone.locator('#waiting .queue-row').count()).toBe(1);
      expect(await phone.locator('#unreachable .queue-row').count()).toBe(1);
      // The bar: the workspace's pages on one line with "Account" folded, the queue marked current.
      expect((await phone.locator('.workspace-bar').boundingBox())?.height).toBeLessThanOrEqual(44 + 8);
      expect(await phone.locator('.workspace-bar [aria-current="page"]').textContent()).toBe(
        t('coordinator.nav.queue'),
      );
      expect(await phone.locator('.account-panel').isVisible()).toBe(false);
      // Its triangle is a character in the page (every browser draws it), kept out of its name.
      const marker = phone.locator('.workspace-bar summary .marker');
      expect(await marker.isVisible()).toBe(true);
      expect(await marker.getAttribute('aria-hidden')).toBe('true');
      await phone.click('.workspace-bar summary');
      expect(await phone.locator('.account-panel').textContent()).toContain(COORDINATOR);
      await expectFitsAPhone(phone, `account ${lang}`);
      await phone.click('.workspace-bar summary');
      // The summary counts the sections with rows, each a link to its section; empty ones are left out.
      const summary = await phone.$$eval('.queue-summary a', (links) =>
        links.map((link) => [link.getAttribute('href'), link.textContent]),
      );
      expect(summary).toEqual(
        (['proposals', 'waiting', 'verify', 'unreachable'] as const).map((section) => [
          `#${section}`,
          t(`coordinator.summary.${section}`, { count: 1, shown: '1' }),
        ]),
      );
      expect(await phone.locator('#problems .queue-empty').textContent()).toBe(t('coordinator.queue.empty'));
      await phone.click('.queue-summary a[href="#unreachable"]');
      await expect.poll(() => new URL(phone.url()).hash).toBe('#unreachable');
      await phone.click('#proposals summary');
      await expectFitsAPhone(phone, `queue ${lang}`);
      // Nobody has checked Nino yet: the queue asks how before it approves (not pressed here),
      // naming her, how to reach her and what to check.
      await phone.click('#proposals button[value="approve"]');
      await expect.poll(() => phone.locator('#check-method').count()).toBe(1);
      const check = phone.locator('#check');
      expect(await check.locator('h3').textContent()).toBe(t('coordinator.verify.whom'));
      expect(await check.textContent()).toContain('Nino Beridze');
      expect(await check.textContent()).toContain(t('coordinator.verify.what'));
      expect(await check.locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:+995555123456');
      expect(await check.locator('a[href^="mailto:"]').textContent()).toBe('nino.host@haven.test');
      await expectFitsAPhone(phone, `host-check ${lang}`);

      await phone.fill('#q', '555 12 34 56');
      await phone.click('.search-box button[type="submit"]');
      await expect.poll(() => phone.locator('.results a').count()).toBe(1);
      await expectFitsAPhone(phone, `search ${lang}`);
      await phone.click('.results a');
      await expect.poll(() => phone.locator('#verify').count()).toBe(1);
      await expectFitsAPhone(phone, `offer-record ${lang}`);
      await phone.click('a[href*="/candidates"]');
      await expect.poll(() => phone.locator('h1').textContent()).toContain('Nino Beridze');
      await expectFitsAPhone(phone, `candidates ${lang}`);

      await phone.goto(`${haven.baseUrl}/coordinator?country=GE&lang=${lang}`);
      await phone.click('#waiting a.queue-line');
      await expect.poll(() => phone.locator('h1').textContent()).toContain('Оксана Мельник');
      // A record is neither of the bar's pages: nothing is marked current.
      expect(await phone.locator('.workspace-bar [aria-current]').count()).toBe(0);
      await expectFitsAPhone(phone, `request-record ${lang}`);
      await phone.goto(`${haven.baseUrl}/coordinator?country=GE&lang=${lang}`);
      await phone.click('#unreachable a.queue-line');
      await expect
        .poll(() => phone.locator('#unreachable-title').textContent())
        .toBe(t('coordinator.unreachable.title'));
      await expectFitsAPhone(phone, `unreachable-record ${lang}`);
      await phone.goto(`${haven.baseUrl}${erasedPath}?lang=${lang}`);
      expect(await phone.locator('h1').textContent()).toBe(t('coordinator.record.erasedRequest'));
      expect(await phone.locator('main').textContent()).not.toContain('Марта');
      await expectFitsAPhone(phone, `erased-record ${lang}`);

      await phone.goto(`${haven.baseUrl}/coordinator/overview?country=GE&lang=${lang}`);
      await expect.poll(() => phone.locator('.figure-value').count()).toBeGreaterThan(0);
      expect(await phone.locator('.workspace-bar [aria-current="page"]').textContent()).toBe(
        t('coordinator.nav.overview'),
      );
      await expectFitsAPhone(phone, `overview ${lang}`);

      // The mailed link of a host nobody has checked: it sends the coordinator to the check first.
      await phone.goto(`${linkIn(proposal, '/proposals/approve/')}?lang=${lang}`);
      await expect.poll(() => phone.locator('a[href*="/coordinator/offers/"]').count()).toBeGreaterThan(0);
      // Signed in as a coordinator of Georgia: whom to check, with how to reach her.
      expect(await phone.locator('#host-check h2').textContent()).toBe(t('coordinator.verify.whom'));
      expect(await phone.locator('#host-check a[href^="tel:"]').getAttribute('href')).toBe(
        'tel:+995555123456',
      );
      await expectFitsAPhone(phone, `decision-unchecked ${lang}`);
      // Pages the other browser tests check in one language (journey.test.ts, workspace.test.ts):
      // in all four only with LOOK_DIR, for a person to look at (CI's time is short).
      if (LOOK) await lookAtDecisionPages(phone, proposal, haven.baseUrl, lang);
    }
    // Still on the last language's approve page, unless the look above moved it.
    if (LOOK) await phone.goto(linkIn(proposal, '/proposals/approve/'));
    await phone.click('a[href*="/coordinator/offers/"]');
    await phone.selectOption('#method', 'phone');
    await phone.click('#verify button[value="verified"]');
    await expect
      .poll(async () => (await phone.locator('#verify p').first().textContent()) ?? '')
      .toContain(COORDINATOR);
    for (const lang of LOCALES) {
      await phone.goto(`${linkIn(proposal, '/proposals/approve/')}?lang=${lang}`);
      await expect.poll(() => phone.locator('button[name="decision"]').count()).toBeGreaterThan(0);
      await expectFitsAPhone(phone, `decision ${lang}`);
    }
    // Approved, then the address blocked: the pages after a decision, the queue's notices, the
    // mails coordinators got and a blocked record, only with LOOK_DIR, for a person to look at.
    if (LOOK) {
      await phone.click('button[name="decision"]');
      await expect.poll(() => new URL(phone.url()).pathname).toBe('/done/approved');
      for (const lang of LOCALES) {
        for (const result of ['approved', 'declined']) {
          await phone.goto(`${haven.baseUrl}/done/${result}?lang=${lang}`);
          await expectFitsAPhone(phone, `decision-done-${result} ${lang}`);
        }
        await phone.goto(`${linkIn(proposal, '/proposals/decline/')}?lang=${lang}`);
        await expectFitsAPhone(phone, `decision-decided ${lang}`);
        for (const outcome of ['done-approved', 'approved', 'expired', 'unreachable-seeker']) {
          await phone.goto(`${haven.baseUrl}/coordinator?country=GE&outcome=${outcome}&lang=${lang}`);
          await expectFitsAPhone(phone, `queue-${outcome} ${lang}`);
        }
      }
      for (const [i, mail] of (await caughtMails(haven))
        .filter((m) => m.to.includes(COORDINATOR))
        .entries()) {
        await lookAtMail(running.browser, mail, `mail-coordinator ${i}`);
      }
      await phone.goto(`${haven.baseUrl}/coordinator?country=GE&lang=en`);
      await phone.click('#waiting a.queue-line');
      await phone.click('#address button[type="submit"]');
      await expect
        .poll(() => phone.locator('#address button[type="submit"]').textContent())
        .toBe(translator('en')('coordinator.block.unblock'));
      const blocked = new URL(phone.url()).pathname;
      for (const lang of LOCALES) {
        await phone.goto(`${haven.baseUrl}${blocked}?lang=${lang}`);
        await expectFitsAPhone(phone, `blocked-record ${lang}`);
      }
    }

    // On a desktop the bar is one line, the account's panel opens under it, and axe is as clean.
    await phone.setViewportSize({ width: 1280, height: 900 });
    for (const lang of LOCALES) {
      await phone.goto(`${haven.baseUrl}/coordinator?country=GE&lang=${lang}`);
      expect((await phone.locator('.workspace-bar').boundingBox())?.height).toBeLessThanOrEqual(44 + 8);
      await phone.click('.workspace-bar summary');
      expect(await phone.locator('.account-panel button[type="submit"]').isVisible()).toBe(true);
      await expectAxeClean(phone, `queue desktop ${lang}`);
      if (LOOK) await phone.screenshot({ path: join(LOOK, `queue-desktop-${lang}.png`), fullPage: true });
    }
  }, 600_000);
});
