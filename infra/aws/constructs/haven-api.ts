import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * The access log line. The path is left out on purpose: action tokens (approve/decline links)
 * travel in the path, and a log line would make them replayable by anyone who can read logs.
 * The routeKey is a route template (`$default`, `POST /offers`), never a concrete path, so it
 * is safe. No source IP or user agent either: they identify people in flight, and throttling
 * needs neither.
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

export interface HavenApiProps {
  /**
   * Throttling of the `$default` route, which serves everything no other route names.
   * @default - no throttling beyond the account's
   */
  readonly defaultThrottle?: ThrottleSettings;
  /**
   * How long access logs are kept.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: logs.RetentionDays;
}

/**
 * The HTTP API: a throttled `$default` stage with access logs. Routing is hono's business
 * inside the function, so every route sends to the same function; routes named here exist so
 * that the stage can throttle them apart.
 */
export class HavenApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  private integration: HttpLambdaIntegration | undefined;

  constructor(scope: Construct, id: string, props: HavenApiProps = {}) {
    super(scope, id);
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // 'Default' keeps the API's logical id, and so its URL (the default base of every link
    // in mail already sent), what it was before the stack had constructs.
    this.httpApi = new HttpApi(this, 'Default', {
      description: 'Haven: forms, pages and action links, all routed by hono inside the api function',
      createDefaultStage: false,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      ...(props.defaultThrottle ? { throttle: { ...props.defaultThrottle } } : {}),
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    // A stage named $default cannot be replaced (the new one would clash with the old): it
    // keeps the logical id it had before the stack had constructs.
    (this.stage.node.defaultChild as CfnStage).overrideLogicalId('DefaultStageEE28A986');

    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Haven is public by design: anyone may offer or request a bed without an account, and coordinators act through single-use hashed tokens in their mail links, which the app checks. There is no caller identity for an authorizer to verify.',
    });
  }

  get url(): string {
    return this.stage.url;
  }

  /** Sends every request that no other route names to the function. */
  routeAllTo(fn: lambda.IFunction): void {
    this.integration = new HttpLambdaIntegration('ApiIntegration', fn);
    // The route keeps the id and place it had before the stack had constructs.
    new HttpRoute(this.httpApi, 'DefaultRoute', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration: this.integration,
    });
  }
}
