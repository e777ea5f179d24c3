import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { proposalKey } from '../../shared/data/keys.ts';
import { newReadStats } from '../../shared/data/query.ts';
import {
  openProblemPut,
  openProblemsOf,
  problemPut,
  unverifiedHostsPage,
  waitingRequestsPage,
} from '../../shared/data/queues.ts';
import { createApp } from '../../shared/http/app.ts';
import { translator } from '../../shared/i18n/index.ts';
import { auditItemsOf } from '../support/audit.ts';
import { useTestTable } from '../support/table.ts';
import { seedProposal, stateOf, UNDECIDED } from './approval-support.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';
import { csrfIn, signedInVisitor, type Visitor } from './workspace-support.ts';

const COORDINATORS = {
  DE: ['de@haven.test', 'de-too@haven.test'],
  TR: ['tr@haven.test'],
  '*': ['all@haven.test'],
};

// Host checks before approval have their own tests (workspace-records); here they would only be in the way.
const table = useTestTable({
  COORDINATORS: JSON.stringify(COORDINATORS),
  REQUIRE_VERIFIED_HOSTS: 'false',
});
let app: ReturnType<typeof createApp>;
let de: Visitor;
let deToo: Visitor;
let tr: Visitor;

beforeAll(async () => {
  app = createApp(table.deps());
  [de, deToo, tr] = await Promise.all([
    signedInVisitor(app, table, 'de@haven.test'),
    signedInVisitor(app, table, 'de-too@haven.test'),
    signedInVisitor(app, table, 'tr@haven.test'),
  ]);
});

const ISTANBUL = { country: 'TR', city: 'İstanbul', lat: 41.01, lon: 28.97 };
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function queueHtml(visitor: Visitor, query = '') {
  const response = await visitor.get(`/coordinator${query}`);
  expect(response.status).toBe(200);
  return response.text();
}

