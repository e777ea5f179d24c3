import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { runCancellations } from '../../shared/approval/cancel.ts';
import { checkPut, idle } from '../../shared/data/availability-checks.ts';
import { type Cancellations, cancellationsPut } from '../../shared/data/cancellations.ts';
import { createDocumentClient } from '../../shared/data/client.ts';
import {
  availabilityCheckKey,
  availabilityDueIndex,
  cancellationsKey,
  lifecycleDueIndex,
  lifecycleKey,
  tokenKey,
} from '../../shared/data/keys.ts';
import { lifecyclePut } from '../../shared/data/lifecycle.ts';
import { issueToken } from '../../shared/data/tokens.ts';
import { runAvailabilityChecks } from '../../shared/upkeep/availability.ts';
import { runLifecycle } from '../../shared/upkeep/lifecycle.ts';
import { errorLog } from '../support/kept-log.ts';
import { type TestTable, testClient, useTestTable } from '../support/table.ts';

/** A table client whose deletes of one key fail, as a throttled or broken partition would. */
function clientFailingDeletesOf(table: TestTable, pk: string) {
  const client = testClient(table);
  const fail: InitializeMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
    const key = (args.input as { Key?: { pk?: unknown } }).Key;
    if (context.commandName === 'DeleteItemCommand' && key?.pk === pk) {
      throw Object.assign(new Error('injected failure'), { name: 'InternalServerError', $fault: 'server' });
    }
    return next(args);
  };
  client.middlewareStack.add(fail, { step: 'initialize', name: 'failDeletes' });
  return createDocumentClient(client);
}

const at = (minute: number) => new Date(Date.UTC(2031, 0, 1, 12, minute));

describe('the held-changes queue', () => {
  const table = useTestTable();

  /** A token holding a typed address for an offer, its link working one minute from `issued`. */
  async function heldChange(issued: Date) {
    const token = issueToken(
      table.tableName,
      {
        purpose: 'confirm-offer',
        subjectKind: 'offer',
        subjectId: randomUUID(),
        validForMs: 60_000,
        singleUse: true,
        changes: { email: 'typed@haven.test' },
      },
      issued,
    );
    await table.db.send(new TransactWriteCommand({ TransactItems: [token.put] }));
    return token;
  }
  const stored = async (hash: string) =>
    (
      await table.db.send(
        new GetCommand({ TableName: table.tableName, Key: tokenKey(hash), ConsistentRead: true }),
      )
    ).Item;

  it('passes over a token it cannot read or delete, logs and counts it, and still drops those behind it', async () => {
    const unreadable = await heldChange(at(0));
    const retired = await heldChange(at(1));
    const failing = await heldChange(at(2));
    const behind = await heldChange(at(3));
    const subjectless = await heldChange(at(4));
    // An item the schema refuses outright, one a later release no longer knows the purpose of,
    // and one that lost whose it is but still has the hash its delete needs.
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: tokenKey(unreadable.hash),
        UpdateExpression: 'REMOVE #hash',
        ExpressionAttributeNames: { '#hash': 'hash' },
      }),
    );
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: tokenKey(retired.hash),
        UpdateExpression: 'SET purpose = :retired',
        ExpressionAttributeValues: { ':retired': 'retired-purpose' },
      }),
    );
    await table.db.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: tokenKey(subjectless.hash),
        UpdateExpression: 'REMOVE subjectKind, subjectId',
      }),
    );
    const { log, errors } = errorLog();
    const deps = table.deps({
      now: () => at(30),
      log,
      db: clientFailingDeletesOf(table, tokenKey(failing.hash).pk),
    });

    const report = await runLifecycle(deps);

    expect(report).toMatchObject({ lapsedChanges: 3, lapsedChangesFailed: 2, failed: 0 });
    expect(await stored(retired.hash)).toBeUndefined();
    expect(await stored(subjectless.hash)).toBeUndefined();
    expect(await stored(behind.hash)).toBeUndefined();
    expect(await stored(failing.hash)).toMatchObject({ changes: { email: 'typed@haven.test' } });
    expect(errors).toEqual([
      {
        event: 'lifecycle.failed',
        fields: { queue: 'held-changes', dueAt: at(1).toISOString(), errorType: 'ZodError' },
      },
      {
        event: 'lifecycle.failed',
        fields: {
          queue: 'held-changes',
          kind: 'offer',
          id: failing.record.subjectId,
          errorType: 'InternalServerError',
        },
      },
    ]);
    expect(JSON.stringify(errors)).not.toContain('typed@haven.test');
    expect(JSON.stringify(errors)).not.toContain(failing.hash);
  });
});

