import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { offersByEmail } from '../../shared/data/offers.ts';
import { SUBMIT_PER_IP } from '../../shared/data/rate-limits.ts';
import { ISO_639_1 } from '../../shared/domain/iso-codes.ts';
import { offerRecordSchema, requestRecordSchema } from '../../shared/domain/records.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink } from '../../shared/intake/service.ts';
import { daysFromNow } from '../support/dates.ts';
import { useTestTable } from '../support/table.ts';
import { allItems, lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies of many shapes, checked by the assertions
type Json = any;

let app: ReturnType<typeof createApp>;
let ipCounter = 0;

const table = useTestTable();
beforeAll(async () => {
  app = createApp(table.deps());
});

/** The bindings hono's Lambda adapter passes: the platform's view of the client's address. */
const lambdaEnv = (sourceIp = `203.0.113.${++ipCounter % 250}`) => ({
  requestContext: { http: { sourceIp } },
});

async function post(
  path: string,
  body: BodyInit | null,
  headers: Record<string, string> = {},
  env = lambdaEnv(),
) {
  const response = await app.request(
    `http://localhost${path}`,
    { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body },
    env,
  );
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json: json as Json, text };
}

const postJson = (path: string, value: unknown) => post(path, JSON.stringify(value));

const storedCount = async () =>
  (await allItems(table)).filter((item) =>
    ['offer', 'request', 'token', 'outbox', 'audit'].includes(String(item.kind)),
  ).length;

function expectDocumentedError(response: { status: number; json: Json }) {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.json).toEqual({
    error: { code: expect.any(String), message: expect.any(String), issues: expect.any(Array) },
  });
  for (const issue of response.json.error.issues) {
    expect(issue).toEqual(expect.objectContaining({ path: expect.any(String), message: expect.any(String) }));
  }
}

