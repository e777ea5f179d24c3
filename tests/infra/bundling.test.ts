import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { runBundledProbe } from './synth.ts';

const outdir = mkdtempSync(join(tmpdir(), 'haven-bundling-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('a bundled function', () => {
  it('logs the class name of an error, as in the source, though the bundle is minified', () => {
    const probe = new Stack(new App({ outdir }), 'Probe');
    expect(runBundledProbe(probe, 'error-names-handler')).toEqual([
      'NotFound',
      'Conflict',
      'TooManyRequests',
      'ConfigError',
    ]);
  });

  it('normalises a phone number with the numbering plans shipped beside it', () => {
    const probe = new Stack(new App({ outdir }), 'Probe');
    expect(runBundledProbe(probe, 'phone-handler')).toBe('+905551234567');
  });
});
