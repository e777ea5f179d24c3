import { type ChildProcess, execFileSync, spawn } from 'node:child_process';

export interface RunningHaven {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly dynamoEndpoint: string;
  readonly javaPid: number | undefined;
  output(): string;
  /** Ctrl-C in a terminal: SIGINT to the whole foreground process group; resolves on exit. */
  stop(): Promise<void>;
}

function javaListeningOn(endpoint: string): number | undefined {
  const port = new URL(endpoint).port;
  const lines = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n');
  const java = lines.find((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${port}`));
  return java ? Number(java.trim().split(/\s+/)[0]) : undefined;
}

/** Runs `npm start` as a person would, and waits for the lines that say where to go. */
export async function npmStart(env: Record<string, string> & { PORT: string }): Promise<RunningHaven> {
  const child = spawn('npm', ['start'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + 60_000;
  while (!/Press Ctrl-C to stop/.test(output)) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) {
      process.kill(-(child.pid as number), 'SIGKILL');
      throw new Error(`npm start did not get ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const dynamoEndpoint = /dynamodb\s+(http:\/\/\S+)/.exec(output)?.[1] as string;
  return {
    child,
    baseUrl: `http://127.0.0.1:${env.PORT}`,
    dynamoEndpoint,
    javaPid: javaListeningOn(dynamoEndpoint),
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      process.kill(-(child.pid as number), 'SIGINT');
      await exited;
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
