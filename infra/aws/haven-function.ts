import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleFunction } from './bundle.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

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
  readonly function: lambda.Function;
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

    this.function = new lambda.Function(this, 'Function', {
      code: lambda.Code.fromAsset(projectRoot, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: the local bundling below always succeeds. The entry is part of the
          // bundling options so that CDK's bundle cache tells one function from another.
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
          command: ['bundle', props.entry],
          local: {
            tryBundle: (outputDir) => {
              bundleFunction(props.entry, outputDir);
              return true;
            },
          },
        },
      }),
      handler: 'index.handler',
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
    });
  }
}
