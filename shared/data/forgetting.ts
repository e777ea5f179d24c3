import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Config } from '../config.ts';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { DAY_MS } from '../domain/time.ts';
import { type DueItem, parsedDueItems } from './due.ts';
import { addressRegistryKey, emailPartition, forgetDueIndex, suppressionHashOf } from './keys.ts';
import { transact } from './transact.ts';

/**
 * The items derived from an address or a chat that no record is (a coordinator's block, a
 * suppression) go with the person: each carries `forgetAt`, RETENTION_DAYS after its last
 * renewal (its writing, a send stored under it, the erasure of a record of it), and waits on
 * gsi3 `FORGET#due` until then. The lifecycle deletes it then unless a record of it still holds
 * personal data (shared/upkeep/forgetting.ts). Every write to it bumps `revision`, and the
 * lifecycle writes only under the revision it read: a send that lands between its look and its
 * delete fails the delete, so a block never goes while a record of the person is live.
 */

/** What a renewing write needs: the table, and how long the item outlives its last renewal. */
export type ForgetConfig = Pick<Config, 'TABLE_NAME' | 'RETENTION_DAYS'>;

/** RETENTION_DAYS after `at`: when an item renewed at `at` may go, if nothing holds it by then. */
export const forgetAtAfter = (config: ForgetConfig, at: string) =>
  new Date(Date.parse(at) + config.RETENTION_DAYS * DAY_MS).toISOString();

/** The attributes of an item written now, for its Put: its horizon, its place in the queue, revision 0. */
export const forgetFields = (config: ForgetConfig, pk: string, at: string) => {
  const forgetAt = forgetAtAfter(config, at);
  return { forgetAt, ...forgetDueIndex(forgetAt, pk), revision: 0 };
};

/**
 * The parts of an UpdateExpression that renew an item at `at` (SET and ADD clauses, and their
 * values), for a write that adds to it or removes from it what else it needs.
 */
export function renewalParts(config: ForgetConfig, pk: string, at: string) {
  const forgetAt = forgetAtAfter(config, at);
  const { gsi3pk, gsi3sk } = forgetDueIndex(forgetAt, pk);
  return {
    set: 'forgetAt = :forgetAt, gsi3pk = :forgetQueue, gsi3sk = :forgetSk',
    add: 'revision :one',
    values: { ':forgetAt': forgetAt, ':forgetQueue': gsi3pk, ':forgetSk': gsi3sk, ':one': 1 },
  };
}

/** An item of the queue, as it was filed: which item to read. */
export interface DueForget {
  readonly pk: string;
  readonly sk: string;
}

const dueForgetSchema = lazySchema(() => z.object({ pk: z.string().min(1), sk: z.string().min(1) }));

/** Every block and suppression whose horizon has come by `now`, oldest first (see DueItem). */
export const dueForgets = (deps: Deps, now: Date): AsyncGenerator<DueItem<DueForget>> =>
  parsedDueItems(deps, 'forget', now.toISOString(), (item) => dueForgetSchema.parse(item));

const forgettableSchema = lazySchema(() =>
  z.object({
    pk: z.string().min(1),
    sk: z.string().min(1),
    kind: z.enum(['block', 'suppression']),
    forgetAt: z.iso.datetime(),
    revision: z.number().int().min(0),
    holders: z.set(z.string()).optional(),
    listsHolders: z.literal(true).optional(),
  }),
);

/**
 * A block or a suppression as the lifecycle reads it: `holders` are a block's records (see
 * holderOf). `listsHolders` is false for a block written before blocks listed them: a release
 * or a send puts it on the queue too, but its list may miss a live record, so it stays.
 */
export interface Forgettable {
  readonly pk: string;
  readonly sk: string;
  readonly kind: 'block' | 'suppression';
  readonly forgetAt: string;
  readonly revision: number;
  readonly holders: readonly string[];
  readonly listsHolders: boolean;
}

