import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { offerItem, requestItem } from '../../shared/data/items.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { startBenchTable, writeAll } from './bench-table.ts';
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
  const tableName = 'haven-bench';
  const bench = await startBenchTable(tableName);
  try {
    const { deps } = bench;
    const { db } = deps;
    const service = createMatchingService(deps);
    const rng = random(99);
    const probeRng = random(7);
    const results: DynamoResult[] = [];
    let written = 0;
    for (const size of [...sizes].sort((a, b) => a - b)) {
      const started = performance.now();
      const offers = generateOffers(rng, size - written, true, `o${written}-`);
      await writeAll(deps, offers.map(offerItem));
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
    await bench.stop();
  }
}
