import {
  Aws,
  CfnCondition,
  CfnOutput,
  CfnParameter,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../shared/data/table.ts';
import { type ScheduledTask, STREAM_CONSUMERS, type StreamConsumerName } from '../../shared/events.ts';
import { MATCHER_NODE_OPTIONS } from '../../shared/matching/runtime.ts';
import { HavenFunction } from './haven-function.ts';

/**
 * Context keys read at synth time. Values that only fill settings become the defaults of stack
 * parameters (so `cdk deploy -c mailFrom=…` and `--parameters MailFrom=…` both work); the ones
 * that change the shape of the stack (an extra subscription, an extra IAM resource) are context only.
 */
export const CONTEXT = {
  mailFrom: 'mailFrom',
  sesIdentity: 'sesIdentity',
  coordinators: 'coordinators',
  retentionDays: 'retentionDays',
  proposalTtlHours: 'proposalTtlHours',
  publicUrl: 'publicUrl',
  sesConfigurationSet: 'sesConfigurationSet',
  alarmEmail: 'alarmEmail',
} as const;

/** Default-stage throttling: generous for forms and links, a cap on floods and runaway scripts. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/** How far a stream consumer may fall behind the table's stream before an alarm fires. */
export const STREAM_LAG_ALARM = Duration.minutes(15);

/** How often EventBridge Scheduler starts each stream consumer's sweep. */
export const SWEEP_EVERY: Record<StreamConsumerName, Duration> = {
  matcher: Duration.minutes(15),
  mailer: Duration.minutes(5),
};

/** What EventBridge Scheduler sends; typed by the contract in shared/events.ts. */
const SWEEP: ScheduledTask = { source: 'haven.schedule', task: 'sweep' };

/**
 * The access log line. The path is left out on purpose: action tokens (approve/decline links)
 * travel in the path, and a log line would make them replayable by anyone who can read logs.
 * Routing is hono's business inside the function, so the API has one `$default` route and the
 * routeKey is constant and safe; the function can log the matched route template itself. No
 * source IP or user agent either: they identify people in flight, and throttling needs neither.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
} as const;

interface StreamSettings {
  readonly batchSize: number;
  readonly maxBatchingWindow: Duration;
  readonly maxRecordAge: Duration;
}

const STREAM_SETTINGS: Record<StreamConsumerName, StreamSettings> = {
  // A burst of new offers and requests is matched together, so wait a little to batch it.
  matcher: { batchSize: 100, maxBatchingWindow: Duration.seconds(5), maxRecordAge: Duration.hours(1) },
  // Mail goes out promptly. Mail that fails for good stays unsent in the outbox and the
  // five-minute sweep retries it, so the stream need not hold records for long.
  mailer: { batchSize: 10, maxBatchingWindow: Duration.seconds(0), maxRecordAge: Duration.hours(1) },
};

interface Settings {
  readonly mailFrom: string;
  readonly sesIdentity: string;
  readonly coordinators: string;
  readonly retentionDays: string;
  readonly proposalTtlHours: string;
  readonly publicUrl: CfnParameter;
  readonly sesConfigurationSet: string | undefined;
  readonly alarmEmail: string | undefined;
}

/** Haven in one AWS account: table, HTTP API, the three functions, stream mappings, sweeps, SES, alarms. */
export class HavenStack extends Stack {
  readonly table: dynamodb.TableV2;
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const settings = this.settings();

    this.table = this.createTable();
    const { httpApi, stage } = this.createHttpApi();
    this.api = httpApi;

    const hasPublicUrl = new CfnCondition(this, 'HasPublicUrl', {
      expression: Fn.conditionNot(Fn.conditionEquals(settings.publicUrl.valueAsString, '')),
    });
    const environment: Record<string, string> = {
      TABLE_NAME: this.table.tableName,
      PUBLIC_URL: Fn.conditionIf(
        hasPublicUrl.logicalId,
        settings.publicUrl.valueAsString,
        stage.url,
      ).toString(),
      MAIL_FROM: settings.mailFrom,
      COORDINATORS: settings.coordinators,
      // loadConfig requires a transport in every function; only the mailer sends, and only its
      // role may call SES.
      MAIL_TRANSPORT: 'ses',
      RETENTION_DAYS: settings.retentionDays,
      PROPOSAL_TTL_HOURS: settings.proposalTtlHours,
    };

    const api = new HavenFunction(this, 'Api', {
      entry: 'functions/api/handler.ts',
      description: 'Haven HTTP API: the hono app behind API Gateway',
      // Memory buys CPU, and cold starts (parsing the bundle, the place gazetteer) are CPU-bound.
      memorySize: 1024,
      timeout: Duration.seconds(15),
      environment,
    });
    const matcher = new HavenFunction(this, 'Matcher', {
      entry: 'functions/matcher/handler.ts',
      description: 'Haven matcher: pool changes and the periodic sweep become proposals',
      // A full vCPU: a sweep over a national pool is CPU-bound (see npm run bench).
      memorySize: 1769,
      timeout: Duration.minutes(2),
      environment,
      nodeOptions: MATCHER_NODE_OPTIONS,
    });
    const mailer = new HavenFunction(this, 'Mailer', {
      entry: 'functions/mailer/handler.ts',
      description: 'Haven mailer: sends outbox mail through SES',
      memorySize: 256,
      timeout: Duration.minutes(1),
      environment: {
        ...environment,
        ...(settings.sesConfigurationSet ? { SES_CONFIGURATION_SET: settings.sesConfigurationSet } : {}),
      },
    });
    // One catch-all route: hono routes inside the function, so there is one routing table.
    new HttpRoute(this.api, 'DefaultRoute', {
      httpApi: this.api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('ApiIntegration', api.function),
    });

    for (const fn of [api, matcher, mailer]) this.grantTableData(fn.role);
    this.grantSendMail(mailer.role, settings);

    const alarm = this.alarmFactory(settings.alarmEmail);
    const consumers: Record<StreamConsumerName, HavenFunction> = { matcher, mailer };
    const sweepRole = this.createSweepRole();
    const failureQueues = (Object.keys(consumers) as StreamConsumerName[]).map((name) => {
      const queue = this.wireStreamConsumer(name, consumers[name], sweepRole);
      alarm(
        `${consumers[name].node.id}StreamFailuresAlarm`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        `Stream batches the ${name} gave up on: see the ${queue.node.id} queue`,
      );
      // Retries of a failing batch hold back everything behind it in its shard: a confirmed
      // request then waits for its proposals, or a coordinator for a mail, long before the
      // batch is given up on.
      alarm(
        `${consumers[name].node.id}StreamLagAlarm`,
        consumers[name].function.metric('IteratorAge', {
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        `The ${name} is more than ${STREAM_LAG_ALARM.toHumanString()} behind the table stream`,
        STREAM_LAG_ALARM.toMilliseconds(),
      );
      return queue;
    });

    const fiveMinutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };
    for (const fn of [api, matcher, mailer]) {
      alarm(
        `${fn.node.id}ErrorsAlarm`,
        fn.function.metricErrors(fiveMinutes),
        `The ${fn.node.id} function failed`,
      );
    }
    alarm('Api5xxAlarm', this.api.metricServerError(fiveMinutes), 'The HTTP API answered 5xx');

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'The HTTP API URL' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The Haven table' });

    this.acknowledgeNagFindings({
      functions: [api, matcher, mailer],
      scheduled: [matcher, mailer],
      failureQueues,
      sweepRole,
    });
  }

  private settings(): Settings {
    const context = (key: string): string | undefined => {
      const value: unknown = this.node.tryGetContext(key);
      if (value === undefined || value === null || value === '') return undefined;
      return typeof value === 'string' ? value : JSON.stringify(value);
    };
    const mailFrom = new CfnParameter(this, 'MailFrom', {
      type: 'String',
      description:
        'Sender of every mail, e.g. "Haven <noreply@haven.example.org>"; SesIdentity must cover it.',
      minLength: 3,
      default: context(CONTEXT.mailFrom),
    });
    const sesIdentity = new CfnParameter(this, 'SesIdentity', {
      type: 'String',
      description: 'The verified SES identity (domain or address) the mailer may send as.',
      allowedPattern: '^[^\\s/*]+$',
      constraintDescription: 'a domain or an email address, without wildcards',
      default: context(CONTEXT.sesIdentity),
    });
    const coordinators = new CfnParameter(this, 'Coordinators', {
      type: 'String',
      description:
        'JSON map of country code to coordinator emails, "*" the fallback: {"DE":["a@x.org"],"*":["b@x.org"]}',
      allowedPattern: '^\\s*\\{.*\\}\\s*$',
      constraintDescription: 'a JSON object',
      default: context(CONTEXT.coordinators),
    });
    const retentionDays = new CfnParameter(this, 'RetentionDays', {
      type: 'Number',
      description: 'Days a closed record is kept before its TTL removes it.',
      minValue: 1,
      maxValue: 3650,
      default: context(CONTEXT.retentionDays) ?? '90',
    });
    const proposalTtlHours = new CfnParameter(this, 'ProposalTtlHours', {
      type: 'Number',
      description: 'Hours a coordinator has to decide on a proposal before it expires.',
      minValue: 1,
      maxValue: 720,
      default: context(CONTEXT.proposalTtlHours) ?? '72',
    });
    const publicUrl = new CfnParameter(this, 'PublicUrl', {
      type: 'String',
      description: 'Public base URL used in mail links; empty means the HTTP API URL.',
      allowedPattern: '^(https://\\S+)?$',
      constraintDescription: 'empty or an https:// URL',
      default: context(CONTEXT.publicUrl) ?? '',
    });
    return {
      mailFrom: mailFrom.valueAsString,
      sesIdentity: sesIdentity.valueAsString,
      coordinators: coordinators.valueAsString,
      retentionDays: retentionDays.valueAsString,
      proposalTtlHours: proposalTtlHours.valueAsString,
      publicUrl,
      sesConfigurationSet: context(CONTEXT.sesConfigurationSet),
      alarmEmail: context(CONTEXT.alarmEmail),
    };
  }

  /** The table, built from the one shared definition that the local runner also uses. */
  private createTable(): dynamodb.TableV2 {
    const definition = tableDefinition;
    const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });
    return new dynamodb.TableV2(this, 'Table', {
      partitionKey: stringKey(definition.partitionKey),
      sortKey: stringKey(definition.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: definition.ttlAttribute,
      // The AWS-managed key (aws/dynamodb), not a customer-managed one: TableV2 cannot render
      // a customer-managed key in a region-agnostic stack, and synth must need no account or
      // region. It is still a KMS key in our account, every use is in CloudTrail, and AWS
      // rotates it yearly. What it lacks (our own key policy, crypto-shredding) can be added
      // in place later: DynamoDB switches a table's key without downtime.
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      dynamoStream: dynamodb.StreamViewType[definition.streamView],
      globalSecondaryIndexes: definition.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
    });
  }

  /**
   * The HTTP API and its throttled, logged default stage. It is built before the functions so
   * its URL can be the default PUBLIC_URL; its route is added once the api function exists.
   */
  private createHttpApi(): { httpApi: HttpApi; stage: HttpStage } {
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Haven: forms, pages and action links, all routed by hono inside the api function',
      createDefaultStage: false,
    });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...API_THROTTLE },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    return { httpApi, stage };
  }

  /**
   * Read and write on the table and its indexes, but no Scan (every request path Queries) and
   * no table administration. The indexes are named one by one from the shared definition, so
   * the policy has no wildcard and follows the definition when an index is added.
   */
  private grantTableData(role: iam.IRole): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'HavenTableData',
        actions: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
        ],
        resources: [
          this.table.tableArn,
          ...tableDefinition.indexes.map((index) => `${this.table.tableArn}/index/${index.name}`),
        ],
      }),
    );
  }

  /** Sending as the configured SES identity (and through its configuration set, if any) only. */
  private grantSendMail(role: iam.IRole, settings: Settings): void {
    const configurationSet = settings.sesConfigurationSet;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SendAsHavenIdentity',
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          this.formatArn({ service: 'ses', resource: 'identity', resourceName: settings.sesIdentity }),
          ...(configurationSet
            ? [
                this.formatArn({
                  service: 'ses',
                  resource: 'configuration-set',
                  resourceName: configurationSet,
                }),
              ]
            : []),
        ],
      }),
    );
  }

  /** Feeds one consumer from the table's stream and starts its sweep; returns its failure queue. */
  private wireStreamConsumer(
    name: StreamConsumerName,
    consumer: HavenFunction,
    sweepRole: iam.IRole,
  ): sqs.Queue {
    const failures = new sqs.Queue(this, `${consumer.node.id}StreamFailures`, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const settings = STREAM_SETTINGS[name];
    const consumes = STREAM_CONSUMERS[name];
    consumer.function.addEventSource(
      new DynamoEventSource(this.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: settings.batchSize,
        maxBatchingWindow: settings.maxBatchingWindow,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 5,
        maxRecordAge: settings.maxRecordAge,
        // Lambda sends the batch's shard and sequence range here, never the items themselves.
        onFailure: new SqsDlq(failures),
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.or(...consumes.eventNames),
            dynamodb: { NewImage: { kind: { S: lambda.FilterRule.or(...consumes.kinds) } } },
          }),
        ],
      }),
    );
    new Schedule(this, `${consumer.node.id}Sweep`, {
      description: `Periodic sweep of the Haven ${name}`,
      schedule: ScheduleExpression.rate(SWEEP_EVERY[name]),
      target: new LambdaInvoke(consumer.function, {
        role: sweepRole,
        input: ScheduleTargetInput.fromObject(SWEEP),
        // A missed sweep is made good by the next one, so retries stop before it is due.
        retryAttempts: 2,
        maxEventAge: SWEEP_EVERY[name],
      }),
    });
    return failures;
  }

  /** One role for both sweeps, which only this account's default schedule group may assume. */
  private createSweepRole(): iam.Role {
    return new iam.Role(this, 'SweepSchedulerRole', {
      description: 'Lets EventBridge Scheduler start the Haven sweeps',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': Aws.ACCOUNT_ID,
            'aws:SourceArn': this.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: 'default',
            }),
          },
        },
      }),
    });
  }

  /** An encrypted alarm topic (optionally mailing someone) and a maker of "anything above zero" (or above a threshold) alarms on it. */
  private alarmFactory(alarmEmail: string | undefined) {
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the Haven alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch publishes to the encrypted topic as a service and needs the key to do so.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    const topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Haven alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (alarmEmail) topic.addSubscription(new EmailSubscription(alarmEmail));
    new CfnOutput(this, 'AlarmTopicArn', { value: topic.topicArn, description: 'Subscribe here for alarms' });

    const action = new SnsAction(topic);
    return (
      alarmId: string,
      metric: cloudwatch.IMetric,
      description: string,
      above = 0,
    ): cloudwatch.Alarm => {
      const alarm = new cloudwatch.Alarm(this, alarmId, {
        metric,
        alarmDescription: description,
        threshold: above,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      return alarm;
    };
  }

  /**
   * The AwsSolutions findings this design accepts, each with its reason. Anything else the
   * checks report fails `npm run synth` and the infra tests.
   */
  private acknowledgeNagFindings(parts: {
    functions: readonly HavenFunction[];
    scheduled: readonly HavenFunction[];
    failureQueues: readonly sqs.Queue[];
    sweepRole: iam.Role;
  }): void {
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Haven is public by design: anyone may offer or request a bed without an account, and coordinators act through single-use hashed tokens in their mail links, which the app checks. There is no caller identity for an authorizer to verify.',
    });
    for (const fn of parts.functions) {
      Validations.of(fn.function).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'nodejs22.x is the runtime issue 2 fixes for Haven and the one its bundles target (esbuild target node22); it is an LTS line under AWS support. Moving to a newer runtime is a deliberate upgrade, not a side effect of a lint.',
      });
    }
    for (const queue of parts.failureQueues) {
      Validations.of(queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself the dead-letter (on-failure) destination of a stream mapping. It holds only batch coordinates (shard, sequence numbers) and an alarm fires on its first message; a queue behind it would add nothing.',
      });
    }
    for (const fn of parts.scheduled) {
      const logicalId = this.getLogicalId(fn.function.node.defaultChild as lambda.CfnFunction);
      Validations.of(parts.sweepRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason:
          'lambda:InvokeFunction on ARN:* covers the versions and aliases of this one function, as the scheduler target grants it; no other function is reachable.',
      });
    }
  }
}
