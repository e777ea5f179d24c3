import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';

export interface RunningHaven {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly dynamoEndpoint: string;
  /** The table `npm start` made (TABLE_NAME, 'haven' unless set), as its start-up log names it. */
  readonly tableName: string;
  /** The settings it was started with on top of the test process's environment. */
  readonly env: Readonly<Record<string, string>>;
  readonly javaPid: number | undefined;
  /** The node process that serves (npm's child), for accounting its CPU time. */
  readonly serverPid: number | undefined;
  output(): string;
  /**
   * Ctrl-C in a terminal (SIGINT to the whole foreground process group), or `signal` to the group
   * or to the node server alone (`kill <pid>`); resolves with the milliseconds until no process of
   * the group (npm, node, DynamoDB Local's java) is left, killing them all after 30 s.
   */
  stop(options?: { signal?: NodeJS.Signals; to?: 'group' | 'server' }): Promise<number>;
}

/** The processes of a process group: npm, the node server, DynamoDB Local's java. */
export function groupMembers(pgid: number): { pid: number; args: string }[] {
  return execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && Number(match[2]) === pgid)
    .map((match) => ({ pid: Number(match[1]), args: match[3] as string }));
}

const serverOf = (pgid: number) =>
  groupMembers(pgid).find((p) => p.args.startsWith('node ') && p.args.includes('infra/local/start.ts'));

