/**
 * Cold-start cost of the API Lambda: bundles functions/api/handler.ts exactly as the CDK stack
 * does (infra/aws/bundle.ts: ES modules split into chunks, minified, the data files beside them)
 * and, the same way, a bare hono + lib-dynamodb handler for comparison. Then, in fresh Node
 * processes, interleaved so that load from other processes hits both alike, it times importing
 * each bundle, and for the API the first GET /api/v1/places (which reads and indexes one
 * country's file), the next one, and a first one in another country; and the gazetteer's own
 * lookups in a fresh process. The places route counts each caller in the table (rate limit,
 * a DynamoDB round trip per request), so a DynamoDB Local runs beside it. It prints, too, both
 * bundles built with the AWS SDK left to the runtime, the road not taken (README, "Cold start").
 *
 * Targets (issue 13): import(api) ≤ 1.5 × import(bare), in wall and in CPU time; under 600 KB
 * of Haven's own on a cold start's read (what the API's index.mjs and the chunks it imports
 * statically hold beyond the bare bundle's, which alone is over 500 KB of SDK and hono); a lookup
 * under 1 ms after the first, the first under 100 ms.   npx tsx tests/bench/api-import.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync, type Metafile } from 'esbuild';
import { bundleFunction, LAMBDA_BUILD } from '../../infra/aws/bundle.ts';
import { startDynamoLocal } from '../../infra/local/dynamo.ts';
import { ensureTable } from '../../infra/local/table.ts';
import { createDynamoClient } from '../../shared/data/client.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 11);

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

const url = (bundle: string) => JSON.stringify(pathToFileURL(bundle).href);

const probe = (bundle: string) => `
const t0 = performance.now();
const { handler } = await import(${url(bundle)});
const t1 = performance.now();
const event = (q, country) => ({ version: '2.0', routeKey: '$default', rawPath: '/api/v1/places', rawQueryString: 'q=' + encodeURIComponent(q) + '&country=' + country + '&lang=ru',
  headers: { host: 'x' }, requestContext: { http: { method: 'GET', path: '/api/v1/places', sourceIp: '203.0.113.1', protocol: 'HTTP/1.1', userAgent: 'b' },
  domainName: 'x', requestId: 'r', routeKey: '$default', stage: '$default', timeEpoch: 0 }, isBase64Encoded: false });
{
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
}`;

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

/**
 * One fresh process importing a bundle: wall time, and CPU time (user + system, all threads),
 * which load from other processes on a shared machine disturbs less.
 */
const importCost = (bundle: string): { wall: number; cpu: number } =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const c=process.cpuUsage();const t=performance.now();await import(${url(bundle)});const u=process.cpuUsage(c);console.log(JSON.stringify({wall:performance.now()-t,cpu:(u.user+u.system)/1000}))`,
      ],
      { env, encoding: 'utf8' },
    ),
  );

/** What a cold start reads: the entry and, transitively, the chunks it imports statically. */
function eagerBytes(metafile: Metafile): number {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file]?.entryPoint !== undefined);
  const read = new Set<string>();
  const next = entry ? [entry] : [];
  for (let file = next.pop(); file !== undefined; file = next.pop()) {
    if (read.has(file)) continue;
    read.add(file);
    for (const imported of outputs[file]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) next.push(imported.path);
  }
  return [...read].reduce((sum, file) => sum + (outputs[file]?.bytes ?? 0), 0);
}

const allBytes = (metafile: Metafile) =>
  Object.entries(metafile.outputs)
    .filter(([file]) => file.endsWith('.mjs'))
    .reduce((sum, [, output]) => sum + output.bytes, 0);

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

/** The SDK packages the Lambda runtime carries. */
const SDK = ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*', '@aws/*'];

async function measure() {
  const out = mkdtempSync(join(tmpdir(), 'haven-bench-'));
  // Packages left out of a bundle are found here, as the runtime finds its own SDK.
  symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
  const dirs = {
    api: 'api',
    bare: 'bare',
    apiSdkOutside: 'api-sdk-outside',
    bareSdkOutside: 'bare-sdk-outside',
  };
  type Build = keyof typeof dirs;
  const buildBare = (name: Build, external: string[] = []) =>
    buildSync({
      ...LAMBDA_BUILD,
      stdin: { contents: BARE_HANDLER, resolveDir: root, loader: 'ts' },
      outdir: join(out, dirs[name]),
      external,
      metafile: true,
    }).metafile;
  const api = 'functions/api/handler.ts';
  const builds: Record<Build, Metafile> = {
    api: bundleFunction(api, join(out, dirs.api)),
    bare: buildBare('bare'),
    apiSdkOutside: bundleFunction(api, join(out, dirs.apiSdkOutside), { external: SDK }),
    bareSdkOutside: buildBare('bareSdkOutside', SDK),
  };
  const entry = (name: Build) => join(out, dirs[name], 'index.mjs');
  const samples: Record<string, number>[] = [];
  const times: Record<Build, { wall: number; cpu: number }[]> = {
    api: [],
    bare: [],
    apiSdkOutside: [],
    bareSdkOutside: [],
  };
  for (let run = 0; run < RUNS; run++) {
    samples.push(
      JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', probe(entry('api'))], {
          env,
          encoding: 'utf8',
        }),
      ),
    );
    for (const name of Object.keys(dirs) as Build[]) times[name].push(importCost(entry(name)));
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
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const ms = (name: Build) => median(times[name].map((cost) => cost.wall));
  const cpu = (name: Build) => median(times[name].map((cost) => cost.cpu));
  console.log(`median of ${RUNS} fresh processes each`);
  const eager = { api: eagerBytes(builds.api), bare: eagerBytes(builds.bare) };
  console.log(
    `  API bundle: a cold start reads ${kb(eager.api)}, ${kb(allBytes(builds.api))} of code in all`,
  );
  console.log(`  hono + lib-dynamodb bundle: a cold start reads ${kb(eager.bare)}`);
  console.log(
    `  what Haven adds to a cold start's read     ${kb(eager.api - eager.bare)} (target: under 600 KB)`,
  );
  console.log(
    `  import(API bundle)                         ${ms('api').toFixed(1)} ms, CPU ${cpu('api').toFixed(1)} ms`,
  );
  console.log(
    `  import(hono + lib-dynamodb bundle)         ${ms('bare').toFixed(1)} ms, CPU ${cpu('bare').toFixed(1)} ms`,
  );
  console.log(
    `  ratio                                      ${(ms('api') / ms('bare')).toFixed(2)}, CPU ${(cpu('api') / cpu('bare')).toFixed(2)} (target ≤ 1.5)`,
  );
  console.log(
    `  the SDK left to the runtime: API reads ${kb(eagerBytes(builds.apiSdkOutside))}, import ${ms('apiSdkOutside').toFixed(1)} ms; bare ${ms('bareSdkOutside').toFixed(1)} ms; ratio ${(ms('apiSdkOutside') / ms('bareSdkOutside')).toFixed(2)}`,
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
