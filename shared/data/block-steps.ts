import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { auditActorSchema } from './audit.ts';
import { type DueItem, parsedDueItems } from './due.ts';
import { blockStepsDueIndex, blockStepsKey } from './keys.ts';
import type { TransactItem } from './transact.ts';

const copiedBlock = () => ({ by: z.string().min(3), at: z.iso.datetime() });

/**
 * What a press still has to do once its transaction is in (keys.ts blockStepsKey): each step may
 * run more than once, and each is skipped when already done. `merged` is the chat's record a
 * merge applied and closed in its transaction, to be erased; `proofOf` is
 * that record when a block stands on the address or the chat, kept closed with the address
 * instead; `chat` and `address` name who the press blocked just now, with the block it copied:
 * what they sent before it closes while that block stands.
 */
const blockStepsSchema = lazySchema(() =>
  z.object({
    kind: z.literal('block-steps'),
    id: z.string().min(1),
    recordKind: z.enum(['offer', 'request']),
    /** The record the press confirmed, stored blocked, which stays open; none for reindex's. */
    confirmedId: z.string().min(1).optional(),
    actor: auditActorSchema(),
    merged: z.object({ id: z.string().min(1) }).optional(),
    proofOf: z.object({ id: z.string().min(1), email: z.string().min(1) }).optional(),
    /** The merged record was declined in more pairs than its press carried: the step carries them all. */
    declinedLeft: z.literal(true).optional(),
    chat: z.object({ chatId: z.string().min(1), ...copiedBlock() }).optional(),
    address: z.object({ email: z.string().min(1), ...copiedBlock() }).optional(),
    dueAt: z.iso.datetime(),
  }),
);
export type BlockSteps = z.infer<typeof blockStepsSchema>;

/** For the press's transaction: the steps it leaves to do, each press its own item. */
export function blockStepsPut(table: string, steps: BlockSteps): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: { ...steps, ...blockStepsKey(steps.id), ...blockStepsDueIndex(steps.dueAt, steps.id) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Every press's steps due before `now`, the oldest first; one that does not parse comes as unreadable. */
export const dueBlockSteps = (deps: Deps, now: Date): AsyncGenerator<DueItem<BlockSteps>> =>
  parsedDueItems(deps, 'block-steps', now.toISOString(), (item) => blockStepsSchema.parse(item));

/** Takes a press's steps off the queue once every one of them is done. */
export async function dropBlockSteps(deps: Deps, id: string): Promise<void> {
  await deps.db.send(new DeleteCommand({ TableName: deps.config.TABLE_NAME, Key: blockStepsKey(id) }));
}
