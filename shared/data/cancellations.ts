import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Deps } from '../deps.ts';
import { lazySchema } from '../domain/lazy-schema.ts';
import { VOID_REASONS } from '../domain/records.ts';
import { auditActorSchema } from './audit.ts';
import { type DueItem, parsedDueItems } from './due.ts';
import { cancellationsDueIndex, cancellationsKey } from './keys.ts';
import type { TransactItem } from './transact.ts';

/**
 * The pending proposals a change of a record voids but had no room to cancel in its own
 * transaction (keys.ts cancellationsKey), with how each is to be cancelled: the change writes
 * this item beside itself, cancels them one transaction each, and deletes it; a crash, a throw
 * or a timeout in between leaves it for the sweep. Each cancellation is conditioned on its
 * proposal still being pending, so working it twice cancels nothing twice.
 */
const cancellationsSchema = lazySchema(() =>
  z.object({
    kind: z.literal('cancellations'),
    id: z.string().min(1),
    proposalIds: z.array(z.string().min(1)).min(1),
    /** The void mail's reason: an item with another is unreadable, logged and passed over by the sweep. */
    reason: z.enum(VOID_REASONS),
    actor: auditActorSchema(),
    /** The side whose change voids them: not told that it did not work out. */
    endedBy: z.enum(['offer', 'request']),
    reopenRequest: z.boolean(),
    dueAt: z.iso.datetime(),
  }),
);
export type Cancellations = z.infer<typeof cancellationsSchema>;

/** For the change's own transaction: the cancellations it leaves to do, each change its own item. */
export function cancellationsPut(table: string, queued: Cancellations): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: { ...queued, ...cancellationsKey(queued.id), ...cancellationsDueIndex(queued.dueAt, queued.id) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Every change's cancellations due before `now`, the oldest first; one that does not parse comes as unreadable. */
export const dueCancellations = (deps: Deps, now: Date): AsyncGenerator<DueItem<Cancellations>> =>
  parsedDueItems(deps, 'cancellations', now.toISOString(), (item) => cancellationsSchema.parse(item));

/** Takes a change's cancellations off the queue once every one of them is done. */
export async function dropCancellations(deps: Deps, id: string): Promise<void> {
  await deps.db.send(new DeleteCommand({ TableName: deps.config.TABLE_NAME, Key: cancellationsKey(id) }));
}
