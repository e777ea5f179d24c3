import { describe, expect, it } from 'vitest';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import {
  ending,
  keepingEnd,
  keepingPause,
  lifecycleStep,
  restartingPause,
} from '../../shared/domain/retention.ts';
import { makeOffer, makeRequest, TBILISI } from '../integration/matching-support.ts';

const ENDED = '2031-04-01T10:00:00.000Z';
const LATER = '2031-05-20T08:00:00.000Z';
const ERASE_AT = new Date('2031-06-30T10:00:00.000Z'); // ENDED + 90 days
const justBefore = new Date(ERASE_AT.getTime() - 1);

const closedOffer = (fields: Partial<OfferRecord>) =>
  makeOffer('o-ended', { status: 'closed', confirmedAt: '2031-03-01T09:00:00.000Z', ...fields });
const withdrawnRequest = (fields: Partial<RequestRecord>) =>
  makeRequest('r-ended', { status: 'withdrawn', confirmedAt: '2031-03-01T09:00:00.000Z', ...fields });

describe('lifecycleStep of an ended record', () => {
  it('reckons a closed offer’s erasure from endedAt, whatever was written to it later', () => {
    const offer = closedOffer({ endedAt: ENDED, updatedAt: LATER });
    expect(lifecycleStep(offer, justBefore, 90)).toEqual({ kind: 'wait', until: ERASE_AT });
    expect(lifecycleStep(offer, ERASE_AT, 90)).toEqual({ kind: 'erase' });
  });

  it('waits for a closed offer’s last stay when it ends after the offer did', () => {
    const offer = closedOffer({ endedAt: ENDED, updatedAt: LATER });
    const stayEnd = new Date('2031-04-11T00:00:00.000Z');
    expect(lifecycleStep(offer, justBefore, 90, { at: stayEnd })).toEqual({
      kind: 'wait',
      until: new Date('2031-07-10T00:00:00.000Z'),
    });
  });

  it('reckons a withdrawn or expired request’s erasure from endedAt', () => {
    for (const status of ['withdrawn', 'expired'] as const) {
      const request = withdrawnRequest({ status, endedAt: ENDED, updatedAt: LATER });
      expect(lifecycleStep(request, justBefore, 90)).toEqual({ kind: 'wait', until: ERASE_AT });
    }
  });

  it('reckons a record that ended before endedAt was kept from updatedAt, as before', () => {
    const offer = closedOffer({ updatedAt: ENDED });
    expect(lifecycleStep(offer, justBefore, 90)).toEqual({ kind: 'wait', until: ERASE_AT });
    const request = withdrawnRequest({ updatedAt: ENDED });
    expect(lifecycleStep(request, justBefore, 90)).toEqual({ kind: 'wait', until: ERASE_AT });
  });
});

describe('ending and keepingEnd', () => {
  it('ending stamps the ending write’s time; a pending record also keeps its confirm horizon', () => {
    const pending = makeRequest('r-pending', { status: 'pending', updatedAt: '2031-03-30T10:00:00.000Z' });
    const ended = ending(pending, { ...pending, status: 'withdrawn', updatedAt: ENDED });
    expect(ended).toMatchObject({ endedAt: ENDED, eraseBy: '2031-04-06T10:00:00.000Z' });
  });

  it('keepingEnd keeps endedAt on a later write, gives an old ended record its updatedAt, leaves a live one alone', () => {
    const offer = closedOffer({ endedAt: ENDED, updatedAt: ENDED });
    expect(keepingEnd(offer, { ...offer, updatedAt: LATER }).endedAt).toBe(ENDED);
    const old = withdrawnRequest({ updatedAt: ENDED });
    expect(keepingEnd(old, { ...old, updatedAt: LATER }).endedAt).toBe(ENDED);
    const open = makeRequest('r-open', { updatedAt: ENDED });
    expect(keepingEnd(open, { ...open, updatedAt: LATER }).endedAt).toBeUndefined();
  });
});

describe('the pause horizon', () => {
  const pausedOffer = (fields: Partial<OfferRecord>) =>
    makeOffer('o-paused', { status: 'paused', availableTo: undefined, ...fields });

  it('lapses 90 days after pausedAt, whatever was written later; one paused before pausedAt was kept, after its last write', () => {
    const offer = pausedOffer({ pausedAt: ENDED, updatedAt: LATER });
    expect(lifecycleStep(offer, justBefore, 90)).toEqual({ kind: 'wait', until: ERASE_AT });
    expect(lifecycleStep(offer, ERASE_AT, 90)).toEqual({ kind: 'lapse' });
    expect(lifecycleStep(pausedOffer({ updatedAt: ENDED }), justBefore, 90)).toEqual({
      kind: 'wait',
      until: ERASE_AT,
    });
  });

  it('restartingPause begins it at a paused write and clears it when the record opens or ends; keepingPause keeps it, giving an old paused record its updatedAt', () => {
    const paused = pausedOffer({ pausedAt: ENDED, updatedAt: ENDED });
    expect(restartingPause({ ...paused, updatedAt: LATER }).pausedAt).toBe(LATER);
    expect(restartingPause({ ...paused, status: 'open', updatedAt: LATER })).not.toHaveProperty('pausedAt');
    expect(ending(paused, { ...paused, status: 'closed', updatedAt: LATER })).not.toHaveProperty('pausedAt');
    expect(keepingPause(paused, { ...paused, updatedAt: LATER }).pausedAt).toBe(ENDED);
    const old = pausedOffer({ updatedAt: ENDED });
    expect(keepingPause(old, { ...old, updatedAt: LATER }).pausedAt).toBe(ENDED);
  });
});

describe('lifecycleStep of a live record whose last night has passed', () => {
  const NEW_YORK = { country: 'US', city: 'New York', lat: 40.7128, lon: -74.006 };
  const at = (iso: string) => new Date(iso);

  it('closes an offer at midnight after its last night where it lies, not at midnight UTC', () => {
    const tbilisi = makeOffer('o-ge', { ...TBILISI, availableFrom: '2031-04-01', availableTo: '2031-04-10' });
    expect(lifecycleStep(tbilisi, at('2031-04-10T19:59:59Z'), 90)).toEqual({
      kind: 'wait',
      until: at('2031-04-10T20:00:00Z'),
    });
    expect(lifecycleStep(tbilisi, at('2031-04-10T20:00:00Z'), 90)).toEqual({ kind: 'close' });
    // New York in April is four hours behind UTC: the host's last night runs until 04:00 UTC.
    const newYork = makeOffer('o-us', {
      ...NEW_YORK,
      availableFrom: '2031-04-01',
      availableTo: '2031-04-10',
    });
    expect(lifecycleStep(newYork, at('2031-04-11T03:59:59Z'), 90)).toEqual({
      kind: 'wait',
      until: at('2031-04-11T04:00:00Z'),
    });
  });

  it('expires a request at midnight after its departure day where it lies', () => {
    const request = makeRequest('r-ge', {
      ...TBILISI,
      confirmedAt: '2031-03-01T09:00:00.000Z',
      arrival: '2031-04-01',
      departure: '2031-04-10',
    });
    expect(lifecycleStep(request, at('2031-04-10T20:00:00Z'), 90)).toEqual({ kind: 'expire' });
  });
});
