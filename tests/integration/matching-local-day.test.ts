import { describe, expect, it } from 'vitest';
import { announceProposal } from '../../shared/approval/links.ts';
import { decideAsCoordinator } from '../../shared/approval/service.ts';
import { offerItem, requestItem } from '../../shared/data/items.ts';
import { proposalTransaction } from '../../shared/data/proposals.ts';
import { getRequest } from '../../shared/data/requests.ts';
import { transact } from '../../shared/data/transact.ts';
import { dateOf, dayOf } from '../../shared/domain/matching/nights.ts';
import { checkPair } from '../../shared/domain/matching/rules.ts';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { createMatcher, proposalOfPair } from '../../shared/matching/matcher.ts';
import { useTestTable } from '../support/table.ts';
import {
  futureDate,
  makeOffer,
  makeRequest,
  proposalsOf,
  putAll,
  streamEvent,
  TBILISI,
} from './matching-support.ts';

const table = useTestTable();
const day = (offset: number) => dateOf(dayOf(futureDate('03-10')) + offset);
const at = (iso: string) => () => new Date(iso);
// 21:30 UTC on 10 March is 01:30 on 11 March in Tbilisi.
const afterLocalMidnight = at(`${day(0)}T21:30:00Z`);

const prefix = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 8)}`;

describe('the matcher counts today where the offer lies', () => {
  it('after local midnight, proposes no stay whose last night has passed there, nor an offer whose last night has, and starts the others from the new day', async () => {
    const id = prefix('local-day');
    const place = { ...TBILISI };
    const single = { ...place, adults: 1, children: 0 };
    // Their last night was 10 March: over in Tbilisi, though still 10 March in UTC.
    const over = makeRequest(`${id}-r-over`, { ...single, arrival: day(-3), departure: day(1) });
    const waiting = [0, 1].map((n) =>
      makeRequest(`${id}-r-wait${n}`, { ...single, arrival: day(-3), departure: day(5) }),
    );
    const open = makeOffer(`${id}-o-open`, {
      ...place,
      availableFrom: day(-10),
      availableTo: day(30),
      beds: 1,
    });
    // Its last night was 10 March too, and the lifecycle has not closed it yet.
    const ended = makeOffer(`${id}-o-ended`, {
      ...place,
      availableFrom: day(-10),
      availableTo: day(0),
      beds: 1,
    });
    await putAll(table.db, table.tableName, [over, ...waiting, open, ended]);

    const deps = table.deps({ now: afterLocalMidnight });
    const result = await createMatcher(deps)(
      streamEvent([over, ...waiting].map((request) => ({ newItem: requestItem(request) }))),
    );
    expect(result.batchItemFailures).toEqual([]);

    const proposals = await proposalsOf(table, id);
    expect(proposals.map(({ offerId, nightsFrom, nightsTo }) => ({ offerId, nightsFrom, nightsTo }))).toEqual(
      [{ offerId: open.id, nightsFrom: day(1), nightsTo: day(5) }],
    );
    expect(waiting.map((request) => request.id)).toContain(proposals[0]?.requestId);
    expect(await getRequest(deps, over.id)).toMatchObject({ status: 'open' });
  });

  it('makes a proposal due at local midnight of the morning its stay ends, and refuses its approval from that instant', async () => {
    const id = prefix('local-due');
    const place = { ...TBILISI };
    const request = makeRequest(`${id}-r`, {
      ...place,
      arrival: day(-3),
      departure: day(2),
      adults: 1,
      children: 0,
    });
    const verified = {
      state: 'verified',
      by: 'coordinator@haven.test',
      at: `${day(-5)}T10:00:00.000Z`,
      method: 'phone',
    } as const;
    const offer = makeOffer(`${id}-o`, {
      ...place,
      availableFrom: day(-10),
      availableTo: day(30),
      beds: 1,
      verification: verified,
    });
    await putAll(table.db, table.tableName, [request, offer]);

    await createMatcher(table.deps({ now: afterLocalMidnight }))(
      streamEvent([{ newItem: requestItem(request) }, { newItem: offerItem(offer) }]),
    );
    const [proposal] = await proposalsOf(table, id);
    // One night left, 11 March in Tbilisi; it has passed at 00:00 there on 12 March, 20:00 UTC on the 11th.
    expect(proposal).toMatchObject({ nightsFrom: day(1), nightsTo: day(2) });
    expect(proposal?.decisionDueAt).toBe(`${day(1)}T20:00:00.000Z`);

    const coordinator = 'coordinator@haven.test';
    const late = table.deps({ now: at(`${day(1)}T20:00:00Z`) });
    await expect(decideAsCoordinator(late, 'approve', proposal?.id ?? '', coordinator)).resolves.toEqual({
      state: 'gone',
    });
    const inTime = table.deps({ now: at(`${day(1)}T19:59:00Z`) });
    await expect(
      decideAsCoordinator(inTime, 'approve', proposal?.id ?? '', coordinator),
    ).resolves.toMatchObject({
      state: 'done',
      status: 'approved',
    });
  });

  it('proposes a stay with no end (no departure, an offer with no last night), due PROPOSAL_TTL_HOURS after it is made', async () => {
    const id = prefix('open-ended');
    const place = { ...TBILISI };
    const request = makeRequest(`${id}-r`, {
      ...place,
      arrival: day(-3),
      departure: undefined,
      adults: 1,
      children: 0,
    });
    const offer = makeOffer(`${id}-o`, {
      ...place,
      availableFrom: day(-10),
      availableTo: undefined,
      beds: 1,
    });
    await putAll(table.db, table.tableName, [request, offer]);

    const result = await createMatcher(table.deps({ now: afterLocalMidnight }))(
      streamEvent([{ newItem: requestItem(request) }]),
    );
    expect(result.batchItemFailures).toEqual([]);
    const [proposal] = await proposalsOf(table, id);
    expect(proposal).toMatchObject({ nightsFrom: day(1), offerId: offer.id });
    expect(proposal?.nightsTo).toBeUndefined();
    expect(proposal?.decisionDueAt).toBe(`${day(3)}T21:30:00.000Z`);
  });

  it('refuses, in the proposal transaction itself, an offer whose last night has passed there and a request whose departure has come there', async () => {
    const id = prefix('local-write');
    const place = { ...TBILISI, adults: 1, children: 0 };
    const ended = makeOffer(`${id}-o-ended`, { ...place, availableFrom: day(-10), availableTo: day(0) });
    const open = makeOffer(`${id}-o-open`, { ...place, availableFrom: day(-10), availableTo: day(30) });
    const leaving = makeRequest(`${id}-r-leaving`, { ...place, arrival: day(-3), departure: day(1) });
    const staying = makeRequest(`${id}-r-staying`, { ...place, arrival: day(-3), departure: day(5) });
    await putAll(table.db, table.tableName, [ended, open, leaving, staying]);
    const deps = table.deps({ now: afterLocalMidnight });
    // As the matcher would build it, without its checks: one clock read on each side of midnight.
    const write = (offer: OfferRecord, request: RequestRecord) => {
      const check = checkPair(offer, request, { holds: [], declined: false });
      const { items } = proposalTransaction(
        deps,
        proposalOfPair(offer, request, check),
        announceProposal(table.config, offer, request),
      );
      return transact(table.db, items);
    };
    await expect(write(ended, staying)).rejects.toThrow();
    await expect(write(open, leaving)).rejects.toThrow();
    await expect(write(open, staying)).resolves.toBeUndefined();
  });
});
