import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, AssetStaging, Duration, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HavenFunction } from '../../infra/aws/haven-function.ts';
import { HavenStack } from '../../infra/aws/haven-stack.ts';

export interface SynthesizedHaven {
  readonly app: App;
  readonly stack: HavenStack;
  readonly template: Template;
}

/**
 * Builds Haven stacks into one cloud assembly directory per test file. CDK caches bundles by
 * output directory, so esbuild runs once per file however many stacks (context variants) the
 * file builds; cleanup() removes the directory.
 */
export function havenSynthesizer() {
  const outdir = mkdtempSync(join(tmpdir(), 'haven-cdk-'));
  return {
    outdir,
    build(context: Record<string, string> = {}): { app: App; stack: HavenStack } {
      const app = new App({ outdir, context });
      return { app, stack: new HavenStack(app, 'Haven') };
    },
    synth(context: Record<string, string> = {}): SynthesizedHaven {
      const { app, stack } = this.build(context);
      return { app, stack, template: Template.fromStack(stack) };
    },
    cleanup(): void {
      rmSync(outdir, { recursive: true, force: true });
    },
  };
}

/**
 * Bundles a probe handler (tests/infra/fixtures/*) as the stack bundles its functions, calls it
 * once in a fresh Node process, as Lambda would, and returns what it answered.
 */
export function runBundledProbe(stack: Stack, fixture: string): unknown {
  const probe = new HavenFunction(stack, fixture, {
    entry: `tests/infra/fixtures/${fixture}.ts`,
    description: 'probe',
    memorySize: 512,
    timeout: Duration.seconds(10),
    environment: {},
  });
  const staging = probe.function.node.findAll().find((child) => child instanceof AssetStaging);
  const bundle = pathToFileURL(join((staging as AssetStaging).absoluteStagedPath, 'index.mjs')).href;
  const run = `const { handler } = await import(${JSON.stringify(bundle)}); console.log(JSON.stringify(await handler()));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', run], {
    cwd: tmpdir(),
    encoding: 'utf8',
  });
  return JSON.parse(output);
}

type Json = unknown;
type Template_ = { Parameters?: Record<string, { Default?: string }>; Conditions?: Record<string, Json> };

const PSEUDO: Record<string, string> = {
  'AWS::Region': 'eu-central-1',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::Partition': 'aws',
  'AWS::AccountId': '123456789012',
};

/**
 * Evaluates the few intrinsics Haven's template uses, the way CloudFormation would at deploy
 * time with the given parameter values (else the parameter defaults). A resource's Ref or
 * GetAtt becomes its logical id, standing in for the physical name. Anything else throws, so
 * a new intrinsic cannot slip past the tests unevaluated.
 */
export function deployTimeValue(
  value: Json,
  template: Template_,
  parameters: Record<string, string> = {},
): Json {
  const evaluate = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(evaluate);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node);
    const [key, argument] = entries[0] ?? [];
    if (entries.length !== 1 || (!key?.startsWith('Fn::') && key !== 'Ref' && key !== 'Condition')) {
      return Object.fromEntries(entries.map(([k, v]) => [k, evaluate(v)]));
    }
    const args = argument as Json[];
    switch (key) {
      case 'Ref': {
        const name = argument as string;
        if (name in PSEUDO) return PSEUDO[name];
        if (template.Parameters?.[name]) return parameters[name] ?? template.Parameters[name].Default;
        return name;
      }
      case 'Fn::GetAtt':
        return (args as string[]).join('.');
      case 'Fn::Join':
        return (evaluate(args[1]) as Json[]).join(args[0] as string);
      case 'Fn::If':
        return evaluate(evaluate({ Condition: args[0] }) ? args[1] : args[2]);
      case 'Condition':
        return evaluate(template.Conditions?.[argument as string]);
      case 'Fn::Not':
        return !evaluate(args[0]);
      case 'Fn::Equals':
        return evaluate(args[0]) === evaluate(args[1]);
      default:
        throw new Error(`deployTimeValue: ${key} is not evaluated`);
    }
  };
  return evaluate(value);
}

/**
 * Whether a Lambda event filter pattern (as in FilterCriteria) matches an event: every key of
 * the pattern must be present, arrays list the accepted values, objects nest.
 */
export function filterMatches(pattern: Json, event: Json): boolean {
  if (Array.isArray(pattern)) return pattern.includes(event);
  if (pattern === null || typeof pattern !== 'object') return pattern === event;
  if (event === null || typeof event !== 'object') return false;
  return Object.entries(pattern).every(([key, inner]) =>
    filterMatches(inner, (event as Record<string, Json>)[key]),
  );
}
