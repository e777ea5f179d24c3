import * as z from 'zod';
import { BadRequest } from '../domain/errors.ts';
import { lazySchema } from '../domain/lazy-schema.ts';

/**
 * Cursors of pages read from a GSI partition (the coordinators' queues, the export): an index key
 * to start after, opaque to the client (base64url JSON) and accepted back only as a key of the
 * same partition, so no cursor reads outside what its page may show.
 */

export interface Page<T> {
  readonly items: T[];
  /** Where the next page starts; undefined on the last page. */
  readonly next: string | undefined;
}

export type CursorIndex = 'gsi2' | 'gsi3' | 'gsi4';

/**
 * A GSI Query's LastEvaluatedKey is the table's key and the index's key, nothing else: a cursor
 * of any other shape would reach DynamoDB as a start key it refuses, a 500 for what a client sent.
 * DynamoDB bounds a sort key by 1,024 bytes of UTF-8, not characters: 1,024 × «Ж» is 2 KB.
 * No key the table writes holds a control character or half a surrogate pair (text that is not
 * UTF-16 and has no UTF-8); DynamoDB Local takes them, DynamoDB may not, so they are refused here.
 */
const cursorSchema = lazySchema(() =>
  z
    .record(
      z.string(),
      z
        .string()
        .min(1)
        .refine((value) => Buffer.byteLength(value, 'utf8') <= 1024 && !/[\p{Cc}\p{Cs}]/u.test(value)),
    )
    .refine((key) => Object.keys(key).length === 4),
);
export const keyNames = (index: CursorIndex) => ['pk', 'sk', `${index}pk`, `${index}sk`] as const;

export const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key === undefined ? undefined : Buffer.from(JSON.stringify(key)).toString('base64url');

export function parseCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequest('The page cursor cannot be read.');
  }
}

export function decodeCursor(cursor: string | undefined, index: CursorIndex, pk: string) {
  if (cursor === undefined || cursor === '') return undefined;
  return startKeyOf(parseCursor(cursor), index, pk);
}

/** A start key a client sent back, checked to be a key of exactly this partition. */
export function startKeyOf(parsed: unknown, index: CursorIndex, pk: string) {
  const key = cursorSchema.safeParse(parsed);
  // A cursor from another partition (another country) would read outside the coordinator's scope.
  if (
    !key.success ||
    key.data[`${index}pk`] !== pk ||
    keyNames(index).some((name) => key.data[name] === undefined)
  )
    throw new BadRequest('The page cursor cannot be read.');
  return key.data;
}

/** The key of an item read from an index: what a page's cursor holds. */
export const indexKeyOf = (index: CursorIndex, item: Record<string, unknown>) =>
  Object.fromEntries(keyNames(index).map((name) => [name, item[name]]));
