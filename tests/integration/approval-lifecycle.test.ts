import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { expireOverdue } from '../../shared/approval/expire.ts';
import { proposalKey, requestKey } from '../../shared/data/keys.ts';
import { lifecyclePut } from '../../shared/data/lifecycle.ts';
import { Conflict } from '../../shared/domain/errors.ts';
import type { OfferRecord } from '../../shared/domain/records.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink } from '../../shared/intake/service.ts';
import { createMatcher } from '../../shared/matching/matcher.ts';
import { runLifecycle } from '../../shared/upkeep/lifecycle.ts';
import { actOnRecord } from '../../shared/workspace/records.ts';
import { errorLog } from '../support/kept-log.ts';
import { useTestTable } from '../support/table.ts';
import {
  form,
  manageLinkFor,
  proposalMailsAbout,
  readItem,
  type SeededProposal,
  seedProposal,
  stateOf,
  UNDECIDED,
} from './approval-support.ts';

let app: ReturnType<typeof createApp>;

const table = useTestTable();
beforeAll(async () => {
  app = createApp(table.deps());
});

const afterDue =
  (seeded: SeededProposal, ms = 1000) =>
  () =>
    new Date(Date.parse(seeded.proposal.decisionDueAt) + ms);

describe('expiry', () => {
  it('expires an overdue proposal: beds released, request back in the pool, coordinators told', async () => {
    const seeded = await seedProposal(table);
    const report = await expireOverdue(table.deps({ now: afterDue(seeded) }));
    expect(report.expired).toBeGreaterThanOrEqual(1);
    expect(report.failed).toBe(0);
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'expired',
      request: 'open',
      requestVersion: seeded.request.version + 1,
      hold: 'released',
      placementMails: 0,
    });
    expect((await readItem(table, proposalKey(seeded.proposal.id)))?.gsi3pk).toBeUndefined();
    const [notice] = await proposalMailsAbout(table, seeded);
    expect(notice?.template).toBe('proposal-expired');
    expect(notice?.to).toEqual(['coordinator@haven.test']);
    expect(notice?.text).toContain('nobody decided by');
  });

  it('leaves proposals that are not yet due alone', async () => {
    const seeded = await seedProposal(table);
    await expireOverdue(
      table.deps({ now: () => new Date(Date.parse(seeded.proposal.decisionDueAt) - 60_000) }),
    );
    expect(await stateOf(table, seeded)).toMatchObject(UNDECIDED);
  });

  it('runs in the matcher’s sweep, which then proposes the freed request again', async () => {
    const seeded = await seedProposal(table);
    const matcher = createMatcher(table.deps({ now: afterDue(seeded) }));
    await matcher({ source: 'haven.schedule', task: 'sweep' });
    expect((await readItem(table, proposalKey(seeded.proposal.id)))?.status).toBe('expired');
    const request = await readItem(table, requestKey(seeded.request.id));
    expect(request?.status).toBe('proposed');
    expect(request?.version).toBe(seeded.request.version + 2);
  });

  it('turns the links of an overdue proposal into the neutral page before and after the sweep', async () => {
    const seeded = await seedProposal(table);
    const later = createApp(table.deps({ now: afterDue(seeded) }));
    const before = await later.request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(before.status).toBe(410);
    await expireOverdue(table.deps({ now: afterDue(seeded) }));
    const after = await later.request(
      `/proposals/decline/${seeded.declineToken}`,
      form({ decision: 'decline' }),
    );
    expect(after.status).toBe(410);
    expect(await after.text()).toBe(await before.text());
  });
});

