import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  type HttpMethod,
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

/** Routes that get their own throttling, all sent to the same function as `$default`. */
export interface HavenApiRoutes {
  readonly routeKeys: readonly string[];
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface HavenApiProps {
  /**
   * Throttling of each route no `routes` entry names (the `$default` route among them).
   * @default - no throttling beyond the account's
   */
  readonly defaultThrottle?: ThrottleSettings;
  /**
   * Routes throttled apart from the rest: each route key gets its own limits (and its own
   * token bucket).
   * @default - none: one `$default` route serves everything
   */
  readonly routes?: readonly HavenApiRoutes[];
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
  private readonly routes: readonly HavenApiRoutes[];

  constructor(scope: Construct, id: string, props: HavenApiProps = {}) {
    super(scope, id);
    this.routes = props.routes ?? [];
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
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    // A stage named $default cannot be replaced (the new one would clash with the old): it
    // keeps the logical id it had before the stack had constructs.
    cfnStage.overrideLogicalId('DefaultStageEE28A986');
    if (this.routes.length > 0) {
      // routeSettings is untyped JSON: CloudFormation's own property names.
      cfnStage.routeSettings = Object.fromEntries(
        this.routes.flatMap((group) =>
          group.routeKeys.map((routeKey) => [
            routeKey,
            { ThrottlingRateLimit: group.rateLimit, ThrottlingBurstLimit: group.burstLimit },
          ]),
        ),
      );
    }

    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Haven is public by design: anyone may offer or request a bed without an account, and coordinators act through single-use hashed tokens in their mail links, which the app checks. There is no caller identity for an authorizer to verify.',
    });
  }

  get url(): string {
    return this.stage.url;
  }

  /** Sends every request to the function: through the named routes and `$default`. */
  routeAllTo(fn: lambda.IFunction): void {
    const integration = new HttpLambdaIntegration('ApiIntegration', fn);
    // The route keeps the id and place it had before the stack had constructs.
    const fallback = new HttpRoute(this.httpApi, 'DefaultRoute', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration,
    });
    for (const routeKey of this.routes.flatMap((group) => group.routeKeys)) {
      const [method, path] = routeKey.split(' ') as [string, string];
      const route = new HttpRoute(this.httpApi, routeKey.replace(/[^A-Za-z0-9]/g, ''), {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(path, method as HttpMethod),
        integration,
      });
      // The stage names these routes in its settings, which fail to deploy before the route exists.
      this.stage.node.addDependency(route);
    }
    this.stage.node.addDependency(fallback);
  }
}
