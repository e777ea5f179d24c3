import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/** What a piece of work read from the table: the benchmark and the matcher's logs report it. */
export interface ReadStats {
  queries: number;
  items: number;
}

export const newReadStats = (): ReadStats => ({ queries: 0, items: 0 });

/**
 * Every item a Query returns, page after page, so no caller forgets LastEvaluatedKey. Items
 * come raw: each caller parses them with its own schema. Counts into `stats` when given one.
 */
export async function* queryItems(
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  stats?: ReadStats,
): AsyncGenerator<Record<string, unknown>> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    if (stats) {
      stats.queries++;
      stats.items += page.ScannedCount ?? page.Items?.length ?? 0;
    }
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** All the items of a Query, read to the last page. */
export async function queryAll(
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  stats?: ReadStats,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const item of queryItems(db, input, stats)) items.push(item);
  return items;
}
