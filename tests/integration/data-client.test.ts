import { createServer, type Socket } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { BuildMiddleware, MetadataBearer } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { createDocumentClient, createDynamoClient, LOCAL_SOCKETS } from '../../shared/data/client.ts';
import { testClient, useTestTable } from '../support/table.ts';

const table = useTestTable();

describe('the table client', () => {
  it('keeps at most its sockets’ worth of calls in flight; the others wait their turn and all succeed', async () => {
    const client = testClient(table);
    let inFlight = 0;
    let most = 0;
    // A slow table: each call holds its socket for a while.
    const slow: BuildMiddleware<object, MetadataBearer> = (next) => async (args) => {
      most = Math.max(most, ++inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return await next(args);
      } finally {
        inFlight--;
      }
    };
    client.middlewareStack.add(slow, { step: 'build', name: 'slowTable' });
    const db = createDocumentClient(client);

    const answers = await Promise.all(
      Array.from({ length: 2 * LOCAL_SOCKETS + 7 }, (_, i) =>
        db.send(new GetCommand({ TableName: table.tableName, Key: { pk: `NOTHING#${i}`, sk: 'NOTHING' } })),
      ),
    );

    expect(answers.every((answer) => answer.Item === undefined)).toBe(true);
    expect(most).toBe(LOCAL_SOCKETS);
    client.destroy();
  });

  it('fails a call aborted while it waits for a permit at once, and leaves the queue to the others', async () => {
    const client = testClient(table);
    let openTable = () => {};
    const stalled = new Promise<void>((resolve) => {
      openTable = resolve;
    });
    // A table that stopped answering: every call that holds a permit hangs until it answers again.
    const stuck: BuildMiddleware<object, MetadataBearer> = (next) => async (args) => {
      await stalled;
      return next(args);
    };
    client.middlewareStack.add(stuck, { step: 'build', name: 'stuckTable' });
    const db = createDocumentClient(client);
    const get = (i: number, abortSignal?: AbortSignal) =>
      db.send(new GetCommand({ TableName: table.tableName, Key: { pk: `NOTHING#${i}`, sk: 'NOTHING' } }), {
        ...(abortSignal ? { abortSignal } : {}),
      });
    const holding = Array.from({ length: LOCAL_SOCKETS }, (_, i) => get(i));
    const queued = get(LOCAL_SOCKETS);
    const deadline = new AbortController();
    const abandoned = get(LOCAL_SOCKETS + 1, deadline.signal);

    deadline.abort();

    await expect(abandoned).rejects.toMatchObject({ name: 'AbortError' });
    openTable();
    const answers = await Promise.all([...holding, queued]);
    expect(answers.every((answer) => answer.Item === undefined)).toBe(true);
    client.destroy();
  }, 10_000);

  it('fails a call the table never answers once its request timeout has passed, rather than wait on', async () => {
    // A table that accepts connections and never answers, on loopback.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const client = createDynamoClient({ region: 'local', endpoint: `http://127.0.0.1:${port}` });
    try {
      // The client's own 30 s, shortened for this call: what is pinned is that passing it fails the call.
      await expect(client.send(new ListTablesCommand({}), { requestTimeout: 200 })).rejects.toMatchObject({
        name: 'TimeoutError',
      });
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      client.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 20_000);
});
