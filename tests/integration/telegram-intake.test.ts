import { describe, expect, it } from 'vitest';
import { outboxItemOf } from '../../shared/data/outbox.ts';
import { ValidationError } from '../../shared/domain/errors.ts';
import { LOCALES } from '../../shared/domain/records.ts';
import { createApp } from '../../shared/http/app.ts';
import { translator } from '../../shared/i18n/index.ts';
import { submitRequest } from '../../shared/intake/submit.ts';
import { daysFromNow } from '../support/dates.ts';
import { TELEGRAM_TEST_TOKEN } from '../support/fake-telegram.ts';
import { followRedirect } from '../support/redirects.ts';
import { everyItem, useTestTable } from '../support/table.ts';
import { signInitData } from '../support/telegram-init-data.ts';
import { useTelegramTable } from '../support/telegram-table.ts';

const OTHER_BOT = '7000002:AAE-another-bot-token-0123456789abcd';

const request = (initData: string, extra: [string, string][] = []): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams([
    ['name', 'Олена'],
    ['languages', 'uk'],
    ['country', 'TR'],
    ['city', 'Анталья'],
    ['arrival', daysFromNow(3)],
    ['adults', '2'],
    ['children', '0'],
    ['website', ''],
    ['telegram_init_data', initData],
    ...extra,
  ]).toString(),
});

const bot = useTelegramTable();

/**
 * Every item of this test's own table tied to a chat, filtered after every page is read: a
 * Scan's filter sees only its one page, and an item past it would read as absent.
 */
const storedFor = async (chatId: string) =>
  (await everyItem(bot.table)).filter((item) => item.telegramChatId === chatId || item.chat === chatId);

