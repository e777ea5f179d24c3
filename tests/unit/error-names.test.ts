import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/source-files.ts';

const ROOT = resolve(import.meta.dirname, '../..');

const ERROR_CLASS = /\bclass (\w+) extends (\w*Error)\b[^{]*\{([\s\S]*?)\n\}/g;

describe('error classes', () => {
  // The Lambda bundles are minified without esbuild's keepNames (a cold start's cost): a name
  // taken from the class itself would be logged as `e`.
  it('every error class writes its own name out, as the logged errorType', () => {
    const classes = ['shared', 'infra', 'functions'].flatMap((dir) =>
      sourceFiles(join(ROOT, dir)).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(ERROR_CLASS)].map(([, name, , body]) => ({
          at: `${relative(ROOT, file)} ${name}`,
          named:
            (body ?? '').includes(`override readonly name = '${name}';`) ||
            (body ?? '').includes('abstract override readonly name: string;'),
        })),
      ),
    );
    expect(classes.length).toBeGreaterThan(10);
    expect(classes.filter((error) => !error.named).map((error) => error.at)).toEqual([]);
  });
});
