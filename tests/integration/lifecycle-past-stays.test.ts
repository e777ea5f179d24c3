import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { announceProposal } from '../../shared/approval/links.ts';
import { requestKey } from '../../shared/data/keys.ts';
import { proposalTransaction } from '../../shared/data/proposals.ts';
import { newReadStats } from '../../shared/data/query.ts';
import { transact } from '../../shared/data/transact.ts';
import { checkPair } from '../../shared/domain/matching/rules.ts';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { topCandidates } from '../../shared/matching/candidates.ts';
import { createMatchingService, proposalOfPair } from '../../shared/matching/matcher.ts';
import { daysFromNow } from '../support/dates.ts';
import { useTestTable } from '../support/table.ts';
import { readItem } from './approval-support.ts';
import { makeOffer, makeRequest, putOne } from './matching-support.ts';

const table = useTestTable();

/** An open pair in a country of its own, so nothing else in the table competes for it. */
async function pair(offer: Partial<OfferRecord>, request: Partial<RequestRecord>) {
  const id = randomUUID().slice(0, 8);
  const o = makeOffer(`o-${id}`, offer);
  const r = makeRequest(`r-${id}`, request);
  await putOne(table.db, table.tableName, o);
  await putOne(table.db, table.tableName, r);
  return { offer: o, request: r };
}

/** Writes the pair's proposal transaction as the matcher builds it, without the matcher's checks. */
function writeProposal(offer: OfferRecord, request: RequestRecord) {
  const check = checkPair(offer, request, { holds: [], declined: false });
  const { items } = proposalTransaction(
    table.deps(),
    proposalOfPair(offer, request, check),
    announceProposal(table.config, offer, request),
  );
  return transact(table.db, items);
}

const matchOne = (request: RequestRecord) =>
  createMatchingService(table.deps()).matchRequestIds([request.id]);

describe('a stay in the past is never proposed', () => {
  it('not at an open offer whose last night has passed', async () => {
    const { offer, request } = await pair(
      { availableFrom: daysFromNow(-30), availableTo: daysFromNow(-1) },
      { arrival: daysFromNow(-20), departure: undefined },
    );
    expect(checkPair(offer, request, { holds: [], declined: false }).broken).toEqual([]);
    expect(await topCandidates(table.deps(), request, 3, new Set(), newReadStats())).toEqual([]);
    expect((await matchOne(request)).proposed).toBe(0);
    expect(await readItem(table, requestKey(request.id))).toMatchObject({ status: 'open' });
  });

  it('not for an open request whose departure has come', async () => {
    const { request } = await pair(
      { availableFrom: daysFromNow(-30), availableTo: daysFromNow(60) },
      { arrival: daysFromNow(-10), departure: daysFromNow(0) },
    );
    expect((await matchOne(request)).proposed).toBe(0);
    expect(await readItem(table, requestKey(request.id))).toMatchObject({ status: 'open' });
  });

  it('while a stay that still has nights ahead is proposed', async () => {
    const { request } = await pair(
      { availableFrom: daysFromNow(-30), availableTo: daysFromNow(60) },
      { arrival: daysFromNow(-10), departure: daysFromNow(5) },
    );
    expect((await matchOne(request)).proposed).toBe(1);
  });

  it('and the proposal transaction itself refuses an ended offer', async () => {
    const { offer, request } = await pair(
      { availableFrom: daysFromNow(-30), availableTo: daysFromNow(-1) },
      { arrival: daysFromNow(-20), departure: undefined },
    );
    await expect(writeProposal(offer, request)).rejects.toThrow();
    expect(await readItem(table, requestKey(request.id))).toMatchObject({ status: 'open' });
  });

  it('and refuses a request whose departure has come', async () => {
    const { offer, request } = await pair(
      { availableFrom: daysFromNow(-30), availableTo: daysFromNow(60) },
      { arrival: daysFromNow(-10), departure: daysFromNow(0) },
    );
    await expect(writeProposal(offer, request)).rejects.toThrow();
  });
});
