import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DOCS_SCREENSHOTS, screenshotsDir } from '../e2e/support/screenshots.ts';

describe('browser tests write the tracked screenshots only when asked', () => {
  it('puts them in a fresh temporary folder without UPDATE_SCREENSHOTS', () => {
    const dir = screenshotsDir({});
    expect(dir.startsWith(tmpdir())).toBe(true);
    expect(existsSync(dir)).toBe(true);
    expect(screenshotsDir({ UPDATE_SCREENSHOTS: '0' })).not.toBe(DOCS_SCREENSHOTS);
  });

  it('puts them in docs/screenshots with UPDATE_SCREENSHOTS=1', () => {
    expect(screenshotsDir({ UPDATE_SCREENSHOTS: '1' })).toBe(DOCS_SCREENSHOTS);
  });
});
