import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { isConditionFailure } from './errors.ts';
import { AUDIT_PREFIX, auditKey, LOOKED_PREFIX, lookKey } from './keys.ts';
import { queryAll } from './query.ts';

/**
 * Who caused a change: a link (by purpose, never the token), a process, the API, or a signed-in
 * coordinator by their address (the contract asks for it: coordinators answer for what they do).
 */
export type AuditActor = `link:${string}` | `process:${string}` | `coordinator:${string}` | 'api' | 'form';

/** An AuditActor as a stored item names it (queued steps carry who started them), for its zod schema: parsed, never cast. */
export const auditActorSchema = () =>
  z.union([
    z.templateLiteral(['link:', z.string()]),
    z.templateLiteral(['process:', z.string()]),
    z.templateLiteral(['coordinator:', z.string()]),
    z.literal(['api', 'form']),
  ]);

export interface AuditEntry {
  readonly subjectPk: string;
  readonly action: string;
  readonly actor: AuditActor;
  readonly from?: string;
  readonly to?: string;
  /** Names of the fields that changed; never their values, which may be personal data. */
  readonly fields?: readonly string[];
}

/** Audit events hold no personal data, so they outlive the records' retention period. */
const AUDIT_RETENTION_DAYS = 365;

/** The Put of an audit event, written in the same transaction as the change it records. */
export function auditPut(tableName: string, entry: AuditEntry, now: Date) {
  const at = now.toISOString();
  const id = randomUUID();
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...auditKey(entry.subjectPk, at, id),
        kind: 'audit',
        id,
        at,
        action: entry.action,
        actor: entry.actor,
        ...(entry.from === undefined ? {} : { from: entry.from }),
        ...(entry.to === undefined ? {} : { to: entry.to }),
        ...(entry.fields === undefined ? {} : { fields: [...entry.fields] }),
        expiresAt: Math.floor(now.getTime() / 1000) + AUDIT_RETENTION_DAYS * 86400,
      },
    },
  };
}

export const auditEventSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    at: z.iso.datetime(),
    action: z.string(),
    actor: z.string(),
    from: z.string().optional(),
    to: z.string().optional(),
    fields: z.array(z.string()).optional(),
  }),
);
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** An audit event on its own, for what changes nothing else: a coordinator's search, an export. */
export async function writeAudit(deps: Deps, entry: AuditEntry): Promise<void> {
  await deps.db.send(new PutCommand(auditPut(deps.config.TABLE_NAME, entry, deps.now()).Put));
}

/** Where a page of a record's trail ends: the oldest event it shows, as the next page's link names it. */
const trailCursorOf = (event: AuditEvent) => `${event.at}#${event.id}`;

const trailCursorSchema = lazySchema(() => z.tuple([z.iso.datetime(), z.uuid()]));

/**
 * A page of a record's audit trail, newest first, at most `limit` events, older than `before` (a
 * trailCursorOf) when given: one Query on its partition. `older` names where the next page begins,
 * when one does, and `newest` whether it is the newest page: a cursor that is not one (a link typed
 * by hand) reads from the newest.
 */
export async function auditTrailPage(
  deps: Deps,
  subjectPk: string,
  limit: number,
  before?: string,
): Promise<{ events: AuditEvent[]; older: string | undefined; newest: boolean }> {
  const cursor = before === undefined ? undefined : trailCursorSchema.safeParse(before.split(/#(?=[^#]*$)/));
  const { Items = [] } = await deps.db.send(
    new QueryCommand({
      TableName: deps.config.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
      ExpressionAttributeValues: { ':pk': subjectPk, ':audit': AUDIT_PREFIX },
      ScanIndexForward: false,
      // One more than shown: whether an older page exists, without a page that turns out empty.
      Limit: limit + 1,
      ...(cursor?.success ? { ExclusiveStartKey: auditKey(subjectPk, ...cursor.data) } : {}),
    }),
  );
  const events = Items.slice(0, limit).map((item) => auditEventSchema.parse(item));
  const oldest = events.at(-1);
  return {
    events,
    older: Items.length > limit && oldest ? trailCursorOf(oldest) : undefined,
    newest: !cursor?.success,
  };
}

/** A record's audit trail, newest first, at most `limit` events (what the tests read a trail with). */
export const auditTrail = async (deps: Deps, subjectPk: string, limit: number): Promise<AuditEvent[]> =>
  (await auditTrailPage(deps, subjectPk, limit)).events;

/**
 * A coordinator's view of a record (on `where`, when not its own page): an audit event, then their
 * latest view kept as one item per coordinator, never moved back by a view that overtook it. A
 * look the second write missed is still in the trail, which the record page reads with the lookers.
 */
export async function auditView(
  deps: Deps,
  subjectPk: string,
  coordinator: string,
  where?: string,
): Promise<void> {
  const view = auditPut(
    deps.config.TABLE_NAME,
    {
      subjectPk,
      action: 'coordinator.viewed',
      actor: `coordinator:${coordinator}`,
      ...(where === undefined ? {} : { fields: [where] }),
    },
    deps.now(),
  );
  await deps.db.send(new PutCommand(view.Put));
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.config.TABLE_NAME,
        Item: {
          ...lookKey(subjectPk, coordinator),
          kind: 'look',
          by: coordinator,
          at: view.Put.Item.at,
          // It names a coordinator, as the audit event does, and goes with it.
          expiresAt: view.Put.Item.expiresAt,
        },
        ConditionExpression: 'attribute_not_exists(#at) OR #at <= :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': view.Put.Item.at },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

const lookSchema = lazySchema(() => z.object({ by: z.string(), at: z.iso.datetime() }));

/** Every coordinator who has looked at a record (since lookers were kept), each with their latest view. */
export async function lookersOf(deps: Deps, subjectPk: string): Promise<{ by: string; at: string }[]> {
  const items = await queryAll(deps.db, {
    TableName: deps.config.TABLE_NAME,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :looked)',
    ExpressionAttributeValues: { ':pk': subjectPk, ':looked': LOOKED_PREFIX },
  });
  return items.map((item) => lookSchema.parse(item));
}
