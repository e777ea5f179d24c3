import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../shared/data/audit.ts';
import { exportRecordsAcross, exportRecordsPage } from '../../shared/data/export.ts';
import { emailHash } from '../../shared/data/items.ts';
import { coordinatorKey } from '../../shared/data/keys.ts';
import { LIMITS } from '../../shared/domain/intake.ts';
import type { RequestRecord } from '../../shared/domain/records.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { eraseRecord } from '../../shared/upkeep/lifecycle.ts';
import { EXPORT_PART_ROWS, exportCsv, exportParts } from '../../shared/workspace/search.ts';
import { apiGatewayV2Event, lambdaContext } from '../support/apigw.ts';
import { useTestTable } from '../support/table.ts';
import { lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';
import { makeOffer, makeRequest, putAll } from './matching-support.ts';
import { signedInVisitor, type Visitor } from './workspace-support.ts';

const COORDINATORS = { TR: ['tr@haven.test'], '*': ['all@haven.test'] };
const place = (country: string) => ({ country, city: 'Somewhere', lat: 50, lon: 20 });
type LambdaHandler = (event: unknown, context: unknown) => Promise<APIGatewayProxyResultV2>;
/** What Lambda hands API Gateway at most in a synchronous response. */
const LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;

let app: ReturnType<typeof createApp>;
let tr: Visitor;
let all: Visitor;

const table = useTestTable({ COORDINATORS: JSON.stringify(COORDINATORS) });
beforeAll(async () => {
  app = createApp(table.deps());
  [tr, all] = await Promise.all([
    signedInVisitor(app, table, 'tr@haven.test'),
    signedInVisitor(app, table, 'all@haven.test'),
  ]);
});

const day = (i: number) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10);
/** Requests of a country, one a day; their ids sort in the order made, and so does the export (same createdAt, then id). */
function requestsIn(country: string, count: number, notes?: string) {
  return Array.from({ length: count }, (_, i) =>
    makeRequest(`r-${country}-${String(i).padStart(5, '0')}-${randomUUID().slice(0, 4)}`, {
      ...place(country),
      arrival: day(i),
      departure: day(i + 30),
      ...(notes ? { notes } : {}),
    }),
  );
}

const idsIn = (csv: string) =>
  csv
    .trim()
    .split('\r\n')
    .slice(1)
    .map((row) => /^"([^"]+)"/.exec(row)?.[1]);

const forge = (cursor: string, change: Record<string, unknown>) =>
  Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(cursor, 'base64url').toString()), ...change }),
  ).toString('base64url');

