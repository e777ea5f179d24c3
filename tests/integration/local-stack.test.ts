import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/dynamo.ts';
import { auditPut } from '../../shared/data/audit.ts';
import { createDocumentClient, createDynamoClient } from '../../shared/data/client.ts';
import { requestItem } from '../../shared/data/items.ts';
import { requestKey } from '../../shared/data/keys.ts';
import {
  environmentVariableOf,
  expectLoopbackOnly,
  groupMembers,
  isAlive,
  jvmFlagsOf,
  npmStart,
} from '../support/npm-start.ts';
import { offerInput } from './intake-support.ts';
import { makeRequest } from './matching-support.ts';

/** Connects and sends half a request: the kind of client that keeps a server's close() waiting. */
function halfRequest(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('POST /api/v1/offers HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n{');
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

/** Whether a TCP connection to the address is accepted. */
const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, host, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

/** A mail server that accepts connections and never says a word, as a stopped (SIGSTOP) one does. */
async function silentSmtp(): Promise<{ url: string; connections: () => number; close(): void }> {
  const held: Socket[] = [];
  const server = createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    connections: () => held.length,
    close: () => {
      for (const socket of held) socket.destroy();
      server.close();
    },
  };
}

const waitFor = async (what: string, check: () => boolean, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const postOffer = (baseUrl: string) =>
  fetch(`${baseUrl}/api/v1/offers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(offerInput()),
  });

describe('npm start', () => {
  it('serves /healthz, leaves no process behind on Ctrl-C, keeps data across a restart and brings it up to this version as npm run reindex does', async () => {
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
    // A Mini App request as a release before address links stored it: the typed address at once.
    const typed = makeRequest('start-typed', {
      email: 'typed-start@example.org',
      telegramChatId: '7500000301',
    });
    await db.send(new PutCommand({ TableName: 'haven', Item: requestItem(typed) }));
    const firstSend = {
      subjectPk: requestKey(typed.id).pk,
      action: 'submitted-telegram',
      actor: 'form',
    } as const;
    await db.send(new PutCommand(auditPut('haven', firstSend, new Date()).Put));
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
    const { Item: request } = await again.send(
      new GetCommand({ TableName: 'haven', Key: requestKey(typed.id) }),
    );
    again.destroy();
    await second.stop();

    expect(Item?.note).toBe('survives');
    expect(request).toMatchObject({ email: '', version: typed.version + 1 });
    expect(isAlive(second.javaPid as number)).toBe(false);
  }, 180_000);

  it('deletes caught mail older than RETENTION_DAYS when it starts, keeps the newer, and still stops within 5 s', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'haven-start-'));
    const mailDir = join(dataDir, 'mail');
    await mkdir(mailDir);
    const old = '2026-01-01T00-00-00-000Z-old.eml';
    const recent = '2026-01-02T00-00-00-000Z-recent.eml';
    for (const [file, ageDays] of [
      [old, 3],
      [recent, 1],
    ] as const) {
      await writeFile(join(mailDir, file), 'To: someone@example.org\nSubject: Confirm\n\nHello\n');
      const at = new Date(Date.now() - ageDays * 86_400_000 - 60_000);
      await utimes(join(mailDir, file), at, at);
    }
    const started = await npmStart({
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      RETENTION_DAYS: '2',
    });
    let left: string[] = [];
    try {
      const deadline = Date.now() + 10_000;
      do {
        left = await readdir(mailDir);
        if (!left.includes(old)) break;
        await new Promise((r) => setTimeout(r, 100));
      } while (Date.now() < deadline);
    } finally {
      expect(await started.stop()).toBeLessThan(5000);
    }
    expect(left).toEqual([recent]);
  }, 120_000);

  it('runs DynamoDB Local with the optimising compiler, which keeps pace with a surge, its telemetry off, listening on loopback only', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'haven-start-'));
    const started = await npmStart({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    try {
      const flags = jvmFlagsOf(started.javaPid as number);
      expect(flags).toContain('-XX:+UseSerialGC');
      expect(flags.some((flag) => flag.startsWith('-XX:TieredStopAtLevel'))).toBe(false);
      expect(environmentVariableOf(started.javaPid as number, 'DDB_LOCAL_TELEMETRY')).toBe('0');
      expectLoopbackOnly(started.dynamoEndpoint);
    } finally {
      await started.stop();
    }
  }, 120_000);

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

  it('stops DynamoDB Local too when stopped while DynamoDB Local is still starting', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'haven-start-'));
    const child = spawn('npm', ['start'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const pgid = child.pid as number;
    try {
      // The moment its java is spawned, before it answers.
      let java: number | undefined;
      let server: number | undefined;
      const spawned = Date.now() + 60_000;
      while ((java === undefined || server === undefined) && Date.now() < spawned) {
        const members = groupMembers(pgid);
        java = members.find((member) => member.args.includes('DynamoDBLocal.jar'))?.pid;
        server = members.find(
          (member) => member.args.startsWith('node ') && member.args.includes('infra/local/start.ts'),
        )?.pid;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(output).not.toContain('local.dynamodb-ready');

      process.kill(server as number, 'SIGTERM');
      const stopped = Date.now() + 5_000;
      while (isAlive(java as number) && Date.now() < stopped) await new Promise((r) => setTimeout(r, 50));

      expect(isAlive(java as number)).toBe(false);
      // Killed before it answered, not stopped after: the start never got as far as its table.
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      expect(output).not.toContain('local.dynamodb-ready');
    } finally {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // Every process of the group has ended.
      }
    }
  }, 120_000);

  it('listens on 127.0.0.1 by default, so no other address of the machine reaches /dev/mail', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'haven-start-'));
    const port = await freePort();
    const started = await npmStart({ DATA_DIR: dataDir, PORT: String(port) });
    try {
      expect(await accepts('127.0.0.1', port)).toBe(true);
      // Any other address stands for the Wi-Fi one: a server bound to 0.0.0.0 accepts it too.
      expect(await accepts('127.0.0.2', port)).toBe(false);
    } finally {
      await started.stop();
    }
  }, 120_000);

  it.each([
    ['Ctrl-C', { signal: 'SIGINT', to: 'group' }],
    ['SIGTERM to the server alone', { signal: 'SIGTERM', to: 'server' }],
  ] as const)(
    'stops within 5 s of %s while a mail hangs on an SMTP server that stopped answering and a client is halfway through a request',
    async (_, how) => {
      const smtp = await silentSmtp();
      const dataDir = await mkdtemp(join(tmpdir(), 'haven-start-'));
      const port = await freePort();
      const started = await npmStart({ DATA_DIR: dataDir, PORT: String(port), SMTP_URL: smtp.url });
      const client = await halfRequest(port);
      try {
        expect((await postOffer(started.baseUrl)).status).toBe(201);
        await waitFor('the mailer connects to the SMTP server', () => smtp.connections() > 0);

        const ms = await started.stop(how);

        expect(ms).toBeLessThan(5000);
        expect(isAlive(started.javaPid as number)).toBe(false);
      } finally {
        client.destroy();
        smtp.close();
      }
    },
    120_000,
  );
});
