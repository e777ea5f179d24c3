import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { mailboxOf } from '../domain/email-address.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { emailHash } from './items.ts';
import { mailboxIndex, mailboxLookupKey, mailboxPartition } from './keys.ts';
import { queryAll } from './query.ts';
import type { TransactItem } from './transact.ts';

type Kind = 'offer' | 'request';

/**
 * A block is on a mailbox (data/blocks.ts blockKeyOf), a record's email index on its address as
 * spelled. A record whose spelling is not its mailbox's (`ana+x@…`, `a.na@gmail.com`) carries a
 * lookup under the mailbox, so that a block set later from any spelling finds it, closes it and
 * counts it among the records that hold the block. A record spelled as its mailbox needs none:
 * the email index under the mailbox finds it. Erasure deletes the lookup with the email index.
 */
const lookupSchema = lazySchema(() =>
  z.object({
    kind: z.literal('mailbox-lookup'),
    recordKind: z.enum(['offer', 'request']),
    recordId: z.string().min(1),
  }),
);

/** The mailbox a record's address delivers to, when it is spelled otherwise; undefined when not. */
function aliasedMailbox(email: string): string | undefined {
  const spelled = email.trim().toLowerCase();
  if (spelled === '') return undefined;
  const mailbox = mailboxOf(email);
  return mailbox === spelled ? undefined : mailbox;
}

/** A record's mailbox lookup item; undefined when its address is its mailbox or it has none; erasure deletes it (intake-records.ts saveErased). */
export function mailboxLookupItem(record: OfferRecord | RequestRecord) {
  const mailbox = aliasedMailbox(record.email);
  if (mailbox === undefined) return undefined;
  return {
    ...mailboxLookupKey(record.kind, record.id),
    ...mailboxIndex(record.kind, emailHash(mailbox), record.id),
    kind: 'mailbox-lookup',
    recordKind: record.kind,
    recordId: record.id,
  };
}

/**
 * For the transaction that writes a record: its mailbox lookup as the record now is, or its
 * removal. A record spelled as its mailbox writes nothing when it cannot have had one: when it is
 * new, or when it came through the web form (whose address never changes: a new address is a new
 * record), so nearly every write (a submission, a confirmation, an edit) adds no item. A chat's
 * record may change its address (a tie), and an erasure takes the address: those delete it.
 */
export function mailboxLookupWrites(
  table: string,
  record: OfferRecord | RequestRecord,
  isNew: boolean,
): TransactItem[] {
  const item = mailboxLookupItem(record);
  if (item !== undefined) return [{ Put: { TableName: table, Item: item } }];
  const neverHadOne = isNew || record.telegramChatId === undefined;
  return neverHadOne ? [] : [{ Delete: { TableName: table, Key: mailboxLookupKey(record.kind, record.id) } }];
}

/** Whether a record's address is a spelling of this mailbox now (a lookup may outlive a change of it). */
export const ofMailbox = (record: { readonly email: string }, mailbox: string) =>
  record.email.trim() !== '' && mailboxOf(record.email) === mailboxOf(mailbox);

/** The ids of the records of one kind whose address is another spelling of this one's mailbox (gsi2). */
export async function aliasRecordIds(deps: Deps, kind: Kind, email: string): Promise<string[]> {
  const items = await queryAll(deps.db, {
    TableName: deps.config.TABLE_NAME,
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': mailboxPartition(kind, emailHash(mailboxOf(email))) },
  });
  return items.map((item) => lookupSchema.parse(item).recordId);
}
