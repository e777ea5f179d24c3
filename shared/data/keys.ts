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

/**
 * gsi1, the matching pool. Only open records carry these attributes (a sparse index), so a
 * paused offer or a placed request drops out of matching by losing them.
 * Offers: one partition per country and geo cell, sorted by the first night available.
 */
export const offerPoolIndex = (country: string, cell: string, availableFrom: string, id: string) => ({
  gsi1pk: `POOL#OFFER#${country}#${cell}`,
  gsi1sk: `${availableFrom}#${id}`,
});

/** Requests without a city are matched country-wide and sit in the country's ANY cell. */
export const requestPoolIndex = (country: string, cell: string | undefined, arrival: string, id: string) => ({
  gsi1pk: `POOL#REQUEST#${country}#${cell ?? 'ANY'}`,
  gsi1sk: `${arrival}#${id}`,
});

/** gsi2: records of one kind by the SHA-256 of the normalised email, for de-duplication and rate limits. */
export const emailIndex = (kind: 'offer' | 'request', emailHash: string, date: string, id: string) => ({
  gsi2pk: `EMAIL#${kind.toUpperCase()}#${emailHash}`,
  gsi2sk: `${date}#${id}`,
});

/** gsi3: every open record of a kind in one country, for the periodic sweep. */
export const openByCountryIndex = (kind: 'offer' | 'request', country: string, date: string, id: string) => ({
  gsi3pk: `OPEN#${kind.toUpperCase()}#${country}`,
  gsi3sk: `${date}#${id}`,
});
