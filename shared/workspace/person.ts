import { blocksOf, firstBlock, type HeldBlock, heldBlockOf } from '../data/blocks.ts';
import { chatAddress } from '../data/telegram-lookups.ts';
import type { Deps } from '../deps.ts';
import { type CoordinatorScope, mayLift } from '../domain/coordinator-scope.ts';
import { mailboxOf } from '../domain/email-address.ts';
import type { OfferRecord, RequestRecord } from '../domain/records.ts';
import { type Person, recordsOfPerson } from '../upkeep/lifecycle.ts';

type IntakeRecord = OfferRecord | RequestRecord;

/**
 * The person a block on a record is about, and their records of both kinds (each once, not yet
 * erased): the record's address (every spelling of its mailbox, as the block is keyed) and chat,
 * every chat that proved the address and every address the chat proved (a Telegram record holds an address only once its owner pressed the link mailed
 * to it), so that a blocked person cannot send around the block from the other side. One step
 * only: a chat that proved two families' addresses is not a reason to block the other family.
 */
export async function personOf(deps: Deps, of: IntakeRecord) {
  const records = new Map<string, IntakeRecord>();
  const recordsOf = async (person: Person) => {
    const found = await Promise.all(
      (['offer', 'request'] as const).map(async (kind) =>
        (await recordsOfPerson(deps, kind, person)).map((record) => ({ kind, record })),
      ),
    );
    for (const { kind, record } of found.flat()) records.set(`${kind}:${record.id}`, record);
    return found.flat().map(({ record }) => record);
  };
  const addresses = new Map<string, string>();
  const chats = new Set<string>();
  const address = of.email.trim() === '' ? undefined : of.email;
  const chat = of.telegramChatId;
  if (address !== undefined) addresses.set(mailboxOf(address), address);
  if (chat !== undefined) chats.add(chat);
  const [byAddress, byChat] = await Promise.all([
    address === undefined ? [] : recordsOf({ mailbox: address }),
    chat === undefined ? [] : recordsOf({ telegram: 'chat', value: chat }),
  ]);
  const provingChats: string[] = [];
  for (const record of byAddress) {
    const proving = record.telegramChatId;
    if (proving === undefined || chats.has(proving)) continue;
    chats.add(proving);
    provingChats.push(proving);
  }
  const provedAddresses: string[] = [];
  for (const record of byChat) {
    const mailbox = record.email.trim() === '' ? undefined : mailboxOf(record.email);
    if (mailbox === undefined || addresses.has(mailbox)) continue;
    addresses.set(mailbox, record.email);
    provedAddresses.push(record.email);
  }
  // Read side by side: a coordinator waits on this walk, once per round of a block or an unblock,
  // and an address many chats proved has as many identities to read.
  await Promise.all([
    ...provingChats.map((proving) => recordsOf({ telegram: 'chat', value: proving })),
    ...provedAddresses.map((email) => recordsOf({ mailbox: email })),
  ]);
  return {
    identities: [...addresses.values(), ...[...chats].map(chatAddress)],
    records: [...records.values()],
  };
}

/** The block, or its absence, on each identity now, with the records it lists. */
export const blocksOn = (deps: Deps, identities: readonly string[]): Promise<HeldBlock[]> =>
  Promise.all(identities.map((identity) => heldBlockOf(deps, identity)));

/**
 * What the record page says of a person's block, read from the same identities as
 * unblockAddress (personOf), so the page offers Unblock exactly when the POST would lift: the
 * block a coordinator of this scope may not lift when there is one (the most restrictive),
 * else the first found; mayLiftBlock only when this scope may lift every one of them. The walk
 * is read only when the record's own address or chat is blocked: a block reaches the whole
 * person (blockAddress, and a press copies it across: shared/data/blocks.ts underProvedBlocks),
 * so a person blocked anywhere is blocked there too, and most records viewed are not blocked.
 */
export async function blockOfPerson(deps: Deps, scope: CoordinatorScope, record: IntakeRecord) {
  if (firstBlock(await blocksOf(deps, record)) === undefined) return { block: undefined, mayLiftBlock: true };
  const held = (await blocksOn(deps, (await personOf(deps, record)).identities)).flatMap((found) =>
    found.block === undefined ? [] : [found.block],
  );
  const liftable = (block: { by: string }) => mayLift(deps.config.COORDINATORS, scope, block.by);
  return {
    block: held.find((block) => !liftable(block)) ?? held[0],
    mayLiftBlock: held.every(liftable),
  };
}
