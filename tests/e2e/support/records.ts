import { expect } from 'vitest';
import { loadConfig } from '../../../shared/config.ts';
import { createDocumentClient, createDynamoClient } from '../../../shared/data/client.ts';
import { saveOffer } from '../../../shared/data/offers.ts';
import { saveRequest } from '../../../shared/data/requests.ts';
import type { Deps } from '../../../shared/deps.ts';
import { type OfferRecord, type RequestRecord, reachable } from '../../../shared/domain/records.ts';
import { logger } from '../../../shared/log.ts';
import type { RunningHaven } from '../../support/npm-start.ts';
import { testEnv } from '../../support/table.ts';
import { linkIn, waitForMail } from './haven.ts';

/** Submits an offer or a request through the JSON API in that language, as an app would; it must be accepted. */
export async function submitted(
  haven: RunningHaven,
  kind: 'offers' | 'requests',
  body: Record<string, unknown>,
  language = 'en',
): Promise<void> {
  const response = await fetch(`${haven.baseUrl}/api/v1/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
}

/** Submits a record through the JSON API and confirms it through its mailed link, as its owner would. */
export async function confirmed(
  haven: RunningHaven,
  kind: 'offers' | 'requests',
  body: Record<string, unknown>,
  language = 'en',
): Promise<void> {
  await submitted(haven, kind, body, language);
  const confirm = linkIn(await waitForMail(haven, body.email as string), '/confirm/');
  const done = await fetch(confirm, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'decision=confirm',
  });
  expect(done.status).toBe(200);
}

/**
 * Stores offers and requests nobody could reach once placed (no address, phone or Telegram
 * username) into a running Haven's table, each as the test makes it (its own ids, country and
 * age). A product path does make such a record: a Mini App sender without a username who later
 * clears their only phone on the manage page the bot sent them. Taking it here would need these
 * `npm start`s to run the bot against the fake Bot API (tests/support/fake-telegram.ts) and read
 * the manage link from the chat; they do not yet, so the records are seeded. They are written as
 * the product writes a record (saveOffer/saveRequest: the record with its lookups, lifecycle
 * schedule and the Mini App's `submitted-telegram` audit event dated at its createdAt, in one
 * transaction), never as raw items. What that path also writes is left out: the manage token, the
 * chat's address registry entry, the availability check, and the audit event of clearing the phone.
 */
export async function seedUnreachable(
  haven: RunningHaven,
  records: readonly (OfferRecord | RequestRecord)[],
): Promise<void> {
  // The settings the running Haven got, so what the seed writes (its lifecycle schedule too) follows them.
  const config = loadConfig(
    testEnv(haven.tableName, {
      ...haven.env,
      DYNAMODB_ENDPOINT: haven.dynamoEndpoint,
      PUBLIC_URL: haven.baseUrl,
    }),
  );
  const client = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  const db = createDocumentClient(client);
  // The audit event a Mini App submission writes (shared/intake/submit.ts), dated when the record was made.
  const change = { audit: { action: 'submitted-telegram', actor: 'form', to: 'open' } } as const;
  try {
    for (const record of records) {
      expect(reachable(record)).toBe(false);
      const deps: Deps = { config, db, now: () => new Date(record.createdAt), log: logger };
      if (record.kind === 'offer') await saveOffer(deps, record, undefined, change);
      else await saveRequest(deps, record, undefined, change);
    }
  } finally {
    client.destroy();
  }
}
