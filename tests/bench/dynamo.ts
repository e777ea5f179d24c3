import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoLocal } from '../../infra/local/dynamo.ts';
import { ensureTable } from '../../infra/local/table.ts';
import { loadConfig } from '../../shared/config.ts';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';
import { offerItem, requestItem } from '../../shared/data/items.ts';
import type { Deps } from '../../shared/deps.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { generateOffers, generateRequests, random } from './generate.ts';

export interface DynamoResult {
  offers: number;
  probes: { queries: number; items: number; milliseconds: number; proposed: number }[];
  queries: { median: number; max: number };
  items: { median: number; max: number };
  milliseconds: { median: number };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const PROBES = 9;

/**
 * Reads of one incremental match (a request just confirmed) against DynamoDB Local holding
 * 1k, 10k and 100k open offers of the same realistic distribution: the request's own read, its
 * declined pairs, the bounded candidate search, and the consistent re-read before the write.
 */
export async function benchDynamo(sizes: number[]): Promise<DynamoResult[]> {
  const dynamo = await startDynamoLocal();
  const tableName = 'haven-bench';
  const client = createDynamoClient({ region: 'local', endpoint: dynamo.endpoint });
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  try {
    await ensureTable(client, tableName);
    const db = createDocumentClient(client);
    const config = loadConfig({
      TABLE_NAME: tableName,
      PUBLIC_URL: 'http://haven.bench',
      MAIL_FROM: 'Haven <haven@haven.bench>',
      COORDINATORS: JSON.stringify({ '*': ['coordinator@haven.bench'] }),
      AWS_REGION: 'local',
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      MAIL_TRANSPORT: 'directory',
      MAIL_DIR: '/tmp/haven-bench-mail',
    });
    const deps: Deps = { config, db, now: () => new Date(), log: silent };
    const service = createMatchingService(deps);
    const rng = random(99);
    const probeRng = random(7);
    const results: DynamoResult[] = [];
    let written = 0;
    for (const size of [...sizes].sort((a, b) => a - b)) {
      const started = performance.now();
      const offers = generateOffers(rng, size - written, true, `o${written}-`);
      const batches: (typeof offers)[] = [];
      for (let i = 0; i < offers.length; i += 25) batches.push(offers.slice(i, i + 25));
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < batches.length) {
            const batch = batches[next++] ?? [];
            let pending: Record<string, unknown>[] = batch.map((offer) => ({
              PutRequest: { Item: offerItem(offer) },
            }));
            while (pending.length > 0) {
              const out = await db.send(
                new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }),
              );
              pending = (out.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined) ?? [];
            }
          }
        }),
      );
      written = size;
      console.error(
        `[dynamo] ${size} open offers written in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      const probes: DynamoResult['probes'] = [];
      for (const request of generateRequests(probeRng, PROBES, `probe${size}-`)) {
        await db.send(new PutCommand({ TableName: tableName, Item: requestItem(request) }));
        const at = performance.now();
        const report = await service.matchRequestIds([request.id]);
        probes.push({
          queries: report.reads.queries,
          items: report.reads.items,
          milliseconds: performance.now() - at,
          proposed: report.proposed,
        });
      }
      results.push({
        offers: size,
        probes,
        queries: {
          median: median(probes.map((p) => p.queries)),
          max: Math.max(...probes.map((p) => p.queries)),
        },
        items: { median: median(probes.map((p) => p.items)), max: Math.max(...probes.map((p) => p.items)) },
        milliseconds: { median: median(probes.map((p) => p.milliseconds)) },
      });
      console.error(
        `[dynamo] ${size}: items read median ${results.at(-1)?.items.median}, max ${results.at(-1)?.items.max}`,
      );
    }
    return results;
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}
