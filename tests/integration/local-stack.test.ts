import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/dynamo.ts';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';

interface Started {
  child: ChildProcess;
  dynamoEndpoint: string;
  javaPid: number | undefined;
  output: () => string;
}

/** Runs `npm start` as a person would, and waits for the line that says where to go. */
async function npmStart(env: Record<string, string>): Promise<Started> {
  const child = spawn('npm', ['start'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 60_000;
  while (!/Press Ctrl-C to stop/.test(output)) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not get ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const dynamoEndpoint = /dynamodb\s+(http:\/\/\S+)/.exec(output)?.[1] as string;
  return { child, dynamoEndpoint, javaPid: await javaListeningOn(dynamoEndpoint), output: () => output };
}

async function javaListeningOn(endpoint: string): Promise<number | undefined> {
  const port = new URL(endpoint).port;
  const { execFileSync } = await import('node:child_process');
  const lines = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n');
  const java = lines.find((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${port}`));
  return java ? Number(java.trim().split(/\s+/)[0]) : undefined;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Ctrl-C in a terminal sends SIGINT to the whole foreground process group. */
async function pressCtrlC(started: Started): Promise<void> {
  process.kill(-(started.child.pid as number), 'SIGINT');
  await new Promise<void>((resolve) => started.child.once('exit', () => resolve()));
}

describe('npm start', () => {
  it('serves /healthz, leaves no process behind on Ctrl-C, and keeps data across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'haven-start-'));
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port) };

    const first = await npmStart(env);
    expect(first.javaPid).toBeDefined();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/dev/mail`)).status).toBe(200);
    const db = createDocumentClient(createDynamoClient({ region: 'local', endpoint: first.dynamoEndpoint }));
    await db.send(
      new PutCommand({ TableName: 'haven', Item: { pk: 'TEST#kept', sk: 'TEST', note: 'survives' } }),
    );
    db.destroy();

    await pressCtrlC(first);
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
    await pressCtrlC(second);

    expect(Item?.note).toBe('survives');
    expect(isAlive(second.javaPid as number)).toBe(false);
  }, 180_000);
});
