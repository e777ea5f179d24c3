import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import type { RenderedMail } from '../domain/mail.ts';
import { type AuditEntry, auditPut } from './audit.ts';
import { isConditionFailure, isTransactionConflict, translateWriteError } from './errors.ts';
import { sessionKey, signInDecoyKey } from './keys.ts';
import { outboxPuts } from './outbox.ts';
import { consumeTokenCondition } from './tokens.ts';
import { type TransactItem, transact } from './transact.ts';

/** A coordinator's server-side session; the cookie holds the raw value, the table only its hash. */
export const sessionSchema = lazySchema(() =>
  z.object({
    kind: z.literal('coordinator-session'),
    email: z.string().min(3),
    createdAt: z.iso.datetime(),
    /** The last request seen, to end the session after two idle hours. */
    lastSeenAt: z.iso.datetime(),
    /** Twelve hours after the sign-in, whatever happens: the session ends then. */
    validUntil: z.iso.datetime(),
  }),
);
export type CoordinatorSession = z.infer<typeof sessionSchema>;

/**
 * Sends a sign-in link: the token, the mail that carries it and the audit event, written
 * together, so a mail exists exactly when its link does.
 */
export async function writeSignInLink(
  deps: Deps,
  tokenPut: TransactItem,
  mail: RenderedMail,
  audit: AuditEntry,
): Promise<void> {
  const now = deps.now();
  try {
    await transact(deps.db, signInLinkItems(deps.config.TABLE_NAME, tokenPut, mail, audit, now));
  } catch (error) {
    translateWriteError(error, 'sign-in link');
  }
}

const signInLinkItems = (
  table: string,
  tokenPut: TransactItem,
  mail: RenderedMail,
  audit: AuditEntry,
  now: Date,
): TransactItem[] => [tokenPut, ...outboxPuts(table, mail, now), auditPut(table, audit, now)];

/** The kind of a decoy item: no stream consumer's filter names it. */
const SIGN_IN_DECOY = 'sign-in-decoy';

/**
 * For an address that is no coordinator's, what writeSignInLink would cost without what it
 * does: a transaction of as many items, each as large as the link's, mail's or audit event's,
 * under keys that nothing reads and of a kind no stream consumer takes. The answer's timing
 * would otherwise tell who is a coordinator. The next request for the same address overwrites
 * its items and they expire with the link they stand in for, so a stranger's sign-ins keep at
 * most one set per address.
 */
export async function writeSignInDecoy(
  deps: Deps,
  addressHash: string,
  link: { readonly tokenPut: TransactItem; readonly mail: RenderedMail; readonly audit: AuditEntry },
  validUntil: Date,
): Promise<void> {
  const table = deps.config.TABLE_NAME;
  const items = signInLinkItems(table, link.tokenPut, link.mail, link.audit, deps.now());
  const expiresAt = Math.ceil(validUntil.getTime() / 1000);
  const decoys = items.map((item, part): TransactItem => {
    const key = signInDecoyKey(addressHash, part);
    const size = JSON.stringify(item.Put?.Item ?? {}).length;
    const frame = JSON.stringify({ ...key, kind: SIGN_IN_DECOY, filler: '', expiresAt }).length;
    return {
      Put: {
        TableName: table,
        Item: { ...key, kind: SIGN_IN_DECOY, filler: '.'.repeat(Math.max(0, size - frame)), expiresAt },
      },
    };
  });
  try {
    await transact(deps.db, decoys);
  } catch (error) {
    // Two requests for one address at once race for its items; the one that lost changed nothing anyone reads.
    if (isTransactionConflict(error)) return;
    translateWriteError(error, 'sign-in');
  }
}

/**
 * Starts a session by spending a sign-in token: the token, the session and the audit event in one
 * transaction. Returns false when the token was spent or expired meanwhile (a replay, a double
 * click): then no session exists.
 */
export async function startSession(
  deps: Deps,
  signInHash: string,
  sessionHash: string,
  session: CoordinatorSession,
  audit: AuditEntry,
): Promise<boolean> {
  const table = deps.config.TABLE_NAME;
  const now = deps.now();
  try {
    await transact(deps.db, [
      consumeTokenCondition(table, signInHash, now),
      {
        Put: {
          TableName: table,
          Item: {
            ...sessionKey(sessionHash),
            ...session,
            expiresAt: Math.ceil(Date.parse(session.validUntil) / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut(table, audit, now),
    ]);
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    return translateWriteError(error, 'session');
  }
}

/** The session under a cookie's hash, read consistently so a signed-out cookie stops at once. */
export async function readSession(deps: Deps, sessionHash: string): Promise<CoordinatorSession | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: sessionKey(sessionHash), ConsistentRead: true }),
  );
  return Item === undefined ? undefined : sessionSchema.parse(Item);
}

/** Marks the session as used now; never brings back a session that was ended meanwhile. */
export async function touchSession(deps: Deps, sessionHash: string, at: Date): Promise<void> {
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.config.TABLE_NAME,
        Key: sessionKey(sessionHash),
        UpdateExpression: 'SET lastSeenAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND lastSeenAt < :at',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) translateWriteError(error, 'session');
  }
}

/** Ends a session on the server, with its audit event: the cookie no longer opens anything. */
export async function endSession(deps: Deps, sessionHash: string, audit: AuditEntry): Promise<void> {
  const table = deps.config.TABLE_NAME;
  try {
    await transact(deps.db, [
      { Delete: { TableName: table, Key: sessionKey(sessionHash) } },
      auditPut(table, audit, deps.now()),
    ]);
  } catch (error) {
    translateWriteError(error, 'session');
  }
}

/** Removes a session without a trace of its own (one that outlived its coordinator's listing). */
export async function dropSession(deps: Deps, sessionHash: string): Promise<void> {
  await deps.db.send(new DeleteCommand({ TableName: deps.config.TABLE_NAME, Key: sessionKey(sessionHash) }));
}
