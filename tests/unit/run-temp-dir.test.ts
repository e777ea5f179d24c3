import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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
