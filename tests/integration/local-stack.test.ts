import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/dynamo.ts';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';
import { isAlive, npmStart } from '../support/npm-start.ts';

describe('npm start', () => {
  it('serves /healthz, leaves no process behind on Ctrl-C, and keeps data across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'haven-start-'));
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()) };

    const first = await npmStart(env);
    expect(first.javaPid).toBeDefined();
    expect((await fetch(`${first.baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${first.baseUrl}/dev/mail`)).status).toBe(200);
    const db = createDocumentClient(createDynamoClient({ region: 'local', endpoint: first.dynamoEndpoint }));
    await db.send(
      new PutCommand({ TableName: 'haven', Item: { pk: 'TEST#kept', sk: 'TEST', note: 'survives' } }),
    );
    db.destroy();

    await first.stop();
    expect(isAlive(first.javaPid as number)).toBe(false);
    expect(first.output()).toContain('stopping Haven');

    const second = await npmStart(env);
    const again = createDocumentClient(
      createDynamoClient({ region: 'local', endpoint: second.dynamoEndpoint }),
    );
    const { Item } = await again.send(
      new GetCommand({ TableName: 'haven', Key: { pk: 'TEST#kept', sk: 'TEST' } }),
    );
    again.destroy();
    await second.stop();

    expect(Item?.note).toBe('survives');
    expect(isAlive(second.javaPid as number)).toBe(false);
  }, 180_000);

  it('stops when the npm process is killed, instead of leaving DynamoDB Local running', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'haven-start-'));
    const started = await npmStart({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    const exited = new Promise<void>((resolve) => started.child.once('exit', () => resolve()));

    process.kill(started.child.pid as number, 'SIGTERM');
    await exited;
    const deadline = Date.now() + 15_000;
    while (started.javaPid && isAlive(started.javaPid) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }

    expect(isAlive(started.javaPid as number)).toBe(false);
  }, 120_000);
});