/** The pid of the DynamoDB Local (java) that listens on this endpoint's port. */
export function javaListeningOn(endpoint: string): number | undefined {
  const port = new URL(endpoint).port;
  const lines = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n');
  const java = lines.find((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${port}`));
  return java ? Number(java.trim().split(/\s+/)[0]) : undefined;
}

/**
 * The local addresses sockets listen on at this port, from the kernel's tables (no traffic):
 * `127.0.0.1`, `0.0.0.0`, or for IPv6 sockets `::` and `::ffff:127.0.0.1`, as `ss` writes them.
 */
export function listeningAddresses(port: number): string[] {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const ipv4 = (word: string) =>
    (word.match(/../g) ?? [])
      .reverse()
      .map((byte) => Number.parseInt(byte, 16))
      .join('.');
  const addresses: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, localPort] = (local ?? '').split(':');
      if (state !== '0A' || localPort !== hex || address === undefined) continue;
      if (address.length === 8) addresses.push(ipv4(address));
      else if (/^0{32}$/.test(address)) addresses.push('::');
      else if (address.startsWith('0000000000000000FFFF0000'))
        addresses.push(`::ffff:${ipv4(address.slice(24))}`);
      else addresses.push(address);
    }
  }
  return addresses;
}

/** The endpoint's DynamoDB Local listens on the loopback address only, as the kernel reports its sockets. */
export function expectLoopbackOnly(endpoint: string): void {
  const addresses = listeningAddresses(Number(new URL(endpoint).port));
  expect(addresses.length).toBeGreaterThan(0);
  for (const address of addresses) expect(['127.0.0.1', '::ffff:127.0.0.1', '::1']).toContain(address);
}

/** The JVM flags a running DynamoDB Local was given through JDK_JAVA_OPTIONS. */
export function jvmFlagsOf(pid: number): string[] {
  const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  const options = environment.find((entry) => entry.startsWith('JDK_JAVA_OPTIONS='));
  return options?.slice('JDK_JAVA_OPTIONS='.length).split(' ') ?? [];
}

/** A variable of a process's environment as the process was started with it. */
export function environmentVariableOf(pid: number, name: string): string | undefined {
  const entry = readFileSync(`/proc/${pid}/environ`, 'utf8')
    .split('\0')
    .find((one) => one.startsWith(`${name}=`));
  return entry?.slice(name.length + 1);
}

/**
 * The steps of `npm start`'s start-up in order, each with the line that says it is done
 * (infra/local/start.ts), and last the health check answering: what a start that does not get
 * ready names as the step it did not get past.
 */
const START_STEPS = [
  { what: 'DynamoDB Local did not start', done: /"event":"local\.dynamodb-ready"/ },
  { what: 'the table was not created or upgraded', done: /"event":"local\.table-ready"/ },
  { what: 'the reindex of stored data did not finish', done: /"event":"local\.reindexed"/ },
  { what: 'the server did not start listening', done: /Press Ctrl-C to stop/ },
] as const;

/**
 * How long a start may take before it counts as failed. Ready takes 5–15 s on a quiet machine,
 * and has taken over 60 s on a loaded one (two cores shared by several test runs); waiting
 * longer costs a sound start nothing, as the wait ends the moment it is ready.
 * NPM_START_READY_SECONDS sets another bound.
 */
const readyWithinMs = () => Number(process.env.NPM_START_READY_SECONDS ?? 180) * 1000;

/** Whether GET /healthz answers 200 now (the table is reachable through the server). */
async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Waits until the server says it is ready and its health check answers 200; kills the whole
 * process group and names the first step not done when it exits first or the bound passes.
 */
async function untilReady(child: ChildProcess, output: () => string, baseUrl: string, withinMs: number) {
  const started = Date.now();
  const notDone = () => START_STEPS.find((step) => !step.done.test(output()))?.what;
  for (;;) {
    // Killed by a signal, a child has no exit code, only the signal's name.
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.exitCode !== null ? `code ${child.exitCode}` : `signal ${child.signalCode}`;
      throw new Error(`npm start exited early (${how}): ${notDone() ?? 'after it was ready'}:\n${output()}`);
    }
    if (notDone() === undefined && (await healthy(baseUrl))) return;
    if (Date.now() - started > withinMs) {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // The group ended meanwhile (ESRCH): the error below, naming the step, is what matters.
      }
      const step = notDone() ?? 'GET /healthz did not answer 200';
      throw new Error(
        `npm start was not ready within ${Math.round(withinMs / 1000)} s (NPM_START_READY_SECONDS): ${step}:\n${output()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs `npm start` as a person would, and waits until it says where to go and its health check
 * answers (untilReady; `readyWithinMs` bounds the wait, readyWithinMs() by default). With
 * `outputFile`, what it prints goes to that file instead of a pipe: Node writes to a pipe
 * synchronously, so a server logging into a pipe its reader drains late (a benchmark busy
 * reading mail on a loaded machine) stops whole while it waits (10 s of a scaled surge's).
 */
export async function npmStart(
  env: Record<string, string> & { PORT: string },
  outputFile?: string,
  options: { readonly readyWithinMs?: number } = {},
): Promise<RunningHaven> {
  const file = outputFile === undefined ? undefined : openSync(outputFile, 'w');
  const child = spawn('npm', ['start'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', file ?? 'pipe', file ?? 'pipe'],
    detached: true,
  });
  if (file !== undefined) closeSync(file);
  let piped = '';
  const collect = (chunk: Buffer) => {
    piped += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const output = () => (outputFile === undefined ? piped : readFileSync(outputFile, 'utf8'));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  await untilReady(child, output, baseUrl, options.readyWithinMs ?? readyWithinMs());
  const dynamoEndpoint = /dynamodb\s+(http:\/\/\S+)/.exec(output())?.[1];
  if (dynamoEndpoint === undefined) throw new Error('npm start did not name its DynamoDB endpoint');
  const tableName = /"event":"local\.table-ready"[^\n]*"table":"([^"]+)"/.exec(output())?.[1];
  if (tableName === undefined) throw new Error('npm start did not name its table');
  return {
    child,
    baseUrl,
    env,
    dynamoEndpoint,
    tableName,
    javaPid: javaListeningOn(dynamoEndpoint),
    serverPid: serverOf(child.pid as number)?.pid,
    output,
    stop: async ({ signal = 'SIGINT', to = 'group' } = {}) => {
      const pgid = child.pid as number;
      const started = performance.now();
      if (to === 'group') process.kill(-pgid, signal);
      else {
        const server = serverOf(pgid);
        if (server) process.kill(server.pid, signal);
      }
      while (groupMembers(pgid).length > 0) {
        if (performance.now() - started > 30_000) {
          process.kill(-pgid, 'SIGKILL');
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const ms = performance.now() - started;
      // What the processes wrote last may still be on its way through the pipes.
      await closed;
      return ms;
    },
  };
}

export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
