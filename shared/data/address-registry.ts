import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { emailHash } from './items.ts';
import { addressRegistryKey } from './keys.ts';

type Kind = 'offer' | 'request';

/**
 * One item per address and kind, listing the records from that address that a resubmission
 * may still update. The gsi2 index cannot serve here: it is eventually consistent, so a
 * submission racing another would not see the record the other just created.
 */
const registrySchema = lazySchema(() =>
  z.object({
    kind: z.literal('address-registry'),
    recordKind: z.enum(['offer', 'request']),
    ids: z.array(z.string().min(1)),
    version: z.number().int().min(0),
  }),
);

export interface AddressRecords<R> {
  /** The registry's version as read; undefined before the address's first submission under it. */
  readonly version: number | undefined;
  readonly records: R[];
}

/**
 * The records of one kind from an address, each read consistently through the registry. An
 * address without a registry (records made before it existed, or none) falls back to `legacy`,
 * read beside the registry rather than after it: a new address, every one in a surge, has
 * none, and one after the other the two reads each waited their turn on a busy table.
 */
export async function recordsOfAddress<R>(
  deps: Deps,
  kind: Kind,
  email: string,
  read: (id: string) => Promise<R | undefined>,
  legacy: () => Promise<R[]>,
): Promise<AddressRecords<R>> {
  const [{ Item }, before] = await Promise.all([
    deps.db.send(
      new GetCommand({
        TableName: deps.config.TABLE_NAME,
        Key: addressRegistryKey(kind, emailHash(email)),
        ConsistentRead: true,
      }),
    ),
    legacy(),
  ]);
  if (Item === undefined) return { version: undefined, records: before };
  const registry = registrySchema.parse(Item);
  const records = await Promise.all(registry.ids.map(read));
  return { version: registry.version, records: records.filter((record) => record !== undefined) };
}

/**
 * The registry's next state, for the submission's own transaction: it fails when another
 * submission from the address wrote first, so the loser re-reads and sees that submission.
 */
export function addressRegistryPut(
  table: string,
  kind: Kind,
  email: string,
  ids: readonly string[],
  expectedVersion: number | undefined,
) {
  return {
    Put: {
      TableName: table,
      Item: {
        ...addressRegistryKey(kind, emailHash(email)),
        kind: 'address-registry',
        recordKind: kind,
        ids: [...new Set(ids)],
        version: expectedVersion === undefined ? 0 : expectedVersion + 1,
      },
      ...(expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
    },
  };
}

/**
 * For the transaction that erases or deletes a record: its id leaves the address's registry,
 * and the registry itself goes (its key is the address's hash) once it lists nothing else.
 * Conditioned on the version read, like a submission; undefined when there is no registry.
 */
export async function addressRegistryRelease(deps: Deps, kind: Kind, email: string, id: string) {
  const table = deps.config.TABLE_NAME;
  const key = addressRegistryKey(kind, emailHash(email));
  const { Item } = await deps.db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  if (Item === undefined) return undefined;
  const registry = registrySchema.parse(Item);
  const rest = registry.ids.filter((other) => other !== id);
  if (rest.length > 0) return addressRegistryPut(table, kind, email, rest, registry.version);
  return {
    Delete: {
      TableName: table,
      Key: key,
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': registry.version },
    },
  };
}
