import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const PREFIX = 'haven-test-run-';

/** Whether a process of that id runs (signal 0 asks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The folders of earlier runs killed before their teardown could remove them (Ctrl-C, a
 * timeout): each is named by its runner's process id, and that process is gone.
 */
function abandonedRuns(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const pid = name.startsWith(PREFIX) ? Number.parseInt(name.slice(PREFIX.length), 10) : Number.NaN;
    return Number.isInteger(pid) && !alive(pid) ? [join(root, name)] : [];
  });
}

/**
 * Gives a test run its own temporary folder and removes it when the run ends. Set as TMPDIR
 * before any worker starts, it is where every test, every process a test starts (npm start,
 * the bundler) and every library that writes to os.tmpdir() (CDK's cloud assembly of an App
 * without an outdir) puts its files: a run leaves the machine's /tmp as it found it, even where
 * a test forgets to clean up after itself, and the next run removes what a killed one left.
 * Returns the folder and its removal, for a globalSetup to hand back as teardown.
 */
export function runTempDir(): { dir: string; remove: () => void } {
  const root = tmpdir();
  for (const abandoned of abandonedRuns(root)) rmSync(abandoned, { recursive: true, force: true });
  const dir = mkdtempSync(join(root, `${PREFIX}${process.pid}-`));
  process.env.TMPDIR = dir;
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The browser tests' globalSetup: they start their own `npm start`, so the folder is all they need. */
export default function setup(project: TestProject) {
  const temp = runTempDir();
  project.provide('runTempDir', temp.dir);
  return temp.remove;
}
