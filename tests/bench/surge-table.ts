/**
 * `npm run bench:surge-table`: the surge's confirmations (surge-pool.ts; SURGE_OFFERS /
 * SURGE_REQUESTS / SURGE_SEED, default 200 / 1,000 / 17) matched on a DynamoDB Local table of
 * the bench's own as the stream hands them to the matcher: in batches of SURGE_WINDOW (default
 * 5), each through matchBatch, with the table SURGE_LAG confirmations ahead of the batch
 * (default 35: the stream running behind, as live). No server, no intake, no other writer: what
 * it reports (people placed, runs, the matcher's queries and items read, its proposal
 * transactions and their items) does not depend on how busy the machine is, where a live surge's
 * latency does; the matcher's wall and CPU time are reported beside them.
 */
import { QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { offerItem, requestItem } from '../../shared/data/items.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { startBenchTable } from './bench-table.ts';
import { surgePool } from './surge-pool.ts';

const env = process.env;
const OFFERS = Number(env.SURGE_OFFERS ?? 200);
const REQUESTS = Number(env.SURGE_REQUESTS ?? 1000);
const SEED = Number(env.SURGE_SEED ?? 17);
const WINDOW = Number(env.SURGE_WINDOW ?? 5);
const LAG = Number(env.SURGE_LAG ?? 35);

const bench = await startBenchTable('haven-surge-table');
try {
  const { deps, client } = bench;
  const transactions = { count: 0, items: 0 };
  const count: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    const items = (args.input as { TransactItems?: unknown[] }).TransactItems;
    if (context.commandName === TransactWriteItemsCommand.name && items) {
      transactions.count++;
      transactions.items += items.length;
    }
    return next(args);
  };
  client.middlewareStack.add(count, { step: 'initialize', name: 'countTransactions' });
  // What the matcher's queries read, by index and the partition key's prefix (its access pattern):
  // where a run's items go. The confirmations' own writes are Puts and are not counted here.
  const byPattern: Record<string, { queries: number; items: number }> = {};
  const perPattern: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    const result = await next(args);
    if (context.commandName === QueryCommand.name) {
      const input = args.input as {
        IndexName?: string;
        ExpressionAttributeValues?: Record<string, unknown>;
      };
      // Marshalled or not, depending on where the document client's own middleware sits.
      const value = input.ExpressionAttributeValues?.[':pk'];
      const pk = typeof value === 'string' ? value : String((value as { S?: string } | undefined)?.S ?? '');
      const index = input.IndexName ?? 'table';
      const parts = pk.split('#');
      // A pool partition's cell is kept when it is a country-wide one (WIDE, ANY), not a place.
      const cell = parts[0] === 'POOL' && /^(WIDE|ANY)$/.test(parts.at(-1) ?? '') ? `#${parts.at(-1)}` : '';
      // A query with a Limit is a bounded read (a page of a search, a few-offers probe).
      const bounded = (args.input as { Limit?: number }).Limit === undefined ? '' : ' (limited)';
      const pattern = `${index} ${parts.slice(0, index === 'table' ? 1 : 2).join('#')}${cell}${bounded}`;
      const output = result.output as { ScannedCount?: number };
      const entry = byPattern[pattern] ?? { queries: 0, items: 0 };
      byPattern[pattern] = entry;
      entry.queries++;
      entry.items += output.ScannedCount ?? 0;
    }
    return result;
  };
  client.middlewareStack.add(perPattern, { step: 'initialize', name: 'countQueriesByPattern' });
  // The matcher's solves, from its own `matcher.solved` lines: how many, the requests they held
  // (a count), and their CPU milliseconds (a time, beside it), with the filters before them
  // (placeableOnly: `placeableMs` of a solve, `matcher.placeable` where no solve followed).
  const solves = { count: 0, requests: 0, choseNobody: 0, ms: 0, placeableMs: 0 };
  const service = createMatchingService({
    ...deps,
    log: {
      ...deps.log,
      info: (event, fields) => {
        if (event === 'matcher.placeable') {
          solves.ms += Number(fields?.ms);
          solves.placeableMs += Number(fields?.ms);
        }
        if (event !== 'matcher.solved') return;
        solves.count++;
        solves.requests += Number(fields?.requests);
        if (Number(fields?.chosen) === 0) solves.choseNobody++;
        solves.ms += Number(fields?.ms);
        solves.placeableMs += Number(fields?.placeableMs ?? 0);
      },
    },
  });
  const { confirmations } = await surgePool(OFFERS, REQUESTS, SEED);
  // Each confirmation stamped as it is written, a second apart: a batch's newest item, and the
  // offers the table shows beyond it fresh (matcher.ts, aroundFreshOffers).
  const base = Date.now();
  const stamped = confirmations.map((confirmation, i) => {
    const updatedAt = new Date(base + i * 1000).toISOString();
    return confirmation.kind === 'offer'
      ? {
          id: confirmation.offer.id,
          kind: 'offer' as const,
          updatedAt,
          // As saveOffer stores a new offer: carrying its (empty) holds (shared/data/holds.ts).
          item: offerItem({
            ...confirmation.offer,
            updatedAt,
            holds: {},
            holdsVersion: confirmation.offer.version,
          }),
        }
      : {
          id: confirmation.request.id,
          kind: 'request' as const,
          updatedAt,
          item: requestItem({ ...confirmation.request, updatedAt }),
        };
  });
  const totals = { runs: 0, proposed: 0, queries: 0, items: 0, ms: 0 };
  const cpuAtStart = process.cpuUsage();
  let shown = 0;
  for (let start = 0; start < stamped.length; start += WINDOW) {
    for (; shown < Math.min(stamped.length, start + WINDOW + LAG); shown++) {
      const { item } = stamped[shown] as (typeof stamped)[number];
      await deps.db.send(new PutCommand({ TableName: deps.config.TABLE_NAME, Item: item }));
    }
    const batch = stamped.slice(start, start + WINDOW);
    const at = performance.now();
    const report = await service.matchBatch(
      batch.filter((entry) => entry.kind === 'request').map((entry) => entry.id),
      batch.filter((entry) => entry.kind === 'offer').map((entry) => entry.id),
      batch
        .map((entry) => entry.updatedAt)
        .sort()
        .at(-1),
    );
    totals.ms += performance.now() - at;
    totals.runs++;
    totals.proposed += report.proposed;
    totals.queries += report.reads.queries;
    totals.items += report.reads.items;
  }
  const cpu = process.cpuUsage(cpuAtStart);
  let people = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new ScanCommand({
        TableName: deps.config.TABLE_NAME,
        ExclusiveStartKey: startKey,
        FilterExpression: 'kind = :proposal',
        ExpressionAttributeValues: { ':proposal': 'proposal' },
      }),
    );
    for (const item of page.Items ?? []) people += Number(item.partySize);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  console.log(
    JSON.stringify({
      offers: OFFERS,
      requests: REQUESTS,
      seed: SEED,
      window: WINDOW,
      lag: LAG,
      people,
      ...totals,
      ms: Math.round(totals.ms),
      transactions,
      solves,
      byPattern,
      // The bench's own process: the matcher's CPU, and the writes of the confirmations beside it.
      cpuSeconds: Math.round((cpu.user + cpu.system) / 100_000) / 10,
    }),
  );
} finally {
  await bench.stop();
}
