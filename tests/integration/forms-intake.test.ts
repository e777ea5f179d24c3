import { beforeAll, describe, expect, it } from 'vitest';
import { offersByEmail } from '../../shared/data/offers.ts';
import { requestsByEmail } from '../../shared/data/requests.ts';
import { createApp } from '../../shared/http/app.ts';
import { resolveCity } from '../../shared/places/gazetteer.ts';
import { daysFromNow } from '../support/dates.ts';
import { followRedirect } from '../support/redirects.ts';
import { useTestTable } from '../support/table.ts';
import { allItems, lastMailTo } from './intake-support.ts';

let app: ReturnType<typeof createApp>;

const table = useTestTable();
beforeAll(async () => {
  app = createApp(table.deps());
});

const uniqueEmail = (who: string) => `${who}-${Math.random().toString(36).slice(2)}@example.org`;

function offerForm(overrides: Record<string, string | string[]> = {}): URLSearchParams {
  const fields: Record<string, string | string[]> = {
    country: 'TR',
    city: 'Istanbul',
    availableFrom: daysFromNow(2),
    availableTo: daysFromNow(40),
    beds: '3',
    hostHousehold: 'family',
    childrenAllowed: 'on',
    name: 'Ayşe',
    email: uniqueEmail('host'),
    phone: '',
    languages: ['tr', 'en'],
    languagesOther: '',
    notes: '',
    website: '',
    ...overrides,
  };
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return body;
}

/** Words of the household hint in each language that only an explanation of the rule has. */
const HOUSEHOLD_RULE = {
  en: [
    'safe household',
    'a couple or a family',
    'If you leave this blank, we cannot offer your home to them.',
  ],
  ru: [
    'безопасное жильё',
    'пара или семья',
    'Если вы не ответите, мы не сможем предложить ваш дом таким гостям.',
  ],
  uk: [
    'безпечне житло',
    'пара або родина',
    'Якщо ви не відповісте, ми не зможемо запропонувати ваше житло таким гостям.',
  ],
  tr: [
    'Güvenli bir hane',
    'bir çiftin ya da bir ailenin',
    'Bu soruyu boş bırakırsanız evinizi bu misafirlere öneremeyiz.',
  ],
} as const;

function requestForm(overrides: Record<string, string | string[]> = {}): URLSearchParams {
  const body = new URLSearchParams({
    country: 'GE',
    city: 'Тбилиси',
    maxDistanceKm: '50',
    arrival: daysFromNow(4),
    departure: '',
    adults: '1',
    children: '2',
    safeHousehold: 'on',
    name: 'Олена',
    email: uniqueEmail('seeker'),
    languagesOther: 'uk, ru',
    website: '',
  });
  for (const [name, value] of Object.entries(overrides)) {
    body.delete(name);
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return body;
}

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });

