import { beforeAll, describe, expect, it } from 'vitest';
import { requestKey } from '../../shared/data/keys.ts';
import { Conflict } from '../../shared/domain/errors.ts';
import type { RequestRecord } from '../../shared/domain/records.ts';
import { lifecycleStep } from '../../shared/domain/retention.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink } from '../../shared/intake/service.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { daysFromNow } from '../support/dates.ts';
import { pendingMails } from '../support/outbox.ts';
import { followRedirect } from '../support/redirects.ts';
import { useTestTable } from '../support/table.ts';
import { form, manageLinkFor, readItem, seedProposal, stateOf } from './approval-support.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';

let app: ReturnType<typeof createApp>;

const table = useTestTable();
beforeAll(async () => {
  app = createApp(table.deps());
});

const stored = async (id: string) =>
  (await readItem(table, requestKey(id))) as unknown as RequestRecord & Record<string, unknown>;

/** An open offer and an open request that every rule allows together, nothing proposed yet. */
async function openPair() {
  const suffix = Math.random().toString(36).slice(2, 10);
  const offer = makeOffer(`o-${suffix}`, { availableFrom: daysFromNow(1), availableTo: daysFromNow(90) });
  const request = makeRequest(`r-${suffix}`, { arrival: daysFromNow(5), departure: daysFromNow(30) });
  await putOne(table.db, table.tableName, offer);
  await putOne(table.db, table.tableName, request);
  return { offer, request };
}

describe('a seeker pausing a request', () => {
  it('takes it out of the pool: the matcher skips it, around the offer and by its own id', async () => {
    const { offer, request } = await openPair();
    const outcome = await actOnLink(table.deps(), await manageLinkFor(table, request), 'pause');
    expect(outcome.done).toBe('paused');
    const paused = await stored(request.id);
    expect(paused).toMatchObject({ status: 'paused', version: request.version + 1 });
    // Its pause horizon begins with the pause.
    expect(paused.pausedAt).toBe(paused.updatedAt);
    for (const key of ['gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk']) expect(paused).not.toHaveProperty(key);

    const matcher = createMatchingService(table.deps());
    expect((await matcher.matchBatch([request.id], [offer.id])).proposed).toBe(0);
    expect((await matcher.matchRequestIds([request.id])).proposed).toBe(0);
    expect((await stored(request.id)).status).toBe('paused');
  });

  it('resumes into the pool, and the matcher proposes it again', async () => {
    const { offer, request } = await openPair();
    const link = await manageLinkFor(table, request);
    await actOnLink(table.deps(), link, 'pause');
    expect((await stored(request.id)).pausedAt).toBeDefined();
    const outcome = await actOnLink(table.deps(), link, 'resume');
    expect(outcome.done).toBe('resumed');
    const resumed = await stored(request.id);
    expect(resumed).toMatchObject({ status: 'open', version: request.version + 2 });
    expect(resumed.gsi1pk).toBeDefined();
    expect(resumed.availabilityConfirmedAt).toBeDefined();
    expect(resumed.pausedAt).toBeUndefined();
    const report = await createMatchingService(table.deps()).matchBatch([request.id], [offer.id]);
    expect(report.proposed).toBe(1);
    expect((await stored(request.id)).status).toBe('proposed');
  });

  it('cancels a proposal waiting for a coordinator, telling them the seeker paused', async () => {
    const seeded = await seedProposal(table, {
      offer: { availableFrom: daysFromNow(1), availableTo: daysFromNow(120), beds: 4 },
      request: { arrival: daysFromNow(5), departure: daysFromNow(40) },
    });
    await actOnLink(table.deps(), await manageLinkFor(table, seeded.request), 'pause');
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'cancelled',
      request: 'paused',
      hold: 'released',
    });
    const notices = (await pendingMails(table)).filter(
      (mail) => mail.template.startsWith('proposal-') && mail.text.includes(seeded.request.name),
    );
    expect(notices.map((mail) => mail.template)).toEqual(['proposal-request-paused']);
    expect(notices[0]?.text).toContain('the seeker paused the request');
  });

  it('cannot pause twice nor resume an open request: the state says no, nothing changes', async () => {
    const { request } = await openPair();
    const link = await manageLinkFor(table, request);
    await expect(actOnLink(table.deps(), link, 'resume')).rejects.toThrow(Conflict);
    await actOnLink(table.deps(), link, 'pause');
    await expect(actOnLink(table.deps(), link, 'pause')).rejects.toThrow(Conflict);
    expect((await stored(request.id)).version).toBe(request.version + 1);
  });

  it('still ends with its departure date, like an open request', () => {
    const request = makeRequest('r-ends', {
      status: 'paused',
      departure: '2030-01-10',
      updatedAt: '2030-01-01T00:00:00.000Z',
    });
    expect(lifecycleStep(request, new Date('2030-01-11T00:00:01Z'), 90)).toEqual({ kind: 'expire' });
    expect(lifecycleStep(request, new Date('2030-01-09T00:00:00Z'), 90)).toMatchObject({ kind: 'wait' });
  });

  it('through the manage page in Russian: Pause, then Resume, each answered by a redirect to the page saying so', async () => {
    const { request } = await openPair();
    const link = await manageLinkFor(table, request);
    const page = await (await app.request(`/manage/${link}?lang=ru`)).text();
    expect(page).toContain('Приостановить запрос');
    const paused = await app.request(`/manage/${link}?lang=ru`, form({ action: 'pause' }));
    expect(paused.headers.get('location')).toBe(`/manage/${link}?done=paused&lang=ru`);
    const after = await (await followRedirect(app, paused)).text();
    expect(after).toContain('Ваш запрос приостановлен.');
    expect(after).toContain('Возобновить запрос');
    expect(after).not.toContain('value="pause"');
    const resumed = await app.request(`/manage/${link}?lang=tr`, form({ action: 'resume' }));
    const again = await (await followRedirect(app, resumed)).text();
    expect(again).toContain('Talebiniz yeniden açık');
    expect((await stored(request.id)).status).toBe('open');
  });
});
