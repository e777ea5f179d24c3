import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MATCHER_ENVIRONMENT, MATCHER_NODE_OPTIONS } from '../../shared/matching/runtime.ts';

describe('the matcher runtime', () => {
  const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };

  /** The script's leading VAR=value words, and the rest. */
  const parse = (script: string) => {
    const words = (scripts[script] ?? '').split(' ');
    const command = words.findIndex((word) => !/^[A-Z_]+=/.test(word));
    return {
      environment: Object.fromEntries(
        words
          .slice(0, command)
          .map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]),
      ),
      command: words.slice(command),
    };
  };

  it.each(['start', 'bench'])('npm run %s gives node the flags the matcher Lambda gets', (script) => {
    const { command } = parse(script);
    expect(command[0]).toBe('node');
    expect(command).toEqual(expect.arrayContaining([...MATCHER_NODE_OPTIONS]));
  });

  it('npm run bench sizes the matcher under the allocator settings its Lambda gets', () => {
    expect(parse('bench').environment).toEqual(MATCHER_ENVIRONMENT);
  });
});
