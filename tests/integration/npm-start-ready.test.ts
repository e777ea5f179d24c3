import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/dynamo.ts';
import { npmStart } from '../support/npm-start.ts';

/** An endpoint that takes connections and never answers, as a DynamoDB Local stuck under load. */
async function silentEndpoint(): Promise<{ url: string; close(): void }> {
  const held: Socket[] = [];
  const server = createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const socket of held) socket.destroy();
      server.close();
    },
  };
}

describe('waiting for npm start in the tests', () => {
  it('names the step it did not get past when the start does not get ready in time', async () => {
    const dynamo = await silentEndpoint();
    const dataDir = await mkdtemp(join(tmpdir(), 'haven-ready-'));
    try {
      const starting = npmStart(
        {
          DATA_DIR: dataDir,
          PORT: String(await freePort()),
          DYNAMODB_ENDPOINT: dynamo.url,
        },
        undefined,
        { readyWithinMs: 20_000 },
      );
      // The table is where a DynamoDB that never answers holds it up: the error says so, whether
      // the bound passes first or the start gives up on its own.
      await expect(starting).rejects.toThrow(
        /^npm start (was not ready within 20 s|exited early)[^\n]*: the table was not created or upgraded:/,
      );
    } finally {
      dynamo.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