describe('the export’s parts', () => {
  it('reads a country part after part, every record exactly once in the order they came in, with no empty part after a full one', async () => {
    const made = requestsIn('CZ', 21);
    await putAll(table.db, table.tableName, made);
    const deps = table.deps();
    const parts: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await exportRecordsPage(deps, 'request', 'CZ', cursor, 7);
      parts.push(page.items.map((record) => record.id));
      cursor = page.next;
    } while (cursor !== undefined);
    expect(parts.map((part) => part.length)).toEqual([7, 7, 7]);
    expect(parts.flat()).toEqual(made.map((request) => request.id));
  });

  it('fills a part across DynamoDB’s 1 MB pages', async () => {
    // 400 requests with 3 KB of notes are about 1.4 MB: one Query cannot return them all.
    const made = requestsIn('SK', 400, 'Ж'.repeat(1500));
    await putAll(table.db, table.tableName, made);
    const first = await exportRecordsPage(table.deps(), 'request', 'SK', undefined, 350);
    expect(first.items.map((record) => record.id)).toEqual(made.slice(0, 350).map((request) => request.id));
    const rest = await exportRecordsPage(table.deps(), 'request', 'SK', first.next, 350);
    expect(rest.items.map((record) => record.id)).toEqual(made.slice(350).map((request) => request.id));
    expect(rest.next).toBeUndefined();
  });

  it('offers a large country as CSV parts that together hold every record once, in order, linked by Link: rel=next', async () => {
    const made = requestsIn('PL', EXPORT_PART_ROWS + 3);
    await putAll(table.db, table.tableName, made);
    const listing = await all.get('/coordinator/export?kind=requests&country=PL');
    expect(listing.status).toBe(200);
    const links = [...(await listing.text()).matchAll(/href="(\/coordinator\/export\.csv\?[^"]+)"/g)].map(
      (match) => (match[1] as string).replaceAll('&amp;', '&'),
    );
    expect(links).toHaveLength(2);
    const csvs = await Promise.all(links.map(async (link) => all.get(link)));
    expect(csvs[0]?.headers.get('link')).toBe(`<${links[1]}>; rel="next"`);
    expect(csvs[1]?.headers.get('link')).toBeNull();
    expect(csvs[1]?.headers.get('content-disposition')).toBe(
      'attachment; filename="haven-requests-PL-2.csv"',
    );
    const ids = (await Promise.all(csvs.map(async (response) => response?.text() ?? ''))).map(idsIn);
    expect(ids.map((part) => part.length)).toEqual([EXPORT_PART_ROWS, 3]);
    expect(ids.flat()).toEqual(made.map((request) => request.id));
  });

  it('lists where each part starts a few parts at a time, each part as its download reads it', async () => {
    await putAll(table.db, table.tableName, requestsIn('EE', 21));
    const scope = { email: 'all@haven.test', countries: '*' as const };
    const deps = table.deps();
    const listed: { cursor: string | undefined; rows: number }[] = [];
    let cursor: string | undefined;
    do {
      const page = await exportParts(deps, scope, 'request', { country: 'EE', cursor, parts: 2, rows: 5 });
      expect(page.parts.length).toBeLessThanOrEqual(2);
      listed.push(...page.parts);
      cursor = page.next;
    } while (cursor !== undefined);
    expect(listed.map((part) => part.rows)).toEqual([5, 5, 5, 5, 1]);
    const downloads = await Promise.all(
      listed.map((part, i) =>
        exportCsv(deps, scope, 'request', { country: 'EE', cursor: part.cursor, number: i + 1, rows: 5 }),
      ),
    );
    expect(downloads.flatMap((part) => idsIn(part.csv))).toHaveLength(21);
    expect(new Set(downloads.flatMap((part) => idsIn(part.csv))).size).toBe(21);
  });

  it('shows a small country as one part without a link to more', async () => {
    await putAll(table.db, table.tableName, requestsIn('LT', 21));
    const listing = await (await all.get('/coordinator/export?kind=requests&country=LT')).text();
    expect(listing).toContain('Part 1: records 1–21');
    expect(listing).not.toContain('Next parts');
  });

  it('names a part of one record by that record, not as a range, in each language', async () => {
    await putAll(table.db, table.tableName, requestsIn('MT', 1));
    for (const [lang, label] of [
      ['en', 'Part 1: record 1'],
      ['ru', 'Часть 1: запись 1'],
      ['uk', 'Частина 1: запис 1'],
      ['tr', 'Bölüm 1: 1. kayıt'],
    ]) {
      const page = await (await all.get(`/coordinator/export?kind=requests&country=MT&lang=${lang}`)).text();
      expect(page, lang).toContain(`>${label}</a>`);
    }
  });

  it('offers a coordinator of every country a country picker below the parts of all countries, and keeps another coordinator to their own', async () => {
    const picker = await (await all.get('/coordinator/export?kind=offers')).text();
    expect(picker).toContain('<form method="get" action="/coordinator/export"');
    expect(picker).toContain('<input type="hidden" name="kind" value="offers"/>');
    expect(picker).toContain('<option value="PL">');
    expect(picker).toContain('Offers as CSV: all your countries');
    expect(picker).toContain('href="/coordinator/export.csv?kind=offers&amp;part=1"');
    expect((await tr.get('/coordinator/export.csv?kind=requests&country=PL')).status).toBe(404);
    expect((await all.get('/coordinator/export.csv?kind=requests&country=XX')).status).toBe(404);
    const own = await tr.get('/coordinator/export.csv?kind=requests');
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toBe('attachment; filename="haven-requests-TR-1.csv"');
  });

  it('refuses a cursor of another country, another kind, or of a shape DynamoDB would refuse, with a 400', async () => {
    await putAll(table.db, table.tableName, requestsIn('HU', 3));
    const first = await exportRecordsPage(table.deps(), 'request', 'HU', undefined, 1);
    const cursor = first.next as string;
    const lastId = first.items[0]?.id;
    const refused = [
      `/coordinator/export.csv?kind=requests&country=TR&after=${cursor}`,
      `/coordinator/export.csv?kind=offers&country=HU&after=${cursor}`,
      `/coordinator/export.csv?kind=requests&country=TR&after=${forge(cursor, { gsi4pk: 'RECORDS#REQUEST#TR', pk: undefined })}`,
      `/coordinator/export.csv?kind=requests&country=HU&after=${forge(cursor, { extra: 'x' })}`,
      // Fewer than 1,024 characters, more than the 1,024 bytes DynamoDB allows a sort key.
      `/coordinator/export.csv?kind=requests&country=HU&after=${forge(cursor, { gsi4sk: `${'Ж'.repeat(600)}#${lastId}` })}`,
      // Half a surrogate pair, and a control character: text no key of the table holds.
      `/coordinator/export.csv?kind=requests&country=HU&after=${forge(cursor, { gsi4sk: `2027\ud800#${lastId}` })}`,
      `/coordinator/export.csv?kind=requests&country=HU&after=${forge(cursor, { gsi4sk: `\u0000#${lastId}` })}`,
      // The table key of something that is not the record the index key names.
      `/coordinator/export.csv?kind=requests&country=HU&after=${forge(cursor, { pk: 'OFFER#x', sk: 'OFFER' })}`,
      // The table key of an offer of the same id: a record, but not of the partition's kind.
      `/coordinator/export.csv?kind=requests&country=HU&after=${forge(cursor, { pk: `OFFER#${lastId}`, sk: 'OFFER' })}`,
      `/coordinator/export.csv?kind=requests&country=HU&after=${forge(cursor, { sk: 'HOLD#x' })}`,
      `/coordinator/export.csv?kind=requests&country=HU&after=${forge(cursor, { pk: 'REQUEST#another' })}`,
      '/coordinator/export.csv?kind=requests&country=HU&after=not-a-cursor',
      `/coordinator/export?kind=requests&country=TR&after=${cursor}`,
    ];
    for (const path of refused) {
      const response = await all.get(path);
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).not.toContain('r-HU-');
    }
    // A coordinator of Turkey with a cursor forged into Turkey's partition still reads only Turkey.
    const intoTurkey = forge(cursor, { gsi4pk: 'RECORDS#REQUEST#TR' });
    const forged = await tr.get(`/coordinator/export.csv?kind=requests&after=${intoTurkey}`);
    expect(forged.status).toBe(200);
    expect(await forged.text()).not.toContain('r-HU-');
  });

  it('audits each download with its kind, its country and the number of its part', async () => {
    await putAll(table.db, table.tableName, requestsIn('LV', 2));
    const cursor = (await exportRecordsPage(table.deps(), 'request', 'LV', undefined, 1)).next as string;
    for (const path of [
      '/coordinator/export.csv?kind=requests&country=LV',
      `/coordinator/export.csv?kind=requests&country=LV&after=${cursor}&part=2`,
    ])
      expect((await all.get(path)).status, path).toBe(200);
    const trail = await auditTrail(table.deps(), coordinatorKey(emailHash('all@haven.test')).pk, 100);
    const exports = trail
      .filter((event) => event.action === 'coordinator.exported' && event.fields?.includes('LV'))
      .map((event) => ({ actor: event.actor, fields: event.fields }))
      .sort((a, b) => String(a.fields).localeCompare(String(b.fields)));
    expect(exports).toEqual([
      { actor: 'coordinator:all@haven.test', fields: ['request', 'LV', 'part:1'] },
      { actor: 'coordinator:all@haven.test', fields: ['request', 'LV', 'part:2'] },
    ]);
  });
});

