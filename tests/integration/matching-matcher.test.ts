import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideAsCoordinator } from '../../shared/approval/service.ts';
import {
  heldBedsOf,
  heldEntryOf,
  holdDelete,
  holdItemSchema,
  holdPut,
  offerVersionBump,
} from '../../shared/data/holds.ts';
import { offerItem, requestItem } from '../../shared/data/items.ts';
import { outboxKey, requestKey } from '../../shared/data/keys.ts';
import { outboxItemOf, outboxPuts } from '../../shared/data/outbox.ts';
import { declinedPut, proposalItem } from '../../shared/data/proposals.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { suppressAddress } from '../../shared/data/suppressions.ts';
import { transact } from '../../shared/data/transact.ts';
import type { Deps } from '../../shared/deps.ts';
import { dayOf, overlaps, peakHeld } from '../../shared/domain/matching/nights.ts';
import { checkPair, partySize } from '../../shared/domain/matching/rules.ts';
import { scorePair } from '../../shared/domain/matching/score.ts';
import {
  type OfferRecord,
  offerRecordSchema,
  proposalRecordSchema,
  type RequestRecord,
  requestRecordSchema,
} from '../../shared/domain/records.ts';
import type { Logger } from '../../shared/log.ts';
import { createMailer, DeliveryFailed, defaultMailerOptions, mailAtOnce } from '../../shared/mail/mailer.ts';
import { directoryTransport, type MailTransport } from '../../shared/mail/transports.ts';
import { topCandidates } from '../../shared/matching/candidates.ts';
import {
  createMatcher,
  createMatchingService,
  defaultMatcherOptions,
  triggersOf,
} from '../../shared/matching/matcher.ts';
import { daysFromNow } from '../support/dates.ts';
import { gatedClient, pkOf, racingClient, racingWriters, watchedClient } from '../support/race.ts';
import { eventually } from '../support/streams.ts';
import { everyItem, testClient, useTestTable } from '../support/table.ts';
import { idsFrom, offerArbitrary, requestArbitrary } from '../unit/matching-arbitraries.ts';
import {
  FUTURE_YEAR,
  futureDate,
  LEIPZIG,
  makeOffer,
  makeRequest,
  POTSDAM,
  proposalsIn,
  proposalsOf,
  putAll,
  putOne,
  streamEvent,
} from './matching-support.ts';

const warnings: string[] = [];
const quiet: Logger = {
  info: () => {},
  warn: (event) => warnings.push(event),
  error: (event) => warnings.push(event),
};
const deps = (overrides: Partial<Deps> = {}) => table.deps({ log: quiet, ...overrides });

const table = useTestTable();

