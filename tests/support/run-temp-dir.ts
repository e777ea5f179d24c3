import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Gives a test run its own temporary folder and removes it when the run ends. Set as TMPDIR
 * before any worker starts, it is where every test, every process a test starts (npm start,
 * the bundler) and every library that writes to os.tmpdir() (CDK's cloud assembly of an App
 * without an outdir) puts its files: a run leaves the machine's /tmp as it found it, even where
 * a test forgets to clean up after itself. Returns the folder and its removal, for a
 * globalSetup to hand back as teardown.
 */
export function runTempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'haven-test-run-'));
  process.env.TMPDIR = dir;
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The browser tests' globalSetup: they start their own `npm start`, so the folder is all they need. */
export default function setup(project: TestProject) {
  const temp = runTempDir();
  project.provide('runTempDir', temp.dir);
  return temp.remove;
}
