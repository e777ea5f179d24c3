import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { AUDIT_PREFIX, auditKey } from './keys.ts';

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

/** An audit event on its own, for what changes nothing else: a coordinator's view of a record. */
export async function writeAudit(deps: Deps, entry: AuditEntry): Promise<void> {
  await deps.db.send(new PutCommand(auditPut(deps.config.TABLE_NAME, entry, deps.now()).Put));
}

/** A record's audit trail, newest first, at most `limit` events: one Query on its partition. */
export async function auditTrail(deps: Deps, subjectPk: string, limit: number): Promise<AuditEvent[]> {
  const { Items = [] } = await deps.db.send(
    new QueryCommand({
      TableName: deps.config.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
      ExpressionAttributeValues: { ':pk': subjectPk, ':audit': AUDIT_PREFIX },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => auditEventSchema.parse(item));
}
