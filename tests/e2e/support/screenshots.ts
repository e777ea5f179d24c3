import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DOCS_SCREENSHOTS = join(import.meta.dirname, '../../../docs/screenshots');

/**
 * The README shows docs/screenshots, which are tracked: a run rewrites them only when asked
 * (UPDATE_SCREENSHOTS=1). Otherwise the shots still render every page a test looks at, into a
 * temporary folder, so a plain run leaves the work tree as it found it.
 */
export function screenshotsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    return DOCS_SCREENSHOTS;
  }
  return mkdtempSync(join(tmpdir(), 'haven-screenshots-'));
}

export { DOCS_SCREENSHOTS };