/** The item as stored now, read consistently; undefined when it is gone. */
export async function readForgettable(deps: Deps, due: DueForget): Promise<Forgettable | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({
      TableName: deps.config.TABLE_NAME,
      Key: { pk: due.pk, sk: due.sk },
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) return undefined;
  const { holders, listsHolders, ...rest } = forgettableSchema.parse(Item);
  return { ...rest, holders: [...(holders ?? [])], listsHolders: listsHolders === true };
}

/** What a block lists of a record that holds it: its kind and id, nothing that names a person. */
export const holderOf = (record: { readonly kind: 'offer' | 'request'; readonly id: string }) =>
  `${record.kind}#${record.id}`;

/** The record a holder names. */
export function recordOfHolder(holder: string): { kind: 'offer' | 'request'; id: string } {
  const [kind, ...id] = holder.split('#');
  if (kind !== 'offer' && kind !== 'request') throw new Error(`Not a holder: ${holder}`);
  return { kind, id: id.join('#') };
}

const unchanged = (item: Forgettable) => ({
  ConditionExpression: 'revision = :read',
  ExpressionAttributeValues: { ':read': item.revision },
});

/**
 * Keeps an item a record still holds until `until`, and drops the holders found erased (a block
 * lists a record until its erasure, which releases it; one whose address changed meanwhile is
 * let go here). Fails when the item was written since it was read.
 */
export async function keepForgettable(
  deps: Deps,
  item: Forgettable,
  until: string,
  released: readonly string[],
): Promise<void> {
  const { gsi3pk, gsi3sk } = forgetDueIndex(until, item.pk);
  const condition = unchanged(item);
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.config.TABLE_NAME,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: `SET forgetAt = :until, gsi3pk = :queue, gsi3sk = :sk ADD revision :one${released.length > 0 ? ' DELETE holders :released' : ''}`,
      ConditionExpression: condition.ConditionExpression,
      ExpressionAttributeValues: {
        ...condition.ExpressionAttributeValues,
        ':until': until,
        ':queue': gsi3pk,
        ':sk': gsi3sk,
        ':one': 1,
        ...(released.length > 0 ? { ':released': new Set(released) } : {}),
      },
    }),
  );
}

/**
 * Deletes an item nothing holds any more, unless it was written since it was read; a
 * suppression only while its address still has no registry (a record created since then has
 * one), so a submission racing the delete keeps it.
 */
export async function forgetItem(deps: Deps, item: Forgettable): Promise<void> {
  const table = deps.config.TABLE_NAME;
  const remove = { TableName: table, Key: { pk: item.pk, sk: item.sk }, ...unchanged(item) };
  if (item.kind === 'block') {
    await deps.db.send(new DeleteCommand(remove));
    return;
  }
  const hash = suppressionHashOf(item.pk);
  await transact(deps.db, [
    { Delete: remove },
    ...(['offer', 'request'] as const).map((kind) => ({
      ConditionCheck: {
        TableName: table,
        Key: addressRegistryKey(kind, hash),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
  ]);
}

/**
 * Whether a record of the suppressed address still holds personal data: a live one is in its
 * address's registry (read consistently, and checked again by forgetItem's delete), and every
 * record not yet erased carries the address's email index (gsi2; erasure removes it). A
 * suppression is keyed by the same hash, so this needs no address.
 */
export async function addressInUse(deps: Deps, suppressionPk: string): Promise<boolean> {
  const hash = suppressionHashOf(suppressionPk);
  const table = deps.config.TABLE_NAME;
  const kinds = ['offer', 'request'] as const;
  const found = await Promise.all([
    ...kinds.map(async (kind) => {
      const { Item } = await deps.db.send(
        new GetCommand({
          TableName: table,
          Key: addressRegistryKey(kind, hash),
          ConsistentRead: true,
          ProjectionExpression: 'ids',
        }),
      );
      return Array.isArray(Item?.ids) && Item.ids.length > 0;
    }),
    ...kinds.map(async (kind) => {
      const { Items } = await deps.db.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :address',
          ExpressionAttributeValues: { ':address': emailPartition(kind, hash) },
          ProjectionExpression: 'pk',
          Limit: 1,
        }),
      );
      return (Items ?? []).length > 0;
    }),
  ]);
  return found.some(Boolean);
}
