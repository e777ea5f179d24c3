import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { Gone } from '../domain/errors.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import {
  hashToken,
  LINK_GONE_MESSAGE,
  MANAGE_LINK_VALID_MS,
  newToken,
  type TokenPurpose,
  type TokenRecord,
  type TokenSubjectKind,
  tokenRecordSchema,
  tokenUsable,
} from '../domain/tokens.ts';
import { parsedDueItems } from './due.ts';
import { isConditionFailure } from './errors.ts';
import { heldChangesDueIndex, tokenKey, tokenSubjectIndex, tokenSubjectPartition } from './keys.ts';
import { queryAll } from './query.ts';

/** DynamoDB may delete an expired token this long after it stops working; until then it is kept for audit. */
const TTL_GRACE_SECONDS = 7 * 86400;

export interface TokenSpec {
  readonly purpose: TokenPurpose;
  readonly subjectKind: TokenSubjectKind;
  readonly subjectId: string;
  /** How long the link works, from now. */
  readonly validForMs: number;
  readonly singleUse: boolean;
  /** See TokenRecord.changes. */
  readonly changes?: Readonly<Record<string, unknown>>;
  /** See TokenRecord.mergeFrom. */
  readonly mergeFrom?: string;
  /** See TokenRecord.addressChange. */
  readonly addressChange?: true;
}

/**
 * A new token: the raw value goes into a link (and nowhere else: never a log), the Put stores
 * its hash and belongs in the same TransactWriteItems as the change that issues it.
 */
export function issueToken(tableName: string, spec: TokenSpec, now: Date) {
  const { raw, hash } = newToken();
  const validUntil = new Date(now.getTime() + spec.validForMs);
  const record: TokenRecord = {
    kind: 'token',
    hash,
    purpose: spec.purpose,
    subjectKind: spec.subjectKind,
    subjectId: spec.subjectId,
    createdAt: now.toISOString(),
    validUntil: validUntil.toISOString(),
    singleUse: spec.singleUse,
    ...(spec.changes === undefined ? {} : { changes: { ...spec.changes } }),
    ...(spec.mergeFrom === undefined ? {} : { mergeFrom: spec.mergeFrom }),
    ...(spec.addressChange ? { addressChange: true } : {}),
  };
  return {
    raw,
    hash,
    record,
    put: {
      Put: {
        TableName: tableName,
        Item: {
          ...tokenKey(hash),
          ...tokenSubjectIndex(spec.subjectKind, spec.subjectId, hash),
          ...(spec.changes === undefined ? {} : heldChangesDueIndex(record.validUntil, hash)),
          ...record,
          expiresAt: Math.floor(validUntil.getTime() / 1000) + TTL_GRACE_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** A record's private manage link: it works many times, for MANAGE_LINK_VALID_MS. */
export function issueManageToken(tableName: string, kind: 'offer' | 'request', id: string, now: Date) {
  return issueToken(
    tableName,
    {
      purpose: `manage-${kind}`,
      subjectKind: kind,
      subjectId: id,
      validForMs: MANAGE_LINK_VALID_MS,
      singleUse: false,
    },
    now,
  );
}

/** The stored token under a hash, parsed; undefined when there is none. */
export async function readToken(deps: Deps, hash: string): Promise<TokenRecord | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: tokenKey(hash), ConsistentRead: true }),
  );
  return Item === undefined ? undefined : tokenRecordSchema.parse(Item);
}

/**
 * The token behind a raw link value, if it may act now. Unknown, altered, expired and spent
 * tokens all throw the same Gone with the same message: a caller cannot tell them apart.
 */
export async function usableToken(
  deps: Deps,
  raw: string,
  purposes: readonly TokenPurpose[],
): Promise<TokenRecord> {
  const hash = hashToken(raw);
  const token = hash === undefined ? undefined : await readToken(deps, hash);
  if (!token || !purposes.includes(token.purpose) || !tokenUsable(token, deps.now())) {
    throw new Gone(LINK_GONE_MESSAGE);
  }
  return token;
}

/**
 * The transaction item that spends a single-use token: it fails (and with it the whole
 * transaction) unless the token exists, is unused and has not expired at `now`. Changes it
 * held are applied by then, so it leaves the held-changes queue.
 */
export function consumeTokenCondition(tableName: string, hash: string, now: Date) {
  return {
    Update: {
      TableName: tableName,
      Key: tokenKey(hash),
      UpdateExpression: 'SET usedAt = :now REMOVE gsi3pk, gsi3sk',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND validUntil > :now',
      ExpressionAttributeValues: { ':now': now.toISOString() },
    },
  };
}

/** The transaction item that checks a reusable token still works, without spending it. */
export function tokenStillValidCondition(tableName: string, hash: string, now: Date) {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: tokenKey(hash),
      ConditionExpression: 'attribute_exists(pk) AND validUntil > :now',
      ExpressionAttributeValues: { ':now': now.toISOString() },
    },
  };
}

/** The hashes of every token issued for one record (gsi2), so erasure can delete its links. */
export async function tokensOfSubject(deps: Deps, kind: TokenSubjectKind, id: string): Promise<string[]> {
  const items = await queryAll(deps.db, {
    TableName: deps.config.TABLE_NAME,
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': tokenSubjectPartition(kind, id) },
    ProjectionExpression: 'gsi2sk',
  });
  return items.map((item) => String(item.gsi2sk));
}

/** Deletes tokens by hash: their links stop working and whatever they held (pending changes) goes. */
export async function deleteTokens(deps: Deps, hashes: readonly string[]): Promise<void> {
  for (const hash of hashes) {
    await deps.db.send(new DeleteCommand({ TableName: deps.config.TABLE_NAME, Key: tokenKey(hash) }));
  }
}

/**
 * What the held-changes sweep needs of a queued token: its key. Whose it is only names it in the
 * log, so a token that lost it is still deleted.
 */
const lapsedSchema = lazySchema(() =>
  z.object({ hash: z.string().min(1), subjectKind: z.string().optional(), subjectId: z.string().optional() }),
);
export type LapsedChange = z.infer<typeof lapsedSchema>;

/**
 * The tokens holding changes whose link stopped working before `now`, oldest first. Each is
 * read only as far as its delete needs: a token a later release no longer parses (an unknown
 * purpose) is still deleted with what it held.
 */
export const lapsedChanges = (deps: Deps, now: Date) =>
  parsedDueItems(deps, 'held-changes', now.toISOString(), (item) => lapsedSchema.parse(item));

/**
 * Deletes a token whose held changes nobody confirmed before its link stopped working: an
 * address typed into the Mini App (which may be somebody else's) or a resubmission's fields go
 * when the link does, as an unconfirmed web record does, not at TTL a week or more later. The
 * delete holds only while the token is still unspent and expired; false when it was spent.
 */
export async function dropLapsedChange(deps: Deps, token: LapsedChange, now: Date): Promise<boolean> {
  try {
    await deps.db.send(
      new DeleteCommand({
        TableName: deps.config.TABLE_NAME,
        Key: tokenKey(token.hash),
        ConditionExpression: 'attribute_not_exists(usedAt) AND validUntil <= :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