describe('POST /offers', () => {
  it('stores a valid offer in the page language and redirects to the check-your-inbox page', async () => {
    const form = offerForm();
    const email = form.get('email') as string;
    const response = await post('/offers?lang=ru', form);
    expect(response.status).toBe(303);
    // The address travels in a short-lived cookie for the result page, never in its URL.
    expect(response.headers.get('location')).toBe('/done/offer-sent?lang=ru');
    expect(response.headers.get('set-cookie')).toMatch(
      /^haven-sent=[^;]+; Max-Age=900; Path=\/done; HttpOnly; SameSite=Lax$/,
    );
    const result = await followRedirect(app, response);
    expect(result.headers.get('cache-control')).toBe('no-store');
    const html = await result.text();
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('Проверьте почту');
    expect(html).toContain(email);
    // Without the cookie (another browser, or later) the page says the same without the address.
    const elsewhere = await (await app.request('/done/offer-sent?lang=ru')).text();
    expect(elsewhere).toContain('Мы отправили вам письмо со ссылкой.');
    expect(elsewhere).not.toContain(email);
    const [offer] = await offersByEmail(table.deps(), email);
    expect(offer).toMatchObject({
      status: 'pending',
      locale: 'ru',
      country: 'TR',
      beds: 3,
      childrenAllowed: true,
      petsAllowed: false,
      hostHousehold: 'family',
      languages: ['tr', 'en'],
    });
    const mail = await lastMailTo(table, email);
    expect(mail.text).toContain('/confirm/');
  });

  it('takes the language from Accept-Language when the page has no ?lang=', async () => {
    const form = offerForm();
    const response = await post('/offers', form, { 'accept-language': 'tr-TR,tr;q=0.9,en;q=0.5' });
    expect(await (await followRedirect(app, response)).text()).toContain('Gelen kutunuza bakın');
    const [offer] = await offersByEmail(table.deps(), form.get('email') as string);
    expect(offer?.locale).toBe('tr');
  });

  it('shows the form again with messages beside the fields, the values kept and a linked summary', async () => {
    const form = offerForm({
      name: '<b>Ayşe</b>',
      email: 'not-an-email',
      beds: '80',
      availableFrom: daysFromNow(10),
      availableTo: daysFromNow(5),
      petsAllowed: 'on',
      notes: 'Line one\r\n"quoted" & <i>marked</i>',
    });
    const response = await post('/offers?lang=en', form);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<h1>Offer a place to stay</h1>');
    expect(html).toContain('id="error-summary"');
    for (const field of ['email', 'beds', 'availableTo']) {
      expect(html).toContain(`href="#${field}"`);
      expect(html).toMatch(new RegExp(`id="${field}-error"`));
      expect(html).toMatch(
        new RegExp(`id="${field}"[^>]*aria-describedby="[^"]*${field}-error"[^>]*aria-invalid="true"`),
      );
    }
    expect(html).toContain('Please enter an email address like name@example.com.');
    expect(html).toContain('Please enter at most 50 beds.');
    expect(html).toContain('This must be on or after the “available from” date.');
    expect(html).toContain('value="&lt;b&gt;Ayşe&lt;/b&gt;"');
    expect(html).not.toContain('<b>Ayşe</b>');
    expect(html).toContain('value="not-an-email"');
    expect(html).toContain('value="80"');
    expect(html).toMatch(/id="petsAllowed" name="petsAllowed" value="on" checked=""/);
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;i&gt;marked&lt;/i&gt;</textarea>');
    expect(html).toMatch(/<option value="TR" selected="">/);
    expect(html).toMatch(/id="lang-tr" name="languages" value="tr" checked=""/);
    expect(await offersByEmail(table.deps(), 'not-an-email')).toEqual([]);
  });

  it('switches language on a filled form without losing what was typed or submitting it', async () => {
    const form = offerForm({ name: 'Ayşe Yılmaz', beds: '4', notes: 'Second floor, no lift' });
    const email = form.get('email') as string;
    const failed = await (await post('/offers?lang=en', offerForm({ email: 'not-an-email' }))).text();
    expect(failed).toContain('formaction="/offers?switch-language=1&amp;lang=uk"');
    expect(failed).toContain('form="intake-form"');
    expect(failed).toContain('<form id="intake-form"');
    const response = await post('/offers?switch-language=1&lang=uk', form);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="uk">');
    expect(html).toContain('Запропонувати житло');
    expect(html).toContain('value="Ayşe Yılmaz"');
    expect(html).toContain('value="4"');
    expect(html).toContain('Second floor, no lift</textarea>');
    expect(html).toContain(`value="${email}"`);
    expect(html).not.toContain('id="error-summary"');
    expect(html).toContain('action="/offers?lang=uk"');
    expect(await offersByEmail(table.deps(), email)).toEqual([]);
  });

  it('words the messages in the page language', async () => {
    const response = await post('/offers?lang=uk', offerForm({ name: '', beds: '0' }));
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('Будь ласка, напишіть, як вас звати.');
    expect(html).toContain('Запропонуйте хоча б одне місце.');
    expect(html).toContain('Будь ласка, виправте');
  });

  it('offers the nearest places to a city it cannot find as buttons, in the page language', async () => {
    const response = await post('/offers?lang=tr', offerForm({ city: 'Istanbulx' }));
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain('Bu yeri seçilen ülkede bulamadık.');
    expect(html).toContain('Şunu mu demek istediniz:');
    expect(html).toMatch(
      /<button type="submit" class="choice" form="intake-form" formaction="\/offers\?choose-city=%C4%B0stanbul&amp;lang=tr" formnovalidate="">İstanbul<\/button>/,
    );
  });

  it('shows the form again with a pressed suggestion as the city, keeping the rest and storing nothing', async () => {
    const form = offerForm({ city: 'Beshiktaz', notes: 'Near the ferry' });
    const email = form.get('email') as string;
    const failed = await (await post('/offers?lang=ru', form)).text();
    expect(failed).toContain('>Бешикташ</button>');
    const response = await post(`/offers?choose-city=${encodeURIComponent('Бешикташ')}&lang=ru`, form);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('value="Бешикташ"');
    expect(html).toContain('Near the ferry</textarea>');
    expect(html).not.toContain('id="error-summary"');
    expect(await offersByEmail(table.deps(), email)).toEqual([]);
    form.set('city', 'Бешикташ');
    expect((await post('/offers?lang=ru', form)).status).toBe(303);
    const [offer] = await offersByEmail(table.deps(), email);
    expect(offer).toMatchObject({ city: 'Beşiktaş', lat: 41.0428, lon: 29.0075 });
  });

  it('credits GeoNames and its licence on every page', async () => {
    for (const path of ['/?lang=en', '/offers/new?lang=ru', '/requests/new?lang=tr']) {
      const html = await (await app.request(path)).text();
      expect(html).toContain('<a href="https://www.geonames.org/">GeoNames</a>');
      expect(html).toContain('<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">');
    }
  });

  it('says the dates are out of order on the first try, beside the other problems', async () => {
    const form = offerForm({ beds: '0', availableFrom: daysFromNow(20), availableTo: daysFromNow(10) });
    const response = await post('/offers?lang=en', form);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="beds-error"');
    expect(html).toContain('id="availableTo-error"');
  });

  it('keeps extra languages typed as a comma-separated list', async () => {
    const form = offerForm({ languages: ['uk'], languagesOther: 'ka, hy' });
    expect((await post('/offers', form)).status).toBe(303);
    const [offer] = await offersByEmail(table.deps(), form.get('email') as string);
    expect(offer?.languages).toEqual(['uk', 'ka', 'hy']);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const form = offerForm({ website: 'http://spam.example' });
    const response = await post('/offers', form);
    expect(await (await followRedirect(app, response)).text()).toContain('Check your inbox');
    expect(await offersByEmail(table.deps(), form.get('email') as string)).toEqual([]);
  });

  it('refuses an oversized form with a page, reading no further and storing nothing', async () => {
    const before = (await allItems(table)).length;
    const form = offerForm({ notes: 'x'.repeat(70 * 1024) });
    const response = await post('/offers', form, { accept: 'text/html' });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('That was too much to send');
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 100; i++)
          controller.enqueue(new TextEncoder().encode('notes='.padEnd(1024, 'y')));
        controller.close();
      },
    });
    const chunked = await app.request('/offers', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: streamed,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await allItems(table)).length).toBe(before);
  });

  it('never answers 5xx to bodies that are not a form', async () => {
    for (const [type, body] of [
      ['application/json', '{"name": "x"}'],
      ['application/x-www-form-urlencoded', '%ZZ=%%&&&=&name=%00%0d%0a'],
      ['multipart/form-data; boundary=nope', 'garbage'],
      ['text/plain', '\u0000\u0001'],
    ] as const) {
      const response = await post('/offers', body, { 'content-type': type });
      expect(response.status, type).toBe(400);
      expect(await response.text()).toContain('id="error-summary"');
    }
  });

  it('shows a page, not JSON, when the same address sends too many forms', async () => {
    const email = uniqueEmail('busy');
    let response: Response | undefined;
    for (let attempt = 0; attempt < 7; attempt++) {
      response = await post(
        '/offers?lang=ru',
        offerForm({ email, availableFrom: daysFromNow(2 + attempt * 50), availableTo: '' }),
      );
      if (response.status === 429) break;
    }
    expect(response?.status).toBe(429);
    const retryAfter = Number(response?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(response?.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response?.text()).toContain('<h1>Слишком много анкет</h1>');
  });
});

