import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, it } from 'vitest';

/**
 * The repository stands alone: the README and docs/ link only to files inside it (and to
 * headings that exist), and send a reader to no file that lives elsewhere.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

const anchorsIn = (text: string) =>
  new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1] as string)));

it('links from the README and docs/ reach files and headings inside the repository', () => {
  const broken: string[] = [];
  for (const page of PAGES) {
    const text = readFileSync(join(ROOT, page), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (target === undefined || /^[a-z]+:/.test(target)) continue;
      const [path = '', anchor] = target.split('#');
      const file = path === '' ? join(ROOT, page) : resolve(dirname(join(ROOT, page)), path);
      const inside = file.startsWith(`${ROOT}/`) && existsSync(file);
      const headed =
        anchor === undefined ||
        !file.endsWith('.md') ||
        (inside && anchorsIn(readFileSync(file, 'utf8')).has(anchor));
      if (!inside || !headed) broken.push(`${page}: ${target}`);
    }
  }
  expect(PAGES.length).toBeGreaterThan(2);
  expect(broken).toEqual([]);
});

it('the README and docs/ name no file that lives outside the repository', () => {
  const outside = PAGES.filter((page) =>
    /\bPRODUCT\.md\b|\bSTYLE\.md\b|\/work\//.test(readFileSync(join(ROOT, page), 'utf8')),
  );
  expect(outside).toEqual([]);
});