describe('a form sent from the Telegram Mini App', () => {
  it('opens the request at once, tied to the chat, with no email and no confirmation mail', async () => {
    const init = signInitData(TELEGRAM_TEST_TOKEN, { id: 6001, language_code: 'ru' }, new Date());
    const response = await createApp(bot.table.deps()).request(
      '/requests?lang=ru',
      request(init, [['phone', '+90 555 123 45 67']]),
    );
    expect(response.status).toBe(303);
    const items = await storedFor('6001');
    const record = items.find((item) => item.kind === 'request');
    expect(record).toMatchObject({
      status: 'open',
      telegramChatId: '6001',
      email: '',
      phone: '+90 555 123 45 67',
    });
    expect(record?.confirmedAt).toEqual(expect.any(String));
    expect(record).not.toHaveProperty('gsi2pk');
    // The only mail is the "received" notice, to the chat.
    const outbox = items.filter((item) => item.kind === 'outbox');
    expect(outbox).toEqual([expect.objectContaining({ template: 'received-request', chat: '6001', to: [] })]);
    // It says where the request was filed, as stored: what was typed may have resolved elsewhere.
    expect(String(outboxItemOf(outbox[0] ?? {}).text)).toContain('Место: Анталья, Турция');
  });

  it('answers 303 to a result page that Telegram Web may frame, so Back never sends the form again', async () => {
    const app = createApp(bot.table.deps());
    const init = signInitData(
      TELEGRAM_TEST_TOKEN,
      { id: 6006, username: 'olena_6006', language_code: 'tr' },
      new Date(),
    );
    const response = await app.request('/requests?via=telegram&lang=tr', request(init));
    expect(response.headers.get('location')).toBe('/done/request-received?lang=tr');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const result = await followRedirect(app, response);
    expect(result.status).toBe(200);
    const html = await result.text();
    expect(html).toContain('Teşekkürler, bilgileriniz bize ulaştı');
    expect(html).toContain('Talebiniz açık');
    expect(result.headers.get('content-security-policy')).toContain(
      'frame-ancestors https://web.telegram.org',
    );
    // The result names no record: opened again, it still says only what was done.
    const record = (await storedFor('6006')).find((item) => item.kind === 'request');
    expect(record?.id).toEqual(expect.any(String));
    expect(html).not.toContain(record?.id);
  });

  it('tells a chat that gave an address that a link went to it, on the result page and in the notice, and one that gave none nothing of it', async () => {
    const app = createApp(bot.table.deps());
    const sentWith = await app.request(
      '/requests?via=telegram&lang=uk',
      request(signInitData(TELEGRAM_TEST_TOKEN, { id: 6007 }, new Date()), [
        ['email', 'olena-6007@example.org'],
      ]),
    );
    expect(sentWith.headers.get('location')).toBe('/done/request-received-address?lang=uk');
    const told = 'Ми також надіслали на вказану вами адресу лист із посиланням.';
    expect(await (await followRedirect(app, sentWith)).text()).toContain(told);
    const notice = (await storedFor('6007')).find((item) => item.kind === 'outbox');
    expect(String(outboxItemOf(notice ?? {}).text)).toContain(told);

    const sentWithout = await app.request(
      '/requests?via=telegram&lang=uk',
      request(signInitData(TELEGRAM_TEST_TOKEN, { id: 6008, username: 'olena_6008' }, new Date())),
    );
    expect(sentWithout.headers.get('location')).toBe('/done/request-received?lang=uk');
    expect(await (await followRedirect(app, sentWithout)).text()).not.toContain(told);
    const plain = (await storedFor('6008')).find((item) => item.kind === 'outbox');
    expect(String(outboxItemOf(plain ?? {}).text)).not.toContain(told);
  });

  it.each([
    ['signed for another bot', () => signInitData(OTHER_BOT, { id: 6002 }, new Date())],
    [
      'with a wrong hash',
      () => {
        const params = new URLSearchParams(signInitData(TELEGRAM_TEST_TOKEN, { id: 6002 }, new Date()));
        const hash = params.get('hash') ?? '';
        params.set('hash', `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`);
        return params.toString();
      },
    ],
    [
      'whose user was changed after signing',
      () =>
        signInitData(TELEGRAM_TEST_TOKEN, { id: 6003 }, new Date()).replace(
          encodeURIComponent('"id":6003'),
          encodeURIComponent('"id":6002'),
        ),
    ],
  ])('answers init data %s as a tampered link, and stores nothing', async (_, make) => {
    const response = await createApp(bot.table.deps()).request('/requests?lang=ru', request(make()));
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('Этой ссылкой больше нельзя воспользоваться');
    expect(await storedFor('6002')).toEqual([]);
    expect(bot.fake.calls).toEqual([]);
  });

  it('shows the form again unsent, with what was typed, when genuine init data is more than a day old', async () => {
    const ru = translator('ru');
    const init = signInitData(TELEGRAM_TEST_TOKEN, { id: 6014 }, new Date(Date.now() - 25 * 3600_000));
    const response = await createApp(bot.table.deps()).request(
      '/requests?lang=ru&via=telegram',
      request(init, [['phone', '+90 555 765 43 21']]),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(ru('form.telegramStale.title'));
    expect(html).toContain(ru('form.telegramStale.kept'));
    expect(html).not.toContain(ru('link.gone.title'));
    // What was typed is in the form, which the page's script keeps on the device until it is reopened.
    expect(html).toContain('value="Олена"');
    expect(html).toContain('value="+90 555 765 43 21"');
    expect(html).toMatch(/<form[^>]*data-draft="\/requests"[^>]*data-save-draft/);
    expect(await storedFor('6014')).toEqual([]);
    expect(bot.fake.calls).toEqual([]);
  });

  it('shows the offer form again unsent too, with the init data sent back, when it is more than a day old', async () => {
    const init = signInitData(TELEGRAM_TEST_TOKEN, { id: 6012 }, new Date(Date.now() - 30 * 3600_000));
    const response = await createApp(bot.table.deps()).request('/offers?lang=tr&via=telegram', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['name', 'Ayşe'],
        ['languages', 'tr'],
        ['country', 'TR'],
        ['city', 'Kadıköy'],
        ['availableFrom', daysFromNow(2)],
        ['beds', '2'],
        ['phone', '+90 555 000 11 22'],
        ['website', ''],
        ['telegram_init_data', init],
      ]).toString(),
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(translator('tr')('form.telegramStale.title'));
    expect(html).toContain(`value="${init.replace(/&/g, '&amp;')}"`);
    expect(html).toMatch(/<form[^>]*data-draft="\/offers"[^>]*data-save-draft/);
    expect(await storedFor('6012')).toEqual([]);
  });

  it('keeps saying the form is too old to send when its language is switched', async () => {
    const init = signInitData(TELEGRAM_TEST_TOKEN, { id: 6013 }, new Date(Date.now() - 25 * 3600_000));
    const response = await createApp(bot.table.deps()).request(
      '/requests?via=telegram&switch-language=1&lang=tr',
      request(init),
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(translator('tr')('form.telegramStale.title'));
    expect(html).toMatch(/<form[^>]*data-save-draft/);

    const fresh = signInitData(TELEGRAM_TEST_TOKEN, { id: 6013 }, new Date());
    const switched = await createApp(bot.table.deps()).request(
      '/requests?via=telegram&switch-language=1&lang=tr',
      request(fresh),
    );
    const again = await switched.text();
    expect(again).not.toContain(translator('tr')('form.telegramStale.title'));
    expect(again).not.toMatch(/data-save-draft/);
    expect(await storedFor('6013')).toEqual([]);
  });

  it('shows the form again with the init data kept when a field is wrong, and the email optional', async () => {
    const init = signInitData(TELEGRAM_TEST_TOKEN, { id: 6004 }, new Date());
    const response = await createApp(bot.table.deps()).request(
      '/requests?lang=en',
      request(init, [['email', 'not an address']]),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`value="${init.replace(/&/g, '&amp;')}"`);
    expect(html).toMatch(/Email address[\s\S]{0,200}optional/);
    expect(await storedFor('6004')).toEqual([]);
  });

  it('opens the form from the bot with the hidden init data field and the email marked optional', async () => {
    const html = await (await createApp(bot.table.deps()).request('/offers/new?lang=en&via=telegram')).text();
    expect(html).toContain('name="telegram_init_data"');
    expect(html).toContain('We write to you in Telegram');
    expect(html).toContain('action="/offers?via=telegram&amp;lang=en"');
    const plain = await (await createApp(bot.table.deps()).request('/offers/new?lang=en')).text();
    expect(plain).not.toContain('name="telegram_init_data"');
  });

  it('tells someone without a Telegram username that a phone or an address is how the other side reaches them', async () => {
    const app = createApp(bot.table.deps());
    for (const [lang, words] of [
      ['en', 'If your Telegram account has no username, give a phone number or an email address'],
      ['ru', 'Если у вашего аккаунта в Telegram нет имени пользователя, укажите телефон'],
      ['uk', 'Якщо у вашого акаунта в Telegram немає імені користувача, вкажіть телефон'],
      ['tr', 'Telegram hesabınızın kullanıcı adı yoksa'],
    ] as const) {
      expect(await (await app.request(`/requests/new?lang=${lang}&via=telegram`)).text()).toContain(words);
      // The web form's people are reached by the address they confirm: no such hint there.
      expect(await (await app.request(`/requests/new?lang=${lang}`)).text()).not.toContain(words);
    }
  });

  it('marks the phone and the address optional only for an account with a username, and leaves the page’s script the half that applies', async () => {
    const app = createApp(bot.table.deps());
    for (const lang of LOCALES) {
      const t = translator(lang);
      const html = await (await app.request(`/requests/new?lang=${lang}&via=telegram`)).text();
      const label = (field: string) =>
        new RegExp(`<label for="${field}">([\\s\\S]*?)</label>`).exec(html)?.[1] ?? '';
      const shown = (field: string) => label(field).replace(/<[^>]+>/g, '');
      // Before the script has read the init data, the label says the rule, which holds either way.
      expect(shown('phone')).toBe(`${t('field.phone')} (${t('form.optionalWithUsername')})`);
      expect(shown('email')).toBe(`${t('field.email')} (${t('form.optionalWithUsername')})`);
      expect(label('phone')).toContain(`data-with-username=" (${t('form.optional')})"`);
      expect(label('phone')).toContain(`data-without-username=" (${t('form.phoneUnlessEmail')})"`);
      expect(label('email')).toContain(`data-without-username=" (${t('form.emailUnlessPhone')})"`);
      // On the web the address is needed and the phone is optional, as before.
      const web = await (await app.request(`/requests/new?lang=${lang}`)).text();
      expect(web).toContain(`${t('field.phone')}<span class="optional"> (${t('form.optional')})</span>`);
      expect(web).not.toContain('data-unless-username');
    }
  });

  it('refuses a chat with no username that gives no phone and no address, and stores nothing', async () => {
    const app = createApp(bot.table.deps());
    for (const [lang, words] of [
      ['en', 'Your Telegram account has no username, so your host or guests cannot write to you there.'],
      ['ru', 'У вашего аккаунта в Telegram нет имени пользователя, поэтому хозяин или гости не смогут'],
      ['uk', 'У вашого акаунта в Telegram немає імені користувача, тож господар або гості не зможуть'],
      ['tr', 'Telegram hesabınızın kullanıcı adı olmadığı için ev sahibiniz ya da misafirleriniz'],
    ] as const) {
      const init = signInitData(TELEGRAM_TEST_TOKEN, { id: 6009 }, new Date());
      const response = await app.request(
        `/requests?via=telegram&lang=${lang}`,
        request(init, [['phone', ' ']]),
      );
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(words);
      expect(html).toContain(`value="${init.replace(/&/g, '&amp;')}"`);
    }
    const sent = submitRequest(
      bot.table.deps(),
      {
        name: 'Олена',
        languages: ['uk'],
        country: 'TR',
        city: 'Анталья',
        arrival: daysFromNow(3),
        adults: 2,
        children: 0,
        pets: false,
        needsStepFree: false,
        email: '',
      },
      { locale: 'en', sourceIp: '203.0.113.9', via: 'form', telegram: { chatId: '6009' } },
    );
    await expect(sent).rejects.toThrow(ValidationError);
    await expect(sent).rejects.toMatchObject({
      issues: [
        {
          path: 'phone',
          code: 'contact_required',
          message: 'Your Telegram account has no username: give a phone number or an email address',
        },
      ],
    });
    expect(await storedFor('6009')).toEqual([]);
    expect(bot.fake.calls).toEqual([]);
  });

  it.each<[string, { id: number; username?: string }, [string, string][], Record<string, unknown>]>([
    [
      'a username in its init data',
      { id: 6010, username: 'olena_6010' },
      [],
      { telegramUsername: 'olena_6010' },
    ],
    ['a phone', { id: 6011 }, [['phone', '+380 67 123 4567']], { phone: '+380 67 123 4567' }],
  ])('opens the request of a chat with %s and no address', async (_, user, extra, reachedBy) => {
    const init = signInitData(TELEGRAM_TEST_TOKEN, user, new Date());
    const response = await createApp(bot.table.deps()).request(
      '/requests?via=telegram&lang=en',
      request(init, extra),
    );
    expect(response.status).toBe(303);
    const record = (await storedFor(String(user.id))).find((item) => item.kind === 'request');
    expect(record).toMatchObject({ status: 'open', email: '', ...reachedBy });
  });

  it('refuses the sixth form in an hour from one chat with a page about the Telegram account, not an email address', async () => {
    const app = createApp(bot.table.deps());
    const statuses: number[] = [];
    let refusal = '';
    for (let sent = 0; sent < 6; sent += 1) {
      const init = signInitData(TELEGRAM_TEST_TOKEN, { id: 6199, language_code: 'ru' }, new Date());
      const response = await app.request(
        '/requests?via=telegram&lang=ru',
        request(init, [['phone', '+90 555 123 45 67']]),
      );
      statuses.push(response.status);
      refusal = await response.text();
    }
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    expect(refusal).toContain('За последний час из этого аккаунта Telegram пришло много анкет.');
    expect(refusal).not.toMatch(/почты|email/);
  });

  it('lets Telegram Web frame the forms opened from the bot, their results and their buttons’ answers, and nothing else be framed', async () => {
    const app = createApp(bot.table.deps());
    const framed = (await app.request('/requests/new?lang=ru&via=telegram')).headers.get(
      'content-security-policy',
    );
    expect(framed).toContain('frame-ancestors https://web.telegram.org');
    expect(framed).not.toContain("frame-ancestors 'none'");
    const plain = (await app.request('/requests/new?lang=ru')).headers.get('content-security-policy');
    expect(plain).toContain("frame-ancestors 'none'");
    const landing = (await app.request('/?via=telegram&lang=ru')).headers.get('content-security-policy');
    expect(landing).toContain("frame-ancestors 'none'");
    // Every result a Mini App's send leads to, and every button of its form that posts it again.
    for (const result of ['request-received-address', 'offer-received-address', 'request-placed']) {
      const page = (await app.request(`/done/${result}?lang=ru`)).headers.get('content-security-policy');
      expect(page).toContain('frame-ancestors https://web.telegram.org');
    }
    const html = await (await app.request('/requests/new?lang=ru&via=telegram')).text();
    const actions = [...html.matchAll(/formaction="([^"]+)"/g)].map(([, action]) => action);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toContain('via=telegram');
  });
});

describe('without a bot configured', () => {
  const plain = useTestTable();

  it('answers any init data as a tampered link', async () => {
    const init = signInitData(TELEGRAM_TEST_TOKEN, { id: 6005 }, new Date());
    const response = await createApp(plain.deps()).request('/requests?lang=en', request(init));
    expect(response.status).toBe(410);
  });
});