describe('the queue', () => {
  it('lists the country’s pending proposals with the time they have waited, and nothing of another country', async () => {
    const seeded = await seedProposal(table);
    const deHtml = await queueHtml(de);
    expect(deHtml).toContain(`/coordinator/proposals/${seeded.proposal.id}/approve`);
    expect(deHtml).toMatch(/Proposals to decide/);
    expect(deHtml).toMatch(/class="queue-waited">(?:just now|\d+ min)</);
    const trHtml = await queueHtml(tr);
    expect(trHtml).not.toContain(seeded.proposal.id);
    expect((await tr.get('/coordinator?country=DE')).status).toBe(404);
  });

  it('approves in place with the links’ own transaction, audited with the coordinator’s address', async () => {
    const seeded = await seedProposal(table);
    const html = await queueHtml(de);
    const done = await de.post(`/coordinator/proposals/${seeded.proposal.id}/approve`, {
      csrf: csrfIn(html),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toMatch(/outcome=done-approved/);
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'approved',
      request: 'placed',
      approveUsed: true,
      declineUsed: true,
      placementMails: 2,
    });
    const Items = await auditItemsOf(table, proposalKey(seeded.proposal.id).pk);
    expect(Items.find((item) => item.action === 'proposal.approved')?.actor).toBe(
      'coordinator:de@haven.test',
    );
    const after = await queueHtml(de, done.headers.get('location')?.replace('/coordinator', '') ?? '');
    expect(after).toMatch(/Approved/);
    expect(after).not.toContain(`/coordinator/proposals/${seeded.proposal.id}/approve`);
  });

  it('refuses to approve a seeker nobody could reach, says so on the queue, and leaves the proposal to decide', async () => {
    const seeded = await seedProposal(table, {
      request: { email: '', phone: undefined, telegramChatId: '424242' },
    });
    const refused = await de.post(`/coordinator/proposals/${seeded.proposal.id}/approve`, {
      csrf: csrfIn(await queueHtml(de)),
    });
    expect(refused.status).toBe(303);
    const location = refused.headers.get('location') ?? '';
    expect(location).toMatch(/outcome=unreachable-seeker/);
    const after = await queueHtml(de, location.replace('/coordinator', '').replace(/#.*/, ''));
    expect(after).toContain(translator('en')('decision.unreachable.title'));
    expect(after).toContain(translator('en')('decision.unreachable.seeker'));
    expect(after).toContain(`/coordinator/proposals/${seeded.proposal.id}/approve`);
    expect(await stateOf(table, seeded)).toEqual({ ...UNDECIDED, requestVersion: seeded.request.version });
  });

  it('two coordinators deciding at once: one wins, the other is told what happened', async () => {
    const seeded = await seedProposal(table);
    const [a, b] = await Promise.all([queueHtml(de), queueHtml(deToo)]);
    const [approve, decline] = await Promise.all([
      de.post(`/coordinator/proposals/${seeded.proposal.id}/approve`, { csrf: csrfIn(a) }),
      deToo.post(`/coordinator/proposals/${seeded.proposal.id}/decline`, { csrf: csrfIn(b) }),
    ]);
    const outcomes = [approve, decline].map(
      (r) => /outcome=([a-z-]+)/.exec(r.headers.get('location') ?? '')?.[1],
    );
    const winners = outcomes.filter((outcome) => outcome?.startsWith('done-'));
    expect(winners).toHaveLength(1);
    const final = (await stateOf(table, seeded)).proposal;
    expect(winners[0]).toBe(`done-${final}`);
    expect(outcomes).toContain(final);
    const loser = outcomes[0] === winners[0] ? deToo : de;
    const loserLocation = (outcomes[0] === winners[0] ? decline : approve).headers.get('location') ?? '';
    expect(await queueHtml(loser, loserLocation.replace('/coordinator', ''))).toMatch(
      /Someone else decided first/,
    );
  });

  it('says someone else decided first only of a proposal someone decided, not of one that expired or was cancelled', async () => {
    const said = async (outcome: string) => {
      const html = await queueHtml(tr, `?country=TR&outcome=${outcome}`);
      return html.slice(
        html.indexOf('class="notice"'),
        html.indexOf('</div>', html.indexOf('class="notice"')),
      );
    };
    expect(await said('declined')).toContain('Someone else decided first.');
    for (const outcome of ['expired', 'cancelled']) {
      const notice = await said(outcome);
      expect(notice).toContain('This proposal can no longer be decided');
      expect(notice).not.toContain('Someone else decided first.');
    }
  });

  it('a coordinator of another country cannot decide, and a missing csrf changes nothing', async () => {
    const seeded = await seedProposal(table);
    const html = await queueHtml(tr);
    const foreign = await tr.post(`/coordinator/proposals/${seeded.proposal.id}/approve`, {
      csrf: csrfIn(html),
    });
    expect(foreign.status).toBe(404);
    expect((await de.post(`/coordinator/proposals/${seeded.proposal.id}/approve`, {})).status).toBe(403);
    expect((await stateOf(table, seeded)).proposal).toBe('pending');
  });

  it('lists people waiting, earliest arrival first, then more children, paged through the index', async () => {
    const country = 'TR';
    const made = [
      makeRequest(id('late'), { ...ISTANBUL, arrival: '2027-02-01', createdAt: daysAgo(3) }),
      makeRequest(id('early-few'), {
        ...ISTANBUL,
        arrival: '2027-01-05',
        children: 0,
        createdAt: daysAgo(2),
      }),
      makeRequest(id('early-many'), {
        ...ISTANBUL,
        arrival: '2027-01-05',
        children: 3,
        createdAt: daysAgo(1),
      }),
    ];
    for (const request of made) await putOne(table.db, table.tableName, request);
    const html = await queueHtml(tr, `?country=${country}`);
    const order = made.map((request) => html.indexOf(`/coordinator/requests/${request.id}`));
    expect(order.every((index) => index > 0)).toBe(true);
    expect(order[2]).toBeLessThan(order[1] as number);
    expect(order[1]).toBeLessThan(order[0] as number);
    expect(html).toContain('3 children');
  });

  it('pages a long list with a cursor that only works for its own country', async () => {
    const requests = Array.from({ length: 25 }, (_, i) =>
      makeRequest(id(`p${i}`), { ...ISTANBUL, arrival: `2027-03-${String(i + 1).padStart(2, '0')}` }),
    );
    for (const request of requests) await putOne(table.db, table.tableName, request);
    const first = await queueHtml(tr);
    const more = /href="(\/coordinator\?[^"]*section=waiting[^"]*)"/
      .exec(first)?.[1]
      ?.replaceAll('&amp;', '&');
    expect(more).toBeDefined();
    const second = await queueHtml(tr, (more as string).replace('/coordinator', '').split('#')[0]);
    const last = requests.at(-1) as (typeof requests)[number];
    expect(second).toContain(`/coordinator/requests/${last.id}`);
    expect(second).not.toMatch(/Proposals to decide/);
    const cursor = new URL(`http://x${more}`).searchParams.get('after') as string;
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(cursor, 'base64url').toString()),
        gsi3pk: 'OPEN#REQUEST#DE',
      }),
    ).toString('base64url');
    expect((await tr.get(`/coordinator?country=TR&section=waiting&after=${forged}`)).status).toBe(400);
    // Of the partition, but not a start key DynamoDB takes: refused here, not a 500 from DynamoDB.
    const { pk: _, ...keyless } = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const shapeless = Buffer.from(JSON.stringify(keyless)).toString('base64url');
    expect((await tr.get(`/coordinator?country=TR&section=waiting&after=${shapeless}`)).status).toBe(400);
  });

  it('lists hosts to verify, problems reported and offers going stale', async () => {
    const fresh = makeOffer(id('fresh'), { ...ISTANBUL, confirmedAt: daysAgo(1) });
    const stale = makeOffer(id('stale'), {
      ...ISTANBUL,
      confirmedAt: daysAgo(30),
      availabilityConfirmedAt: daysAgo(20),
    });
    for (const offer of [fresh, stale]) await putOne(table.db, table.tableName, offer);
    const proposalId = id('placed');
    await table.db.send(
      new PutCommand(
        problemPut(table.tableName, {
          proposalId,
          offerId: fresh.id,
          requestId: 'r-problem',
          country: 'TR',
          city: 'İstanbul',
          side: 'seeker',
          reportedAt: daysAgo(2),
        }).Put,
      ),
    );
    const html = await queueHtml(tr);
    const section = (name: string) =>
      html.slice(html.indexOf(`id="${name}"`), html.indexOf('</section>', html.indexOf(`id="${name}"`)));
    expect(section('verify')).toContain(`/coordinator/offers/${fresh.id}`);
    expect(section('verify')).toContain(`/coordinator/offers/${stale.id}`);
    expect(section('stale')).toContain(`/coordinator/offers/${stale.id}`);
    expect(section('stale')).not.toContain(`/coordinator/offers/${fresh.id}`);
    expect(section('problems')).toContain('The guest reports a problem');
    expect(section('problems')).toContain('/coordinator/requests/r-problem');
  });
});

