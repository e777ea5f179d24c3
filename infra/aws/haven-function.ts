import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Files a bundle reads beside itself at run time: the gazetteer reads data/<country>.tsv from the
 * folder of its own module (shared/places/data/ in the source tree, the folder of index.js in a
 * bundle). esbuild bundles code, not files, so after bundling the folder is copied next to
 * index.js, but only into bundles whose code names it: no function carries places it never reads.
 */
export const BUNDLED_DATA = [
  { marker: './data/', from: 'shared/places/data', to: 'data' },
  // The overview map's country outlines (shared/overview/map.ts), into the API's bundle only.
  { marker: './outlines/', from: 'shared/overview/outlines', to: 'outlines' },
] as const;

/**
 * A CommonJS bundle has no import.meta: esbuild would leave `import.meta.url` undefined, and the
 * gazetteer would not find its files. The bundle's banner defines the module's own URL instead.
 */
export const IMPORT_META_URL = {
  banner: 'const __haven_import_meta_url=require("node:url").pathToFileURL(__filename).href;',
  define: { 'import.meta.url': '__haven_import_meta_url' },
} as const;

export interface HavenFunctionProps {
  /** The handler module, relative to the project root: functions/<name>/handler.ts. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  /** Node.js flags beyond source maps, as NODE_OPTIONS carries them. */
  readonly nodeOptions?: readonly string[];
}

/**
 * One of Haven's Lambdas: the same functions/<name>/handler.ts the local runner calls, bundled
 * by the project's own esbuild (never Docker), with its own role and log group so that nothing
 * falls back to the broad AWSLambdaBasicExecutionRole managed policy.
 */
export class HavenFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HavenFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.entry}`,
    });
    // Only the two calls the runtime makes, on this function's own log group.
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: `${projectRoot}${props.entry}`,
      handler: 'handler',
      projectRoot,
      depsLockFilePath: `${projectRoot}package-lock.json`,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        NODE_OPTIONS: ['--enable-source-maps', ...(props.nodeOptions ?? [])].join(' '),
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        // CJS: no top-level await in the code, and CommonJS packages keep their require and
        // __dirname; import.meta.url is supplied by IMPORT_META_URL.
        format: nodejs.OutputFormat.CJS,
        banner: IMPORT_META_URL.banner,
        define: IMPORT_META_URL.define,
        // Names and messages in Russian, Ukrainian and Turkish stay UTF-8 (2 bytes a letter)
        // instead of \u escapes (6): the catalogs are a sixth of the bundle.
        charset: nodejs.Charset.UTF8,
        target: 'node22',
        minify: true,
        // Minifying renames classes, and error classes take their name from the class
        // (`new.target.name`): without this the logged errorType is `e`, not `NotFound`.
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        // The SDK version the tests ran against ships in the bundle, not whatever the
        // runtime happens to carry this month: a runtime update would otherwise change
        // retries, timeouts or serialisation under a deployed stack with no release of ours.
        // Leaving it out would shrink the API bundle from ~1,040 KB to ~470 KB; the bench
        // (tests/bench/api-import.ts) prints both, and bundled, minified SDK is AWS's own
        // advice for cold starts (README, Places, "Cold start").
        bundleAwsSDK: true,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) =>
            BUNDLED_DATA.map(
              (data) =>
                `if grep -qF '${data.marker}' "${outputDir}/index.js"; then cp -R "${inputDir}/${data.from}" "${outputDir}/${data.to}"; fi`,
            ),
        },
      },
    });
  }
}
