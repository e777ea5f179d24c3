import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Unavailable } from '../domain/errors.ts';

/** The most keys one BatchGetItem takes. */
const BATCH_GET_KEYS = 100;
/** The longest first wait before unprocessed keys are asked again; it doubles each round. */
const UNPROCESSED_BACKOFF_MS = 20;

type Key = { readonly pk: string; readonly sk: string };

export interface BatchGetOptions {
  /** The attributes to read, as a ProjectionExpression of plain names (`pk, sk`). */
  readonly projection: string;
  /** How many times the keys DynamoDB left unprocessed are asked again before the read fails. */
  readonly retries: number;
  /** Ends the calls and the waits between them (the caller's deadline). */
  readonly abortSignal?: AbortSignal;
}

/**
 * The items these keys hold, read with BatchGetItem a hundred keys a call, one call after
 * another; a key asked twice is asked once (BatchGetItem refuses it). DynamoDB leaves keys
 * unprocessed when the table is busy: they are asked again after a wait drawn at random up to
 * UNPROCESSED_BACKOFF_MS × 2ⁿ (full jitter, so readers throttled together do not come back
 * together). Still unprocessed after `retries` asks, it throws Unavailable: it never answers from
 * part of the keys.
 */
export async function batchGetItems(
  db: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Key[],
  options: BatchGetOptions,
): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((key) => [`${key.pk}\n${key.sk}`, key])).values()];
  const found: Record<string, unknown>[] = [];
  for (let at = 0; at < unique.length; at += BATCH_GET_KEYS) {
    let asked: Record<string, unknown>[] = unique
      .slice(at, at + BATCH_GET_KEYS)
      .map(({ pk, sk }) => ({ pk, sk }));
    for (let round = 0; asked.length > 0; round++) {
      if (round > options.retries)
        throw new Unavailable(
          `${asked.length} keys stayed unread after ${round} reads: the table is too busy now.`,
        );
      if (round > 0) {
        const wait = Math.random() * UNPROCESSED_BACKOFF_MS * 2 ** (round - 1);
        await sleep(wait, undefined, { signal: options.abortSignal });
      }
      const { Responses, UnprocessedKeys } = await db.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: asked, ProjectionExpression: options.projection } },
        }),
        { abortSignal: options.abortSignal },
      );
      found.push(...(Responses?.[tableName] ?? []));
      asked = UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return found;
}