const prefix = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 8)}`;

describe('matcher on a stream batch', () => {
  it('matches someone still waiting after their arrival day as arriving today, from either side', async () => {
    const id = prefix('waiting');
    const longAgo = { arrival: daysFromNow(-5), departure: undefined };
    const byOffer = makeRequest(`${id}-r-qo`, { country: 'QO', ...longAgo });
    const newOffer = makeOffer(`${id}-o-qo`, {
      country: 'QO',
      availableFrom: daysFromNow(0),
      availableTo: daysFromNow(60),
    });
    const byRequest = makeRequest(`${id}-r-qp`, { country: 'QP', ...longAgo });
    const openOffer = makeOffer(`${id}-o-qp`, {
      country: 'QP',
      availableFrom: daysFromNow(0),
      availableTo: daysFromNow(60),
    });
    await putAll(table.db, table.tableName, [byOffer, newOffer, byRequest, openOffer]);
    const matcher = createMatcher(deps());
    const result = await matcher(
      streamEvent([{ newItem: offerItem(newOffer) }, { newItem: requestItem(byRequest) }]),
    );
    expect(result.batchItemFailures).toEqual([]);

    const proposals = await proposalsOf(table, id);
    expect(
      proposals.map(({ requestId, offerId, nightsFrom }) => ({ requestId, offerId, nightsFrom })),
    ).toEqual(
      expect.arrayContaining([
        { requestId: byOffer.id, offerId: newOffer.id, nightsFrom: daysFromNow(0) },
        { requestId: byRequest.id, offerId: openOffer.id, nightsFrom: daysFromNow(0) },
      ]),
    );
    expect(proposals).toHaveLength(2);
  });

  it('proposes someone after their arrival day from today, and keeps the arrival they gave in their record, declined or not', async () => {
    const id = prefix('gave');
    const request = makeRequest(`${id}-r`, {
      country: 'QQ',
      arrival: daysFromNow(-5),
      departure: daysFromNow(30),
    });
    const offer = makeOffer(`${id}-o`, {
      country: 'QQ',
      availableFrom: daysFromNow(0),
      availableTo: daysFromNow(60),
    });
    await putAll(table.db, table.tableName, [request, offer]);
    const stored = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: requestKey(request.id) }),
    );

    const result = await createMatcher(deps())(streamEvent([{ newItem: requestItem(request) }]));
    expect(result.batchItemFailures).toEqual([]);

    const proposal = proposalRecordSchema.parse(
      (await everyItem(table)).find((item) => item.kind === 'proposal' && item.requestId === request.id),
    );
    expect(proposal.nightsFrom).toBe(daysFromNow(0));
    const proposed = await getRequest(deps(), request.id);
    expect(proposed).toMatchObject({
      status: 'proposed',
      arrival: daysFromNow(-5),
      departure: daysFromNow(30),
    });
    // The index a second request from the same address is found by (same email, overlapping dates).
    const { Item: proposedItem } = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: requestKey(request.id) }),
    );
    expect(proposedItem?.gsi2sk).toBe(stored.Item?.gsi2sk);

    await expect(
      decideAsCoordinator(deps(), 'decline', proposal.id, 'qq@example.org'),
    ).resolves.toMatchObject({
      state: 'done',
    });
    expect(await getRequest(deps(), request.id)).toMatchObject({ status: 'open', arrival: daysFromNow(-5) });
  });

  it('proposes nothing in a country no coordinator is listed for: its people wait, open', async () => {
    const id = prefix('unlisted');
    const listed = { ...table.config, COORDINATORS: { QN: ['qn@example.org'] } };
    const unseenOffer = makeOffer(`${id}-o-qm`, { country: 'QM' });
    const unseenRequest = makeRequest(`${id}-r-qm`, { country: 'QM' });
    const seenOffer = makeOffer(`${id}-o-qn`, { country: 'QN' });
    const seenRequest = makeRequest(`${id}-r-qn`, { country: 'QN' });
    await putAll(table.db, table.tableName, [unseenOffer, unseenRequest, seenOffer, seenRequest]);
    const matcher = createMatcher(deps({ config: listed }));
    const result = await matcher(
      streamEvent([{ newItem: requestItem(unseenRequest) }, { newItem: requestItem(seenRequest) }]),
    );
    expect(result.batchItemFailures).toEqual([]);

    const proposals = (await everyItem(table)).filter((item) => item.kind === 'proposal');
    expect(proposals.filter((item) => item.requestId === unseenRequest.id)).toEqual([]);
    expect(proposals.filter((item) => item.requestId === seenRequest.id)).toHaveLength(1);
  });

  it('proposes the best open offer in one transaction: proposal, hold, offer version, request, audit and mail', async () => {
    const id = prefix('one');
    const far = makeOffer(`${id}-o-far`, { ...POTSDAM, country: 'XA', beds: 3 });
    const best = makeOffer(`${id}-o-best`, { country: 'XA', beds: 3 });
    const big = makeOffer(`${id}-o-big`, { country: 'XA', beds: 8 });
    const request = makeRequest(`${id}-r`, { country: 'XA' });
    await putAll(table.db, table.tableName, [far, best, big, request]);
    const matcher = createMatcher(deps());
    const result = await matcher(streamEvent([{ newItem: requestItem(request) }]));
    expect(result.batchItemFailures).toEqual([]);

    const items = await everyItem(table);
    const proposals = items.filter((item) => item.kind === 'proposal' && item.requestId === request.id);
    expect(proposals).toHaveLength(1);
    const proposal = proposalRecordSchema.parse(proposals[0]);
    expect(proposal).toMatchObject({
      offerId: best.id,
      status: 'pending',
      partySize: 3,
      nightsFrom: futureDate('03-10'),
      nightsTo: futureDate('05-10'),
    });
    expect(proposal.score).toBeCloseTo(1, 6);
    expect(Date.parse(proposal.decisionDueAt) - Date.parse(proposal.createdAt)).toBe(72 * 3_600_000);
    expect(
      items.find((item) => item.pk === `OFFER#${best.id}` && item.sk === `HOLD#${proposal.id}`),
    ).toMatchObject({ beds: 3 });
    expect(
      offerRecordSchema.parse(items.find((item) => item.pk === `OFFER#${best.id}` && item.sk === 'OFFER'))
        .version,
    ).toBe(2);
    const stored = items.find(
      (item) => item.pk === `REQUEST#${request.id}` && item.sk === 'REQUEST',
    ) as Record<string, unknown>;
    expect(requestRecordSchema.parse(stored).status).toBe('proposed');
    expect(stored.gsi1pk).toBeUndefined();
    const mail = items
      .filter((item) => item.kind === 'outbox')
      .map(outboxItemOf)
      .find((item) => String(item.text).includes(request.name));
    expect(mail).toMatchObject({ template: 'proposal', to: ['coordinator@haven.test'], status: 'pending' });
    expect(
      items.filter((item) => item.kind === 'audit' && String(item.pk).includes(proposal.id)),
    ).toHaveLength(1);
  });

  it('never proposes a pair that was declined, and takes the next best instead', async () => {
    const id = prefix('declined');
    const best = makeOffer(`${id}-o-best`, { country: 'XB', beds: 3 });
    const other = makeOffer(`${id}-o-other`, { country: 'XB', beds: 5 });
    const request = makeRequest(`${id}-r`, { country: 'XB' });
    await putAll(table.db, table.tableName, [best, other, request]);
    await table.db.send(new PutCommand(declinedPut(table.tableName, request.id, best.id, new Date()).Put));
    const report = await createMatchingService(deps()).matchRequestIds([request.id]);
    expect(report.proposed).toBe(1);
    const proposals = (await everyItem(table)).filter(
      (item) => item.kind === 'proposal' && item.requestId === request.id,
    );
    expect(proposals.map((p) => p.offerId)).toEqual([other.id]);
  });

  it('reads each pool cell of requests once for a batch of its new offers, never the country’s, and proposes what each offer reaches', async () => {
    const id = prefix('offers-once');
    const spring = makeOffer(`${id}-o-spring`, { country: 'XK' });
    const autumn = makeOffer(`${id}-o-autumn`, {
      country: 'XK',
      availableFrom: futureDate('10-01'),
      availableTo: futureDate('11-30'),
    });
    const potsdam = makeOffer(`${id}-o-potsdam`, { ...POTSDAM, country: 'XK' });
    const inSpring = makeRequest(`${id}-r-spring`, { country: 'XK' });
    const inAutumn = makeRequest(`${id}-r-autumn`, {
      country: 'XK',
      arrival: futureDate('10-05'),
      departure: futureDate('11-05'),
    });
    const nearPotsdam = makeRequest(`${id}-r-potsdam`, { ...POTSDAM, country: 'XK', maxDistanceKm: 5 });
    // Arrives after every offer has ended: none reaches it.
    const tooLate = makeRequest(`${id}-r-late`, {
      country: 'XK',
      arrival: futureDate('12-10'),
      departure: futureDate('12-20'),
    });
    await putAll(table.db, table.tableName, [
      spring,
      autumn,
      potsdam,
      inSpring,
      inAutumn,
      nearPotsdam,
      tooLate,
    ]);
    let countryReads = 0;
    const cellReads: string[] = [];
    const db = watchedClient(table, (command, input) => {
      const text = JSON.stringify(input);
      if (command === 'QueryCommand' && text.includes('OPEN#REQUEST#XK')) countryReads++;
      const pk = (input.ExpressionAttributeValues as Record<string, unknown> | undefined)?.[':pk'];
      if (command === 'QueryCommand' && String(pk).startsWith('POOL#REQUEST#XK#')) cellReads.push(String(pk));
      return undefined;
    });

    const result = await createMatcher(deps({ db }))(
      streamEvent([spring, autumn, potsdam].map((offer) => ({ newItem: offerItem(offer) }))),
    );

    expect(result.batchItemFailures).toEqual([]);
    expect(countryReads).toBe(0);
    // Berlin's and Potsdam's cells, WIDE and ANY: each once for the three offers.
    expect(cellReads).toContain('POOL#REQUEST#XK#ANY');
    expect(cellReads).toContain('POOL#REQUEST#XK#WIDE');
    expect(new Set(cellReads).size).toBe(cellReads.length);
    const proposals = await proposalsOf(table, id);
    expect(proposals.map((p) => `${p.requestId} ${p.offerId}`).sort()).toEqual(
      [
        `${inAutumn.id} ${autumn.id}`,
        `${inSpring.id} ${spring.id}`,
        `${nearPotsdam.id} ${potsdam.id}`,
      ].sort(),
    );
  });

  it('reads the request again beside the offer and its holds before writing a proposal, not after them', async () => {
    const id = prefix('reread');
    const offer = makeOffer(`${id}-o`, { country: 'XG' });
    const request = makeRequest(`${id}-r`, { country: 'XG' });
    await putAll(table.db, table.tableName, [offer, request]);
    const reading = new Set<string>();
    let overlapped = false;
    const db = watchedClient(table, (command, input) => {
      if (command !== 'GetItemCommand' && command !== 'QueryCommand') return undefined;
      const read = JSON.stringify(input);
      reading.add(read);
      if (reading.size > 1) overlapped = true;
      return () => reading.delete(read);
    });

    const outcome = await createMatchingService(deps({ db })).writeProposal(
      offer.id,
      request.id,
      newReadStats(),
      { retries: 0 },
    );

    expect(outcome).toBe('proposed');
    expect(overlapped).toBe(true);
  });

  it('reads the declined pairs of the requests it chooses only, and still never proposes one', async () => {
    const id = prefix('lazy-declined');
    const offer = makeOffer(`${id}-o`, { country: 'XF', beds: 3 });
    // The family of three places the most people, but was declined with the offer before.
    const family = makeRequest(`${id}-r-family`, { country: 'XF', adults: 3, children: 0 });
    const singles = Array.from({ length: 24 }, (_, i) =>
      makeRequest(`${id}-r-${i}`, { country: 'XF', adults: 1, children: 0 }),
    );
    await putAll(table.db, table.tableName, [offer, family, ...singles]);
    await table.db.send(new PutCommand(declinedPut(table.tableName, family.id, offer.id, new Date()).Put));

    let declinedReads = 0;
    const db = watchedClient(table, (command, input) => {
      if (command === 'QueryCommand' && ':declined' in (input.ExpressionAttributeValues as object))
        declinedReads++;
      return undefined;
    });

    const report = await createMatchingService(deps({ db })).matchRequestIds(
      [family, ...singles].map((r) => r.id),
    );

    expect(report.proposed).toBe(1);
    const [proposal] = (await everyItem(table)).filter(
      (item) => item.kind === 'proposal' && item.offerId === offer.id,
    );
    expect(singles.map((r) => r.id)).toContain(proposal?.requestId);
    // The family's, then the single's the solver chose instead: not one for each of the 25.
    expect(declinedReads).toBe(2);
  });

  it('dates a batch by its oldest write that set updatedAt, not by a version bump that kept an old record’s', () => {
    const old = makeOffer(prefix('behind-old'), { updatedAt: '2026-11-01T10:00:00.000Z' });
    const bumped = { ...offerItem(old), version: old.version + 1 };
    const confirmed = makeRequest(prefix('behind-new'), { updatedAt: '2026-12-01T10:00:05.000Z' });
    const edited = makeRequest(prefix('behind-edit'), { updatedAt: '2026-12-01T10:00:02.000Z' });
    const triggers = triggersOf(
      streamEvent([
        { newItem: bumped, oldItem: offerItem(old) },
        { newItem: requestItem(confirmed) },
        {
          newItem: requestItem(edited),
          oldItem: { ...requestItem(edited), updatedAt: '2026-11-30T09:00:00.000Z' },
        },
      ]),
    );
    expect(triggers.oldest).toBe('2026-12-01T10:00:02.000Z');
    expect(triggers.newest).toBe('2026-12-01T10:00:05.000Z');
  });

  it('re-matches waiting requests when an offer opens, and ignores an offer whose version alone changed', async () => {
    const id = prefix('offer-opens');
    const request = makeRequest(`${id}-r`, { ...LEIPZIG, country: 'XC', adults: 1, children: 0 });
    await putOne(table.db, table.tableName, request);
    const stored = makeOffer(`${id}-o`, { ...LEIPZIG, country: 'XC' });
    await putOne(table.db, table.tableName, stored);
    const bumped = { ...offerItem(stored), version: stored.version + 1 };
    expect(triggersOf(streamEvent([{ newItem: bumped, oldItem: offerItem(stored) }])).offerIds.size).toBe(0);
    const paused = { ...offerItem(stored), status: 'paused' };
    const matcher = createMatcher(deps());
    await matcher(streamEvent([{ newItem: offerItem(stored), oldItem: paused }]));
    const proposals = (await everyItem(table)).filter(
      (item) => item.kind === 'proposal' && item.requestId === request.id,
    );
    expect(proposals.map((p) => p.offerId)).toEqual([stored.id]);
  });

  it('re-matches around an offer whose proposal was declined, once the beds are free', async () => {
    const id = prefix('freed');
    const offer = makeOffer(`${id}-o`, { ...POTSDAM, country: 'XD', beds: 2 });
    const first = makeRequest(`${id}-r1`, { ...POTSDAM, country: 'XD', adults: 2, children: 0 });
    await putAll(table.db, table.tableName, [offer, first]);
    const service = createMatchingService(deps());
    expect((await service.matchRequestIds([first.id])).proposed).toBe(1);
    const second = makeRequest(`${id}-r2`, { ...POTSDAM, country: 'XD', adults: 1, children: 0 });
    await putOne(table.db, table.tableName, second);
    expect((await service.matchRequestIds([second.id])).proposed).toBe(0);

    // The approval flow's decline: proposal declined, hold released, offer version bumped.
    const items = await everyItem(table);
    const proposal = proposalRecordSchema.parse(
      items.find((item) => item.kind === 'proposal' && item.requestId === first.id),
    );
    const current = offerRecordSchema.parse(
      items.find((item) => item.pk === `OFFER#${offer.id}` && item.sk === 'OFFER'),
    );
    const declined = { ...proposal, status: 'declined' as const, version: proposal.version + 1 };
    await transact(table.db, [
      { Put: { TableName: table.tableName, Item: proposalItem(declined) } },
      holdDelete(table.tableName, offer.id, proposal.id),
      offerVersionBump(table.tableName, offer.id, current.version),
      declinedPut(table.tableName, first.id, offer.id, new Date()),
    ]);
    const result = await createMatcher(deps())(
      streamEvent([{ newItem: proposalItem(declined), oldItem: proposalItem(proposal) }]),
    );
    expect(result.batchItemFailures).toEqual([]);
    const after = (await everyItem(table)).filter(
      (item) => item.kind === 'proposal' && item.status === 'pending' && item.offerId === offer.id,
    );
    expect(after.map((p) => p.requestId)).toEqual([second.id]);
  });

  it('gives the search of a stream run a sixteenth of the sweep’s budget a pass, where scores of requests seek one offer', async () => {
    // Scarcity as in a surge's last minutes: every pass of chains tries the one offer that all
    // the requests without a place could take, and the budget is what ends it.
    const scarce = async (country: string) => {
      const id = prefix(`scarce-${country}`);
      const offer = makeOffer(`${id}-o`, { country, beds: 4, multipleParties: true });
      const requests = Array.from({ length: 90 }, (_, i) =>
        makeRequest(`${id}-r${i}`, {
          country,
          arrival: futureDate(`03-${String(1 + (i % 20)).padStart(2, '0')}`),
          departure: futureDate(`04-${String(1 + ((i * 7) % 20)).padStart(2, '0')}`),
          adults: 1 + (i % 2),
          children: 0,
        }),
      );
      await putAll(table.db, table.tableName, [offer, ...requests]);
      return { offer, requests };
    };
    const [streamed, swept] = await Promise.all([scarce('XN'), scarce('XQ')]);
    const solved: { country: string; chainPassMost: number }[] = [];
    const log: Logger = {
      ...quiet,
      info: (event, fields) => {
        if (event === 'matcher.solved') solved.push(fields as (typeof solved)[number]);
      },
    };

    const result = await createMatcher(deps({ log }))(streamEvent([{ newItem: offerItem(streamed.offer) }]));
    await createMatchingService(deps({ log })).matchRequests(swept.requests, {
      sweep: { pools: new Map(), proposed: new Set() },
    });

    expect(result.batchItemFailures).toEqual([]);
    const most = (country: string) =>
      Math.max(...solved.filter((s) => s.country === country).map((s) => s.chainPassMost));
    const streamBudget = defaultMatcherOptions.streamChainPassBudget;
    expect(most('XN')).toBeLessThanOrEqual(streamBudget);
    expect(most('XN')).toBeGreaterThan(streamBudget / 2);
    expect(most('XQ')).toBeGreaterThan(streamBudget);
    // Each still proposed stays in its offer.
    const proposals = proposalsIn(await everyItem(table), 'scarce-');
    for (const { offer } of [streamed, swept]) {
      const seated = proposals.filter((p) => p.offerId === offer.id);
      expect(seated.length).toBeGreaterThan(0);
    }
  });

  it('proposes two stays one after the other in one single-party offer in one turn, where one solve seated a longer stay', async () => {
    const id = prefix('nights');
    const offer = makeOffer(`${id}-o`, { country: 'XJ', beds: 3 });
    const stay = (name: string, arrival: string, departure: string, adults: number) =>
      makeRequest(`${id}-${name}`, {
        country: 'XJ',
        arrival: futureDate(arrival),
        departure: futureDate(departure),
        adults,
        children: 0,
      });
    const requests = [
      stay('long', '03-10', '04-20', 3),
      stay('early', '03-10', '03-25', 2),
      stay('late', '03-25', '04-20', 2),
    ];
    await putAll(table.db, table.tableName, [offer, ...requests]);
    const solved: unknown[] = [];
    const log: Logger = {
      ...quiet,
      info: (event, fields) => event === 'matcher.solved' && solved.push(fields),
    };
    const result = await createMatcher(deps({ log }))(
      streamEvent(requests.map((request) => ({ newItem: requestItem(request) }))),
    );
    expect(result.batchItemFailures).toEqual([]);

    const items = await everyItem(table);
    const proposals = proposalsIn(items, id);
    expect(proposals.map((p) => [p.requestId, p.offerId]).sort()).toEqual([
      [`${id}-early`, offer.id],
      [`${id}-late`, offer.id],
    ]);
    const holds = items
      .filter((item) => item.pk === `OFFER#${offer.id}` && String(item.sk).startsWith('HOLD#'))
      .map((item) => heldBedsOf(holdItemSchema.parse(item)));
    expect(holds.map((hold) => peakHeld(holds, hold.nights))).toEqual([2, 2]);
    expect(solved[0]).toMatchObject({ turn: 1, chosen: 2, moved: 1 });
  });

  it('writes first the stays that could have been proposed longest, one after another in a busy table', async () => {
    const id = prefix('oldest-first');
    const ago = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    const offers = [1, 2, 3].map((n) => makeOffer(`${id}-o${n}`, { country: 'XT', confirmedAt: ago(9) }));
    // Named against the order of their confirmations, so no order of ids or reads gives it.
    const requests = [
      makeRequest(`${id}-r1`, { country: 'XT', confirmedAt: ago(1) }),
      makeRequest(`${id}-r2`, { country: 'XT', confirmedAt: ago(3) }),
      makeRequest(`${id}-r3`, { country: 'XT', confirmedAt: ago(2) }),
    ];
    await putAll(table.db, table.tableName, [...offers, ...requests]);
    const written: string[] = [];
    const watching = watchedClient(table, (command, input) => {
      const text = command === 'TransactWriteItemsCommand' ? JSON.stringify(input) : '';
      const request = requests.find((r) => text.includes(`REQUEST#${r.id}`));
      if (request) written.push(request.id);
      return undefined;
    });
    const result = await createMatcher(deps({ db: watching }), {
      ...defaultMatcherOptions,
      writeConcurrency: 1,
      groupSize: 1,
    })(streamEvent(requests.map((request) => ({ newItem: requestItem(request) }))));
    expect(result.batchItemFailures).toEqual([]);
    expect(written).toEqual([`${id}-r2`, `${id}-r3`, `${id}-r1`]);
  });

  it('solves only the requests some offer allows, and ends a run whose first turn filled the offer without another solve', async () => {
    const id = prefix('placeable');
    const offer = makeOffer(`${id}-o`, { country: 'XR', beds: 2 });
    const seeker = (name: string, dates: Partial<RequestRecord> = {}) =>
      makeRequest(`${id}-${name}`, { country: 'XR', adults: 2, children: 0, ...dates });
    // The last arrives after the offer's last night (rule 3): no offer allows it.
    const requests = [
      seeker('a'),
      seeker('b'),
      seeker('late', { arrival: futureDate('10-10'), departure: futureDate('10-20') }),
    ];
    await putAll(table.db, table.tableName, [offer, ...requests]);
    const lines: { event: string; fields: unknown }[] = [];
    const log: Logger = {
      ...quiet,
      info: (event, fields) => {
        if (event === 'matcher.solved' || event === 'matcher.placeable') lines.push({ event, fields });
      },
    };
    const result = await createMatcher(deps({ log }))(
      streamEvent(requests.map((request) => ({ newItem: requestItem(request) }))),
    );

    expect(result.batchItemFailures).toEqual([]);
    expect(lines).toMatchObject([
      { event: 'matcher.solved', fields: { country: 'XR', turn: 1, requests: 2, chosen: 1 } },
      { event: 'matcher.placeable', fields: { country: 'XR', turn: 2, placeable: 0 } },
    ]);
  });

  it('writes an offer\u2019s second stay of a run without reading the offer again, and takes each request as its run read it', async () => {
    const id = prefix('chained');
    const offer = makeOffer(`${id}-o`, { country: 'YA', beds: 2 });
    const stay = (name: string, arrival: string, departure: string) =>
      makeRequest(`${id}-${name}`, {
        country: 'YA',
        arrival: futureDate(arrival),
        departure: futureDate(departure),
        adults: 2,
        children: 0,
      });
    const requests = [stay('early', '03-10', '03-25'), stay('late', '03-25', '04-20')];
    await putAll(table.db, table.tableName, [offer, ...requests]);
    const reads = new Map<string, number>();
    const db = watchedClient(table, (command, input) => {
      const key = (input.Key as { pk?: string } | undefined)?.pk;
      if (command === 'GetItemCommand' && key) reads.set(key, (reads.get(key) ?? 0) + 1);
      return undefined;
    });
    const result = await createMatcher(deps({ db }))(
      streamEvent(requests.map((request) => ({ newItem: requestItem(request) }))),
    );
    expect(result.batchItemFailures).toEqual([]);

    const proposals = await proposalsOf(table, id);
    expect(proposals.map((p) => p.requestId).sort()).toEqual([`${id}-early`, `${id}-late`]);
    // The offer once, for its first stay; each request once, when the batch named it.
    expect(reads.get(`OFFER#${offer.id}`)).toBe(1);
    for (const request of requests) expect(reads.get(`REQUEST#${request.id}`)).toBe(1);
  });

  it('reads an offer again when its host paused it after the run\u2019s first stay there, and proposes no second', async () => {
    const id = prefix('chain-pause');
    const offer = makeOffer(`${id}-o`, { country: 'YB', beds: 2 });
    const stay = (name: string, arrival: string, departure: string) =>
      makeRequest(`${id}-${name}`, {
        country: 'YB',
        arrival: futureDate(arrival),
        departure: futureDate(departure),
        adults: 2,
        children: 0,
      });
    const requests = [stay('early', '03-10', '03-25'), stay('late', '03-25', '04-20')];
    await putAll(table.db, table.tableName, [offer, ...requests]);
    const client = await createTestTableClient();
    let paused = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === 'TransactWriteItemsCommand' && !paused) {
          paused = true;
          // The host pauses the offer, as the manage page does: status and version change.
          await putOne(table.db, table.tableName, { ...offer, status: 'paused', version: offer.version + 2 });
        }
        return result;
      },
      { step: 'initialize', name: 'pauseAfterFirstStay' },
    );
    warnings.length = 0;
    // One stay to a transaction, as when an offer has more stays in a turn than one holds (or a
    // later turn proposes it again): the second written after the first, as the first left it.
    const report = await createMatchingService(deps({ db: client }), {
      ...defaultMatcherOptions,
      groupSize: 1,
    }).matchRequestIds(requests.map((request) => request.id));
    expect(paused).toBe(true);
    expect(report.proposed).toBe(1);
    expect(warnings).toContain('matcher.write-retry');
    const holds = (await everyItem(table)).filter(
      (item) => item.pk === `OFFER#${offer.id}` && String(item.sk).startsWith('HOLD#'),
    );
    expect(holds).toHaveLength(1);
  });

  it('proposes no request withdrawn after the run read it: the write fails, reads it again and leaves it', async () => {
    const id = prefix('pooled');
    const offer = makeOffer(`${id}-o`, { country: 'YC' });
    const request = makeRequest(`${id}-r`, { country: 'YC' });
    await putAll(table.db, table.tableName, [offer, request]);
    const client = await createTestTableClient();
    let withdrawn = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && !withdrawn) {
          withdrawn = true;
          await putOne(table.db, table.tableName, {
            ...request,
            status: 'withdrawn',
            version: request.version + 1,
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'withdrawBeforeWrite' },
    );
    warnings.length = 0;
    const report = await createMatchingService(deps({ db: client })).matchRequestIds([request.id]);
    expect(withdrawn).toBe(true);
    expect(report.proposed).toBe(0);
    expect(warnings).toContain('matcher.write-retry');
    const proposals = (await everyItem(table)).filter(
      (item) => item.kind === 'proposal' && item.requestId === request.id,
    );
    expect(proposals).toHaveLength(0);
  });

  /** Five Berlin offers of `country`, each taken for all its nights by someone else's stay, and one free in Potsdam. */
  async function fullCountry(id: string, country: string, freeOffer: Partial<OfferRecord> = {}) {
    const full = [1, 2, 3, 4, 5].map((n) => makeOffer(`${id}-o${n}`, { country }));
    const free = makeOffer(`${id}-o-free`, { ...POTSDAM, country, ...freeOffer });
    await putAll(table.db, table.tableName, [...full, free]);
    for (const offer of full)
      await table.db.send(
        new PutCommand(
          holdPut(
            table.tableName,
            {
              offerId: offer.id,
              proposalId: `${offer.id}-held`,
              requestId: `${offer.id}-seeker`,
              country,
              beds: offer.beds,
              nights: { from: dayOf(offer.availableFrom), to: dayOf(offer.availableTo ?? '') },
            },
            new Date(),
          ).Put,
        ),
      );
    return free;
  }

  /** A client counting Query calls, and among them whole reads of `country`'s open offers and searches of its pool cells. */
  function countedQueries(country: string) {
    const counts = { queries: 0, wholeReads: 0, cellReads: 0 };
    const db = watchedClient(table, (command, input) => {
      if (command !== 'QueryCommand') return undefined;
      counts.queries++;
      const text = JSON.stringify(input);
      if (text.includes(`OPEN#OFFER#${country}`) && input.Limit === undefined) counts.wholeReads++;
      if (text.includes(`POOL#OFFER#${country}#`)) counts.cellReads++;
      return undefined;
    });
    return { db, counts };
  }

  it('reads the country whole for a few requests once their search finds offer after offer full', async () => {
    const id = prefix('saturated');
    const free = await fullCountry(id, 'YD');
    const request = makeRequest(`${id}-r`, { country: 'YD' });
    await putAll(table.db, table.tableName, [request]);
    const { db, counts } = countedQueries('YD');
    const options = { ...defaultMatcherOptions, fewOffers: 2, fullOffersSearched: 2 };

    const report = await createMatchingService(deps({ db }), options).matchRequestIds([request.id]);

    expect(report.proposed).toBe(1);
    const proposals = (await everyItem(table)).filter(
      (item) => item.kind === 'proposal' && item.requestId === request.id,
    );
    expect(proposals.map((p) => p.offerId)).toEqual([free.id]);
    // The search stopped at the second full offer, and the pool was read whole.
    expect(counts.wholeReads).toBe(1);
    expect(counts.queries).toBeLessThan(12);
  });

  it('reads a country its last search found full whole at once for the next few requests, without searching', async () => {
    const id = prefix('still-full');
    // Room for both of them in Potsdam, one after the other.
    const free = await fullCountry(id, 'YE', { multipleParties: true });
    const first = makeRequest(`${id}-r1`, { country: 'YE', adults: 1, children: 0 });
    const second = makeRequest(`${id}-r2`, { country: 'YE', adults: 1, children: 0 });
    await putAll(table.db, table.tableName, [first, second]);
    const { db, counts } = countedQueries('YE');
    const service = createMatchingService(deps({ db }), {
      ...defaultMatcherOptions,
      fewOffers: 2,
      fullOffersSearched: 2,
    });
    await service.matchRequestIds([first.id]);
    expect(counts.cellReads).toBeGreaterThan(0);
    counts.cellReads = 0;
    counts.wholeReads = 0;

    const report = await service.matchRequestIds([second.id]);

    expect(report.proposed).toBe(1);
    expect(counts).toMatchObject({ cellReads: 0, wholeReads: 1 });
    const proposals = (await everyItem(table)).filter(
      (item) => item.kind === 'proposal' && item.requestId === second.id,
    );
    expect(proposals.map((p) => p.offerId)).toEqual([free.id]);
  });

  it('searches a country found full again once fullRememberedMs has passed, which whole reads in between do not renew', async () => {
    const id = prefix('full-expires');
    // Room for all three in Potsdam.
    const free = await fullCountry(id, 'YG', { multipleParties: true });
    const seekers = [1, 2, 3].map((n) =>
      makeRequest(`${id}-r${n}`, { country: 'YG', adults: 1, children: 0 }),
    );
    await putAll(table.db, table.tableName, seekers);
    const { db, counts } = countedQueries('YG');
    const found = Date.now();
    let clock = found;
    const service = createMatchingService(deps({ db, now: () => new Date(clock) }), {
      ...defaultMatcherOptions,
      fewOffers: 2,
      fullOffersSearched: 2,
    });
    const [first, second, third] = seekers.map((seeker) => seeker.id) as [string, string, string];
    await service.matchRequestIds([first]);
    expect(counts.cellReads).toBeGreaterThan(0);

    // A moment before it expires: read whole at once, no search (so none that could renew it).
    clock = found + defaultMatcherOptions.fullRememberedMs - 1;
    counts.cellReads = 0;
    counts.wholeReads = 0;
    expect((await service.matchRequestIds([second])).proposed).toBe(1);
    expect(counts).toMatchObject({ cellReads: 0, wholeReads: 1 });

    // Expired, measured from the search that found it full: searched again.
    clock = found + defaultMatcherOptions.fullRememberedMs;
    counts.cellReads = 0;
    counts.wholeReads = 0;
    expect((await service.matchRequestIds([third])).proposed).toBe(1);
    expect(counts.cellReads).toBeGreaterThan(0);
    const proposals = await proposalsOf(table, id);
    expect(proposals.map((p) => p.offerId)).toEqual([free.id, free.id, free.id]);
  });

  it('matches every open request on the sweep, country by country', async () => {
    const id = prefix('sweep');
    const offer = makeOffer(`${id}-o1`, { country: 'AT', city: 'Wien', lat: 48.2082, lon: 16.3738 });
    const request = makeRequest(`${id}-r1`, {
      country: 'AT',
      city: undefined,
      lat: undefined,
      lon: undefined,
      adults: 1,
      children: 0,
    });
    await putAll(table.db, table.tableName, [offer, request]);
    const result = await createMatcher(deps())({ source: 'haven.schedule', task: 'sweep' });
    expect(result.batchItemFailures).toEqual([]);
    const proposals = (await everyItem(table)).filter(
      (item) => item.kind === 'proposal' && item.requestId === `${id}-r1`,
    );
    expect(proposals.map((p) => p.offerId)).toEqual([offer.id]);
  });
});