describe('what the export holds', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 12, minute)).toISOString();

  it('holds a row per confirmed record in every state, its status in the status column, the oldest first whatever its dates', async () => {
    // Came in one a minute; the later ones arrive first and offer fewer beds, so no other order passes.
    const requestStates = ['open', 'proposed', 'placed', 'withdrawn', 'expired'] as const;
    const requests = requestStates.map((status, i) =>
      makeRequest(`r-is-${status}-${randomUUID().slice(0, 4)}`, {
        ...place('IS'),
        status,
        createdAt: at(i),
        arrival: day(40 - i),
        departure: day(70),
      }),
    );
    const offerStates = ['open', 'paused', 'closed'] as const;
    const offers = offerStates.map((status, i) =>
      makeOffer(`o-is-${status}-${randomUUID().slice(0, 4)}`, {
        ...place('IS'),
        status,
        createdAt: at(i),
        beds: 6 - i,
      }),
    );
    // Not confirmed: its address may not be its owner's, so no coordinator sees it (as on the record page).
    const unconfirmed = [
      makeRequest(`r-is-pending-${randomUUID().slice(0, 4)}`, { ...place('IS'), status: 'pending' }),
      makeOffer(`o-is-pending-${randomUUID().slice(0, 4)}`, { ...place('IS'), status: 'pending' }),
    ];
    await putAll(table.db, table.tableName, [
      ...requests.toReversed(),
      ...offers.toReversed(),
      ...unconfirmed,
    ]);
    for (const record of unconfirmed)
      expect(
        JSON.stringify(await exportRecordsPage(table.deps(), record.kind, 'IS', undefined, 50)),
      ).not.toContain(record.id);
    for (const [kind, made, states] of [
      ['requests', requests, requestStates],
      ['offers', offers, offerStates],
    ] as const) {
      const text = await (await all.get(`/coordinator/export.csv?kind=${kind}&country=IS`)).text();
      const rows = text.trim().split('\r\n').slice(1);
      expect(idsIn(text), kind).toEqual(made.map((record) => record.id));
      expect(
        rows.map((row) => /^"[^"]+","([^"]+)"/.exec(row)?.[1]),
        kind,
      ).toEqual([...states]);
    }
  });

  it('leaves out a record once its personal data is erased, and keeps the others of its country', async () => {
    const [kept, erased] = ['kept', 'erased'].map((name, i) =>
      makeRequest(`r-cy-${name}-${randomUUID().slice(0, 4)}`, { ...place('CY'), createdAt: at(i) }),
    ) as [RequestRecord, RequestRecord];
    await putAll(table.db, table.tableName, [kept, erased]);
    const before = await (await all.get('/coordinator/export.csv?kind=requests&country=CY')).text();
    expect(idsIn(before)).toEqual([kept.id, erased.id]);
    await eraseRecord(table.deps(), erased, 'process:erase-command');
    const after = await (await all.get('/coordinator/export.csv?kind=requests&country=CY')).text();
    expect(idsIn(after)).toEqual([kept.id]);
    expect(after).not.toContain(erased.id);
    const listing = await (await all.get('/coordinator/export?kind=requests&country=CY')).text();
    expect(listing).toContain('Part 1: record 1<');
  });

  it('holds a person from their confirmation on, through the proposal the matcher makes at once', async () => {
    const deps = table.deps();
    const meta = { locale: 'en' as const, sourceIp: '192.0.2.78' };
    const host = offerInput();
    const seeker = requestInput();
    const offer = await submitOffer(deps, host, { ...meta, via: 'form' });
    const request = await submitRequest(deps, seeker, { ...meta, via: 'api' });
    const exported = async (kind: 'offers' | 'requests') =>
      (await (await tr.get(`/coordinator/export.csv?kind=${kind}`)).text()).trim().split('\r\n');
    const rowOf = (rows: string[], id: string) => rows.find((row) => row.startsWith(`"${id}"`));
    expect(rowOf(await exported('requests'), request.id)).toBeUndefined();
    for (const person of [host, seeker])
      await actOnLink(deps, linksIn((await lastMailTo(table, person.email)).text).confirm, 'confirm');
    expect((await createMatchingService(deps).matchRequestIds([request.id])).proposed).toBe(1);
    expect(rowOf(await exported('requests'), request.id)).toMatch(/^"[^"]+","proposed",/);
    expect(rowOf(await exported('offers'), offer.id)).toContain(`"${host.email}"`);
  });

  it('moves a record to the export of the country its owner moved it to', async () => {
    const deps = table.deps();
    const host = offerInput({ country: 'GE', city: 'Tbilisi' });
    const offer = await submitOffer(deps, host, { locale: 'en', sourceIp: '192.0.2.79', via: 'form' });
    const { confirm, manage } = linksIn((await lastMailTo(table, host.email)).text);
    await actOnLink(deps, confirm, 'confirm');
    const exported = async (country: string) =>
      idsIn(await (await all.get(`/coordinator/export.csv?kind=offers&country=${country}`)).text());
    expect(await exported('GE')).toContain(offer.id);
    await actOnLink(deps, manage, 'edit', { country: 'AM', city: 'Yerevan' });
    expect(await exported('GE')).not.toContain(offer.id);
    expect(await exported('AM')).toContain(offer.id);
  });

  it('orders by confirmation, and leaves out a record that ended before its address was confirmed', async () => {
    // Made first, confirmed last: it comes after the others, as a part cut before its confirmation ends.
    const late = makeRequest(`r-si-late-${randomUUID().slice(0, 4)}`, {
      ...place('SI'),
      createdAt: at(0),
      confirmedAt: at(30),
    });
    const early = makeRequest(`r-si-early-${randomUUID().slice(0, 4)}`, {
      ...place('SI'),
      createdAt: at(1),
      confirmedAt: at(2),
    });
    // Withdrawn (or closed by a block) while pending: it keeps its confirm link's horizon.
    const neverConfirmed = makeRequest(`r-si-never-${randomUUID().slice(0, 4)}`, {
      ...place('SI'),
      status: 'withdrawn',
      createdAt: at(3),
      eraseBy: at(60 * 24 * 7),
    });
    await putAll(table.db, table.tableName, [late, early, neverConfirmed]);
    const ids = (await exportRecordsPage(table.deps(), 'request', 'SI', undefined, 50)).items.map(
      (record) => record.id,
    );
    expect(ids.filter((id) => id.startsWith('r-si-'))).toEqual([early.id, late.id]);
  });
});

