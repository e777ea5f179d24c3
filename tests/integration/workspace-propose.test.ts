import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../shared/data/audit.ts';
import { offerKey, requestKey } from '../../shared/data/keys.ts';
import { getProposal, proposalIdsOfRequest } from '../../shared/data/proposals.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { createApp } from '../../shared/http/app.ts';
import { topCandidates } from '../../shared/matching/candidates.ts';
import { daysFromNow } from '../support/dates.ts';
import { pendingMails } from '../support/outbox.ts';
import { useTestTable } from '../support/table.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';
import { csrfIn, signedInVisitor, type Visitor } from './workspace-support.ts';

const COORDINATORS = {
  TR: ['tr@haven.test', 'tr-too@haven.test'],
  GE: ['ge@haven.test'],
  '*': ['all@haven.test'],
};
/** Each test matches in its own town, so the candidates of one test are nobody else's. */
const TOWNS = [
  { country: 'TR', city: 'Bursa', lat: 40.19, lon: 29.06 },
  { country: 'TR', city: 'Eskişehir', lat: 39.78, lon: 30.52 },
  { country: 'TR', city: 'Konya', lat: 37.87, lon: 32.48 },
  { country: 'TR', city: 'Samsun', lat: 41.29, lon: 36.33 },
  { country: 'TR', city: 'Trabzon', lat: 41.0, lon: 39.72 },
] as const;
const SOON = { availableFrom: daysFromNow(1), availableTo: daysFromNow(90) };
const STAY = { arrival: daysFromNow(5), departure: daysFromNow(30) };

const table = useTestTable({ COORDINATORS: JSON.stringify(COORDINATORS) });
let app: ReturnType<typeof createApp>;
let tr: Visitor;
let trToo: Visitor;
let ge: Visitor;

beforeAll(async () => {
  app = createApp(table.deps());
  [tr, trToo, ge] = await Promise.all([
    signedInVisitor(app, table, 'tr@haven.test'),
    signedInVisitor(app, table, 'tr-too@haven.test'),
    signedInVisitor(app, table, 'ge@haven.test'),
  ]);
});

const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function candidatesPage(visitor: Visitor, path: string) {
  const response = await visitor.get(`${path}/candidates`);
  expect(response.status).toBe(200);
  return response.text();
}

async function propose(visitor: Visitor, path: string, other: string) {
  const csrf = csrfIn(await candidatesPage(visitor, path));
  return visitor.post(`${path}/propose`, { csrf, with: other });
}

