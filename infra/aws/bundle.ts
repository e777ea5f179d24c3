import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, buildSync, type Metafile } from 'esbuild';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Files a bundle reads beside itself at run time. esbuild bundles code, not files, so after
 * bundling each is copied next to index.mjs, but only into bundles whose code names it (its
 * marker): no function carries data it never reads.
 */
export const BUNDLED_DATA = [
  // The gazetteer reads data/<country>.tsv from the folder of its own module.
  { marker: './data/', from: 'shared/places/data', to: 'data' },
  // The overview map's country outlines (shared/overview/map.ts), into the API's bundle only.
  { marker: './outlines/', from: 'shared/overview/outlines', to: 'outlines' },
  // Phone numbers' metadata (shared/domain/phone.ts), read on the first number, where Node
  // looks for the package: a node_modules folder beside the bundle.
  {
    marker: 'libphonenumber-js/metadata.min.json',
    from: 'node_modules/libphonenumber-js/metadata.min.json',
    to: 'node_modules/libphonenumber-js/metadata.min.json',
  },
] as const;

/**
 * How every Lambda is built, and the bench's bare comparison with it. ES modules split into
 * chunks: code a module loads with `await import()` (the overview's charts and map, the Telegram
 * bot) becomes a file of its own that Node reads on first use, so a cold start compiles only
 * what every request needs. (A CommonJS bundle would inline those imports.) The AWS SDK is
 * bundled too, not left to the runtime's copy: the version the tests ran against is the one that
 * runs, and a bundled, minified SDK starts faster than the runtime's (README, "Cold start").
 */
export const LAMBDA_BUILD: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true,
  target: 'node22',
  outExtension: { '.js': '.mjs' },
  entryNames: 'index',
  chunkNames: '[name]-[hash]',
  // CommonJS packages inside the bundle still call require() for Node's own modules.
  banner: {
    js: 'import{createRequire as __havenRequire}from"node:module";const require=__havenRequire(import.meta.url);',
  },
  // Names and messages in Russian, Ukrainian and Turkish stay UTF-8 (2 bytes a letter)
  // instead of \u escapes (6).
  charset: 'utf8',
  // Minifying renames classes and functions: every error class writes its name out
  // (tests/unit/error-names.test.ts), so the logged errorType reads `NotFound`, not `e`. esbuild's
  // keepNames would do it for every function instead, at some 10 ms of the API's cold start.
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'error',
};

/**
 * Bundles one handler into `outdir` (index.mjs and its chunks) with the data files its code
 * names. Synchronous, as CDK's local bundling asks.
 */
export function bundleFunction(entry: string, outdir: string, options: BuildOptions = {}): Metafile {
  const { metafile } = buildSync({
    ...LAMBDA_BUILD,
    ...options,
    entryPoints: [join(projectRoot, entry)],
    outdir,
    metafile: true,
  });
  const code = readdirSync(outdir)
    .filter((file) => file.endsWith('.mjs'))
    .map((file) => readFileSync(join(outdir, file), 'utf8'));
  for (const data of BUNDLED_DATA) {
    if (code.some((text) => text.includes(data.marker)))
      cpSync(join(projectRoot, data.from), join(outdir, data.to), { recursive: true });
  }
  return metafile;
}
