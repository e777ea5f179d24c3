import { expect } from 'vitest';
import { loadConfig } from '../../../shared/config.ts';
import { writeAudit } from '../../../shared/data/audit.ts';
import { createDocumentClient, createDynamoClient } from '../../../shared/data/client.ts';
import { offerKey } from '../../../shared/data/keys.ts';
import { saveOffer } from '../../../shared/data/offers.ts';
import { saveRequest } from '../../../shared/data/requests.ts';
import { markChatUnreachable } from '../../../shared/data/telegram-lookups.ts';
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
  // The audit event a Mini App submission writes (shared/intake/submit.ts), dated when the record was made.
  const change = { audit: { action: 'submitted-telegram', actor: 'form', to: 'open' } } as const;
  await withHavenTable(haven, async (deps) => {
    for (const record of records) {
      expect(reachable(record)).toBe(false);
      const dated = { ...deps, now: () => new Date(record.createdAt) };
      if (record.kind === 'offer') await saveOffer(dated, record, undefined, change);
      else await saveRequest(dated, record, undefined, change);
    }
  });
}

/** Marks a chat as the mailer does when Telegram refuses it a notice (markChatUnreachable). */
export async function seedChatRefused(haven: RunningHaven, chatId: string, mailed: boolean): Promise<void> {
  await withHavenTable(haven, (deps) => markChatUnreachable(deps, chatId, mailed));
}

/**
 * Stores an offer as the product writes one (with its `submitted` event) and gives it a long
 * history: `count` holds and releases of its beds after it, one audit event each as the matcher
 * writes them, so its record page has more than one page of history.
 */
export async function seedLongHistory(haven: RunningHaven, offer: OfferRecord, count: number): Promise<void> {
  await withHavenTable(haven, async (deps) => {
    await saveOffer(deps, offer, undefined, { audit: { action: 'submitted', actor: 'form', to: 'open' } });
    for (let i = 0; i < count; i++)
      await writeAudit(deps, {
        subjectPk: offerKey(offer.id).pk,
        action: i % 2 === 0 ? 'offer.beds-held' : 'offer.beds-released',
        actor: 'process:matcher',
      });
  });
}

/** Runs `work` against a running Haven's table, with the settings it got (its lifecycle schedule too). */
async function withHavenTable(haven: RunningHaven, work: (deps: Deps) => Promise<void>): Promise<void> {
  const config = loadConfig(
    testEnv(haven.tableName, {
      ...haven.env,
      DYNAMODB_ENDPOINT: haven.dynamoEndpoint,
      PUBLIC_URL: haven.baseUrl,
    }),
  );
  const client = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  try {
    await work({ config, db: createDocumentClient(client), now: () => new Date(), log: logger });
  } finally {
    client.destroy();
  }
}