/** Coordinators of the exports of several countries, each block on a table of its own. */
const SEVERAL = {
  DE: ['two@haven.test'],
  PL: ['two@haven.test'],
  TR: ['tr@haven.test'],
  '*': ['every@haven.test'],
};
const EVERY = { email: 'every@haven.test', countries: '*' as const };

/** A table for one block of tests, and a signed-in visitor per coordinator of SEVERAL. */
function ownTable() {
  const own = useTestTable({ COORDINATORS: JSON.stringify(SEVERAL) });
  const visitors = new Map<string, Visitor>();
  beforeAll(async () => {
    const ownApp = createApp(own.deps());
    for (const email of ['two@haven.test', 'tr@haven.test', 'every@haven.test'])
      visitors.set(email, await signedInVisitor(ownApp, own, email));
  });
  const as = (email: string) => {
    const visitor = visitors.get(email);
    if (!visitor) throw new Error(`no visitor for ${email}`);
    return visitor;
  };
  return { own, as };
}

/** Every part of an export of all a coordinator's countries, read by the data function at `rows` a part. */
async function partsAcross(deps: ReturnType<ReturnType<typeof useTestTable>['deps']>, rows: number) {
  const parts: (string | undefined)[][] = [];
  let cursor: string | undefined;
  do {
    const number = parts.length + 1;
    const part = await exportCsv(deps, EVERY, 'request', { country: undefined, cursor, number, rows });
    parts.push(idsIn(part.csv));
    cursor = part.next;
  } while (cursor !== undefined);
  return parts;
}

