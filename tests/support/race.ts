import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { createDocumentClient } from '../../shared/data/client.ts';
import { outboxKey, suppressionKey } from '../../shared/data/keys.ts';
import type { Deps } from '../../shared/deps.ts';
import { type TestTable, testClient } from './table.ts';

/**
 * A client whose first `parties` transactions wait for each other and then go at once, so
 * concurrent writers really collide however the machine schedules them (a few seconds at most).
 */
export function racingClient(table: TestTable, parties: number): Deps['db'] {
  return racingWriters(table, parties).db;
}

/**
 * racingClient's writers, with `refused` counting the transactions DynamoDB cancelled (a
 * `TransactionCanceledException`): proof that they really collided.
 */
export function racingWriters(table: TestTable, parties: number): { db: Deps['db']; refused: () => number } {
  const client = testClient(table);
  let waiting = 0;
  let refused = 0;
  let release: () => void = () => undefined;
  const allArrived = new Promise<void>((resolve) => {
    release = resolve;
  });
  const barrier: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    if (context.commandName === 'TransactWriteItemsCommand' && waiting < parties) {
      // The first to arrive waits for the others, however long their reads take on a busy
      // machine, but not forever: a writer with nothing to write never arrives.
      if (waiting === 0) setTimeout(release, 60_000).unref();
      waiting++;
      if (waiting === parties) release();
      await allArrived;
    }
    try {
      return await next(args);
    } catch (error) {
      if (
        context.commandName === 'TransactWriteItemsCommand' &&
        (error as { name?: unknown }).name === 'TransactionCanceledException'
      )
        refused++;
      throw error;
    }
  };
  client.middlewareStack.add(barrier, { step: 'initialize', name: 'raceBarrier' });
  return { db: createDocumentClient(client), refused: () => refused };
}

/**
 * A client whose first `times` transactions (of those `matches` picks out by input) are
 * cancelled by a conflict, as DynamoDB does when writers meet.
 */
export function conflictingClient(
  table: TestTable,
  times: number,
  matches: (commandName: string, input: Record<string, unknown>) => boolean = () => true,
): Deps['db'] {
  const client = testClient(table);
  let remaining = times;
  const conflict: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    const name = context.commandName ?? '';
    if (name !== 'TransactWriteItemsCommand' || remaining <= 0) return next(args);
    if (!matches(name, args.input as Record<string, unknown>)) return next(args);
    remaining--;
    throw Object.assign(new Error('TransactionCanceledException (injected)'), {
      name: 'TransactionCanceledException',
      $fault: 'client',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
    });
  };
  client.middlewareStack.add(conflict, { step: 'initialize', name: 'injectConflict' });
  return createDocumentClient(client);
}

/**
 * A client that tells `seen` of every command it sends, by name and input, before sending it;
 * what `seen` returns is called once the command has finished.
 */
export function watchedClient(
  table: TestTable,
  seen: (commandName: string, input: Record<string, unknown>) => (() => void) | undefined,
): Deps['db'] {
  const client = testClient(table);
  const watch: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    const finished = seen(context.commandName ?? '', args.input as Record<string, unknown>);
    try {
      return await next(args);
    } finally {
      finished?.();
    }
  };
  client.middlewareStack.add(watch, { step: 'initialize', name: 'watchCommands' });
  return createDocumentClient(client);
}

/** A client whose every call first waits for `before` (which may throw: a fault at a chosen moment). */
export function gatedClient(table: TestTable, before: (commandName: string) => Promise<void>): Deps['db'] {
  const client = testClient(table);
  const gate: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    await before(context.commandName ?? '');
    return next(args);
  };
  client.middlewareStack.add(gate, { step: 'initialize', name: 'gateCommands' });
  return createDocumentClient(client);
}

/** A client that runs `meanwhile` once, just before its first `commandName` goes out: another writer's move. */
export function overtakenClient(
  table: TestTable,
  commandName: string,
  meanwhile: () => Promise<unknown>,
): Deps['db'] {
  return overtakenOn(table, (name) => name === commandName, meanwhile).db;
}

/**
 * A client that runs `meanwhile` before each of the first `times` commands `matches` picks out,
 * by name and input: another writer's move between a reader's read and its write, every time
 * the reader tries again. `overtaken` counts the moves made.
 */
