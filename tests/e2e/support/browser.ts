import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with nothing that reaches for the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 375, height: 812 } as const;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page and returns the serious and critical violations. It is evaluated
 * through the DevTools protocol, to which the page's CSP (no inline script) does not apply.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document);
    return result.violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** No serious or critical axe violation on the page: each one named (after `what`) with the elements it is on. */
export async function expectAxeClean(page: Page, what?: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(
    violations.map((v) =>
      [what, `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`]
        .filter((part) => part !== undefined)
        .join(' '),
    ),
  ).toEqual([]);
}

/**
 * The links, buttons, summaries and pickers of the workspace shorter than a fingertip (44 px), as
 * "tag "text" height": a coordinator taps each on its own, never as words inside a sentence.
 */
export function shortTapTargets(page: Page): Promise<string[]> {
  return page.$$eval(
    '.workspace-bar a[href], .workspace-bar button, main a[href], main button, main summary, main select, main input[type="search"]',
    (targets) =>
      targets
        .map((target) => ({ target, box: target.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && box.height > 0 && box.height < 44)
        .map(
          ({ target, box }) =>
            `${target.tagName.toLowerCase()} "${(target.textContent ?? '').trim().slice(0, 40)}" ${Math.round(box.height)}px`,
        ),
  );
}

/**
 * The parts of " · " rows (row-parts.tsx) that break across lines although they would fit on
 * one, as their text: a row may wrap between its parts, never inside one ("9 /Dec", "96%" on
 * a line of its own while "·" ends the line above it). Also an instant's bracketed zone in a
 * fact's value (`dd`) or a paragraph that is not a part and spans two lines ("(час у / Туреччині)").
 */
export async function partsBrokenInside(page: Page): Promise<string[]> {
  return [...(await partsSplit(page)), ...(await bracketsSplit(page))];
}

/**
 * What a coordinator with one thumb on a phone must get from a workspace page, each failure named
 * after `what`: no serious axe violation, no tap target shorter than a fingertip, no row part
 * broken inside.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await expectAxeClean(page, what);
  expect((await shortTapTargets(page)).map((target) => `${what}: ${target}`)).toEqual([]);
  expect((await partsBrokenInside(page)).map((part) => `${what}: ${part}`)).toEqual([]);
}

function bracketsSplit(page: Page): Promise<string[]> {
  return page.$$eval('dd, main p', (blocks) => {
    const broken: string[] = [];
    for (const block of blocks) {
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('.part')) continue;
        // An instant's zone, after its time ("19:42 (час у Туреччині)"); prose in brackets may wrap.
        for (const match of (node.textContent ?? '').matchAll(/(?<=\d:\d\d )\([^()]+\)/g)) {
          const range = document.createRange();
          range.setStart(node, match.index ?? 0);
          range.setEnd(node, (match.index ?? 0) + match[0].length);
          const lines = new Set(
            [...range.getClientRects()].filter((box) => box.width > 0).map((box) => box.top),
          );
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  });
}

function partsSplit(page: Page): Promise<string[]> {
  return page.$$eval('.part', (parts) =>
    parts
      .filter((part) => {
        const box = part.getBoundingClientRect();
        if (box.width === 0) return false;
        // An inline part split over two lines has a box per line.
        if (part.getClientRects().length > 1) return true;
        // Taller than on one line, though one line would hold it.
        const element = part as HTMLElement;
        const wrapping = element.style.whiteSpace;
        element.style.whiteSpace = 'nowrap';
        const oneLine = { height: element.getBoundingClientRect().height, width: element.scrollWidth };
        element.style.whiteSpace = wrapping;
        return box.height > oneLine.height + 1 && oneLine.width <= Math.ceil(box.width);
      })
      .map((part) => (part.textContent ?? '').trim()),
  );
}
