/**
 * The one definition of Haven's single table. The CDK stack and the local runner both build
 * the table from this object, so the deployed and the local table can never drift apart.
 */
export const TTL_ATTRIBUTE = 'expiresAt';

export type IndexName = 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4';

export interface IndexDefinition {
  readonly name: IndexName;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export interface TableDefinition {
  readonly partitionKey: 'pk';
  readonly sortKey: 'sk';
  readonly indexes: readonly IndexDefinition[];
  readonly ttlAttribute: typeof TTL_ATTRIBUTE;
  readonly streamView: 'NEW_AND_OLD_IMAGES';
}

/**
 * Generic, overloaded indexes (as ElectroDB does): what each one holds is decided in keys.ts.
 * gsi1 — the matching pool: open offers and open requests by country, geo cell and date.
 * gsi2 — look-ups by a hashed natural key: requests and offers by the email's hash.
 * gsi3 — work queues: records by kind and state (open records for the sweep, unsent mail,
 *        pending proposals by expiry), sorted by the time they are due.
 * gsi4 — every confirmed record of a kind in a country, in every state, until its personal
 *        data is erased, in the order they came in: the coordinators' export.
 */
export const tableDefinition: TableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  ],
  ttlAttribute: TTL_ATTRIBUTE,
  streamView: 'NEW_AND_OLD_IMAGES',
};

/** Every attribute that takes part in a key: all strings. */
export const keyAttributes = (definition: TableDefinition = tableDefinition): string[] => [
  definition.partitionKey,
  definition.sortKey,
  ...definition.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
];
