import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { mailboxOf } from '../domain/email-address.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { emailHash } from './items.ts';
import { blockKey } from './keys.ts';

/**
 * A coordinator's block on an address, under the hash of its mailbox (so `ana+x@` and `ana@`
 * are one address): whatever it sends later is accepted as usual and never matched.
 */
const blockSchema = lazySchema(() =>
  z.object({
    kind: z.literal('block'),
    by: z.string().min(3),
    at: z.iso.datetime(),
  }),
);
export type AddressBlock = Omit<z.infer<typeof blockSchema>, 'kind'>;

const keyOf = (email: string) => blockKey(emailHash(mailboxOf(email)));

/** The block on an address, read consistently; undefined when it is not blocked. */
export async function blockOf(deps: Deps, email: string): Promise<AddressBlock | undefined> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: keyOf(email), ConsistentRead: true }),
  );
  if (Item === undefined) return undefined;
  const { by, at } = blockSchema.parse(Item);
  return { by, at };
}

/** For the transaction that blocks an address: fails when it is blocked already. */
export function blockPut(table: string, email: string, block: AddressBlock) {
  return {
    Put: {
      TableName: table,
      Item: { ...keyOf(email), kind: 'block', ...block },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** For the transaction that lifts a block: fails when there is none. */
export function blockDelete(table: string, email: string) {
  return { Delete: { TableName: table, Key: keyOf(email), ConditionExpression: 'attribute_exists(pk)' } };
}

/**
 * For a submission's own transaction when it read no block: it fails if a block was written
 * since, so the submission reads again and is stored as blocked.
 */
export function notBlockedCheck(table: string, email: string) {
  return {
    ConditionCheck: { TableName: table, Key: keyOf(email), ConditionExpression: 'attribute_not_exists(pk)' },
  };
}