describe('POST /requests', () => {
  it('stores a valid request with the chosen language and shows the check-your-inbox page', async () => {
    const form = requestForm();
    const email = form.get('email') as string;
    const response = await post('/requests', form, { 'accept-language': 'uk-UA' });
    expect(response.headers.get('location')).toBe('/done/request-sent?lang=uk');
    expect(await (await followRedirect(app, response)).text()).toContain('Перевірте пошту');
    const [request] = await requestsByEmail(table.deps(), email);
    expect(request).toMatchObject({
      status: 'pending',
      locale: 'uk',
      country: 'GE',
      city: expect.stringMatching(/Tbilisi/),
      adults: 1,
      children: 2,
      pets: false,
      safeHousehold: true,
      languages: ['uk', 'ru'],
    });
  });

  it('shows the request form again with its own messages beside the fields', async () => {
    const response = await post('/requests?lang=ru', requestForm({ adults: '0', arrival: '2020-01-01' }));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('<h1>Найти жильё</h1>');
    expect(html).toContain('В группе должен быть хотя бы один взрослый.');
    expect(html).toContain('Эта дата уже прошла.');
    expect(html).toContain('href="#adults"');
    expect(html).toContain('href="#arrival"');
    expect(html).toContain('value="2020-01-01"');
  });
});