describe('the export of every country of a coordinator of *, without a country', () => {
  const { own, as } = ownTable();
  // Written out of order, read back country after country: Germany 5, Poland 4, Turkey 3.
  const de = requestsIn('DE', 5);
  const pl = requestsIn('PL', 4);
  const turkey = requestsIn('TR', 3);
  const every = [...de, ...pl, ...turkey].map((request) => request.id);
  beforeAll(async () => {
    await putAll(own.db, own.tableName, [...pl, ...turkey, ...de]);
  });

  it('answers text/csv with every record of each country, country after country, and no Link when nothing follows', async () => {
    const response = await as('every@haven.test').get('/coordinator/export.csv?kind=requests');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="haven-requests-all-1.csv"',
    );
    expect(response.headers.get('link')).toBeNull();
    const text = await response.text();
    expect(text.split('\r\n')[0]?.split(',').slice(0, 3)).toEqual(['id', 'status', 'createdAt']);
    expect(idsIn(text)).toEqual(every);
  });

  it('fills each part across the end of a country, every record exactly once, whatever the part size', async () => {
    const deps = own.deps();
    // 1: every record a part; 4: parts that cross from one country into the next; 5: a part that
    // ends where Germany does; 12: every record in one part, with no empty part after it.
    for (const rows of [1, 4, 5, 12]) {
      const parts = await partsAcross(deps, rows);
      expect(parts.flat(), `parts of ${rows}`).toEqual(every);
      expect(
        parts.map((part) => part.length),
        `parts of ${rows}`,
      ).toEqual(Array.from({ length: Math.ceil(12 / rows) }, (_, i) => Math.min(rows, 12 - i * rows)));
    }
  });

  it('takes the cursor of a part back through the route and answers the rest of the countries', async () => {
    const deps = own.deps();
    const first = await exportCsv(deps, EVERY, 'request', { country: undefined, number: 1, rows: 6 });
    const rest = await as('every@haven.test').get(
      `/coordinator/export.csv?kind=requests&after=${first.next}&part=2`,
    );
    expect(rest.status).toBe(200);
    expect(rest.headers.get('content-disposition')).toBe('attachment; filename="haven-requests-all-2.csv"');
    expect([...idsIn(first.csv), ...idsIn(await rest.text())]).toEqual(every);
  });
});

