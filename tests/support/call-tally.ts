import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { createDocumentClient } from '../../shared/data/client.ts';
import { kindOfPartition } from '../../shared/data/keys.ts';
import type { Deps } from '../../shared/deps.ts';
import { type TestTable, testClient } from './table.ts';

/** What one kind of call cost while the tally counted: calls, items and the capacity DynamoDB reported. */
export interface CallCost {
  calls: number;
  /** Items read (a Get that found one, a Query's Count) or written (a transaction's items, a single write). */
  items: number;
  units: number;
}

export interface CallTally {
  /** A client whose calls are counted while `during` runs, by command and the kind of item it names. */
  readonly db: Deps['db'];
  /** Runs `work` and returns what its calls cost, by kind (`GetItem REQUEST`, `Query gsi2 EMAIL` …). */
  during(work: () => Promise<unknown>): Promise<Record<string, CallCost>>;
}

type Value = string | { readonly S?: string } | undefined;
const text = (value: Value) => (typeof value === 'string' ? value : (value?.S ?? ''));

/** The name a call is tallied under: its command and the kind of item or partition it reads. */
function callName(command: string, input: Record<string, unknown>): string {
  const name = command.replace(/Command$/, '');
  const key = input.Key as Record<string, Value> | undefined;
  if (key) return `${name} ${kindOfPartition(text(key.pk))}`;
  if (typeof input.KeyConditionExpression === 'string') {
    const values = Object.values((input.ExpressionAttributeValues ?? {}) as Record<string, Value>);
    return `${name} ${String(input.IndexName ?? 'table')} ${kindOfPartition(text(values[0]))}`;
  }
  return name;
}

function itemsOf(command: string, input: Record<string, unknown>, output: Record<string, unknown>): number {
  if (Array.isArray(input.TransactItems)) return input.TransactItems.length;
  if (typeof output.Count === 'number') return output.Count;
  if (command.startsWith('GetItem')) return output.Item === undefined ? 0 : 1;
  return 1;
}

/**
 * A table client that tallies every call it makes on DynamoDB Local while asked to (asking each
 * for its consumed capacity then, as the surge bench's probe does): what one submission or one
 * press of a link costs, counted rather than timed, so a busy machine does not move it.
 */
export function callTally(table: TestTable): CallTally {
  const client = testClient(table);
  let tally: Record<string, CallCost> | undefined;
  const counting: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    const current = tally;
    if (current === undefined) return next(args);
    const input = args.input as Record<string, unknown>;
    input.ReturnConsumedCapacity = 'TOTAL';
    const command = context.commandName ?? 'unknown';
    const name = callName(command, input);
    const cost = current[name] ?? { calls: 0, items: 0, units: 0 };
    current[name] = cost;
    cost.calls++;
    const result = await next(args);
    const output: Record<string, unknown> = Object.fromEntries(Object.entries(result.output));
    cost.items += itemsOf(command, input, output);
    for (const used of [output.ConsumedCapacity ?? []].flat() as { CapacityUnits?: number }[])
      cost.units += used.CapacityUnits ?? 0;
    return result;
  };
  client.middlewareStack.add(counting, { step: 'initialize', name: 'callTally' });
  return {
    db: createDocumentClient(client),
    async during(work) {
      tally = {};
      try {
        await work();
        return tally;
      } finally {
        tally = undefined;
      }
    },
  };
}
