import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../shared/data/audit.ts';
import { emailHash } from '../../shared/data/items.ts';
import { coordinatorKey, offerKey, requestKey } from '../../shared/data/keys.ts';
import { createApp } from '../../shared/http/app.ts';
import { useTestTable } from '../support/table.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';
import { signedInVisitor, type Visitor } from './workspace-support.ts';

const COORDINATORS = { TR: ['tr@haven.test'], GE: ['ge@haven.test'], '*': ['all@haven.test'] };
const ISTANBUL = { country: 'TR', city: 'İstanbul', lat: 41.01, lon: 28.97 };
const TBILISI = { country: 'GE', city: 'Тбилиси', lat: 41.72, lon: 44.78 };

let app: ReturnType<typeof createApp>;
let tr: Visitor;
let ge: Visitor;

const table = useTestTable({ COORDINATORS: JSON.stringify(COORDINATORS) });
beforeAll(async () => {
  app = createApp(table.deps());
  [tr, ge] = await Promise.all([
    signedInVisitor(app, table, 'tr@haven.test'),
    signedInVisitor(app, table, 'ge@haven.test'),
  ]);
});

const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const auditOf = async (coordinator: string) =>
  auditTrail(table.deps(), coordinatorKey(emailHash(coordinator)).pk, 50);

describe('find anyone', () => {
  it('finds exactly the confirmed records of an email address in the coordinator’s countries (none whose address nobody confirmed, ended or not), and audits the search without its term', async () => {
    const email = `${id('olena')}@mail.test`;
    const here = makeRequest(id('r'), { ...ISTANBUL, email, name: 'Олена Коваль' });
    const there = makeRequest(id('r'), { ...TBILISI, email, name: 'Олена Коваль в Грузии' });
    const unconfirmed = makeOffer(id('o'), { ...ISTANBUL, email, status: 'pending' });
    // Withdrawn (or closed by a block) before anyone confirmed the address: it kept the confirm link's horizon.
    const endedUnconfirmed = makeRequest(id('r'), {
      ...ISTANBUL,
      email,
      status: 'withdrawn',
      eraseBy: new Date(Date.now() + 86_400_000).toISOString(),
    });
    for (const record of [here, there, unconfirmed, endedUnconfirmed])
      await putOne(table.db, table.tableName, record);
    const response = await tr.get(`/coordinator/search?q=${encodeURIComponent(` ${email.toUpperCase()} `)}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`/coordinator/requests/${here.id}`);
    expect(html).not.toContain(there.id);
    expect(html).not.toContain(unconfirmed.id);
    expect(html).not.toContain(endedUnconfirmed.id);
    for (const path of [
      `/coordinator/offers/${unconfirmed.id}`,
      `/coordinator/requests/${endedUnconfirmed.id}`,
    ])
      expect((await tr.get(path)).status, path).toBe(404);
    const searches = (await auditOf('tr@haven.test')).filter(
      (event) => event.action === 'coordinator.searched',
    );
    expect(searches.length).toBeGreaterThan(0);
    expect(JSON.stringify(searches)).not.toContain(email);
  });

  it('puts a viewed event with the coordinator’s address in the trail of each record it shows, and of none it hides', async () => {
    const email = `${id('olena')}@mail.test`;
    const request = makeRequest(id('r'), { ...ISTANBUL, email, name: 'Олена Коваль' });
    const offer = makeOffer(id('o'), { ...ISTANBUL, email, name: 'Olena Host' });
    const hidden = makeRequest(id('r'), { ...TBILISI, email });
    for (const record of [request, offer, hidden]) await putOne(table.db, table.tableName, record);
    const viewsOf = async (pk: string) =>
      (await auditTrail(table.deps(), pk, 50))
        .filter((event) => event.action === 'coordinator.viewed')
        .map((event) => [event.actor, event.fields]);

    expect((await tr.get(`/coordinator/search?q=${encodeURIComponent(email)}`)).status).toBe(200);
    expect((await tr.get(`/coordinator/search?q=${request.id}`)).status).toBe(200);
    expect(await viewsOf(requestKey(request.id).pk)).toEqual([
      ['coordinator:tr@haven.test', ['search']],
      ['coordinator:tr@haven.test', ['search']],
    ]);
    expect(await viewsOf(offerKey(offer.id).pk)).toEqual([['coordinator:tr@haven.test', ['search']]]);
    expect(await viewsOf(requestKey(hidden.id).pk)).toEqual([]);
  });

  it('finds a record by its reference, and says so when nobody matches', async () => {
    const offer = makeOffer(id('o'), ISTANBUL);
    await putOne(table.db, table.tableName, offer);
    expect(await (await tr.get(`/coordinator/search?q=${offer.id}`)).text()).toContain(
      `/coordinator/offers/${offer.id}`,
    );
    expect(await (await ge.get(`/coordinator/search?q=${offer.id}`)).text()).toMatch(/Nobody with exactly/);
  });
});

describe('export', () => {
  it('answers CSV with a BOM and the column names first, only of the coordinator’s countries, audited', async () => {
    const here = makeRequest(id('r'), { ...ISTANBUL, name: 'Ірина Бондар', notes: '=HYPERLINK("x")' });
    const there = makeRequest(id('r'), { ...TBILISI, name: 'Giorgi' });
    for (const record of [here, there]) await putOne(table.db, table.tableName, record);
    const response = await tr.get('/coordinator/export.csv?kind=requests');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, ...rows] = text.trim().split('\r\n');
    expect(header?.split(',').slice(0, 3)).toEqual(['id', 'status', 'createdAt']);
    expect(rows.some((row) => row.includes(here.id) && row.includes('Ірина Бондар'))).toBe(true);
    expect(text).not.toContain(there.id);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect((await auditOf('tr@haven.test')).some((event) => event.action === 'coordinator.exported')).toBe(
      true,
    );
    const offers = await tr.get('/coordinator/export.csv?kind=offers');
    expect((await offers.text()).split('\r\n')[0]).toContain('verification');
    expect((await tr.get('/coordinator/export.csv?kind=people')).status).toBe(400);
    expect((await app.request('/coordinator/export.csv?kind=requests')).status).toBe(303);
  });
});
