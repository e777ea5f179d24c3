/**
 * The surge's submissions (surge-driver.ts) as the records the intake would store for them,
 * confirmed and open, and their confirmations in the order they come: for the benches that
 * match the surge without a server (surge-offline.ts, surge-table.ts).
 */
import { offerInputSchema, requestInputSchema } from '../../shared/domain/intake.ts';
import type { OfferRecord, RequestRecord } from '../../shared/domain/records.ts';
import { type Place, resolveCity } from '../../shared/places/gazetteer.ts';
import { generateSubmissions } from './surge-driver.ts';
import type { Confirmation } from './surge-replay.ts';

const STAMP = new Date().toISOString();

async function placeOf(city: string): Promise<Place> {
  const place = await resolveCity('TR', city);
  if ('suggestions' in place) throw new Error(`${city} does not resolve`);
  return place;
}

/** The records the intake would store for the surge's submissions, confirmed and open. */
export async function surgePool(offerCount: number, requestCount: number, seed: number) {
  const offers: OfferRecord[] = [];
  const requests: RequestRecord[] = [];
  const confirmations: Confirmation[] = [];
  const common = (id: string) =>
    ({ id, status: 'open', locale: 'en', createdAt: STAMP, updatedAt: STAMP, version: 1 }) as const;
  for (const [i, submission] of generateSubmissions(offerCount, requestCount, seed).entries()) {
    if (submission.kind === 'offer') {
      const input = offerInputSchema.parse(submission.body);
      const place = await placeOf(input.city);
      const offer: OfferRecord = {
        ...input,
        ...common(`o${i}`),
        kind: 'offer',
        city: place.name,
        lat: place.lat,
        lon: place.lon,
        cell: place.cell,
      };
      offers.push(offer);
      confirmations.push({ kind: 'offer', offer });
    } else {
      const input = requestInputSchema.parse(submission.body);
      const place = input.city === undefined ? undefined : await placeOf(input.city);
      const request: RequestRecord = {
        ...input,
        ...common(`r${i}`),
        kind: 'request',
        ...(place ? { city: place.name, lat: place.lat, lon: place.lon, cell: place.cell } : {}),
      };
      requests.push(request);
      confirmations.push({ kind: 'request', request });
    }
  }
  return { offers, requests, confirmations };
}