export function overtakenOn(
  table: TestTable,
  matches: (commandName: string, input: Record<string, unknown>) => boolean,
  meanwhile: () => Promise<unknown>,
  times = 1,
): { db: Deps['db']; overtaken: () => number } {
  const client = testClient(table);
  let overtaken = 0;
  const interpose: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    if (overtaken < times && matches(context.commandName ?? '', args.input as Record<string, unknown>)) {
      overtaken++;
      await meanwhile();
    }
    return next(args);
  };
  client.middlewareStack.add(interpose, { step: 'initialize', name: 'overtakeOn' });
  return { db: createDocumentClient(client), overtaken: () => overtaken };
}

/**
 * For overtakenOn: the transaction that erases (or deletes, or erases as merged) the record
 * under `pk`, told by its audit event's action (before or after the document client marshals
 * it), whoever runs it.
 */
export const erasureOf =
  (pk: string, actions: readonly ('erased' | 'deleted' | 'merged')[] = ['erased', 'deleted', 'merged']) =>
  (commandName: string, input: Record<string, unknown>): boolean => {
    const text = JSON.stringify(input);
    return (
      commandName === 'TransactWriteItemsCommand' &&
      text.includes(pk) &&
      actions.some(
        (action) => text.includes(`"action":"${action}"`) || text.includes(`"action":{"S":"${action}"}`),
      )
    );
  };

/** The key's pk of a command's input, before or after the document client marshals it. */
export const pkOf = (input: Record<string, unknown>) => {
  const pk = (input.Key as { pk?: string | { S?: string } } | undefined)?.pk;
  return String(typeof pk === 'object' ? pk.S : pk);
};

/**
 * A client that notes whether a command `first` names and one `second` names were ever in
 * flight together: reads that need not wait for each other go at once.
 */
export function inFlightTogether(
  table: TestTable,
  first: (command: string, input: Record<string, unknown>) => boolean,
  second: (command: string, input: Record<string, unknown>) => boolean,
): { db: Deps['db']; overlapped: () => boolean } {
  const busy = { first: 0, second: 0 };
  let overlapped = false;
  const db = watchedClient(table, (command, input) => {
    const what = first(command, input) ? 'first' : second(command, input) ? 'second' : undefined;
    if (what === undefined) return undefined;
    busy[what]++;
    if (busy.first > 0 && busy.second > 0) overlapped = true;
    return () => busy[what]--;
  });
  return { db, overlapped: () => overlapped };
}

/**
 * A client that notes whether a mail's claim (an update of its outbox item, alone or in a
 * transaction of claims) and a read of the suppression list were ever in flight together: a
 * delivery that knows its recipients reads both at once.
 */
export const claimBesideSuppression = (table: TestTable) =>
  inFlightTogether(
    table,
    (command, input) =>
      /^(UpdateItem|TransactWriteItems)Command$/.test(command) &&
      JSON.stringify(input).includes(outboxKey('').pk),
    (command, input) =>
      /^(GetItem|BatchGetItem)Command$/.test(command) &&
      JSON.stringify(input).includes(suppressionKey('').pk),
  );

/**
 * A client whose next `calls` calls throw once the first transaction holding `marker` is in: one
 * throws as a step failing after it would, every one (the default) as a crash, a throttle or a
 * Lambda timeout between a change's transaction and the steps after it would.
 */
export function failingAfterWrite(
  table: TestTable,
  marker: string,
  calls = Number.POSITIVE_INFINITY,
): { db: Deps['db']; failed: () => boolean; destroy: () => void } {
  const client = testClient(table);
  let failing: number | undefined;
  const fail: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    if (failing !== undefined && failing > 0) {
      failing--;
      throw new Error('step failed (injected)');
    }
    const result = await next(args);
    if (
      failing === undefined &&
      context.commandName === 'TransactWriteItemsCommand' &&
      JSON.stringify(args.input).includes(marker)
    )
      failing = calls;
    return result;
  };
  client.middlewareStack.add(fail, { step: 'initialize', name: 'failAfterWrite' });
  return {
    db: createDocumentClient(client),
    failed: () => failing !== undefined,
    destroy: () => client.destroy(),
  };
}
