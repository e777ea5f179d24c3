import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MATCHER_NODE_OPTIONS } from '../../shared/matching/runtime.ts';

describe('the matcher runtime', () => {
  const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };

  it.each(['start', 'bench'])('npm run %s gives node the flags the matcher Lambda gets', (script) => {
    const words = (scripts[script] ?? '').split(' ');
    expect(words[0]).toBe('node');
    expect(words).toEqual(expect.arrayContaining([...MATCHER_NODE_OPTIONS]));
  });
});
