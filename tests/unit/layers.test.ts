import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rule of shared/, read from the import statements of every file:
 *
 *   domain   pure: imports nothing of shared/ outside domain/, and no AWS SDK
 *   data     the table: imports domain/ and the kernel, nothing above it
 *   the rest (mail, approval, upkeep, matching, intake, workspace, places, i18n, http …) import
 *            what they need, but no two folders import each other, even through others
 *
 * The kernel is the few files at shared/'s root that every layer is handed (config, the Deps
 * interface, the logger, small helpers). deps.ts builds the table client for the handlers, so
 * it may import data/client.ts; nothing else of the kernel imports a folder.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = join(ROOT, 'shared');
const KERNEL_IMPORTS_ALLOWED = new Set(['data/client.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

interface Edge {
  readonly from: string;
  readonly to: string;
}

/** Every import of a file under shared/: the specifier, and the file it names when relative. */
function importsOf(file: string): { specifier: string; target: string | undefined }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = (match[1] ?? match[2]) as string;
    return { specifier, target: specifier.startsWith('.') ? resolve(dirname(file), specifier) : undefined };
  });
}

/** The folder directly under shared/ a file lives in, or undefined for the kernel files at its root. */
const folderOf = (path: string) => {
  const parts = relative(SHARED, path).split('/');
  return parts.length > 1 ? parts[0] : undefined;
};

const files = sourceFiles(SHARED);
const edges: (Edge & { specifier: string; fromFile: string; toFile: string | undefined })[] = files.flatMap(
  (file) =>
    importsOf(file).map(({ specifier, target }) => ({
      fromFile: relative(SHARED, file),
      toFile: target && relative(SHARED, target),
      from: folderOf(file) ?? 'kernel',
      to:
        target === undefined
          ? 'package'
          : target.startsWith(SHARED)
            ? (folderOf(target) ?? 'kernel')
            : 'outside',
      specifier,
    })),
);

const describeEdge = (edge: (typeof edges)[number]) =>
  `${edge.fromFile} imports ${edge.toFile ?? edge.specifier}`;

/** The folder graph's cycles, each as the folders along it; Tarjan's strongly connected components. */
function folderCycles(): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (edge.from === 'kernel' || ['kernel', 'package', 'outside'].includes(edge.to) || edge.from === edge.to)
      continue;
    graph.set(edge.from, (graph.get(edge.from) ?? new Set()).add(edge.to));
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
}

describe('the layers of shared/ import only downwards', () => {
  it('reads the imports it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.some((edge) => edge.from === 'data' && edge.to === 'domain')).toBe(true);
  });

  it('domain imports nothing of shared outside domain, and no AWS SDK', () => {
    const outside = edges.filter(
      (edge) =>
        edge.from === 'domain' &&
        (!['domain', 'package'].includes(edge.to) || edge.specifier.startsWith('@aws-sdk/')),
    );
    expect(outside.map(describeEdge)).toEqual([]);
  });

  it('data imports only data, domain and the kernel', () => {
    const upwards = edges.filter(
      (edge) => edge.from === 'data' && !['data', 'domain', 'kernel', 'package'].includes(edge.to),
    );
    expect(upwards.map(describeEdge)).toEqual([]);
  });

  it('the kernel files import no folder but the table client', () => {
    const reaching = edges.filter(
      (edge) =>
        edge.from === 'kernel' &&
        !['kernel', 'package'].includes(edge.to) &&
        !KERNEL_IMPORTS_ALLOWED.has(edge.toFile ?? ''),
    );
    expect(reaching.map(describeEdge)).toEqual([]);
  });

  it('nothing in shared imports infra, functions or tests', () => {
    expect(edges.filter((edge) => edge.to === 'outside').map(describeEdge)).toEqual([]);
  });

  it('a Lambda entry point imports shared/ only, never infra/ (the local runner) or tests/', () => {
    const reaching = sourceFiles(join(ROOT, 'functions')).flatMap((file) =>
      importsOf(file)
        .filter(({ target }) => target !== undefined && !target.startsWith(SHARED))
        .map(({ specifier }) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(reaching).toEqual([]);
  });

  it('no two folders of shared import each other, directly or through others', () => {
    expect(folderCycles()).toEqual([]);
  });
});

describe('the table is reached through shared/data only', () => {
  const wirings = [...sourceFiles(join(ROOT, 'functions')), ...sourceFiles(join(ROOT, 'infra'))];
  const source = (file: string) => readFileSync(file, 'utf8');
  const named = (pattern: RegExp, where: (file: string) => boolean, among = files) =>
    among
      .filter((file) => where(relative(SHARED, file)) && pattern.test(source(file)))
      .map((file) => relative(ROOT, file));

  it('no file outside shared/data builds a DynamoDB command or a condition', () => {
    const outside = (file: string) => !file.startsWith('data/');
    expect(named(/import\s+\{[^}]*\}\s+from\s+'@aws-sdk\/(lib|client)-dynamodb'/, outside)).toEqual([]);
    expect(named(/ConditionExpression/, outside)).toEqual([]);
  });

  it('neither a Lambda entry point nor a wiring or operator script reads or writes items itself', () => {
    // Creating the local table and probing DynamoDB Local is infra/local's own job; items are not.
    const itemCommand =
      /\b(?:Query|Scan|Get|Put|Update|Delete|TransactWrite|TransactGet|BatchWrite|BatchGet)(?:Item)?Command\b|ConditionExpression/;
    expect(named(itemCommand, () => true, wirings)).toEqual([]);
  });

  it('a query names the partition it reads (keys.ts), never an item key with empty fillers', () => {
    const arg = String.raw`(?:[^()]|\([^()]*\))*`;
    const filler = new RegExp(String.raw`\b\w+(?:Key|Index)\(${arg}''${arg}\)\.(?:pk|gsi[123]pk)\b`);
    expect(named(filler, (file) => file !== 'data/keys.ts', [...files, ...wirings])).toEqual([]);
  });

  it('every transaction is written by the one transact() helper', () => {
    expect(named(/new TransactWriteCommand\(/, (file) => file !== 'data/transact.ts')).toEqual([]);
  });
});
