import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { mailboxOf } from '../domain/email-address.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { type ForgetConfig, forgetFields, holderOf, renewalParts } from './forgetting.ts';
import { emailHash } from './items.ts';
import { blockKey } from './keys.ts';
import { chatAddress } from './telegram-lookups.ts';
import type { TransactItem } from './transact.ts';

/**
 * A coordinator's block on an address, under the hash of its mailbox (so `ana+x@` and `ana@`
 * are one address), or on a Telegram chat, under the hash of its chatAddress (a person who came
 * through the bot may have given no address): whatever it sends later is accepted as usual and
 * never matched. It lists the records of that address or chat that hold it (`holders`, by kind
 * and id: the key leads to none of them), and goes RETENTION_DAYS after the last of them is
 * erased (data/forgetting.ts).
 */
const blockSchema = lazySchema(() =>
  z.object({
    kind: z.literal('block'),
    by: z.string().min(3),
    at: z.iso.datetime(),
    holders: z.set(z.string()).optional(),
  }),
);
export type AddressBlock = Pick<z.infer<typeof blockSchema>, 'by' | 'at'>;

/** Who a block is about: a record's address (empty when a Telegram person gave none) and its chat. */
export interface BlockSubject {
  readonly email: string;
  readonly telegramChatId?: string | undefined;
}

/** A record as a block's holder: who it is about, and which record it is. */
export interface BlockHolder extends BlockSubject {
  readonly kind: 'offer' | 'request';
  readonly id: string;
}

/**
 * What a person's blocks are filed under: their address when they gave one, and their chat.
 * An empty address is no one's: every address-less Telegram person would share its block.
 */
export const blockIdentities = (who: BlockSubject): string[] => [
  ...(who.email.trim() === '' ? [] : [who.email]),
  ...(who.telegramChatId === undefined ? [] : [chatAddress(who.telegramChatId)]),
];

/** The key of the block on an address (by its mailbox) or a chatAddress. */
export function blockKeyOf(identity: string) {
  if (identity.trim() === '') throw new Error('An empty address is never a block key.');
  return blockKey(emailHash(mailboxOf(identity)));
}

/**
 * Whether a record is of this identity (its address's mailbox, or its chat), so that the block on
 * it lists the record: the record's erasure then releases the block it lists.
 */
export const speaksFor = (record: BlockSubject, identity: string) =>
  blockIdentities(record).some((own) => blockKeyOf(own).pk === blockKeyOf(identity).pk);

/** The block on an address (or a chatAddress), read consistently; undefined when it is not blocked. */
export async function blockOf(deps: Deps, identity: string): Promise<AddressBlock | undefined> {
  return (await heldBlockOf(deps, identity)).block;
}

export interface IdentityBlock {
  readonly identity: string;
  readonly block: AddressBlock | undefined;
}

/** A block as read with the records it lists (holderOf each). */
export interface HeldBlock extends IdentityBlock {
  readonly holders: readonly string[];
}

/** A block item as stored: who set it and when, what it lists, and whether it lists its holders at all. */
export function storedBlockOf(item: Record<string, unknown>): {
  block: AddressBlock;
  holders: ReadonlySet<string>;
  listsHolders: boolean;
} {
  const { by, at, holders } = blockSchema.parse(item);
  return { block: { by, at }, holders: holders ?? new Set(), listsHolders: item.listsHolders === true };
}

/** The block on an identity, or its absence, with its holders, read consistently. */
export async function heldBlockOf(deps: Deps, identity: string): Promise<HeldBlock> {
  const { Item } = await deps.db.send(
    new GetCommand({ TableName: deps.config.TABLE_NAME, Key: blockKeyOf(identity), ConsistentRead: true }),
  );
  if (Item === undefined) return { identity, block: undefined, holders: [] };
  const { by, at, holders } = blockSchema.parse(Item);
  return { identity, block: { by, at }, holders: [...(holders ?? [])] };
}

/** The block, or its absence, on each of a person's identities (blockIdentities), read at once. */
export function blocksOf(deps: Deps, who: BlockSubject): Promise<IdentityBlock[]> {
  return Promise.all(
    blockIdentities(who).map(async (identity) => ({ identity, block: await blockOf(deps, identity) })),
  );
}

