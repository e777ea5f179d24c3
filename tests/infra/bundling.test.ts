import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, AssetStaging, Duration, Stack } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { HavenFunction } from '../../infra/aws/haven-function.ts';

const outdir = mkdtempSync(join(tmpdir(), 'haven-bundling-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('a bundled function', () => {
  it('logs the class name of an error, as in the source, though the bundle is minified', () => {
    const probe = new Stack(new App({ outdir }), 'Probe');
    const fn = new HavenFunction(probe, 'ErrorNames', {
      entry: 'tests/infra/fixtures/error-names-handler.ts',
      description: 'probe',
      memorySize: 128,
      timeout: Duration.seconds(3),
      environment: {},
    });
    const staging = fn.function.node.findAll().find((child) => child instanceof AssetStaging);
    const bundle = join((staging as AssetStaging).absoluteStagedPath, 'index.js');
    const run = `require(${JSON.stringify(bundle)}).handler().then((r) => console.log(JSON.stringify(r)))`;
    const output = execFileSync(process.execPath, ['-e', run], { cwd: tmpdir(), encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual(['NotFound', 'Conflict', 'TooManyRequests', 'ConfigError']);
  });
});