describe('propose this pair', () => {
  it('lists for a request the five best offers the matcher itself would find, each with its score breakdown', async () => {
    const town = TOWNS[0];
    const request = makeRequest(id('r'), { ...town, ...STAY, adults: 2, children: 1 });
    await putOne(table.db, table.tableName, request);
    const offers = [3, 4, 5, 6, 8, 10, 12].map((beds) => makeOffer(id('o'), { ...town, ...SOON, beds }));
    for (const offer of offers) await putOne(table.db, table.tableName, offer);

    const matcherWould = await topCandidates(table.deps(), request, 5, new Set(), newReadStats());
    expect(matcherWould).toHaveLength(5);
    const html = await candidatesPage(tr, `/coordinator/requests/${request.id}`);
    const listed = [...html.matchAll(/\/coordinator\/offers\/(o-[0-9a-f]{8})/g)].map((match) => match[1]);
    expect(listed).toEqual(matcherWould.map((candidate) => candidate.offer.id));
    expect(html.match(/name="with"/g)).toHaveLength(5);
    for (const label of ['Stay covered', 'Closeness', 'Beds filled', 'Shared languages'])
      expect(html).toContain(label);
    expect((await ge.get(`/coordinator/requests/${request.id}/candidates`)).status).toBe(404);
    // The page names the seeker and five hosts: each of them was looked at, by this coordinator.
    const viewedBy = async (pk: string) =>
      (await auditTrail(table.deps(), pk, 20))
        .filter((event) => event.action === 'coordinator.viewed')
        .map((event) => event.actor);
    expect(await viewedBy(requestKey(request.id).pk)).toEqual(['coordinator:tr@haven.test']);
    for (const offerId of listed)
      expect(await viewedBy(offerKey(offerId as string).pk)).toEqual(['coordinator:tr@haven.test']);
    const notListed = offers.filter((offer) => !listed.includes(offer.id));
    for (const offer of notListed) expect(await viewedBy(offerKey(offer.id).pk)).toEqual([]);
  });

  it('shows for an offer the pairs that break a hard rule, and why, without a way to propose them', async () => {
    const town = TOWNS[1];
    const offer = makeOffer(id('o'), { ...town, ...SOON, beds: 4, petsAllowed: false });
    const withDog = makeRequest(id('r'), { ...town, ...STAY, adults: 1, children: 0, pets: true });
    const fits = makeRequest(id('r'), { ...town, ...STAY, adults: 2, children: 0, pets: false });
    for (const record of [offer, withDog, fits]) await putOne(table.db, table.tableName, record);

    const html = await candidatesPage(tr, `/coordinator/offers/${offer.id}`);
    expect(html).toContain(`/coordinator/requests/${withDog.id}`);
    expect(html).toContain('does not take pets, children or step-free needs');
    expect(html.match(/name="with"/g)).toHaveLength(1);
    expect(html).toContain(`value="${fits.id}"`);

    // Sent anyway, the matcher's own checks refuse it: nothing is written.
    const refused = await propose(tr, `/coordinator/offers/${offer.id}`, withDog.id);
    expect(refused.status).toBe(303);
    expect(refused.headers.get('location')).toContain('proposal=refused');
    expect(await proposalIdsOfRequest(table.deps(), withDog.id)).toEqual([]);
  });

  it('proposes through the matcher’s transaction: beds held, request proposed, coordinators mailed, audited with the address', async () => {
    const town = TOWNS[2];
    const offer = makeOffer(id('o'), { ...town, ...SOON, beds: 3 });
    const spare = makeOffer(id('o'), { ...town, ...SOON, beds: 4 });
    const request = makeRequest(id('r'), { ...town, ...STAY, adults: 2, children: 1 });
    for (const record of [offer, spare, request]) await putOne(table.db, table.tableName, record);

    const made = await propose(tr, `/coordinator/offers/${offer.id}`, request.id);
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toContain(`/coordinator/offers/${offer.id}/candidates`);
    expect(made.headers.get('location')).toContain('proposal=made');
    const [proposalId] = await proposalIdsOfRequest(table.deps(), request.id);
    const proposal = await getProposal(table.deps(), proposalId as string);
    expect(proposal).toMatchObject({ status: 'pending', offerId: offer.id, country: 'TR' });
    expect((await getRequest(table.deps(), request.id))?.status).toBe('proposed');
    const mail = (await pendingMails(table)).find(
      (item) => item.template === 'proposal' && item.text.includes(town.city),
    );
    expect(mail?.to.sort()).toEqual(['tr-too@haven.test', 'tr@haven.test']);
    const trail = await auditTrail(table.deps(), requestKey(request.id).pk, 20);
    expect(trail.find((event) => event.action === 'request.proposed')?.actor).toBe(
      'coordinator:tr@haven.test',
    );
    // Now the request has its pending proposal: every pair for it is blocked (rule 6).
    const after = await candidatesPage(tr, `/coordinator/requests/${request.id}`);
    expect(after).toContain(`/coordinator/offers/${spare.id}`);
    expect(after).toContain('already has a pending proposal');
    expect(after).not.toContain('name="with"');
  });

  it('the candidate search stops at its reading budget and returns the best it found by then', async () => {
    const town = TOWNS[4];
    // A family with a child, and forty hosts of whom only four take children: the search reads
    // on past the others for a fifth. Those four have the fewest beds, so they come first in the
    // pool's order whatever the random ids, and a bounded search has met them when it stops.
    const request = makeRequest(id('r'), { ...town, ...STAY, adults: 1, children: 1 });
    await putOne(table.db, table.tableName, request);
    for (let i = 0; i < 40; i++) {
      const takesChildren = i % 10 === 9;
      const offer = makeOffer(id('o'), {
        ...town,
        ...SOON,
        beds: takesChildren ? 2 : 3 + (i % 5),
        childrenAllowed: takesChildren,
      });
      await putOne(table.db, table.tableName, offer);
    }
    const unbounded = newReadStats();
    const all = await topCandidates(table.deps(), request, 5, new Set(), unbounded);
    const bounded = newReadStats();
    const some = await topCandidates(table.deps(), request, 5, new Set(), bounded, 10);
    expect(unbounded.items).toBeGreaterThan(30);
    // One page past the budget at most: the search checks it between pages.
    expect(bounded.items).toBeLessThanOrEqual(10 + 12 + 5);
    expect(some.length).toBeGreaterThan(0);
    expect(all.map((c) => c.offer.id)).toContain(some[0]?.offer.id);
  });

  it('two coordinators proposing the same request at once: one proposal, the other told nothing was written', async () => {
    const town = TOWNS[3];
    const request = makeRequest(id('r'), { ...town, ...STAY, adults: 1, children: 0 });
    const first = makeOffer(id('o'), { ...town, ...SOON, beds: 2 });
    const second = makeOffer(id('o'), { ...town, ...SOON, beds: 3 });
    for (const record of [request, first, second]) await putOne(table.db, table.tableName, record);
    const path = `/coordinator/requests/${request.id}`;
    const [csrfA, csrfB] = [
      csrfIn(await candidatesPage(tr, path)),
      csrfIn(await candidatesPage(trToo, path)),
    ];
    const answers = await Promise.all([
      tr.post(`${path}/propose`, { csrf: csrfA, with: first.id }),
      trToo.post(`${path}/propose`, { csrf: csrfB, with: second.id }),
    ]);
    const outcomes = answers.map(
      (answer) => /proposal=(\w+)/.exec(answer.headers.get('location') ?? '')?.[1],
    );
    expect(outcomes.sort()).toEqual(['made', 'refused']);
    expect(await proposalIdsOfRequest(table.deps(), request.id)).toHaveLength(1);
  });
});