/** The first block found among a person's identities; undefined when none is blocked. */
export const firstBlock = (blocks: readonly IdentityBlock[]) => blocks.find((found) => found.block)?.block;

/**
 * For the transaction that blocks an address or a chat, written at `at`, held by `holders`
 * (holderOf each record of it found): fails when it is blocked already.
 */
export function blockPut(
  config: ForgetConfig,
  identity: string,
  block: AddressBlock,
  holders: readonly string[],
  at: string,
) {
  const key = blockKeyOf(identity);
  return {
    Put: {
      TableName: config.TABLE_NAME,
      Item: {
        ...key,
        kind: 'block',
        by: block.by,
        at: block.at,
        ...forgetFields(config, key.pk, at),
        listsHolders: true,
        ...(holders.length > 0 ? { holders: new Set(holders) } : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * For a write that stores a record under a block it read (a send of the blocked person): the
 * record joins its holders and the block is renewed, so it outlives the record; fails when the
 * block was lifted since, as blockStandsCheck does.
 */
export function blockHeldBy(config: ForgetConfig, identity: string, holder: BlockHolder, at: string) {
  return blockUpdate(config, identity, at, 'ADD', [holderOf(holder)]);
}

/**
 * For the transaction that erases a record of this identity: it leaves the block's holders and
 * the block is renewed, so it goes RETENTION_DAYS after its last holder is erased.
 */
export function blockReleasedBy(config: ForgetConfig, identity: string, holder: BlockHolder, at: string) {
  return blockUpdate(config, identity, at, 'DELETE', [holderOf(holder)]);
}

function blockUpdate(
  config: ForgetConfig,
  identity: string,
  at: string,
  op: 'ADD' | 'DELETE',
  holders: readonly string[],
) {
  const key = blockKeyOf(identity);
  const renewal = renewalParts(config, key.pk, at);
  return {
    Update: {
      TableName: config.TABLE_NAME,
      Key: key,
      UpdateExpression:
        op === 'ADD'
          ? `SET ${renewal.set} ADD ${renewal.add}, holders :holders`
          : `SET ${renewal.set} ADD ${renewal.add} DELETE holders :holders`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ...renewal.values, ':holders': new Set(holders) },
    },
  };
}

/**
 * For the transaction that adds records written before the block (or before it was read) to its
 * holders, as blockHeldBy does for a send: fails when the block is gone (lifted, or forgotten).
 */
export const blockHoldersAdd = (
  config: ForgetConfig,
  identity: string,
  holders: readonly string[],
  at: string,
) => blockUpdate(config, identity, at, 'ADD', holders);

/**
 * For the transaction that erases or deletes a record: releases each block standing on its
 * address and chat (blockReleasedBy), read now; an unblock in between fails the transaction.
 */
export async function blockReleases(deps: Deps, record: BlockHolder, at: string) {
  const found = await blocksOf(deps, record);
  return found.flatMap(({ identity, block }) =>
    block === undefined ? [] : [blockReleasedBy(deps.config, identity, record, at)],
  );
}

/** For the transaction that lifts a block: fails when there is none. */
export function blockDelete(table: string, identity: string) {
  return {
    Delete: { TableName: table, Key: blockKeyOf(identity), ConditionExpression: 'attribute_exists(pk)' },
  };
}

/**
 * For a transaction that relies on a block it read (a record stored blocked, a block copied):
 * fails when the block was lifted since, so the next attempt reads that it is gone. Without it
 * an unblock between the read and the write would leave a record `blockedAt` that no block
 * stands behind, which no later unblock would find to release.
 */
export function blockStandsCheck(table: string, identity: string) {
  return {
    ConditionCheck: {
      TableName: table,
      Key: blockKeyOf(identity),
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
}

/**
 * For a write done in a block's name (closing what a press's steps close): fails when that block
 * (same `by` and `at`) no longer stands, lifted or lifted and set anew, since the step read it.
 */
export function blockIsCheck(table: string, identity: string, block: AddressBlock) {
  return {
    ConditionCheck: {
      TableName: table,
      Key: blockKeyOf(identity),
      ConditionExpression: '#by = :by AND #at = :at',
      ExpressionAttributeNames: { '#by': 'by', '#at': 'at' },
      ExpressionAttributeValues: { ':by': block.by, ':at': block.at },
    },
  };
}

/**
 * For a write of `record` that depends on a block as read: the block is still there (and, when
 * the record is of that identity, holds it from now on: blockHeldBy), or still absent.
 */
export const blockAsReadCheck = (
  config: ForgetConfig,
  found: IdentityBlock,
  record: BlockHolder,
  at: string,
) =>
  found.block === undefined
    ? notBlockedCheck(config.TABLE_NAME, found.identity)
    : speaksFor(record, found.identity)
      ? blockHeldBy(config, found.identity, record, at)
      : blockStandsCheck(config.TABLE_NAME, found.identity);

/**
 * For a submission's own transaction when it read no block: it fails if a block was written
 * since, so the submission reads again and is stored as blocked.
 */
export function notBlockedCheck(table: string, identity: string) {
  return {
    ConditionCheck: {
      TableName: table,
      Key: blockKeyOf(identity),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * A record as stored when it speaks for these identities now (a Mini App send, or an address a
 * chat's record takes on when its owner confirms it): marked `blockedAt` (kept from before, else
 * `at`) when one of them is blocked, never matched from then on, with a check for each one that
 * its block is as read, so a block written or lifted since the read fails the transaction and
 * the next attempt reads it.
 */
export function underBlocks<R extends BlockHolder & { readonly blockedAt?: string | undefined }>(
  config: ForgetConfig,
  record: R,
  blocks: readonly IdentityBlock[],
  at: string,
): { record: R; checks: TransactItem[] } {
  const blocked = firstBlock(blocks) !== undefined;
  return {
    record: blocked ? { ...record, blockedAt: record.blockedAt ?? at } : record,
    checks: blocks.map((found) => blockAsReadCheck(config, found, record, at)),
  };
}

/**
 * A record as stored when a press proves an address for a chat (a tie or a merge; `chat` is
 * undefined for a press from the web): as underBlocks would store it for `own` (the identities
 * the record itself speaks for). When one of the address and the chat is blocked and the other is
 * not, the other is the blocked person's too, as blockAddress would find it: it takes the block
 * (same `by` and `at`, so the same coordinators may lift it), and the record is stored blocked,
 * conditioned on that block still standing (underBlocks), so an unblock in between fails the
 * press, which reads again. A merge's record is the address's and does not speak for the chat:
 * a blocked chat's stands-check is added to it.
 */
export function underProvedBlocks<R extends BlockHolder & { readonly blockedAt?: string | undefined }>(
  config: ForgetConfig,
  record: R,
  own: readonly IdentityBlock[],
  address: IdentityBlock | undefined,
  chat: IdentityBlock | undefined,
  at: string,
): {
  record: R;
  checks: TransactItem[];
  chatBlocked: boolean;
  addressBlocked: boolean;
  copied?: AddressBlock;
} {
  const copy =
    address === undefined || chat === undefined
      ? undefined
      : address.block !== undefined && chat.block === undefined
        ? { from: address, block: address.block, to: chat }
        : chat.block !== undefined && address.block === undefined
          ? { from: chat, block: chat.block, to: address }
          : undefined;
  if (copy === undefined)
    return { ...underBlocks(config, record, own, at), chatBlocked: false, addressBlocked: false };
  const { from, block, to } = copy;
  // One item takes one operation in a transaction: the put on `to` already fails if it is blocked.
  const stored = underBlocks(
    config,
    record,
    [...own.filter((found) => found.identity !== to.identity && found.identity !== from.identity), from],
    at,
  );
  return {
    record: stored.record,
    checks: [
      ...stored.checks,
      blockPut(config, to.identity, block, speaksFor(record, to.identity) ? [holderOf(record)] : [], at),
    ],
    chatBlocked: to === chat,
    addressBlocked: to === address,
    copied: block,
  };
}