describe('a page of a queue section', () => {
  const vilnius = { country: 'LT', city: 'Vilnius', lat: 54.69, lon: 25.28 };

  it('has a next page only when something follows it, and the next page starts after its last row', async () => {
    const requests = Array.from({ length: 4 }, (_, i) =>
      makeRequest(id(`lt${i}`), { ...vilnius, arrival: `2027-05-0${i + 1}` }),
    );
    await Promise.all(requests.slice(0, 3).map((request) => putOne(table.db, table.tableName, request)));
    const exactly = await waitingRequestsPage(table.deps(), 'LT', undefined, 3);
    expect(exactly.items).toHaveLength(3);
    expect(exactly.next).toBeUndefined();
    await putOne(table.db, table.tableName, requests[3] as (typeof requests)[number]);
    const first = await waitingRequestsPage(table.deps(), 'LT', undefined, 3);
    expect(first.items.map((request) => request.id)).toEqual(
      requests.slice(0, 3).map((request) => request.id),
    );
    const second = await waitingRequestsPage(table.deps(), 'LT', first.next, 3);
    expect(second).toEqual({ items: [expect.objectContaining({ id: requests[3]?.id })], next: undefined });
  });

  it('of hosts to check (read so many offers, keep the unchecked) has a next page only when an offer follows the ones read', async () => {
    const offers = Array.from({ length: 4 }, (_, i) =>
      makeOffer(`lt${i}-${randomUUID().slice(0, 8)}`, {
        ...vilnius,
        confirmedAt: daysAgo(1),
        ...(i === 0
          ? {}
          : { verification: { state: 'verified', by: 'x@haven.test', at: daysAgo(1), method: 'phone' } }),
      }),
    );
    await Promise.all(offers.slice(0, 3).map((offer) => putOne(table.db, table.tableName, offer)));
    const stats = newReadStats();
    const exactly = await unverifiedHostsPage(table.deps(), 'LT', undefined, 3, stats);
    expect(exactly.items.map((offer) => offer.id)).toEqual([offers[0]?.id]);
    expect(exactly.next).toBeUndefined();
    // Three read, then a look for one more after them: there is none.
    expect(stats).toEqual({ queries: 2, items: 3 });
    await putOne(table.db, table.tableName, offers[3] as (typeof offers)[number]);
    const first = await unverifiedHostsPage(table.deps(), 'LT', undefined, 3);
    expect(first.next).toBeDefined();
    expect(await unverifiedHostsPage(table.deps(), 'LT', first.next, 3)).toEqual({
      items: [],
      next: undefined,
    });
  });
});