describe('POST /api/v1/offers and /api/v1/requests', () => {
  it('answer 201 with the id and status of the stored record', async () => {
    const offer = await postJson('/api/v1/offers', offerInput());
    expect(offer.status).toBe(201);
    expect(offer.json).toEqual({ id: expect.any(String), status: 'pending' });
    const request = await postJson('/api/v1/requests', requestInput());
    expect(request.status).toBe(201);
    expect(request.json).toEqual({ id: expect.any(String), status: 'pending' });
  });

  it('take an optional field sent empty or null as left out, as a form takes an empty box', async () => {
    const offer = await postJson(
      '/api/v1/offers',
      offerInput({ phone: '', availableTo: null, hostHousehold: '', notes: '  ' }),
    );
    expect(offer.status).toBe(201);
    const request = await postJson(
      '/api/v1/requests',
      requestInput({ phone: null, city: '', departure: '', notes: '' }),
    );
    expect(request.status).toBe(201);
    const stored = (await allItems(table)).filter((item) =>
      [offer.json.id, request.json.id].includes(item.id),
    );
    expect(stored).toHaveLength(2);
    for (const record of stored)
      for (const field of ['phone', 'availableTo', 'hostHousehold', 'notes', 'city', 'departure'])
        if (record.kind === 'request' || field !== 'city') expect(record, field).not.toHaveProperty(field);
  });

  it('mail in the language of ?lang=, else Accept-Language', async () => {
    const byQuery = offerInput();
    await postJson('/api/v1/offers?lang=tr', byQuery);
    expect((await lastMailTo(table, byQuery.email)).subject).toBe('Lütfen Haven’daki teklifinizi onaylayın');
    const byHeader = requestInput();
    await post('/api/v1/requests', JSON.stringify(byHeader), {
      'accept-language': 'uk-UA,uk;q=0.9,en;q=0.5',
    });
    expect((await lastMailTo(table, byHeader.email)).subject).toBe('Підтвердіть ваш запит у Haven');
  });

  it('mail in English when no language is named, and a repeat that names none in the language its record has', async () => {
    const fresh = requestInput();
    await postJson('/api/v1/requests', fresh);
    expect((await lastMailTo(table, fresh.email)).locale).toBe('en');

    const input = requestInput();
    await postJson('/api/v1/requests?lang=ru', input);
    await actOnLink(table.deps(), linksIn((await lastMailTo(table, input.email)).text).confirm, 'confirm');
    const stored = async () =>
      (await allItems(table)).find((item) => item.kind === 'request' && item.email === input.email);
    await postJson('/api/v1/requests', { ...input, notes: 'Two cats now' });
    const unnamed = await lastMailTo(table, input.email);
    expect(unnamed.locale).toBe('ru');
    expect(unnamed.text).toContain('?lang=ru');
    await actOnLink(table.deps(), linksIn(unnamed.text).confirm, 'confirm');
    expect(await stored()).toMatchObject({ locale: 'ru', notes: 'Two cats now' });

    // A repeat that names a language changes the record's once confirmed; one that named none,
    // confirmed after it, leaves it so.
    await post('/api/v1/requests', JSON.stringify({ ...input, notes: 'Two cats' }), {
      'accept-language': 'uk',
    });
    const named = await lastMailTo(table, input.email);
    expect(named.locale).toBe('uk');
    await postJson('/api/v1/requests', { ...input, notes: 'Two cats and a dog' });
    const unnamedAgain = await lastMailTo(table, input.email);
    expect(unnamedAgain.locale).toBe('ru');
    await actOnLink(table.deps(), linksIn(named.text).confirm, 'confirm');
    await actOnLink(table.deps(), linksIn(unnamedAgain.text).confirm, 'confirm');
    expect(await stored()).toMatchObject({ locale: 'uk', notes: 'Two cats and a dog' });
  });

  it('store markup in names as text and escape it in the confirmation mail', async () => {
    const name = '<script>alert("x")</script><b>Ayşe</b>';
    const input = offerInput({ name });
    const response = await postJson('/api/v1/offers', input);
    expect(response.status).toBe(201);
    const stored = (await allItems(table)).find(
      (item) => item.kind === 'offer' && item.id === response.json.id,
    );
    expect(stored?.name).toBe(name);
    const mail = await lastMailTo(table, input.email);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;Ayşe&lt;/b&gt;');
  });

  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const battery: [string, () => Promise<{ status: number; json: Json }>, number?][] = [
    [
      'wrong types',
      () => postJson('/api/v1/offers', offerInput({ beds: 'three', petsAllowed: 'yes', languages: 'tr' })),
    ],
    ['a body that is not an object', () => postJson('/api/v1/offers', [offerInput()])],
    ['null', () => postJson('/api/v1/requests', null)],
    ['out-of-range beds', () => postJson('/api/v1/offers', offerInput({ beds: 51 }))],
    ['zero beds', () => postJson('/api/v1/offers', offerInput({ beds: 0 }))],
    ['negative children', () => postJson('/api/v1/requests', requestInput({ children: -1 }))],
    [
      'a huge number',
      () => post('/api/v1/requests', JSON.stringify(requestInput()).replace('"adults":1', '"adults":1e400')),
    ],
    ['an impossible date', () => postJson('/api/v1/offers', offerInput({ availableFrom: '2027-02-30' }))],
    ['a date in the past', () => postJson('/api/v1/requests', requestInput({ arrival: daysFromNow(-2) }))],
    ['reversed offer dates', () => postJson('/api/v1/offers', offerInput({ availableTo: daysFromNow(1) }))],
    [
      'reversed request dates',
      () => postJson('/api/v1/requests', requestInput({ departure: daysFromNow(1) })),
    ],
    ['an unknown city', () => postJson('/api/v1/offers', offerInput({ city: 'Atlantis' }))],
    ['an unknown country', () => postJson('/api/v1/offers', offerInput({ country: 'XX' }))],
    ['an unknown language', () => postJson('/api/v1/requests', requestInput({ languages: ['xx'] }))],
    ['an unknown field', () => postJson('/api/v1/offers', { ...offerInput(), isAdmin: true })],
    [
      'a __proto__ key',
      () => post('/api/v1/offers', JSON.stringify(offerInput()).replace('{', '{"__proto__":{"polluted":1},')),
    ],
    [
      'a constructor.prototype key',
      () => postJson('/api/v1/requests', { ...requestInput(), constructor: { prototype: { x: 1 } } }),
    ],
    ['5,000-deep nesting at the top', () => post('/api/v1/offers', deep(5000))],
    [
      '5,000-deep nesting in a field',
      () => post('/api/v1/offers', JSON.stringify(offerInput()).replace('"beds":3', `"beds":${deep(5000)}`)),
    ],
    ['50,000-deep nesting', () => post('/api/v1/offers', deep(30000))],
    ['a NUL byte in a name', () => postJson('/api/v1/offers', offerInput({ name: 'Ay\u0000şe' }))],
    [
      'a NUL byte in an email',
      () => postJson('/api/v1/offers', offerInput({ email: 'a\u0000@example.org' })),
    ],
    [
      'a NUL byte in a key',
      () => post('/api/v1/offers', JSON.stringify(offerInput()).replace('"beds"', '"be\\u0000ds"')),
    ],
    [
      'CR/LF in an email',
      () => postJson('/api/v1/requests', requestInput({ email: 'a@example.org\r\nBcc: all@example.org' })),
    ],
    ['a lone surrogate', () => postJson('/api/v1/offers', offerInput({ notes: 'x\ud800y' }))],
    ['a 10,000-character name', () => postJson('/api/v1/offers', offerInput({ name: 'x'.repeat(10_000) }))],
    ['malformed JSON', () => post('/api/v1/offers', '{"name": "Ayşe",')],
    ['an empty body', () => post('/api/v1/offers', '')],
    ['invalid UTF-8', () => post('/api/v1/offers', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))],
    [
      'a form body',
      () => post('/api/v1/offers', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      400,
    ],
    [
      'a post another site’s page makes a browser send',
      () =>
        post('/api/v1/requests', JSON.stringify(requestInput()), {
          'content-type': 'text/plain',
          'sec-fetch-site': 'cross-site',
        }),
      403,
    ],
    [
      'JSON declared in another charset',
      () =>
        post('/api/v1/offers', JSON.stringify(offerInput()), {
          'content-type': 'application/json; charset=iso-8859-1',
        }),
      415,
    ],
    [
      'a 5 MB body',
      () => post('/api/v1/offers', JSON.stringify({ ...offerInput(), notes: 'x'.repeat(5_000_000) })),
      413,
    ],
    ['a body just over 64 KiB', () => post('/api/v1/offers', ' '.repeat(64 * 1024 + 1)), 413],
    [
      'a Content-Length that understates the body',
      () =>
        post('/api/v1/requests', JSON.stringify({ ...requestInput(), notes: 'x'.repeat(200_000) }), {
          'content-length': '100',
        }),
      413,
    ],
  ];

  it.each(battery)(
    'refuse %s with a 4xx in the documented shape and store nothing',
    async (_name, send, status) => {
      const before = await storedCount();
      const response = await send();
      expectDocumentedError(response);
      if (status !== undefined) expect(response.status).toBe(status);
      expect(await storedCount()).toBe(before);
    },
  );

  it.each([
    ['no Content-Type', { 'content-type': '' }],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['the form type curl -d sends', { 'content-type': 'application/x-www-form-urlencoded' }],
  ])('take a JSON body that declares %s as JSON', async (_name, headers) => {
    const response = await post('/api/v1/requests', JSON.stringify(requestInput()), headers);
    expect(response.status).toBe(201);
    expect(response.json).toEqual({ id: expect.any(String), status: 'pending' });
  });

  it('point at the unknown city with suggestions', async () => {
    const response = await postJson('/api/v1/offers', offerInput({ city: 'Istanbulx' }));
    expect(response.status).toBe(400);
    expect(response.json.error.issues).toEqual([
      expect.objectContaining({
        path: 'city',
        code: 'unknown_city',
        suggestions: expect.arrayContaining(['Istanbul']),
      }),
    ]);
  });

  it('count the bytes of a streamed body without Content-Length and stop reading at the limit', async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(`"${'x'.repeat(16 * 1024)}`);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 1000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request('http://localhost/api/v1/offers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const response = await app.request(request, undefined, lambdaEnv());
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it('rate-limit by the platform’s source address, counting invalid attempts too, and ignore X-Forwarded-For', async () => {
    const at = new Date();
    const frozen = createApp(table.deps({ now: () => at }));
    const env = lambdaEnv('192.0.2.200');
    const attempt = (i: number, body: unknown) =>
      frozen.request(
        'http://localhost/api/v1/requests',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${i % 250}` },
          body: JSON.stringify(body),
        },
        env,
      );
    const statuses: number[] = [];
    for (let i = 0; i < SUBMIT_PER_IP.limit - 1; i++) {
      statuses.push((await attempt(i, requestInput({ city: 'Nowhereville' }))).status);
    }
    statuses.push((await attempt(0, requestInput())).status);
    expect(statuses.slice(0, -1).every((status) => status === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(201);
    expect((await attempt(1, requestInput())).status).toBe(429);
    const other = await post(
      '/api/v1/requests',
      JSON.stringify(requestInput()),
      {},
      lambdaEnv('192.0.2.201'),
    );
    expect(other.status).toBe(201);
  });
});

describe('GET /api/v1/places', () => {
  const get = async (query: string) => {
    const response = await app.request(`http://localhost/api/v1/places?${query}`);
    return { status: response.status, json: (await response.json()) as Json };
  };

  it('completes names in a country, Cyrillic included', async () => {
    expect((await get('q=%D0%A1%D1%82%D0%B0%D0%BC&country=TR')).json.places).toContainEqual({
      name: 'Istanbul',
      lat: 41.0082,
      lon: 28.9784,
    });
    expect((await get('q=ant&country=tr')).json.places[0]).toMatchObject({ name: 'Antalya' });
  });

  it('answers names in the language asked for, the place a form would store first', async () => {
    const { status, json } = await get(`country=TR&lang=ru&q=${encodeURIComponent('Kadıköy')}`);
    expect(status).toBe(200);
    expect(json.places[0]).toEqual({ name: 'Кадыкёй, Стамбул', lat: 40.9906, lon: 29.0286 });
    // Yalova's village has no Russian name in GeoNames: it is written by rule (places/turkish-cyrillic.ts).
    expect(json.places).toContainEqual({ name: 'Кадыкёй, Ялова', lat: 40.6202, lon: 29.2254 });
    const turkish = await get(`country=TR&lang=tr&q=${encodeURIComponent('Стамбул')}`);
    expect(turkish.json.places[0]).toEqual({ name: 'İstanbul', lat: 41.0082, lon: 28.9784 });
    const input = offerInput({ city: 'Kadıköy' });
    expect((await postJson('/api/v1/offers', input)).status).toBe(201);
    const [offer] = await offersByEmail(table.deps(), input.email as string);
    expect(offer).toMatchObject({
      city: 'Kadıköy, Istanbul',
      lat: json.places[0].lat,
      lon: json.places[0].lon,
    });
  });

  it('answers every place with its name and coordinates, and nothing for a blank query', async () => {
    const { json } = await get('country=GE&q=Ваке');
    expect(json.places[0]).toEqual({ name: 'Vake', lat: 41.709, lon: 44.757 });
    for (const place of json.places) expect(Object.keys(place).sort()).toEqual(['lat', 'lon', 'name']);
    expect((await get('country=GE&q=')).json).toEqual({ places: [] });
  });

  it('lists nothing for a text a form would refuse as a city: two letters of a name, more than a form takes, a control character', async () => {
    expect((await get('country=TR&q=Iz')).json).toEqual({ places: [] });
    const input = offerInput({ city: 'Iz' });
    expect((await postJson('/api/v1/offers', input)).status).toBe(400);
    const long = `Istanbul${' Istanbul'.repeat(12)}`;
    expect(long.length).toBeGreaterThan(100);
    expect((await get(`country=TR&q=${encodeURIComponent(long)}`)).json).toEqual({ places: [] });
    expect((await postJson('/api/v1/offers', offerInput({ city: long }))).status).toBe(400);
    expect((await get(`country=TR&q=${encodeURIComponent('Kadıköy\u0001')}`)).json).toEqual({ places: [] });
    expect((await postJson('/api/v1/offers', offerInput({ city: 'Kadıköy\u0001' }))).status).toBe(400);
  });

  it('answers 429 in the documented shape after 120 lookups a minute from one platform source address, ignoring X-Forwarded-For', async () => {
    // A fixed clock keeps all the lookups in one window of the per-minute limit.
    const fixed = createApp(table.deps({ now: () => new Date('2030-01-01T12:00:20Z') }));
    const lookUp = (sourceIp: string, i = 0) =>
      fixed.request(
        'http://localhost/api/v1/places?q=ist&country=TR',
        { headers: { 'x-forwarded-for': `10.1.0.${i % 250}` } },
        lambdaEnv(sourceIp),
      );
    const statuses: number[] = [];
    for (let i = 0; i < 120; i++) statuses.push((await lookUp('192.0.2.210', i)).status);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const refused = await lookUp('192.0.2.210', 121);
    const json = (await refused.json()) as Json;
    expectDocumentedError({ status: refused.status, json });
    expect(refused.status).toBe(429);
    expect(json.error.code).toBe('rate_limited');
    // The clock stands 20 s into its minute: the window opens again in 40 s.
    expect(refused.headers.get('retry-after')).toBe('40');
    expect(refused.headers.get('cache-control') ?? '').not.toContain('max-age');

    const other = await lookUp('192.0.2.211');
    expect(other.status).toBe(200);
    expect(((await other.json()) as Json).places).toContainEqual(
      expect.objectContaining({ name: 'Istanbul' }),
    );
  });

  it('answers an empty list without a country or query, and 400 for an unknown country', async () => {
    expect(await get('q=ist')).toEqual({ status: 200, json: { places: [] } });
    expect(await get('country=TR')).toEqual({ status: 200, json: { places: [] } });
    const unknown = await get('q=ist&country=ZZ');
    expectDocumentedError(unknown);
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('documents both submissions from the same schemas that validate them', async () => {
    const response = await app.request('http://localhost/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as Json;
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/offers', '/api/v1/requests', '/api/v1/places']),
    );
    const offer = document.components.schemas.OfferInput;
    expect(offer.additionalProperties).toBe(false);
    expect(offer.required).toEqual(
      expect.arrayContaining(['name', 'email', 'languages', 'country', 'city', 'availableFrom', 'beds']),
    );
    expect(offer.required).not.toContain('multipleParties');
    expect(offer.properties.beds).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 });
    expect(document.components.schemas.RequestInput.properties.maxDistanceKm.default).toBe(50);
    // An optional field takes "" and null as left out, and the document says so; a required one does not.
    for (const field of ['phone', 'availableTo', 'hostHousehold', 'notes'])
      expect(offer.properties[field].anyOf, field).toEqual(
        expect.arrayContaining([{ const: '' }, { type: 'null' }]),
      );
    expect(offer.properties.city.anyOf).toBeUndefined();
    expect(document.components.schemas.RequestInput.properties.city.anyOf).toHaveLength(3);
  });

  it('says what the mail of a request sent again over a stay already arranged does: no confirm link, nothing changed', async () => {
    const document = (await (await app.request('http://localhost/api/v1/openapi.json')).json()) as Json;
    const created = (path: string) => document.paths[path].post.responses['201'].description as string;
    expect(created('/api/v1/requests')).toContain(
      'if that request’s stay is already arranged, the mail says so and nothing changes',
    );
    // An offer has no arranged stay to repeat.
    expect(created('/api/v1/offers')).not.toContain('already arranged');
    for (const path of ['/api/v1/offers', '/api/v1/requests']) {
      expect(created(path)).toContain('asks to confirm the changes');
    }
  });
});

describe('generated input (property-based)', () => {
  const OFFER_FIELDS = Object.keys(offerInput());
  const REQUEST_FIELDS = [...Object.keys(requestInput()), 'maxDistanceKm', 'safeHousehold', 'notes'];

  const anyValue: fc.Arbitrary<unknown> = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.integer({ min: -1000, max: 1000 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'on',
      '2026-02-30',
      '9999-12-31',
      'TR',
      'tr',
      'ZZ',
      'Стамбул',
      '<b>x</b>',
    ),
    fc.integer({ min: -30, max: 800 }).map(daysFromNow),
    fc.array(fc.constantFrom('en', 'tr', 'uk', 'xx', ''), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  );

  const mutated = (base: () => Record<string, unknown>, fields: string[]) =>
    fc
      .tuple(
        fc.array(
          fc.oneof(
            fc.record({
              op: fc.constant('set' as const),
              key: fc.constantFrom(...fields, 'extra', '__proto__'),
              value: anyValue,
            }),
            fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...fields) }),
          ),
          { maxLength: 3 },
        ),
        fc.constantFrom('İstanbul', 'Ankara', 'Стамбул', 'Batumi', 'Atlantis'),
        fc.integer({ min: -50, max: 80 }),
      )
      .map(([mutations, city, beds]) => {
        const body: Record<string, unknown> = {
          ...base(),
          city,
          ...(fields.includes('beds') ? { beds } : {}),
        };
        for (const mutation of mutations) {
          if (mutation.op === 'delete') delete body[mutation.key];
          else
            Object.defineProperty(body, mutation.key, {
              value: mutation.value,
              enumerable: true,
              configurable: true,
              writable: true,
            });
        }
        return body;
      });

  const checkStored = async () => {
    for (const item of await allItems(table)) {
      if (item.kind === 'offer') {
        const offer = offerRecordSchema.parse(item);
        expect(offer.availableTo === undefined || offer.availableTo >= offer.availableFrom).toBe(true);
        expect(offer.languages.every((code) => ISO_639_1.has(code))).toBe(true);
        expect(offer.name).not.toMatch(/\p{Cc}/u);
      }
      if (item.kind === 'request') {
        const request = requestRecordSchema.parse(item);
        expect(request.departure === undefined || request.departure >= request.arrival).toBe(true);
        expect(request.email).not.toMatch(/[\r\n]/);
      }
    }
  };

  it.each([
    ['/api/v1/offers', () => mutated(() => offerInput(), OFFER_FIELDS)],
    ['/api/v1/requests', () => mutated(() => requestInput(), REQUEST_FIELDS)],
  ] as const)(
    'never makes %s answer 5xx or store an invalid record',
    async (path, arbitrary) => {
      await fc.assert(
        fc.asyncProperty(arbitrary(), async (body) => {
          const response = await post(path, JSON.stringify(body));
          expect([201, 400, 409, 413, 415, 429]).toContain(response.status);
          if (response.status !== 201) expectDocumentedError(response);
        }),
        { numRuns: 120 },
      );
      await checkStored();
      // Every attempt writes its source address's rate-limit counter: on a loaded machine 120 of
      // them take longer than the default 30 s.
    },
    120_000,
  );

  it('never answers 5xx to arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'),
        async (bytes, type) => {
          const response = await post('/api/v1/offers', bytes, { 'content-type': type });
          expectDocumentedError(response);
        },
      ),
      { numRuns: 150 },
    );
  });
});