describe('withdrawal', () => {
  it('a seeker withdrawing cancels the pending proposal in the same transaction and tells the coordinator', async () => {
    const seeded = await seedProposal(table);
    const outcome = await actOnLink(table.deps(), await manageLinkFor(table, seeded.request), 'withdraw');
    expect(outcome.done).toBe('withdrawn');
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'cancelled',
      request: 'withdrawn',
      hold: 'released',
    });
    const [notice] = await proposalMailsAbout(table, seeded);
    expect(notice?.template).toBe('proposal-request-withdrawn');
    expect(notice?.text).toContain('the seeker withdrew the request');

    const page = await app.request(`/proposals/approve/${seeded.approveToken}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('It was cancelled');
    const post = await app.request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(post.status).toBe(409);
    expect(await stateOf(table, seeded)).toMatchObject({
      proposal: 'cancelled',
      request: 'withdrawn',
      placementMails: 0,
    });
  });

  it('a seeker withdrawing still withdraws when the operator has since listed nobody for the country, and the log raises it', async () => {
    const seeded = await seedProposal(table);
    const { log, errors } = errorLog();
    const unlisted = table.deps({
      log,
      config: { ...table.config, COORDINATORS: { QN: ['qn@haven.test'] } },
    });
    const outcome = await actOnLink(unlisted, await manageLinkFor(table, seeded.request), 'withdraw');
    expect(outcome.done).toBe('withdrawn');
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'cancelled', request: 'withdrawn' });
    // Nobody to mail: no void mail, and the operator hears of it.
    expect(await proposalMailsAbout(table, seeded)).toEqual([]);
    expect(errors).toContainEqual({
      event: 'coordinators.none_listed',
      fields: { country: seeded.offer.country },
    });
  });

  it('a host withdrawing cancels pending proposals, returns their requests to the pool and keeps placements', async () => {
    const placed = await seedProposal(table, {
      offer: { multipleParties: true, beds: 6 },
      request: { adults: 1, children: 0 },
    });
    const pending = await seedProposal(table, {
      offer: { multipleParties: true, beds: 6, id: placed.offer.id },
      request: { adults: 2, children: 0 },
    });
    expect(pending.offer.id).toBe(placed.offer.id);
    expect(
      (await app.request(`/proposals/approve/${placed.approveToken}`, form({ decision: 'approve' }))).status,
    ).toBe(303);
    const host = (await readItem(table, {
      pk: `OFFER#${placed.offer.id}`,
      sk: 'OFFER',
    })) as unknown as OfferRecord;

    await actOnLink(table.deps(), await manageLinkFor(table, host), 'withdraw');

    expect(await stateOf(table, placed)).toMatchObject({
      proposal: 'approved',
      request: 'placed',
      hold: 'placed',
    });
    expect(await stateOf(table, pending)).toMatchObject({
      proposal: 'cancelled',
      request: 'open',
      requestVersion: pending.request.version + 1,
      hold: 'released',
    });
    const [notice] = await proposalMailsAbout(table, pending);
    expect(notice?.template).toBe('proposal-offer-withdrawn');
    expect(await proposalMailsAbout(table, placed)).toHaveLength(0);
  });

  it('a withdrawal racing an approval: exactly one of them takes effect', async () => {
    for (let round = 0; round < 4; round++) {
      const seeded = await seedProposal(table);
      const manage = await manageLinkFor(table, seeded.request);
      const [withdrawal, approval] = await Promise.allSettled([
        actOnLink(table.deps(), manage, 'withdraw'),
        app.request(`/proposals/approve/${seeded.approveToken}`, form({ decision: 'approve' })),
      ]);
      const state = await stateOf(table, seeded);
      if (withdrawal.status === 'fulfilled') {
        expect(state).toMatchObject({
          proposal: 'cancelled',
          request: 'withdrawn',
          hold: 'released',
          placementMails: 0,
        });
        expect(approval.status === 'fulfilled' && approval.value.status).toBe(409);
      } else {
        expect(withdrawal.reason).toBeInstanceOf(Conflict);
        expect(approval.status === 'fulfilled' && approval.value.status).toBe(303);
        expect(state).toMatchObject({
          proposal: 'approved',
          request: 'placed',
          hold: 'placed',
          placementMails: 2,
        });
      }
    }
  });
});

describe('an offer or request ended by someone other than its owner: the coordinators told who', () => {
  const scope = { email: 'coordinator@haven.test', countries: '*' } as const;

  it('a coordinator closing the offer voids its pending proposal as closed by a coordinator, not withdrawn by the host', async () => {
    const seeded = await seedProposal(table);
    await actOnRecord(table.deps(), scope, 'offer', seeded.offer.id, 'close');
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'cancelled', request: 'open' });
    const [notice] = await proposalMailsAbout(table, seeded);
    expect(notice?.template).toBe('proposal-offer-closed');
    expect(notice?.text).toContain('a coordinator closed the offer.');
    expect(notice?.text).not.toContain('withdrew');
  });

  it('a coordinator closing the request voids its pending proposal as closed by a coordinator', async () => {
    const seeded = await seedProposal(table);
    await actOnRecord(table.deps(), scope, 'request', seeded.request.id, 'close');
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'cancelled', request: 'withdrawn' });
    const [notice] = await proposalMailsAbout(table, seeded);
    expect(notice?.template).toBe('proposal-request-closed');
    expect(notice?.text).toContain('a coordinator closed the request.');
  });

  it('the offer closing after its last night voids a proposal still pending as ended, in the host’s language too', async () => {
    const seeded = await seedProposal(table, { offer: { locale: 'ru' } });
    const lastNight = Date.parse(`${seeded.offer.availableTo}T00:00:00Z`);
    const closesAt = new Date(lastNight + 86_400_000);
    await table.db.send(
      new PutCommand(lifecyclePut(table.tableName, 'offer', seeded.offer.id, closesAt).Put),
    );
    await runLifecycle(table.deps({ now: () => new Date(closesAt.getTime() + 60_000) }));
    expect(await stateOf(table, seeded)).toMatchObject({ proposal: 'cancelled', request: 'open' });
    const [notice] = await proposalMailsAbout(table, seeded);
    expect(notice?.template).toBe('proposal-offer-ended');
    expect(notice?.text).toContain('the offer’s last available night has passed, so it is closed.');
    expect(notice?.text).toContain('последняя свободная ночь прошла, и предложение жилья закрыто.');
    expect(notice?.text).not.toContain('withdrew');
  });
});