describe('the queue’s summary', () => {
  const summaryOf = (html: string) => {
    const at = html.indexOf('class="queue-summary"');
    return at < 0 ? undefined : html.slice(at, html.indexOf('</nav>', at));
  };
  const linksOf = (summary: string | undefined) =>
    [...(summary ?? '').matchAll(/<a [^>]*href="(#\w+)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);

  it('says "20" of a section holding exactly 20, with no page after it', async () => {
    const all = await signedInVisitor(app, table, 'all@haven.test');
    const riga = { country: 'LV', city: 'Riga', lat: 56.95, lon: 24.11 };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        putOne(table.db, table.tableName, makeRequest(id(`lv${i}`), { ...riga })),
      ),
    );
    const html = await queueHtml(all, '?country=LV');
    expect(linksOf(summaryOf(html))).toEqual([['#waiting', '20 requests waiting']]);
    expect(html).not.toMatch(/section=waiting/);
  });

  it('counts each section with rows and links to it, leaves empty ones out, and says "20+" of a section that pages on', async () => {
    const all = await signedInVisitor(app, table, 'all@haven.test');
    const nicosia = { country: 'CY', city: 'Nicosia', lat: 35.17, lon: 33.36 };
    const offer = makeOffer(id('cy'), { ...nicosia, confirmedAt: daysAgo(1) });
    await putOne(table.db, table.tableName, offer);
    for (let i = 0; i < 21; i++) {
      await putOne(table.db, table.tableName, makeRequest(id(`cy${i}`), { ...nicosia }));
    }
    const summary = summaryOf(await queueHtml(all, '?country=CY'));
    expect(linksOf(summary)).toEqual([
      ['#waiting', '20+ requests waiting'],
      ['#verify', '1 host to check'],
    ]);
    // In Russian the count's form follows the number; the "+" stays with it.
    const ru = translator('ru');
    const ruSummary = summaryOf(await queueHtml(all, '?country=CY&lang=ru'));
    expect(ruSummary).toContain(ru('coordinator.summary.waiting', { count: 20, shown: '20+' }));
    expect(ruSummary).toContain('20+ запросов ждут жилья');
    // A country with nothing waiting says so once, above its sections.
    expect(summaryOf(await queueHtml(all, '?country=MT'))).toContain(
      'Nothing waits in this queue right now.',
    );
  });

  it('names a section whose first page kept none but has more, and never says nothing waits while one has', async () => {
    const all = await signedInVisitor(app, table, 'all@haven.test');
    const dublin = { country: 'IE', city: 'Dublin', lat: 53.35, lon: -6.26 };
    // Hosts to check read 60 open offers a page: the first 60 (same beds and date, so by id) are checked.
    const checked = Array.from({ length: 60 }, (_, i) =>
      makeOffer(`a${String(i).padStart(2, '0')}-${randomUUID().slice(0, 8)}`, {
        ...dublin,
        confirmedAt: daysAgo(1),
        verification: { state: 'verified', by: 'all@haven.test', at: daysAgo(1), method: 'phone' },
      }),
    );
    const unchecked = makeOffer(id('zz'), { ...dublin, confirmedAt: daysAgo(1) });
    await Promise.all([...checked, unchecked].map((offer) => putOne(table.db, table.tableName, offer)));
    const html = await queueHtml(all, '?country=IE');
    const summary = summaryOf(html);
    expect(summary).not.toContain('Nothing waits');
    expect(linksOf(summary)).toContainEqual(['#verify', 'Hosts to verify: on later pages']);
    const verify = html.slice(
      html.indexOf('id="verify"'),
      html.indexOf('</section>', html.indexOf('id="verify"')),
    );
    expect(verify).not.toContain('Nothing here right now.');
    expect(verify).toContain('None on this page; there are more on the next.');
    // The host waiting to be checked is on the section's next page.
    const more = /href="(\/coordinator\?[^"]*section=verify[^"]*)"/
      .exec(verify)?.[1]
      ?.replaceAll('&amp;', '&');
    expect(more).toBeDefined();
    const next = await queueHtml(all, (more as string).replace('/coordinator', '').split('#')[0]);
    expect(next).toContain(`/coordinator/offers/${unchecked.id}`);
  });

  it('is not shown over a later page of one section, whose counts it would not know', async () => {
    const all = await signedInVisitor(app, table, 'all@haven.test');
    const lisbon = { country: 'PT', city: 'Lisbon', lat: 38.72, lon: -9.14 };
    const requests = Array.from({ length: 21 }, (_, i) =>
      makeRequest(id(`pt${i}`), { ...lisbon, arrival: `2027-04-${String(i + 1).padStart(2, '0')}` }),
    );
    await Promise.all(requests.map((request) => putOne(table.db, table.tableName, request)));
    const first = await queueHtml(all, '?country=PT');
    expect(summaryOf(first)).toBeDefined();
    const more = /href="(\/coordinator\?[^"]*section=waiting[^"]*after=[^"]*)"/
      .exec(first)?.[1]
      ?.replaceAll('&amp;', '&');
    expect(more).toBeDefined();
    const second = await queueHtml(all, (more as string).replace('/coordinator', '').split('#')[0]);
    expect(second).toContain('id="waiting"');
    expect(second).toContain(`/coordinator/requests/${(requests.at(-1) as (typeof requests)[number]).id}`);
    for (const other of ['proposals', 'verify', 'problems', 'unreachable', 'stale']) {
      expect(second).not.toContain(`id="${other}"`);
    }
    expect(summaryOf(second)).toBeUndefined();
  });
});