describe('the lifecycle queue', () => {
  const table = useTestTable();

  it('reports a schedule it cannot read as failed, not skipped, and goes on to the next', async () => {
    const broken = randomUUID();
    const next = randomUUID();
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        // Written by no release: a schedule that lost the kind of its record.
        Item: {
          ...lifecycleKey('offer', broken),
          ...lifecycleDueIndex(at(0).toISOString(), 'offer', broken),
          kind: 'lifecycle',
          recordId: broken,
          dueAt: at(0).toISOString(),
        },
      }),
    );
    // The schedule of a record that is gone: the sweep ends it.
    await table.db.send(new PutCommand(lifecyclePut(table.tableName, 'offer', next, at(1)).Put));
    const { log, errors } = errorLog();

    const report = await runLifecycle(table.deps({ now: () => at(30), log }));

    expect(report).toMatchObject({ due: 2, failed: 1, skipped: 0, ended: 1 });
    expect(errors).toEqual([
      {
        event: 'lifecycle.failed',
        fields: { queue: 'lifecycle', dueAt: at(0).toISOString(), errorType: 'ZodError' },
      },
    ]);
    const { Item } = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: lifecycleKey('offer', next), ConsistentRead: true }),
    );
    expect(Item).toBeUndefined();
  });
});

describe('the availability queue', () => {
  const table = useTestTable();

  it('passes over a schedule it cannot read, logs and counts it, and still handles the next', async () => {
    const broken = randomUUID();
    const next = randomUUID();
    await table.db.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...availabilityCheckKey(broken),
          ...availabilityDueIndex(at(0).toISOString(), broken),
          kind: 'availability-check',
          offerId: broken,
          phase: 'a phase no release wrote',
          dueAt: at(0).toISOString(),
          version: 0,
        },
      }),
    );
    await table.db.send(new PutCommand(checkPut(table.tableName, idle('offer', next, at(1), 0)).Put));
    const { log, errors } = errorLog();

    const report = await runAvailabilityChecks(table.deps({ now: () => at(30), log }));

    expect(report).toMatchObject({ due: 2, failed: 1, ended: 1 });
    expect(errors).toEqual([
      {
        event: 'availability.failed',
        fields: { queue: 'availability', dueAt: at(0).toISOString(), errorType: 'ZodError' },
      },
    ]);
    const { Item } = await table.db.send(
      new GetCommand({ TableName: table.tableName, Key: availabilityCheckKey(next), ConsistentRead: true }),
    );
    expect(Item).toBeUndefined();
  });
});

describe('the cancellations queue', () => {
  const table = useTestTable();

  const queued = (id: string, dueAt: Date): Cancellations => ({
    kind: 'cancellations',
    id,
    proposalIds: [randomUUID()],
    reason: 'offer-withdrawn',
    actor: 'link:manage-offer',
    endedBy: 'offer',
    reopenRequest: true,
    dueAt: dueAt.toISOString(),
  });

  const putOf = (item: Cancellations) => {
    const { Put } = cancellationsPut(table.tableName, item);
    if (Put === undefined) throw new Error('cancellationsPut writes a Put');
    return Put;
  };

  it('reports an item whose reason no release wrote as unreadable, saying nothing it holds, keeps it, and still works the next', async () => {
    const broken = randomUUID();
    const next = randomUUID();
    const { Item } = putOf(queued(broken, at(0)));
    await table.db.send(
      new PutCommand({ TableName: table.tableName, Item: { ...Item, reason: 'a reason no release wrote' } }),
    );
    await table.db.send(new PutCommand(putOf(queued(next, at(1)))));
    const { log, errors } = errorLog();

    const report = await runCancellations(table.deps({ now: () => at(30), log }));

    expect(report).toEqual({ due: 2, done: 1, failed: 1 });
    expect(errors).toEqual([
      {
        event: 'cancellations.failed',
        fields: { queue: 'cancellations', dueAt: at(0).toISOString(), errorType: 'ZodError' },
      },
    ]);
    const stored = async (id: string) =>
      (
        await table.db.send(
          new GetCommand({ TableName: table.tableName, Key: cancellationsKey(id), ConsistentRead: true }),
        )
      ).Item;
    expect(await stored(broken)).toBeDefined();
    expect(await stored(next)).toBeUndefined();
  });
});