describe('proposal mail', () => {
  it('leaves from the matcher once the proposal is written, ahead of mail queued before it, and the mailer sends it no second time', async () => {
    const id = prefix('at-once');
    const offer = makeOffer(`${id}-o`, { country: 'XE' });
    const request = makeRequest(`${id}-r`, { country: 'XE' });
    await putAll(table.db, table.tableName, [offer, request]);
    // A confirmation mail queued before, which no mailer has sent yet: the proposal's must not wait for it.
    const queued = outboxPuts(
      table.tableName,
      {
        template: 'confirm',
        to: [`${id}@seeker.test`],
        locale: 'en',
        subject: 'queued',
        text: 'q',
        html: '<p>q</p>',
      },
      new Date(),
    );
    await transact(table.db, queued);
    const coordinators = { '*': ['coordinator@haven.test'], XE: ['xe@haven.test', 'tg:4242'] };
    const atOnce = deps({ config: { ...table.config, COORDINATORS: coordinators } });
    const mailDir = await mkdtemp(join(tmpdir(), 'haven-at-once-'));
    const transport = directoryTransport(mailDir);

    await createMatcher(
      atOnce,
      undefined,
      mailAtOnce(atOnce, transport),
    )(streamEvent([{ newItem: requestItem(request) }]));

    const sent = await readdir(mailDir);
    expect(sent).toHaveLength(1);
    const eml = await readFile(join(mailDir, sent[0] as string), 'utf8');
    expect(eml).toContain('X-Haven-Template: proposal');
    expect(eml).toContain('To: xe@haven.test');
    const outbox = (await everyItem(table)).filter((item) => item.kind === 'outbox');
    const byId = (outboxId: unknown) => outbox.find((item) => item.id === outboxId);
    const proposalMail = byId(/-([0-9a-f-]{36})\.eml$/.exec(sent[0] as string)?.[1]);
    const queuedMail = byId(queued[0]?.Put.Item.id);
    expect(proposalMail).toMatchObject({ template: 'proposal', status: 'sent' });
    expect(queuedMail).toMatchObject({ status: 'pending' });
    // The coordinator in Telegram is the mailer's: it holds the bot's token.
    expect(outbox.filter((item) => item.chat === '4242').map((item) => item.status)).toEqual(['pending']);

    // The stream then hands the mailer both: it sends the queued mail, and the proposal's not again.
    const both = [proposalMail, queuedMail].map((item) => ({ newItem: item as Record<string, unknown> }));
    await createMailer(atOnce, transport)(streamEvent(both));
    const files = await readdir(mailDir);
    expect(files).toHaveLength(2);
    expect(files.filter((file) => file.includes(String(queuedMail?.id)))).toHaveLength(1);
  });

  it('is left by the stream’s mailer to the matcher, with no write of its own, and sent by the sweep when the matcher could not', async () => {
    const plain = deps({ config: { ...table.config, COORDINATORS: { '*': ['coordinator@haven.test'] } } });
    const mailDir = await mkdtemp(join(tmpdir(), 'haven-at-once-'));
    /** Proposes the pair of a new country, sending its mail at once through `transport`; the outbox item as the stream's INSERT carries it. */
    const propose = async (country: string, transport: MailTransport) => {
      const id = prefix(`at-once-${country}`);
      const request = makeRequest(`${id}-r`, { country });
      await putAll(table.db, table.tableName, [makeOffer(`${id}-o`, { country }), request]);
      const handed: string[] = [];
      const atOnce = mailAtOnce(plain, transport, { ...defaultMailerOptions, backoffMs: 1 });
      await createMatcher(plain, undefined, async (outboxes) => {
        handed.push(...outboxes.map((outbox) => String(outbox.id)));
        await atOnce(outboxes);
      })(streamEvent([{ newItem: requestItem(request) }]));
      const [item] = (await everyItem(table)).filter(
        (i) => i.kind === 'outbox' && handed.includes(String(i.id)),
      );
      const { claimedAt: _claimed, sentAt: _sent, status, ...written } = item as Record<string, unknown>;
      return {
        id: String(written.id),
        status,
        // As the transaction wrote it: claimed by the matcher.
        inserted: { newItem: { ...written, status: 'sending', attempts: 1 } },
      };
    };
    let writes = 0;
    const watched = {
      ...plain,
      db: watchedClient(table, (command) => {
        if (/^(Put|Update|Delete)Item|^TransactWrite/.test(command)) writes++;
        return undefined;
      }),
    };

    const sent = await propose('XI', directoryTransport(mailDir));
    expect(sent.status).toBe('sent');
    await createMailer(watched, directoryTransport(mailDir))(streamEvent([sent.inserted]));
    expect(writes).toBe(0);

    const down: MailTransport = {
      name: 'directory',
      send: async () => {
        throw new Error('mail server down');
      },
    };
    const failed = await propose('XJ', down);
    expect(failed.status).toBe('pending');
    const filesOf = async () => (await readdir(mailDir)).filter((file) => file.includes(failed.id));
    await createMailer(plain, directoryTransport(mailDir))(streamEvent([failed.inserted]));
    expect(await filesOf()).toEqual([]);
    const later = { ...plain, now: () => new Date(Date.now() + 3 * 60_000) };
    // The table is shared: the sweep also meets other tests' mail it cannot send (a Telegram chat with no bot).
    await createMailer(
      later,
      directoryTransport(mailDir),
    )({ source: 'haven.schedule', task: 'sweep' }).catch((error: unknown) => {
      if (!(error instanceof DeliveryFailed)) throw error;
    });
    expect(await filesOf()).toHaveLength(1);
  });

  it('lets the batch write its next proposal while an earlier one’s mail is on its way, and ends once every hand-off has ended (here the send itself, as when Lambda does not take one)', async () => {
    const id = prefix('mail-not-waited');
    const offers = [1, 2].map((n) => makeOffer(`${id}-o${n}`, { country: 'XM' }));
    const requests = [1, 2].map((n) => makeRequest(`${id}-r${n}`, { country: 'XM' }));
    await putAll(table.db, table.tableName, [...offers, ...requests]);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sent: string[] = [];
    // The first mail does not leave until released: a slow mail server.
    const slow: MailTransport = {
      name: 'directory',
      send: async (message) => {
        sent.push(message.id);
        if (sent.length === 1) await held;
        return { refused: [] };
      },
    };
    const plain = deps({ config: { ...table.config, COORDINATORS: { '*': ['coordinator@haven.test'] } } });
    let finished = false;
    const batch = createMatcher(
      plain,
      { ...defaultMatcherOptions, writeConcurrency: 1 },
      mailAtOnce(plain, slow),
    )(streamEvent(requests.map((request) => ({ newItem: requestItem(request) })))).finally(() => {
      finished = true;
    });

    const written = await eventually(async () => {
      const mine = await proposalsOf(table, id);
      return mine.length === 2 ? mine : undefined;
    }, 5_000).catch(() => []);
    const finishedWhileHeld = finished;
    release();
    await batch;

    expect(written).toHaveLength(2);
    expect(finishedWhileHeld).toBe(false);
    expect(sent).toHaveLength(2);
  });

  it('ends a batch that fails only once the hand-offs of the proposals it wrote have ended', async () => {
    const id = prefix('mail-on-failure');
    const offers = [1, 2].map((n) => makeOffer(`${id}-o${n}`, { country: 'XP' }));
    const requests = [1, 2].map((n) => makeRequest(`${id}-r${n}`, { country: 'XP' }));
    await putAll(table.db, table.tableName, [...offers, ...requests]);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let mailing = false;
    const sent: string[] = [];
    // The first mail does not leave until released: a slow mail server.
    const slow: MailTransport = {
      name: 'directory',
      send: async (message) => {
        mailing = true;
        sent.push(message.id);
        await held;
        return { refused: [] };
      },
    };
    const plain = deps({ config: { ...table.config, COORDINATORS: { '*': ['coordinator@haven.test'] } } });
    // The table refuses the batch's next proposal for good, once the first one's mail is on its
    // way: the write waits for that moment, so the test does not race the mail's first steps.
    let refused = false;
    let writes = 0;
    const refusing = gatedClient(table, async (command) => {
      if (command !== 'TransactWriteItemsCommand' || ++writes === 1) return;
      await eventually(async () => (mailing ? true : undefined), 30_000);
      refused = true;
      throw Object.assign(new Error('refused for good'), { name: 'ValidationException' });
    });
    let finished = false;
    // One proposal a transaction: the second is written while the first one's mail is on its way.
    const batch = createMatcher(
      { ...plain, db: refusing },
      { ...defaultMatcherOptions, writeConcurrency: 1, groupSize: 1 },
      mailAtOnce(plain, slow),
    )(streamEvent(requests.map((request) => ({ newItem: requestItem(request) })))).finally(() => {
      finished = true;
    });

    // Time for the batch to read, solve, write the first proposal and start its mail; a bound for
    // a loaded machine, not a claim about speed.
    await eventually(async () => (refused ? true : undefined), 60_000);
    // Were it not waiting for the mail, the refused write would end the batch now.
    await eventually(async () => (finished ? true : undefined), 1_000).catch(() => undefined);
    const finishedWhileHeld = finished;
    release();

    // Failed, for the stream to run it again.
    expect((await batch).batchItemFailures).toHaveLength(1);
    expect(finishedWhileHeld).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it('sends on the claim its proposal wrote, with no claim of its own, and leaves out a coordinator whose mail bounced', async () => {
    const id = prefix('at-once-suppressed');
    const offer = makeOffer(`${id}-o`, { country: 'XH' });
    const request = makeRequest(`${id}-r`, { country: 'XH' });
    await putAll(table.db, table.tableName, [offer, request]);
    const coordinators = { '*': ['coordinator@haven.test'], XH: ['xh@haven.test', 'xh-bounced@haven.test'] };
    const plain = deps({ config: { ...table.config, COORDINATORS: coordinators } });
    await suppressAddress(plain, 'xh-bounced@haven.test', 'bounce');
    const outboxUpdates: string[] = [];
    const db = watchedClient(table, (command, input) => {
      if (command === 'UpdateItemCommand' && pkOf(input).startsWith(outboxKey('').pk))
        outboxUpdates.push(command);
      return undefined;
    });
    const atOnce = { ...plain, db };
    const mailDir = await mkdtemp(join(tmpdir(), 'haven-at-once-'));

    await createMatcher(
      atOnce,
      undefined,
      mailAtOnce(atOnce, directoryTransport(mailDir)),
    )(streamEvent([{ newItem: requestItem(request) }]));

    const [file, ...more] = await readdir(mailDir);
    expect(more).toEqual([]);
    const eml = await readFile(join(mailDir, file as string), 'utf8');
    expect(eml).toContain('To: xh@haven.test');
    expect(eml).not.toContain('xh-bounced');
    // Its settle only: the claim was written with the proposal.
    expect(outboxUpdates).toHaveLength(1);
    const outboxId = /-([0-9a-f-]{36})\.eml$/.exec(file as string)?.[1];
    const item = (await everyItem(table)).find((i) => i.kind === 'outbox' && i.id === outboxId);
    expect(item).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('candidate search', () => {
  it('finds every feasible offer a brute-force pass finds, and the same k best', async () => {
    const tag = prefix('recall');
    const offers = fc
      .sample(offerArbitrary(idsFrom(`${tag}-o`)), { numRuns: 150, seed: 11 })
      .map((o) => ({ ...o, country: o.country === 'DE' ? 'XD' : 'XT' }));
    const requests = fc
      .sample(requestArbitrary(idsFrom(`${tag}-r`)), { numRuns: 16, seed: 12 })
      .map((r) => ({ ...r, country: r.country === 'DE' ? 'XD' : 'XT' }));
    await putAll(table.db, table.tableName, offers);
    const matchDeps = deps();
    for (const request of requests) {
      const brute = offers
        .filter((offer) => checkPair(offer, request, { holds: [], declined: false }).broken.length === 0)
        .map((offer) => ({
          id: offer.id,
          score: scorePair(
            offer,
            request,
            checkPair(offer, request, { holds: [], declined: false }).distanceKm,
          ).score,
        }))
        .sort((a, b) => b.score - a.score);
      const all = await topCandidates(
        matchDeps,
        request,
        Number.POSITIVE_INFINITY,
        new Set(),
        newReadStats(),
      );
      expect(all.map((c) => c.offer.id).sort()).toEqual(brute.map((b) => b.id).sort());
      const top = await topCandidates(matchDeps, request, 3, new Set(), newReadStats());
      const topScores = top.map(
        (c) =>
          scorePair(c.offer, request, checkPair(c.offer, request, { holds: [], declined: false }).distanceKm)
            .score,
      );
      expect(topScores).toEqual(brute.slice(0, 3).map((b) => b.score));
    }
  });
});

describe('candidate search in a dense cell', () => {
  it('skips the offers of a bed count that open after the arrival, and still finds every feasible one', async () => {
    const tag = prefix('dense');
    // One city, one country of its own: 400 offers of 1 to 4 beds opening over four weeks, so
    // a partition holds pages of offers that an early arrival cannot use.
    const offers = Array.from({ length: 400 }, (_, i) =>
      makeOffer(`${tag}-o${i}`, {
        country: 'XK',
        beds: 1 + (i % 4),
        availableFrom: `${FUTURE_YEAR}-03-${String(1 + ((Math.floor(i / 4) * 3) % 28)).padStart(2, '0')}`,
        availableTo: i % 5 === 0 ? undefined : futureDate('12-31'),
        lat: 52.52 + ((i % 9) - 4) * 0.004,
        lon: 13.405 + ((i % 7) - 3) * 0.006,
      }),
    );
    await putAll(table.db, table.tableName, offers);
    const matchDeps = deps();
    for (const [arrival, adults] of [
      [futureDate('03-02'), 1],
      [futureDate('03-05'), 2],
      [futureDate('03-15'), 1],
      [futureDate('03-28'), 3],
    ] as const) {
      const request = makeRequest(`${tag}-r-${arrival}-${adults}`, {
        country: 'XK',
        arrival,
        departure: futureDate('04-20'),
        adults,
        children: 0,
      });
      const feasible = offers.filter(
        (offer) => checkPair(offer, request, { holds: [], declined: false }).broken.length === 0,
      );
      const stats = newReadStats();
      const all = await topCandidates(matchDeps, request, Number.POSITIVE_INFINITY, new Set(), stats);
      expect(all.map((c) => c.offer.id).sort()).toEqual(feasible.map((o) => o.id).sort());
      const wideEnough = offers.filter((offer) => offer.beds >= adults).length;
      // Offers open by the first week are few: most of what the partitions hold is never read.
      if (arrival === futureDate('03-02')) expect(stats.items).toBeLessThan(wideEnough / 2);
    }
  });
});

/**
 * Each offer carrying its holds (`carried`) still trusts its map (holdsVersion = version) and
 * lists on it exactly the holds its partition holds, entry by entry; an offer stored before
 * offers carried their holds has none.
 */
function expectMapsAgree(
  offers: readonly OfferRecord[],
  items: readonly Record<string, unknown>[],
  carried: boolean,
) {
  for (const offer of offers) {
    const stored = items.find((item) => item.pk === `OFFER#${offer.id}` && item.sk === 'OFFER');
    expect(stored).toBeDefined();
    if (!carried) {
      expect(stored?.holds).toBeUndefined();
      continue;
    }
    expect(stored?.holdsVersion).toBe(stored?.version);
    const held = items
      .filter((item) => item.pk === `OFFER#${offer.id}` && String(item.sk).startsWith('HOLD#'))
      .map((item) => holdItemSchema.parse(item));
    expect(stored?.holds).toEqual(
      Object.fromEntries(held.map((hold) => [hold.proposalId, heldEntryOf(hold)])),
    );
  }
}

describe('concurrent matchers', () => {
  it.each([
    { offers: 'stored before offers carried their holds', carry: {}, country: 'XZ' },
    {
      offers: 'carrying their holds',
      carry: { holds: {}, holdsVersion: 1 } as Partial<OfferRecord>,
      country: 'XW',
    },
  ])(
    'never double-book a bed nor give a request two pending proposals (offers $offers)',
    async ({ carry, country }) => {
      const id = prefix('race');
      const offers = [
        makeOffer(`${id}-o1`, { ...carry, country, beds: 4, multipleParties: true }),
        makeOffer(`${id}-o2`, { ...carry, country, beds: 3 }),
        makeOffer(`${id}-o3`, { ...carry, country, beds: 2 }),
        makeOffer(`${id}-o4`, { ...carry, ...POTSDAM, country, beds: 6, multipleParties: true }),
        makeOffer(`${id}-o5`, { ...carry, ...POTSDAM, country, beds: 1 }),
      ];
      const requests = Array.from({ length: 16 }, (_, i) =>
        makeRequest(`${id}-r${i}`, {
          ...(i % 2 ? POTSDAM : {}),
          country,
          adults: 1 + (i % 2),
          children: i % 3 === 0 ? 1 : 0,
        }),
      );
      await putAll(table.db, table.tableName, [...offers, ...requests]);
      const events = [0, 1, 2, 3, 4, 5].map((shift) =>
        streamEvent(
          requests
            .filter((_, i) => (i + shift) % 3 !== 0)
            .map((request) => ({ newItem: requestItem(request) })),
        ),
      );
      const racing = racingWriters(table, events.length);
      const results = await Promise.all(events.map((event) => createMatcher(deps({ db: racing.db }))(event)));
      expect(results.every((result) => result.batchItemFailures.length === 0)).toBe(true);

      const items = await everyItem(table);
      expectMapsAgree(offers, items, 'holds' in carry);
      const proposals = proposalsIn(items, id);
      const perRequest = new Map<string, number>();
      for (const p of proposals) perRequest.set(p.requestId, (perRequest.get(p.requestId) ?? 0) + 1);
      expect([...perRequest.values()].every((count) => count === 1)).toBe(true);
      for (const offer of offers) {
        const holds = items
          .filter((item) => item.pk === `OFFER#${offer.id}` && String(item.sk).startsWith('HOLD#'))
          .map((item) => heldBedsOf(holdItemSchema.parse(item)));
        if (!offer.multipleParties) expect(holds.length).toBeLessThanOrEqual(1);
        for (const hold of holds) expect(peakHeld(holds, hold.nights)).toBeLessThanOrEqual(offer.beds);
      }
      const seats = offers.reduce((sum, offer) => sum + (offer.multipleParties ? offer.beds : 1), 0);
      expect(proposals.length).toBeGreaterThanOrEqual(Math.min(seats, 5));
      for (const p of proposals) {
        const request = requestRecordSchema.parse(
          items.find((item) => item.pk === `REQUEST#${p.requestId}` && item.sk === 'REQUEST'),
        );
        expect(request.status).toBe('proposed');
        expect(p.partySize).toBe(partySize(request));
      }
      // Last, so a failure above shows which safety check broke: the matchers really raced, six
      // first transactions let go at once on the same offers, and DynamoDB refused some of them.
      // (Whether a refused pack's one-by-one rewrite loses again, `matcher.write-retry`, is up to
      // the scheduler: the refusals are what prove the race.)
      expect(racing.refused()).toBeGreaterThan(0);
      // Six matchers racing through the SDK's retries: near 30 s on a loaded machine.
    },
    120_000,
  );

  it.each([
    { offers: 'stored before offers carried their holds', carry: {}, country: 'XI' },
    {
      offers: 'carrying their holds',
      carry: { holds: {}, holdsVersion: 1 } as Partial<OfferRecord>,
      country: 'XV',
    },
  ])(
    'never book a night beyond the beds when each proposes several stays in one offer (offers $offers)',
    async ({ carry, country }) => {
      const id = prefix('race-nights');
      const offers = [
        makeOffer(`${id}-o1`, { ...carry, country, beds: 3 }),
        makeOffer(`${id}-o2`, { ...carry, country, beds: 2 }),
        makeOffer(`${id}-o3`, { ...carry, country, beds: 4, multipleParties: true }),
      ];
      // Three blocks of nights, one after another, four parties each.
      const blocks = [
        ['03-10', '03-20'],
        ['03-20', '03-30'],
        ['03-30', '04-09'],
      ] as const;
      const requests = Array.from({ length: 12 }, (_, i) =>
        makeRequest(`${id}-r${i}`, {
          country,
          arrival: futureDate(blocks[i % 3]?.[0] ?? ''),
          departure: futureDate(blocks[i % 3]?.[1] ?? ''),
          adults: 1 + (i % 2),
          children: 0,
        }),
      );
      await putAll(table.db, table.tableName, [...offers, ...requests]);
      const events = [0, 1, 2, 3].map((shift) =>
        streamEvent(
          requests
            .filter((_, i) => (i + shift) % 4 !== 0)
            .map((request) => ({ newItem: requestItem(request) })),
        ),
      );
      const racing = racingClient(table, events.length);
      const results = await Promise.all(events.map((event) => createMatcher(deps({ db: racing }))(event)));
      expect(results.every((result) => result.batchItemFailures.length === 0)).toBe(true);

      const items = await everyItem(table);
      expectMapsAgree(offers, items, 'holds' in carry);
      const proposals = proposalsIn(items, id);
      expect(new Set(proposals.map((p) => p.requestId)).size).toBe(proposals.length);
      const holdsOf = (offer: OfferRecord) =>
        items
          .filter((item) => item.pk === `OFFER#${offer.id}` && String(item.sk).startsWith('HOLD#'))
          .map((item) => heldBedsOf(holdItemSchema.parse(item)));
      for (const offer of offers) {
        const holds = holdsOf(offer);
        for (const hold of holds)
          expect(
            offer.multipleParties
              ? peakHeld(holds, hold.nights)
              : holds.filter((other) => overlaps(other.nights, hold.nights)).length,
          ).toBeLessThanOrEqual(offer.multipleParties ? offer.beds : 1);
      }
      // Each single-party offer holds a party in each block of nights.
      expect(offers.filter((offer) => !offer.multipleParties).map((offer) => holdsOf(offer).length)).toEqual([
        3, 3,
      ]);
    },
    120_000,
  );

  it('retries a transaction cancelled by a conflict and proposes exactly once', async () => {
    const id = prefix('conflict');
    const offer = makeOffer(`${id}-o`, { country: 'XF' });
    const request = makeRequest(`${id}-r`, { country: 'XF' });
    await putAll(table.db, table.tableName, [offer, request]);
    const faulty = await createTestTableClient();
    let injected = 0;
    faulty.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && injected === 0) {
          injected++;
          const { TransactionCanceledException } = await import('@aws-sdk/client-dynamodb');
          throw new TransactionCanceledException({
            message: 'Transaction cancelled',
            $metadata: {},
            CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectConflict' },
    );
    const report = await createMatchingService(deps({ db: faulty })).matchRequestIds([request.id]);
    expect(injected).toBe(1);
    expect(report.retries).toBe(1);
    expect(report.proposed).toBe(1);
    const proposals = (await everyItem(table)).filter(
      (item) => item.kind === 'proposal' && item.requestId === request.id,
    );
    expect(proposals).toHaveLength(1);
  });
});

async function createTestTableClient() {
  const { createDocumentClient } = await import('../../shared/data/client.ts');
  return createDocumentClient(testClient(table));
}