describe('the host household question', () => {
  it.each(Object.entries(HOUSEHOLD_RULE))(
    'says in %s why it matters: a blank answer keeps the home from guests who asked for a safe household',
    async (lang, phrases) => {
      const response = await app.request(`/offers/new?lang=${lang}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      const hint = /<span class="hint" id="[^"]*hostHousehold[^"]*-hint">([^<]*)<\/span>/.exec(html)?.[1];
      for (const phrase of phrases) expect(hint).toContain(phrase);
    },
  );
});

describe('typing mistakes: the page asks as the person types, and a valid form is always sent', () => {
  it('stores an address that looks like a typo as typed, and the form carries the question hidden, worded in the page’s language', async () => {
    const html = await (await app.request('/requests/new?lang=ru')).text();
    expect(html).toContain(
      '<div id="email-prompt" role="status" data-question="Может быть, вы имели в виду #?" data-use="Исправить на #"></div>',
    );
    const local = `olena-${Math.random().toString(36).slice(2)}`;
    const sent = await post('/requests?lang=ru', requestForm({ email: `${local}@gmial.com` }));
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('/done/request-sent?lang=ru');
    expect(await requestsByEmail(table.deps(), `${local}@gmial.com`)).toHaveLength(1);
  });

  it('stores a phone without its country code as typed: a form is refused for its real problems only (Turkish)', async () => {
    const form = offerForm({ phone: '0532 123 45 67', beds: '0' });
    const refused = await post('/offers?lang=tr', form);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('id="beds-error"');
    expect(html).not.toContain('id="phone-error"');
    expect(html).toContain('<div id="phone-prompt" role="status" data-text="Bu numarada ülke kodu yok.');
    form.set('beds', '2');
    expect((await post('/offers?lang=tr', form)).status).toBe(303);
    const [offer] = await offersByEmail(table.deps(), form.get('email') as string);
    expect(offer?.phone).toBe('0532 123 45 67');
  });

  it('never cuts pasted notes: too long is an error that says so, with all the text kept and the count over shown', async () => {
    const notes = 'ж'.repeat(2500);
    const form = requestForm({ notes });
    const refused = await post('/requests?lang=ru', form);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('В заметки помещается не больше 2000 знаков. Мы ничего не обрезали');
    expect(html).toContain(`>${notes}</textarea>`);
    expect(html).not.toMatch(/<textarea[^>]*maxlength/);
    expect(html).toMatch(/<span class="hint counter over" id="notes-count"[^>]*>Лишних знаков: 500<\/span>/);
  });

  it('shows how much room the notes have left on a fresh form', async () => {
    const html = await (await app.request('/offers/new?lang=en')).text();
    expect(html).toMatch(/<textarea[^>]*data-max="2000"[^>]*data-count="notes-count"/);
    expect(html).toContain('Characters left: 2,000');
  });
});

describe('Back after a sent form', () => {
  it('a form page drawn as a POST’s answer says it goes stale once the form is sent, and the result page says it was sent', async () => {
    const refused = await post('/requests?lang=ru', requestForm({ city: 'Istanbulx' }));
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toMatch(
      /<body data-stale-after="\/requests" data-fresh="\/done\/request-sent\?lang=ru" data-rendering="[0-9a-f-]{36}">/,
    );
    expect(html).toMatch(/<script src="\/assets\/city\.[^"]+\.js" defer/);
    const result = await (await app.request('/done/request-sent?lang=ru')).text();
    expect(result).toContain('<body data-sent-from="/requests">');
    // A fresh form has nothing to go stale.
    expect(await (await app.request('/requests/new?lang=ru')).text()).toContain('<body>');
  });

  it('without script, the page Back shows again says what coming back from “check your inbox” means', async () => {
    const refused = await (await post('/offers?lang=tr', offerForm({ beds: '0' }))).text();
    expect(refused).toMatch(
      /<noscript><div class="notice"><p>Buraya “Gelen kutunuza bakın” sayfasından mı döndünüz\? O hâlde form bize ulaştı/,
    );
    expect(await (await app.request('/offers/new?lang=tr')).text()).not.toContain('<noscript>');
  });
});

describe('a city name several places share', () => {
  it('stores the form at once with the place the name resolves to: Kadıköy is İstanbul’s, Kemer Antalya’s', async () => {
    const kadikoy = await resolveCity('TR', 'Kadıköy');
    if ('suggestions' in kadikoy) throw new Error('Kadıköy does not resolve');
    const host = offerForm({ city: 'Kadıköy' });
    const sent = await post('/offers?lang=tr', host);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('/done/offer-sent?lang=tr');
    const [offer] = await offersByEmail(table.deps(), host.get('email') as string);
    expect(offer).toMatchObject({ city: kadikoy.name, lat: kadikoy.lat, lon: kadikoy.lon });

    const seeker = requestForm({ country: 'TR', city: 'Kemer' });
    expect((await post('/requests?lang=ru', seeker)).status).toBe(303);
    const [request] = await requestsByEmail(table.deps(), seeker.get('email') as string);
    expect(request?.city).toBe('Kemer, Antalya');
  });

  it('stores for a beginning of a name the place GET /api/v1/places lists first for it', async () => {
    const listed = (await (await app.request('/api/v1/places?country=TR&q=kad&lang=ru')).json()) as {
      places: { name: string; lat: number; lon: number }[];
    };
    const [first] = listed.places;
    expect(first?.name).toBe('Кадыкёй, Стамбул');
    const form = offerForm({ city: 'kad' });
    expect((await post('/offers?lang=ru', form)).status).toBe(303);
    const [offer] = await offersByEmail(table.deps(), form.get('email') as string);
    expect(offer).toMatchObject({ city: 'Kadıköy, Istanbul', lat: first?.lat, lon: first?.lon });
  });

  it('stores the place a name says when it says which', async () => {
    const form = offerForm({ city: 'Kemer, Muğla' });
    expect((await post('/offers', form)).status).toBe(303);
    const [offer] = await offersByEmail(table.deps(), form.get('email') as string);
    expect(offer?.city).toBe('Kemer, Muğla');
  });
});
