import { randomUUID } from 'node:crypto';
import { auditKey } from './keys.ts';

/**
 * Who caused a change: a link (by purpose, never the token), a process, the API, or a signed-in
 * coordinator by their address (the contract asks for it: coordinators answer for what they do).
 */
export type AuditActor = `link:${string}` | `process:${string}` | `coordinator:${string}` | 'api' | 'form';

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
