/**
 * Cold-start cost of the API Lambda: bundles functions/api/handler.ts as the CDK stack does
 * (esbuild, CJS, minified, UTF-8, the same banner and define; the place files copied beside it)
 * and, the same way, a bare hono + lib-dynamodb handler for comparison. Then, in fresh Node
 * processes, interleaved so that load from other processes hits both alike, it times requiring
 * each bundle, and for the API the first GET /api/v1/places (which reads and indexes one
 * country's file), the next one, and a first one in another country; and the gazetteer's own
 * lookups in a fresh process. The places route counts each caller in the table (rate limit,
 * a DynamoDB round trip per request), so a DynamoDB Local runs beside it.
 *
 * Targets (issue 13): require(api) ≤ 1.5 × require(bare), bundle under 600 KB; a lookup under
 * 1 ms after the first, the first under 100 ms.   npx tsx tests/bench/api-import.ts
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { BUNDLED_DATA, IMPORT_META_URL } from '../../infra/aws/haven-function.ts';
import { startDynamoLocal } from '../../infra/local/dynamo.ts';
import { ensureTable } from '../../infra/local/table.ts';
import { createDynamoClient } from '../../shared/data/client.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 9);

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

// The comparison: the least an API on hono and DynamoDB can be.
const BARE_HANDLER = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
const table = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = new Hono();
app.get('/item/:id', async (c) => c.json(await table.send(new GetCommand({ TableName: 'bench', Key: { pk: c.req.param('id') } }))));
export const handler = handle(app);
`;

const probe = (bundle: string) => `
const t0 = performance.now();
const { handler } = require(${JSON.stringify(bundle)});
const t1 = performance.now();
const event = (q, country) => ({ version: '2.0', routeKey: '$default', rawPath: '/api/v1/places', rawQueryString: 'q=' + encodeURIComponent(q) + '&country=' + country + '&lang=ru',
  headers: { host: 'x' }, requestContext: { http: { method: 'GET', path: '/api/v1/places', sourceIp: '203.0.113.1', protocol: 'HTTP/1.1', userAgent: 'b' },
  domainName: 'x', requestId: 'r', routeKey: '$default', stage: '$default', timeEpoch: 0 }, isBase64Encoded: false });
(async () => {
  const a = performance.now();
  const first = await handler(event('Кадыкёй', 'TR'), {});
  const b = performance.now();
  await handler(event('Бешик', 'TR'), {});
  const c = performance.now();
  await handler(event('Ber', 'DE'), {});
  const d = performance.now();
  if (first.statusCode !== 200 || !first.body.includes('40.9906')) throw new Error('places answered ' + first.statusCode + ' ' + first.body);
  console.log(JSON.stringify({ importMs: t1 - t0, firstPlacesMs: b - a, warmPlacesMs: c - b, newCountryMs: d - c,
    heapMb: process.memoryUsage().heapUsed / 1e6 }));
})();`;

/** What infra/aws/haven-function.ts gives esbuild through NodejsFunction. */
const LAMBDA_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  minify: true,
  charset: 'utf8',
  keepNames: true,
  banner: { js: IMPORT_META_URL.banner },
  define: { ...IMPORT_META_URL.define },
  logLevel: 'error',
};

// The gazetteer alone, in a fresh process: the first lookup reads and indexes the country.
const LOOKUPS = `
const { resolveCity } = await import(${JSON.stringify(join(root, 'shared/places/gazetteer.ts'))});
let t = performance.now();
await resolveCity('TR', 'Кадыкёй');
const firstMs = performance.now() - t;
const typed = ['Beşiktaş', 'Besiktas', 'Бешикташ', 'Kemer, Burdur', 'Ускюдар', 'Kadikoy', 'Fatih', 'Beshiktaz'];
t = performance.now();
for (let i = 0; i < 100; i++) for (const name of typed) await resolveCity('TR', name);
const warmMs = (performance.now() - t) / (100 * typed.length);
t = performance.now();
await resolveCity('DE', 'Köln');
console.log(JSON.stringify({ firstMs, warmMs, germanyMs: performance.now() - t }));
`;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const requireMs = (bundle: string, extraEnv: Record<string, string> = {}) =>
  Number(
    execFileSync(
      process.execPath,
      ['-e', `const t=performance.now();require(${JSON.stringify(bundle)});console.log(performance.now()-t)`],
      { env: { ...env, ...extraEnv }, encoding: 'utf8' },
    ),
  );