describe('the export of all countries from the queue page', () => {
  const { own, as } = ownTable();

  it('is linked from the queue of a coordinator of *, and its parts page lists the parts its downloads hold', async () => {
    const de = requestsIn('DE', 3);
    const tr = requestsIn('TR', 2);
    await putAll(own.db, own.tableName, [...tr, ...de]);
    const every = as('every@haven.test');
    for (const queue of ['/coordinator', '/coordinator?country=PL']) {
      const html = await (await every.get(queue)).text();
      expect(html, queue).toContain(
        'href="/coordinator/export?kind=requests&amp;lang=en">Download requests of all your countries',
      );
      expect(html, queue).toContain(
        'href="/coordinator/export?kind=offers&amp;lang=en">Download offers of all your countries',
      );
    }
    const parts = await (await every.get('/coordinator/export?kind=requests')).text();
    expect(parts).toContain('Part 1: records 1–5');
    const download = await every.get('/coordinator/export.csv?kind=requests&part=1');
    expect(idsIn(await download.text())).toEqual([...de, ...tr].map((request) => request.id));
    // A coordinator of one country has no "all your countries" to download.
    const one = await (await as('tr@haven.test').get('/coordinator')).text();
    expect(one).not.toContain('all your countries');
  });

  it('lists the parts of all countries as the downloads cut them, a few at a time', async () => {
    const deps = own.deps();
    const listed: { cursor: string | undefined; rows: number }[] = [];
    let cursor: string | undefined;
    do {
      const page = await exportParts(deps, EVERY, 'request', {
        country: undefined,
        cursor,
        parts: 2,
        rows: 2,
      });
      listed.push(...page.parts);
      cursor = page.next;
    } while (cursor !== undefined);
    const downloads = await Promise.all(
      listed.map((part, i) =>
        exportCsv(deps, EVERY, 'request', {
          country: undefined,
          cursor: part.cursor,
          number: i + 1,
          rows: 2,
        }),
      ),
    );
    expect(downloads.map((part) => idsIn(part.csv).length)).toEqual(listed.map((part) => part.rows));
    expect(listed.map((part) => part.rows)).toEqual([2, 2, 1]);
  });
});

describe('the export of a coordinator of several countries, without a country', () => {
  const { own, as } = ownTable();

  it('holds every record of their countries and none of another coordinator’s', async () => {
    const theirs = [...requestsIn('DE', 3), ...requestsIn('PL', 2)];
    const others = requestsIn('TR', 2);
    await putAll(own.db, own.tableName, [...theirs, ...others]);
    const response = await as('two@haven.test').get('/coordinator/export.csv?kind=requests');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await response.text();
    expect(idsIn(text)).toEqual(theirs.map((request) => request.id));
    for (const other of others) expect(text).not.toContain(other.id);
    const offers = await as('two@haven.test').get('/coordinator/export.csv?kind=offers');
    expect(offers.status).toBe(200);
    expect(idsIn(await offers.text())).toEqual([]);
  });
});