describe('a problem reported', () => {
  it('is dealt with from its row by a coordinator of its country, audited with their address, and leaves the queue', async () => {
    const seeded = await seedProposal(table);
    const problem = {
      proposalId: seeded.proposal.id,
      offerId: seeded.offer.id,
      requestId: seeded.request.id,
      country: seeded.offer.country,
      city: seeded.offer.city,
      side: 'seeker' as const,
      reportedAt: daysAgo(1),
    };
    for (const write of [
      openProblemPut(table.tableName, seeded.proposal.id, 'seeker'),
      problemPut(table.tableName, problem),
    ])
      await table.db.send(new PutCommand(write.Put));
    const resolve = `/coordinator/problems/${seeded.proposal.id}/seeker/resolve`;
    const html = await queueHtml(de);
    expect(html).toContain(`action="${resolve}?lang=en"`);
    expect(html).toContain('Mark as dealt with');

    expect((await tr.post(resolve, { csrf: csrfIn(await queueHtml(tr)) })).status).toBe(404);
    expect(await openProblemsOf(table.deps(), seeded.proposal.id, 'seeker')).toHaveLength(1);

    const done = await de.post(resolve, { csrf: csrfIn(html) });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toMatch(/^\/coordinator\?country=DE\b.*#problems$/);
    expect(await openProblemsOf(table.deps(), seeded.proposal.id, 'seeker')).toEqual([]);
    expect(await queueHtml(de)).not.toContain(resolve);
    const Items = await auditItemsOf(table, proposalKey(seeded.proposal.id).pk);
    expect(Items.find((item) => item.action === 'placement.problem-resolved')?.actor).toBe(
      'coordinator:de@haven.test',
    );
    // A second press, or a colleague's at the same time, finds nothing left to do.
    expect((await deToo.post(resolve, { csrf: csrfIn(await queueHtml(deToo)) })).status).toBe(303);
  });
});

describe('the country picker', () => {
  it('offers a coordinator of every country their countries by name in their language, none picked yet', async () => {
    const all = await signedInVisitor(app, table, 'all@haven.test');
    for (const [locale, before, after] of [
      ['ru', 'Австралия', 'Андорра'],
      ['tr', 'Almanya', 'Avusturya'],
    ] as const) {
      const html = await queueHtml(all, `?lang=${locale}`);
      const picker = /<select id="country" name="country"([^>]*)>(.*?)<\/select>/s.exec(html);
      expect(picker?.[1]).toContain('required');
      const options = [...(picker?.[2] ?? '').matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)];
      expect(options[0]?.slice(1)).toEqual(['', locale === 'ru' ? 'Выберите…' : 'Seçin…']);
      const names = options.slice(1).map((option) => option[2] as string);
      expect(names).toEqual([...names].sort(new Intl.Collator(locale).compare));
      expect(names.indexOf(before)).toBeGreaterThanOrEqual(0);
      expect(names.indexOf(before)).toBeLessThan(names.indexOf(after));
      expect(html).not.toMatch(/<option value="[A-Z]{2}" selected/);
    }
    // Once a country is shown, it is the picked one, with no empty choice before it.
    const trHtml = await queueHtml(all, '?country=TR');
    expect(trHtml).toContain('<option value="TR" selected="">');
    expect(trHtml).not.toContain('<option value="">');
  });
});