async function main() {
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
  const api = join(out, 'api', 'index.js');
  const bare = join(out, 'bare', 'index.js');
  await build({ ...LAMBDA_OPTIONS, entryPoints: [join(root, 'functions/api/handler.ts')], outfile: api });
  for (const data of BUNDLED_DATA)
    cpSync(join(root, data.from), join(out, 'api', data.to), { recursive: true });
  await build({
    ...LAMBDA_OPTIONS,
    stdin: { contents: BARE_HANDLER, resolveDir: root, loader: 'ts' },
    outfile: bare,
  });
  // The road not taken (see bundleAwsSDK in infra/aws/haven-function.ts): the SDK left to the
  // one Lambda's runtime carries, here loaded from node_modules as the runtime loads its own.
  const apiSdkOutside = join(out, 'api-sdk-outside', 'index.js');
  await build({
    ...LAMBDA_OPTIONS,
    entryPoints: [join(root, 'functions/api/handler.ts')],
    outfile: apiSdkOutside,
    external: ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*'],
  });
  const sdkOutside = { NODE_PATH: join(root, 'node_modules') };
  const samples: Record<string, number>[] = [];
  const apiMs: number[] = [];
  const bareMs: number[] = [];
  const sdkOutsideMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    samples.push(JSON.parse(execFileSync(process.execPath, ['-e', probe(api)], { env, encoding: 'utf8' })));
    apiMs.push(requireMs(api));
    bareMs.push(requireMs(bare));
    sdkOutsideMs.push(requireMs(apiSdkOutside, sdkOutside));
  }
  const lookups = Array.from({ length: RUNS }, () =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', LOOKUPS], {
        cwd: root,
        encoding: 'utf8',
      }),
    ),
  );
  const pickLookup = (key: string) => median(lookups.map((sample) => sample[key])).toFixed(2);
  const pick = (key: string) => median(samples.map((sample) => sample[key] ?? Number.NaN)).toFixed(1);
  const kb = (file: string) => (statSync(file).size / 1024).toFixed(0);
  const ratio = median(apiMs) / median(bareMs);
  console.log(`median of ${RUNS} fresh processes each`);
  console.log(
    `  API bundle ${kb(api)} KB; hono + lib-dynamodb bundle ${kb(bare)} KB (target: API under 600 KB)`,
  );
  console.log(`  require(API bundle)                        ${median(apiMs).toFixed(1)} ms`);
  console.log(`  require(hono + lib-dynamodb bundle)        ${median(bareMs).toFixed(1)} ms`);
  console.log(`  ratio                                      ${ratio.toFixed(2)} (target ≤ 1.5)`);
  console.log(
    `  API without the SDK (the runtime's instead) ${kb(apiSdkOutside)} KB, require ${median(sdkOutsideMs).toFixed(1)} ms (${(median(sdkOutsideMs) / median(bareMs)).toFixed(2)} × bare)`,
  );
  console.log(`  first lookup (reads and indexes TR)        ${pickLookup('firstMs')} ms (target < 100)`);
  console.log(`  each lookup after it, misspellings too     ${pickLookup('warmMs')} ms (target < 1)`);
  console.log(`  first lookup in Germany (the largest file) ${pickLookup('germanyMs')} ms`);
  console.log(`  first GET /api/v1/places, rate limit incl. ${pick('firstPlacesMs')} ms`);
  console.log(`  next GET in the same country               ${pick('warmPlacesMs')} ms`);
  console.log(`  first GET in another country (DE)          ${pick('newCountryMs')} ms`);
  console.log(`  heap after all three                       ${pick('heapMb')} MB`);
}

await main();
