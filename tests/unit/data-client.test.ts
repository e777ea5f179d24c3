import { createServer, type Socket } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDocumentClient, createDynamoClient, LOCAL_SOCKETS } from '../../shared/data/client.ts';

describe('the table client', () => {
  it('keeps more calls than the SDK’s 50 in flight to a local table that is slow to answer', async () => {
    // A table that takes every connection and answers none: each call holds its socket.
    const sockets: Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const client = createDynamoClient({ region: 'local', endpoint: `http://127.0.0.1:${port}` });
    const db = createDocumentClient(client);
    const calls = 80;
    const pending = Array.from({ length: calls }, (_, i) =>
      db.send(new GetCommand({ TableName: 'haven', Key: { pk: `P#${i}`, sk: 'S' } })).catch(() => undefined),
    );
    try {
      const deadline = Date.now() + 5000;
      while (sockets.length < calls && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(LOCAL_SOCKETS).toBeGreaterThanOrEqual(calls);
      expect(sockets.length).toBe(calls);
    } finally {
      // Refused from now on, the calls fail (after the SDK's retries) instead of waiting.
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await Promise.all(pending);
      client.destroy();
      await closed;
    }
  });
});
