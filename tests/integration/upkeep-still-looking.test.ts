import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { availabilityCheckKey, requestKey } from '../../shared/data/keys.ts';
import { proposalsOfRequest } from '../../shared/data/proposals.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink, submitRequest } from '../../shared/intake/service.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { ASK_EVERY_MS, runAvailabilityChecks } from '../../shared/upkeep/availability.ts';
import { daysFromNow } from '../support/dates.ts';
import { pendingMails } from '../support/outbox.ts';
import { followRedirect } from '../support/redirects.ts';
import { useTestTable } from '../support/table.ts';
import { form, questionOf, readItem } from './approval-support.ts';
import { ASKED, at, UNANSWERED } from './availability-clock.ts';
import { lastMailTo, linksIn, requestInput } from './intake-support.ts';
import { makeOffer, putOne } from './matching-support.ts';

const table = useTestTable();

const sweep = (ms: number) => runAvailabilityChecks(table.deps({ now: at(ms) }));

/** A request whose seeker confirmed the address now, with its departure far enough away to be asked. */
async function openRequest(overrides: Record<string, unknown> = {}) {
  const input = requestInput({ departure: undefined, ...overrides });
  const { id } = await submitRequest(table.deps(), input, {
    locale: 'uk',
    sourceIp: '192.0.2.90',
    via: 'api',
  });
  await actOnLink(table.deps(), linksIn((await lastMailTo(table, input.email)).text).confirm, 'confirm');
  const { manage } = linksIn((await lastMailTo(table, input.email)).text);
  return { id, email: input.email, input, manage };
}

const questionTo = (email: string) => questionOf(table, 'still-looking', email);

const requestNow = (id: string) => readItem(table, requestKey(id));

describe('“still looking?”', () => {
  it('confirming a request schedules the question; two weeks later the seeker is asked in their language', async () => {
    const { id, email } = await openRequest();
    expect(await readItem(table, availabilityCheckKey(id, 'request'))).toMatchObject({
      recordKind: 'request',
      phase: 'idle',
    });
    await sweep(ASK_EVERY_MS - 60_000);
    expect((await questionTo(email)).count).toBe(0);

    await sweep(ASKED);
    const question = await questionTo(email);
    expect(question.count).toBe(1);
    expect(question.mail?.subject).toBe('Haven: ви досі шукаєте житло?');
    expect(question.yes).toBeDefined();
    expect(question.no).toBeDefined();
  });

  it('yes shows one button on GET, and on its POST keeps the request open and asks again two weeks later', async () => {
    const { id, email } = await openRequest();
    await sweep(ASKED);
    const { yes, no } = await questionTo(email);
    const app = createApp(table.deps({ now: at(ASKED + 60_000) }));

    const page = await (await app.request(`/availability/yes/${yes}?lang=en`)).text();
    expect(page).toContain('Are you still looking for a place?');
    expect(page.match(/<button/g)).toHaveLength(1);
    expect((await requestNow(id))?.availabilityConfirmedAt).toBeUndefined();

    const done = await app.request(`/availability/yes/${yes}?lang=en`, form({ answer: 'yes' }));
    expect(await (await followRedirect(app, done)).text()).toContain('Your request stays open');
    expect(await requestNow(id)).toMatchObject({ status: 'open' });
    expect((await requestNow(id))?.availabilityConfirmedAt).toBeDefined();
    // Both links of the mail are spent by the one answer.
    expect((await app.request(`/availability/no/${no}?lang=en`)).status).toBe(410);

    await sweep(UNANSWERED);
    expect(await requestNow(id)).toMatchObject({ status: 'open' });
  });

  it('without an answer within a week the request expires and leaves the pool', async () => {
    const { id, email } = await openRequest();
    await sweep(ASKED);
    expect((await questionTo(email)).count).toBe(1);

    await sweep(UNANSWERED);
    const request = await requestNow(id);
    expect(request).toMatchObject({ status: 'expired', endedAt: at(UNANSWERED)().toISOString() });
    expect(request).not.toHaveProperty('gsi1pk');
    expect(await readItem(table, availabilityCheckKey(id, 'request'))).toBeUndefined();
  });

  it('a question left unanswered expires the request even while a proposal waits: the proposal is cancelled, its coordinators told why', async () => {
    const { id, email } = await openRequest({ arrival: daysFromNow(40) });
    await sweep(ASKED);
    expect((await questionTo(email)).count).toBe(1);
    const offer = makeOffer(`o-${randomUUID().slice(0, 8)}`, {
      country: 'TR',
      city: 'Istanbul',
      lat: 41.01,
      lon: 28.97,
      availableFrom: daysFromNow(30),
      availableTo: daysFromNow(200),
    });
    await putOne(table.db, table.tableName, offer);
    const proposing = createMatchingService(table.deps({ now: at(ASKED + 3_600_000) }));
    expect(await proposing.writeProposal(offer.id, id, newReadStats(), { retries: 0 })).toBe('proposed');
    expect(await requestNow(id)).toMatchObject({ status: 'proposed' });

    await sweep(UNANSWERED);
    expect(await requestNow(id)).toMatchObject({ status: 'expired' });
    expect(await readItem(table, availabilityCheckKey(id, 'request'))).toBeUndefined();
    const [proposal] = await proposalsOfRequest(table.deps(), id);
    expect(proposal?.status).toBe('cancelled');
    const told = (await pendingMails(table)).filter(
      (mail) => mail.template === 'proposal-request-unanswered' && mail.text.includes(offer.name),
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('the seeker did not answer “still looking?” within a week');
  });

  it('a seeker who changes the request on its manage page in the week after the question has answered it', async () => {
    const { id, manage } = await openRequest();
    await sweep(ASKED);
    await actOnLink(table.deps({ now: at(ASKED + 3_600_000) }), manage, 'edit', { adults: 2 });
    await sweep(UNANSWERED);
    expect(await requestNow(id)).toMatchObject({ status: 'open', adults: 2 });
  });

  it('a seeker who sends the request again and confirms it in the week after the question has answered it', async () => {
    // Arriving after the question, so the same request sent again then is still valid.
    const { id, email, input } = await openRequest({ arrival: daysFromNow(40) });
    await sweep(ASKED);
    const meta = { locale: 'uk' as const, sourceIp: '192.0.2.90', via: 'api' as const };
    await submitRequest(table.deps({ now: at(ASKED + 3_600_000) }), { ...input, adults: 3 }, meta);
    const { confirm } = linksIn((await lastMailTo(table, email)).text);
    await actOnLink(table.deps({ now: at(ASKED + 7_200_000) }), confirm, 'confirm');
    await sweep(UNANSWERED);
    expect(await requestNow(id)).toMatchObject({ status: 'open', adults: 3 });
  });

  it('no longer withdraws the request', async () => {
    const { id, email } = await openRequest();
    await sweep(ASKED);
    const { no } = await questionTo(email);
    const app = createApp(table.deps({ now: at(ASKED + 60_000) }));

    const done = await app.request(`/availability/no/${no}?lang=en`, form({ answer: 'no' }));
    expect(await (await followRedirect(app, done)).text()).toContain('Your request is withdrawn');
    expect(await requestNow(id)).toMatchObject({ status: 'withdrawn' });
  });
});
