import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, inject, it } from 'vitest';
import { runTempDir } from '../support/run-temp-dir.ts';

const before = process.env.TMPDIR;
afterEach(() => {
  process.env.TMPDIR = before;
});

it('puts what a test writes to the temporary folder under the run’s own folder', () => {
  expect(tmpdir()).toBe(inject('runTempDir'));
  expect(existsSync(inject('runTempDir'))).toBe(true);
});

it('removes the run’s folder and everything in it when the run ends', () => {
  const { dir, remove } = runTempDir();
  expect(tmpdir()).toBe(dir);
  const forgotten = mkdtempSync(join(tmpdir(), 'cdk.out'));
  writeFileSync(join(forgotten, 'manifest.json'), '{}');
  remove();
  expect(existsSync(dir)).toBe(false);
});

it('removes the folder a killed run left behind, and none of a run still going', () => {
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  const abandoned = join(tmpdir(), `haven-test-run-${gone}-x`);
  const running = join(tmpdir(), `haven-test-run-${process.pid}-x`);
  mkdirSync(abandoned);
  mkdirSync(running);
  const { remove } = runTempDir();
  remove();
  expect(existsSync(abandoned)).toBe(false);
  expect(existsSync(running)).toBe(true);
});