describe('the cursor of the export of several countries', () => {
  const { own, as } = ownTable();

  it('answers 400 for a cursor forged into a country not theirs, another kind, or another country’s key', async () => {
    const mine = requestsIn('DE', 3);
    const theirs = requestsIn('TR', 3);
    await putAll(own.db, own.tableName, [...mine, ...theirs]);
    const two = ['DE', 'PL'];
    const cursor = (await exportRecordsAcross(own.deps(), 'request', two, undefined, 1)).next as string;
    const trKey = (await exportRecordsPage(own.deps(), 'request', 'TR', undefined, 1)).next as string;
    const trKeyObject = JSON.parse(Buffer.from(trKey, 'base64url').toString());
    const deKey = (await exportRecordsPage(own.deps(), 'request', 'DE', undefined, 1)).next as string;
    const deKeyObject = JSON.parse(Buffer.from(deKey, 'base64url').toString());
    const refused = [
      forge(cursor, { country: 'TR' }),
      forge(cursor, { country: 'TR', after: trKeyObject }),
      forge(cursor, { after: trKeyObject }),
      forge(cursor, { country: 'TR', after: undefined }),
      forge(cursor, { kind: 'offer' }),
      forge(cursor, { extra: 'x' }),
      // A key of Germany's partition whose table key is an offer's, not the request the index names.
      forge(cursor, {
        after: { ...deKeyObject, pk: deKeyObject.pk.replace('REQUEST#', 'OFFER#'), sk: 'OFFER' },
      }),
      trKey,
      'not-a-cursor',
    ];
    for (const forged of refused) {
      const response = await as('two@haven.test').get(
        `/coordinator/export.csv?kind=requests&after=${forged}`,
      );
      expect(response.status, forged).toBe(400);
      expect(await response.text(), forged).not.toContain('r-TR-');
    }
    const asked = await as('two@haven.test').get(`/coordinator/export.csv?kind=offers&after=${cursor}`);
    expect(asked.status).toBe(400);
    // The same cursor, as it was handed out, goes on with the rest of Germany.
    const rest = await as('two@haven.test').get(`/coordinator/export.csv?kind=requests&after=${cursor}`);
    expect(rest.status).toBe(200);
    expect(idsIn(await rest.text())).toEqual(mine.slice(1).map((request) => request.id));
  });
});

describe('the size of a part', () => {
  it('keeps a part of the largest records a form accepts within Lambda’s 6 MB response', async () => {
    const quotes = (n: number) => '"'.repeat(n);
    const email = `${'a'.repeat(LIMITS.email - '@haven.test'.length)}@haven.test`;
    const largest = (i: number) => ({
      name: quotes(LIMITS.name),
      city: quotes(LIMITS.city),
      notes: quotes(LIMITS.notes),
      email,
      phone: `+${'9'.repeat(LIMITS.phone - 1)}`,
      telegramUsername: 'u'.repeat(32),
      languages: [
        'uk',
        'ru',
        'tr',
        'en',
        'de',
        'pl',
        'ro',
        'hu',
        'cs',
        'sk',
        'ka',
        'hy',
        'az',
        'be',
        'lt',
        'lv',
        'et',
        'fi',
        'sv',
        'fr',
      ].slice(0, LIMITS.languages),
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    });
    const offers = Array.from({ length: EXPORT_PART_ROWS + 1 }, (_, i) =>
      makeOffer(`o-ro-${String(i).padStart(5, '0')}`, {
        ...place('RO'),
        ...largest(i),
        verification: { state: 'verified', by: email, at: '2026-01-01T00:00:00.000Z', method: 'visit' },
      }),
    );
    const requests = Array.from({ length: EXPORT_PART_ROWS + 1 }, (_, i) =>
      makeRequest(`r-ro-${String(i).padStart(5, '0')}`, { ...place('RO'), ...largest(i) }),
    );
    await putAll(table.db, table.tableName, [...offers, ...requests]);
    const handler = handle(app) as unknown as LambdaHandler;
    const cookie = [...all.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    for (const kind of ['offers', 'requests']) {
      const result = (await handler(
        apiGatewayV2Event({
          method: 'GET',
          path: '/coordinator/export.csv',
          query: `kind=${kind}&country=RO`,
          headers: { cookie },
        }),
        lambdaContext,
      )) as APIGatewayProxyStructuredResultV2;
      expect(result.statusCode).toBe(200);
      const rows = (result.body ?? '').trim().split('\r\n').length - 1;
      expect(rows).toBe(EXPORT_PART_ROWS);
      const bytes = Buffer.byteLength(JSON.stringify(result));
      expect(bytes).toBeLessThan(LAMBDA_RESPONSE_LIMIT);
    }
  });
});
