/**
 * Every key string of the table lives here. Items carry generic pk/sk and gsiNpk/gsiNsk
 * attributes (see table.ts); this module decides what they mean for each entity.
 */
export const offerKey = (id: string) => ({ pk: `OFFER#${id}`, sk: 'OFFER' });
export const requestKey = (id: string) => ({ pk: `REQUEST#${id}`, sk: 'REQUEST' });
export const proposalKey = (id: string) => ({ pk: `PROPOSAL#${id}`, sk: 'PROPOSAL' });
export const tokenKey = (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' });
export const outboxKey = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' });

/** Audit events sit in the partition of the record they describe, oldest first. */
export const auditKey = (subjectPk: string, at: string, id: string) => ({
  pk: subjectPk,
  sk: `AUDIT#${at}#${id}`,
});
export const AUDIT_PREFIX = 'AUDIT#';

/** The health probe reads this key; it never exists, which is fine: a read that answers is enough. */
export const healthKey = { pk: 'HEALTH', sk: 'HEALTH' } as const;

/** gsi3: unsent mail, oldest first, for the mailer's retry sweep. */
export const outboxPendingIndex = (createdAt: string, id: string) => ({
  gsi3pk: 'OUTBOX#pending',
  gsi3sk: `${createdAt}#${id}`,
});
