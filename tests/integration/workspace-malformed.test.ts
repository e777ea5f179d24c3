import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/http/app.ts';
import type { Logger } from '../../shared/log.ts';
import { useTestTable } from '../support/table.ts';
import { csrfIn, signedInVisitor, type Visitor } from './workspace-support.ts';

const COORDINATORS = { TR: ['tr@haven.test'], '*': ['all@haven.test'] };

// Longer than DynamoDB's 2 KB key limit, and ids no record can have.
const TOO_LONG = 'a'.repeat(3000);
const MALFORMED_IDS = [TOO_LONG, encodeURIComponent('Ж'.repeat(700)), encodeURIComponent('a#b')];
const MALFORMED_COUNTRIES = ['a'.repeat(3000), 'XX', 'T', 'TUR', encodeURIComponent('ТР')];

const errors: string[] = [];
const log: Logger = {
  info: () => {},
  warn: () => {},
  error: (event) => {
    errors.push(event);
  },
};

let app: ReturnType<typeof createApp>;
let tr: Visitor;
let all: Visitor;

const table = useTestTable({ COORDINATORS: JSON.stringify(COORDINATORS) });
beforeAll(async () => {
  app = createApp(table.deps({ log }));
  [tr, all] = await Promise.all([
    signedInVisitor(app, table, 'tr@haven.test'),
    signedInVisitor(app, table, 'all@haven.test'),
  ]);
});
beforeEach(() => {
  errors.length = 0;
});

describe('ids and countries no record can have, in the workspace', () => {
  it('answer 404 on every route that takes an id, and log no failure', async () => {
    const csrf = csrfIn(await (await tr.get('/coordinator')).text());
    for (const id of MALFORMED_IDS) {
      const answers = {
        record: (await tr.get(`/coordinator/requests/${id}`)).status,
        offer: (await all.get(`/coordinator/offers/${id}`)).status,
        candidates: (await tr.get(`/coordinator/requests/${id}/candidates`)).status,
        pause: (await tr.post(`/coordinator/requests/${id}/pause`, { csrf })).status,
        block: (await tr.post(`/coordinator/offers/${id}/block`, { csrf })).status,
        note: (await tr.post(`/coordinator/requests/${id}/note`, { csrf, note: 'x' })).status,
        verify: (
          await tr.post(`/coordinator/offers/${id}/verify`, { csrf, outcome: 'verified', method: 'phone' })
        ).status,
        approve: (await tr.post(`/coordinator/proposals/${id}/approve`, { csrf })).status,
        resolve: (await tr.post(`/coordinator/problems/${id}/host/resolve`, { csrf })).status,
        proposeWith: (
          await tr.post('/coordinator/requests/r-1/propose', { csrf, with: decodeURIComponent(id) })
        ).status,
      };
      expect(answers).toEqual({
        record: 404,
        offer: 404,
        candidates: 404,
        pause: 404,
        block: 404,
        note: 404,
        verify: 404,
        approve: 404,
        resolve: 404,
        proposeWith: 404,
      });
    }
    expect(errors).toEqual([]);
  });

  it('answer 404 for a country that is no ISO code, on every page that takes one, and log no failure; an empty one is none, so the queue opens the coordinator’s own country', async () => {
    for (const country of MALFORMED_COUNTRIES) {
      const answers = {
        queue: (await all.get(`/coordinator?country=${country}`)).status,
        overview: (await all.get(`/coordinator/overview?country=${country}`)).status,
        search: (await all.get(`/coordinator/search?q=%2B90+555+123+4567&country=${country}`)).status,
        export: (await all.get(`/coordinator/export?kind=requests&country=${country}`)).status,
        csv: (await all.get(`/coordinator/export.csv?kind=requests&country=${country}`)).status,
      };
      expect(answers).toEqual({ queue: 404, overview: 404, search: 404, export: 404, csv: 404 });
    }
    // A code in any case, or none, is still a page.
    expect((await all.get('/coordinator/overview?country=tr')).status).toBe(200);
    // An empty country is none: a coordinator of one country gets that country's queue.
    const empty = await tr.get('/coordinator?country=');
    expect(empty.status).toBe(200);
    const queue = await empty.text();
    expect(queue).toContain('id="proposals"');
    expect(queue).toContain('/coordinator/export?kind=requests&amp;country=TR');
    expect(errors).toEqual([]);
  });

  it('a queue link whose proposal is no id builds no form: a crafted one cannot aim the coordinator’s form at another route', async () => {
    const notice = (proposal: string) =>
      `/coordinator?country=TR&outcome=unverified&proposal=${encodeURIComponent(proposal)}`;
    const crafted = await (await tr.get(notice('../requests/r-x/close?a='))).text();
    expect(crafted).not.toContain('id="check"');
    expect(crafted).not.toContain('/coordinator/proposals/..');
    for (const id of MALFORMED_IDS) {
      expect(await (await tr.get(notice(decodeURIComponent(id)))).text()).not.toContain('id="check"');
    }
    // A real proposal's id still gets its "check the host, then approve" form.
    const real = await (await tr.get(notice('p-1234'))).text();
    expect(real).toContain('action="/coordinator/proposals/p-1234/approve');
    expect(errors).toEqual([]);
  });

  it('answer the public links’ one “gone” page at any length', async () => {
    for (const path of ['/manage', '/confirm', '/proposals/approve', '/proposals/decline']) {
      expect((await app.request(`${path}/${TOO_LONG}`)).status).toBe(410);
    }
    expect(errors).toEqual([]);
  });
});
