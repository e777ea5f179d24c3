import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../shared/i18n/index.ts';
import { makeOffer, makeRequest } from '../integration/matching-support.ts';
import { daysFromNow } from '../support/dates.ts';
import { expectAccessible, PHONE } from './support/browser.ts';
import { COORDINATOR_TR, linkIn, signedInPhone, useHavenInBrowser, waitForMail } from './support/haven.ts';
import { confirmed, seedChatRefused, seedLongHistory, seedUnreachable } from './support/records.ts';
import { screenshotsDir } from './support/screenshots.ts';

const SCREENSHOTS = screenshotsDir();

describe('the coordinator workspace in a real browser', () => {
  const running = useHavenInBrowser();

  it('a coordinator signs in through the mailed link on a phone and approves a proposal from the queue', async () => {
    const { haven, browser } = running;
    const tr = translator('tr');
    await confirmed(haven, 'offers', {
      name: 'Mehmet Demir',
      email: 'mehmet.host@haven.test',
      languages: ['tr', 'ru'],
      country: 'TR',
      city: 'İstanbul',
      availableFrom: daysFromNow(1),
      availableTo: daysFromNow(60),
      beds: 3,
      petsAllowed: false,
      childrenAllowed: true,
      stepFree: false,
      hostHousehold: 'family',
    });
    await confirmed(
      haven,
      'requests',
      {
        name: 'Ірина Бондар',
        email: 'iryna.seeker@haven.test',
        languages: ['uk', 'ru'],
        country: 'TR',
        city: 'Istanbul',
        arrival: daysFromNow(4),
        departure: daysFromNow(40),
        adults: 1,
        children: 2,
        pets: false,
        needsStepFree: false,
      },
      'uk',
    );
    // A family too large for the one offer waits, with a long district name: its row must wrap.
    await confirmed(
      haven,
      'requests',
      {
        name: 'Оксана Мельник',
        email: 'oksana.waiting@haven.test',
        languages: ['uk'],
        country: 'TR',
        city: 'Küçükçekmece',
        arrival: daysFromNow(6),
        adults: 4,
        children: 3,
        pets: false,
        needsStepFree: false,
      },
      'uk',
    );
    await waitForMail(haven, COORDINATOR_TR, (mail) => mail.text.includes('/proposals/approve/'));

    const phone = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await phone.goto(`${haven.baseUrl}/coordinator?lang=tr`);
    expect(new URL(phone.url()).pathname).toBe('/coordinator/sign-in');
    await expectAccessible(phone, 'sign-in');
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-sign-in-phone.png'), fullPage: true });
    await phone.fill('#email', COORDINATOR_TR);
    await phone.click('form[method="post"] button[type="submit"]');
    await expect.poll(() => phone.locator('h1').textContent()).toBe(tr('coordinator.signIn.sent.title'));
    await expectAccessible(phone, 'sign-in sent');

    const mail = await waitForMail(haven, COORDINATOR_TR, (m) => m.text.includes('/coordinator/sign-in/'));
    await phone.goto(linkIn(mail, '/coordinator/sign-in/'));
    await expectAccessible(phone, 'sign-in link');
    await phone.click('button[name="sign-in"][value="start"]');
    await expect.poll(() => new URL(phone.url()).pathname).toBe('/coordinator');
    await expect.poll(() => phone.locator('#proposals .queue-row').count()).toBe(1);
    const offerId = new URL(
      (await phone.getAttribute('#proposals a[href*="/coordinator/offers/"]', 'href')) as string,
      haven.baseUrl,
    ).pathname.split('/')[3] as string;
    await expectAccessible(phone, 'queue');
    // On a 375 px phone each row reads whole: a long one wraps between its parts, nothing is cut
    // off or ellipsised (expectAccessible also checks that no part breaks inside).
    await expect.poll(() => phone.locator('#waiting .queue-row').count()).toBe(1);
    const lines = await phone.$$eval('.queue-line', (found) =>
      found.map((line) => {
        const style = getComputedStyle(line);
        return {
          text: line.textContent ?? '',
          cut:
            line.scrollWidth > line.clientWidth ||
            style.textOverflow === 'ellipsis' ||
            style.whiteSpace === 'nowrap',
        };
      }),
    );
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.filter((line) => line.cut).map((line) => line.text)).toEqual([]);
    expect(await phone.locator('#waiting .queue-line').textContent()).toContain('Küçükçekmece');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-queue-phone.png'), fullPage: true });

    await phone.click('#proposals summary');
    await expectAccessible(phone, 'queue opened');
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-queue-decide-phone.png'), fullPage: true });
    await phone.click('#proposals button[value="approve"]');
    // Nobody has checked this host yet: the same page asks how, and approves once it is recorded.
    await expect.poll(() => phone.locator('#check-method').count()).toBe(1);
    await expectAccessible(phone, 'host check');
    await phone.selectOption('#check-method', 'phone');
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-host-check-phone.png'), fullPage: true });
    await phone.click('#check button[type="submit"]');
    await expect.poll(() => phone.locator('.notice.done').count()).toBe(1);
    expect(await phone.locator('#proposals .queue-row').count()).toBe(0);
    const placement = await waitForMail(haven, 'iryna.seeker@haven.test', (m) =>
      m.text.includes('mehmet.host@haven.test'),
    );
    // Her request came in Ukrainian: so does the mail that tells her where she will stay.
    expect(placement.text).toContain('Стамбул, Туреччина');
    expect(placement.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const mailView = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await mailView.setContent(placement.html);
    expect(await mailView.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await mailView.screenshot({
      path: join(SCREENSHOTS, 'placement-mail-seeker-uk-phone.png'),
      fullPage: true,
    });

    // She reports a problem from her manage page, twice; the queue shows it once, and the
    // coordinator marks it dealt with there.
    const manage = linkIn(
      await waitForMail(haven, 'iryna.seeker@haven.test', (m) => m.text.includes('/manage/')),
      '/manage/',
    );
    const seekerPhone = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    for (let press = 0; press < 2; press++) {
      await seekerPhone.goto(manage);
      await seekerPhone.click('button[name="action"][value="problem"]');
      await expect.poll(() => new URL(seekerPhone.url()).searchParams.get('done')).toBe('problem');
    }
    await seekerPhone.close();
    await phone.goto(`${haven.baseUrl}/coordinator?lang=tr`);
    await expect.poll(() => phone.locator('#problems .queue-row').count()).toBe(1);
    await phone.click('#problems summary');
    await expectAccessible(phone, 'problem opened');
    await phone.screenshot({
      path: join(SCREENSHOTS, 'coordinator-queue-problem-phone.png'),
      fullPage: true,
    });
    await phone.click('#problems button[type="submit"]');
    await expect.poll(() => new URL(phone.url()).hash).toBe('#problems');
    expect(await phone.locator('#problems .queue-row').count()).toBe(0);

    await phone.goto(`${haven.baseUrl}/coordinator/offers/${offerId}?lang=uk`);
    await expectAccessible(phone, 'offer record');
    expect(await phone.content()).toContain('mehmet.host@haven.test');
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-offer-record-phone.png'), fullPage: true });
    await phone.fill('#note', 'Спілкувався телефоном, усе гаразд');
    await phone.click('form[action*="/note"] button[type="submit"]');
    await expect.poll(() => phone.content()).toContain('Спілкувався телефоном, усе гаразд');

    await phone.goto(`${haven.baseUrl}/coordinator?lang=tr`);
    await phone.click(`.exports a:text("${tr('coordinator.export.offers')}")`);
    await expect
      .poll(() => phone.locator('h1').textContent())
      .toBe(tr('coordinator.export.title.offers', { country: 'Türkiye' }));
    await expectAccessible(phone, 'export');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-export-phone.png'), fullPage: true });
    const [download] = await Promise.all([phone.waitForEvent('download'), phone.click('a[download]')]);
    expect(download.suggestedFilename()).toBe('haven-offers-TR-1.csv');
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toContain('verification');

    await phone.click('.workspace-bar summary');
    await phone.click('.workspace-bar button[type="submit"]');
    await expect.poll(() => new URL(phone.url()).pathname).toBe('/coordinator/sign-in');
    await phone.goto(`${haven.baseUrl}/coordinator`);
    expect(new URL(phone.url()).pathname).toBe('/coordinator/sign-in');
  });
  it('finds a host by phone, shows the candidates and blocks an address, on a phone in Russian', async () => {
    const { haven } = running;
    const ru = translator('ru');
    await confirmed(haven, 'offers', {
      name: 'Elif Kaya',
      email: 'elif.host@haven.test',
      phone: '+90 532 111 22 33',
      languages: ['tr', 'en'],
      country: 'TR',
      city: 'İzmir',
      availableFrom: daysFromNow(1),
      availableTo: daysFromNow(90),
      beds: 2,
      petsAllowed: false,
      childrenAllowed: true,
      stepFree: false,
      hostHousehold: 'couple',
    });
    await confirmed(haven, 'requests', {
      name: 'Oksana Melnyk',
      email: 'oksana.seeker@haven.test',
      languages: ['uk', 'en'],
      country: 'TR',
      city: 'Izmir',
      arrival: daysFromNow(6),
      departure: daysFromNow(50),
      adults: 2,
      children: 0,
      pets: false,
      needsStepFree: false,
    });
    // Elif takes no pets: this request waits, and shows among her candidates with the rule it breaks.
    await confirmed(haven, 'requests', {
      name: 'Taras Koval',
      email: 'taras.seeker@haven.test',
      languages: ['uk'],
      country: 'TR',
      city: 'Izmir',
      arrival: daysFromNow(8),
      adults: 1,
      children: 0,
      pets: true,
      needsStepFree: false,
    });
    await waitForMail(haven, COORDINATOR_TR, (mail) => mail.text.includes('Oksana Melnyk'));

    const phone = await signedInPhone(running, COORDINATOR_TR, 'ru');
    await phone.goto(`${haven.baseUrl}/coordinator?lang=ru`);

    // The number as a coordinator in Turkey types it, without the country code.
    await phone.fill('#q', '0532 111 22 33');
    await phone.click('.search-box button[type="submit"]');
    await expect.poll(() => phone.locator('.results a').count()).toBe(1);
    await expectAccessible(phone, 'search by phone');
    await phone.click('.results a');
    await expect.poll(() => phone.locator('#address').count()).toBe(1);
    await expectAccessible(phone, 'offer record with its address');

    await phone.click('a[href*="/candidates"]');
    await expect.poll(() => phone.locator('h1').textContent()).toContain('Elif Kaya');
    await expectAccessible(phone, 'candidates');
    expect(await phone.content()).toContain('Taras Koval');
    expect(await phone.content()).toContain(ru('coordinator.rule.2-accepts'));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-candidates-phone.png'), fullPage: true });

    await phone.click(`a:text("${ru('coordinator.propose.back')}")`);
    await phone.click('#address button[type="submit"]');
    await expect
      .poll(() => phone.locator('#address button[type="submit"]').textContent())
      .toBe(ru('coordinator.block.unblock'));
    await expectAccessible(phone, 'blocked address');
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-blocked-phone.png'), fullPage: true });
  });

  it('shows a Georgian coordinator on a phone, in Russian and Turkish, who nobody could reach and what to do', async () => {
    const { haven } = running;
    // Came through the bot and gave no address, phone or username: only the bot's chat knows them.
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    const tbilisi = { country: 'GE', city: 'Tbilisi', lat: 41.7151, lon: 44.8271 };
    const seeker = makeRequest(`r-unreached-${Date.now()}`, {
      ...tbilisi,
      name: 'Олена Коваль',
      email: '',
      telegramChatId: '7400000601',
      locale: 'uk',
      createdAt: hoursAgo(30),
      confirmedAt: hoursAgo(30),
      arrival: daysFromNow(5),
      departure: daysFromNow(40),
      adults: 2,
      children: 1,
    });
    const host = makeOffer(`o-unreached-${Date.now()}`, {
      ...tbilisi,
      city: 'Tbilisi',
      name: 'Nino Beridze',
      email: '',
      telegramChatId: '7400000602',
      locale: 'ru',
      createdAt: hoursAgo(50),
      confirmedAt: hoursAgo(50),
      availableFrom: daysFromNow(2),
      availableTo: daysFromNow(90),
    });
    await seedUnreachable(haven, [seeker, host]);
    // And she blocked the bot: Telegram refused Haven's last message to her.
    await seedChatRefused(haven, '7400000601', false);

    const phone = await signedInPhone(running, 'coordinator@haven.test', 'ru');
    // The languages shot for the README; workspace-languages.test.ts checks all four.
    for (const lang of ['ru', 'tr'] as const) {
      const t = translator(lang);
      await phone.goto(`${haven.baseUrl}/coordinator?country=GE&lang=${lang}`);
      await expect.poll(() => phone.locator('#unreachable .queue-row').count()).toBe(2);
      expect(await phone.locator('#unreachable .hint').textContent()).toBe(
        t('coordinator.queue.unreachableHint'),
      );
      await expectAccessible(phone, `unreachable queue ${lang}`);
      await phone.screenshot({
        path: join(SCREENSHOTS, `coordinator-unreachable-queue-phone-${lang}.png`),
        fullPage: true,
      });
      await phone.goto(`${haven.baseUrl}/coordinator/requests/${seeker.id}?lang=${lang}`);
      expect(await phone.locator('#unreachable-title').textContent()).toBe(
        t('coordinator.unreachable.title'),
      );
      // Her chat refuses Haven's messages: the way out is not the link in that chat any more.
      expect(await phone.locator('#unreachable').textContent()).toContain(
        t('coordinator.unreachable.todoChatRefused'),
      );
      expect(await phone.locator('#chat-refused-title').textContent()).toBe(
        t('coordinator.chatRefused.title'),
      );
      expect(await phone.locator('#chat-refused').textContent()).not.toContain(
        t('coordinator.chatRefused.notMailed'),
      );
      await expectAccessible(phone, `unreachable record ${lang}`);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await phone.screenshot({
        path: join(SCREENSHOTS, `coordinator-unreachable-record-phone-${lang}.png`),
        fullPage: true,
      });
    }
  });

  it('pages a long record history on a phone in Ukrainian: the newest 100 events, then the older ones, and back', async () => {
    const { haven } = running;
    const uk = translator('uk');
    const offer = makeOffer(randomUUID(), {
      country: 'TR',
      city: 'İstanbul',
      lat: 41.01,
      lon: 28.98,
      email: 'long.history@haven.test',
      availableFrom: daysFromNow(2),
      availableTo: daysFromNow(60),
    });
    await seedLongHistory(haven, offer, 130);
    const phone = await signedInPhone(running, COORDINATOR_TR, 'uk');
    await phone.goto(`${haven.baseUrl}/coordinator/offers/${offer.id}?lang=uk`);
    const older = phone.locator(`#record-history ~ * a:text("${uk('coordinator.record.historyOlder')}")`);
    await expect.poll(() => older.count()).toBe(1);
    expect(await phone.locator('ol.history > li').count()).toBe(100);
    await older.click();
    await expect.poll(() => new URL(phone.url()).searchParams.has('before')).toBe(true);
    // The 130 events and the submission, less the 99 below the view on the first page.
    expect(await phone.locator('ol.history > li').count()).toBe(32);
    const newest = phone.locator(`a:text("${uk('coordinator.record.historyNewest')}")`);
    expect(await newest.count()).toBe(1);
    await expectAccessible(phone, 'older history');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.locator('#record-history').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(SCREENSHOTS, 'coordinator-record-older-history-phone.png') });
    await newest.click();
    await expect.poll(() => new URL(phone.url()).searchParams.has('before')).toBe(false);
    // Her three views today are one line, "opened 3 times", above the 97 newest holds and releases.
    expect(await phone.locator('ol.history > li').count()).toBe(98);
  });
});
