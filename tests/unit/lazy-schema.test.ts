import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lazySchema, once } from '../../shared/domain/lazy-schema.ts';
import { sourceFiles } from '../support/source-files.ts';

const SHARED = resolve(import.meta.dirname, '../../shared');

/** The identifier a call chain starts from: `z` for z.string().min(1), `build` for build(x). */
function rootOf(call: ts.CallExpression): string | undefined {
  let callee: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee)) callee = callee.expression;
  return ts.isIdentifier(callee) ? callee.text : undefined;
}

/** The calls that `node` makes without entering a function (those run when `node` runs). */
function callsOutsideFunctions(node: ts.Node): ts.CallExpression[] {
  if (ts.isFunctionLike(node) || ts.isClassDeclaration(node)) return [];
  const own = ts.isCallExpression(node) ? [node] : [];
  return [...own, ...node.getChildren().flatMap(callsOutsideFunctions)];
}

/**
 * Schemas that a module builds when it is imported, by line: calls on `z` (z.object(…),
 * z.iso.date() …), or on one of the module's own functions that builds one, outside any function.
 */
function schemasBuiltAtImport(file: string): number[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const builds = (body: ts.Node) =>
    body.getChildren().some(function visit(node): boolean {
      return (ts.isCallExpression(node) && rootOf(node) === 'z') || node.getChildren().some(visit);
    });
  const builders = new Set(['z']);
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && builds(statement))
      builders.add(statement.name.text);
    if (ts.isVariableStatement(statement))
      for (const declaration of statement.declarationList.declarations)
        if (
          declaration.initializer &&
          ts.isFunctionLike(declaration.initializer) &&
          builds(declaration.initializer)
        )
          builders.add(declaration.name.getText());
  }
  return source.statements
    .flatMap((statement) =>
      callsOutsideFunctions(statement)
        .filter((call) => builders.has(rootOf(call) ?? ''))
        .map((call) => source.getLineAndCharacterOfPosition(call.getStart()).line + 1),
    )
    .filter((line, index, lines) => lines.indexOf(line) === index);
}

describe('lazy schemas', () => {
  it('builds the schema on its first use, and only once', () => {
    let builds = 0;
    const schema = lazySchema(() => {
      builds++;
      return z.object({ beds: z.number().int().min(1) });
    });
    expect(builds).toBe(0);
    expect(schema.parse({ beds: 2 })).toEqual({ beds: 2 });
    expect(schema.safeParse({ beds: 0 }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('stands for the schema it builds: instanceof, composed, parsed, in JSON Schema with its pieces’ meta', () => {
    const day = once(() => z.iso.date().meta({ description: 'A day' }));
    const stay = lazySchema(() =>
      z.object({
        from: day(),
        to: day().optional(),
        tags: z.array(z.string()).transform((tags) => tags.sort()),
      }),
    );
    const stays = lazySchema(() => z.array(stay));
    expect(stay).toBeInstanceOf(z.ZodObject);
    expect(stays.parse([{ from: '2026-12-01', tags: ['b', 'a'] }])).toEqual([
      { from: '2026-12-01', tags: ['a', 'b'] },
    ]);
    expect(() => stays.parse([{ from: '2026-13-01', tags: [] }])).toThrow(z.ZodError);
    expect(z.toJSONSchema(stay, { io: 'input' })).toMatchObject({
      properties: { from: { format: 'date', description: 'A day' }, to: { description: 'A day' } },
      required: ['from', 'tags'],
    });
  });

  it('no module but the configuration builds a zod schema when it is imported', () => {
    const eager = sourceFiles(SHARED)
      .filter((file) => relative(SHARED, file) !== 'config.ts')
      .flatMap((file) => schemasBuiltAtImport(file).map((line) => `${relative(SHARED, file)}:${line}`));
    expect(eager).toEqual([]);
  });
});
