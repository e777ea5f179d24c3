import {
  CfnCondition,
  CfnOutput,
  Duration,
  Fn,
  SecretValue,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { PK_PREFIX, rateLimitScopePrefix, telegramPartition } from '../../shared/data/keys.ts';
import { TELEGRAM_SENDS } from '../../shared/data/rate-limits.ts';
import type { StreamConsumerName } from '../../shared/events.ts';
import { MATCHER_ENVIRONMENT, MATCHER_NODE_OPTIONS } from '../../shared/matching/runtime.ts';
import { DEFAULT_ROUTE_THROTTLE, THROTTLED_ROUTES } from './api-routes.ts';
import { AlarmTopic } from './constructs/alarm-topic.ts';
import { HavenApi } from './constructs/haven-api.ts';
import { HavenTable, type TableAccess } from './constructs/haven-table.ts';
import { MailFeedback } from './constructs/mail-feedback.ts';
import { StreamConsumer } from './constructs/stream-consumer.ts';
import { SweepSchedules } from './constructs/sweep-schedules.ts';
import { HavenFunction } from './haven-function.ts';
import { readSettings } from './settings.ts';

export { ACCESS_LOG_FIELDS } from './constructs/haven-api.ts';
export { STREAM_LAG_ALARM } from './constructs/stream-consumer.ts';
export { CONTEXT } from './settings.ts';

/** The windows of the bot's shared send count: every subject's, since the bot's id is known only at run time. */
const telegramSendsPrefix = rateLimitScopePrefix(TELEGRAM_SENDS.scope);

const ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:Query',
] as const;

/**
 * What each function may do to the table: the actions and indexes its code uses, no more (a
 * test bundles each handler and holds these lists to what the bundle calls, both ways: a new
 * query on another index fails that test until it is granted here). Nobody may Scan, write in
 * batches or administer the table; batch reads only of the suppression list (suppressionReads).
 */
export const TABLE_ACCESS = {
  // Intake (de-duplication by the address's hash on gsi2), links, decisions, and the coordinator
  // workspace: its queues (pending proposals on gsi2; open records and problems on gsi3), its
  // export (every record of a country, gsi4) and "propose this pair", which runs the matcher's
  // candidate search (the pool, gsi1).
  api: { itemActions: ITEM_ACTIONS, queriedIndexes: ['gsi1', 'gsi2', 'gsi3', 'gsi4'] },
  // The pool (gsi1), the work queues of its sweeps (gsi3), and for erasure a record's tokens (gsi2).
  matcher: { itemActions: ITEM_ACTIONS, queriedIndexes: ['gsi1', 'gsi2', 'gsi3'] },
  // Its outbox items and the unsent-mail queue; the suppression list (read, and written when
  // an SMTP server refuses an address for good); the count of the bot's messages this second,
  // which every mailer instance shares (TELEGRAM_SENDS); the mark of a chat that refused a
  // notice (markChatUnreachable), and of gsi2 only a chat's lookups, whose absence undoes that mark
  // (chatMarkDeletes).
  mailer: {
    itemActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    partitionKeyPrefixes: [
      PK_PREFIX.outbox,
      PK_PREFIX.suppressed,
      telegramSendsPrefix,
      PK_PREFIX.chatUnreachable,
    ],
    queriedIndexes: ['gsi2', 'gsi3'],
    queriedIndexPrefixes: { gsi2: [telegramPartition('chat', '')] },
  },
  // The mailer takes back the mark of a chat erased meanwhile: it deletes those marks, nothing else.
  chatMarkDeletes: {
    itemActions: ['dynamodb:DeleteItem'],
    partitionKeyPrefixes: [PK_PREFIX.chatUnreachable],
    queriedIndexes: [],
  },
  // The overview's counters, the marks of the stream records they took in, and the rebuild's
  // lock (checked) and its time (read).
  overview: {
    itemActions: [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:ConditionCheckItem',
    ],
    partitionKeyPrefixes: [PK_PREFIX.overview],
    queriedIndexes: [],
  },
  // Read only: when an offer closes or opens, its holds (its partition) and their proposals'
  // status, to stop or start counting the beds its approved stays hold.
  overviewReads: {
    itemActions: ['dynamodb:GetItem', 'dynamodb:Query'],
    partitionKeyPrefixes: [PK_PREFIX.offer, PK_PREFIX.proposal],
    queriedIndexes: [],
  },
  // Whether mail may go to a batch's recipients (suppressedAmong: BatchGetItem, a hundred keys a
  // call), for the two functions that send mail: the mailer, and the matcher's mail at once.
  suppressionReads: {
    itemActions: ['dynamodb:BatchGetItem'],
    partitionKeyPrefixes: [PK_PREFIX.suppressed],
    queriedIndexes: [],
  },
  // Adds to the suppression list, nothing else.
  mailEvents: {
    itemActions: ['dynamodb:PutItem'],
    partitionKeyPrefixes: [PK_PREFIX.suppressed],
    queriedIndexes: [],
  },
} as const satisfies Record<
  | 'api'
  | 'matcher'
  | 'mailer'
  | 'chatMarkDeletes'
  | 'overview'
  | 'overviewReads'
  | 'suppressionReads'
  | 'mailEvents',
  TableAccess
>;

/** Haven in one AWS account: table, HTTP API, the three functions, stream consumers, sweeps, SES, alarms. */
export class HavenStack extends Stack {
  readonly table: HavenTable;
  readonly api: HavenApi;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const settings = readSettings(this);

    this.table = new HavenTable(this, 'Table');
    this.api = new HavenApi(this, 'HttpApi', {
      defaultThrottle: DEFAULT_ROUTE_THROTTLE,
      routes: Object.values(THROTTLED_ROUTES),
    });

    const hasPublicUrl = new CfnCondition(this, 'HasPublicUrl', {
      expression: Fn.conditionNot(Fn.conditionEquals(settings.publicUrl.valueAsString, '')),
    });
    const environment: Record<string, string> = {
      TABLE_NAME: this.table.tableName,
      PUBLIC_URL: Fn.conditionIf(
        hasPublicUrl.logicalId,
        settings.publicUrl.valueAsString,
        this.api.url,
      ).toString(),
      MAIL_FROM: settings.mailFrom,
      COORDINATORS: settings.coordinators,
      COORDINATOR_LANGUAGES: settings.coordinatorLanguages,
      // loadConfig requires a transport in every function; only the mailer and the matcher (its
      // proposal mails) send, and only their roles may call SES.
      MAIL_TRANSPORT: 'ses',
      RETENTION_DAYS: settings.retentionDays,
      PROPOSAL_TTL_HOURS: settings.proposalTtlHours,
      CONFIRM_MAILS_PER_HOUR: settings.confirmMailsPerHour,
      REQUIRE_VERIFIED_HOSTS: settings.requireVerifiedHosts,
    };

    // The bot's token and webhook secret stay in Secrets Manager; CloudFormation resolves them at
    // deploy time, so neither is in the template or the repository. Only the functions that
    // talk to Telegram get them: the api (webhook) and the mailer (notices).
    const telegram: Record<string, string> = settings.telegram
      ? {
          TELEGRAM_BOT_TOKEN: SecretValue.secretsManager(settings.telegram.secretName, {
            jsonField: 'botToken',
          }).unsafeUnwrap(),
          TELEGRAM_WEBHOOK_SECRET: SecretValue.secretsManager(settings.telegram.secretName, {
            jsonField: 'webhookSecret',
          }).unsafeUnwrap(),
          TELEGRAM_BOT_USERNAME: settings.telegram.username,
        }
      : {};

    const api = new HavenFunction(this, 'Api', {
      entry: 'functions/api/handler.ts',
      description: 'Haven HTTP API: the hono app behind API Gateway',
      // Memory buys CPU, and cold starts (parsing the bundle, the place gazetteer) are CPU-bound.
      memorySize: 1024,
      timeout: Duration.seconds(15),
      environment: { ...environment, ...telegram },
    });
    const alarms = new AlarmTopic(this, 'AlarmTopic', { email: settings.alarmEmail });
    const mailEvents = new HavenFunction(this, 'MailEvents', {
      entry: 'functions/mail-events/handler.ts',
      description: 'Haven mail events: SES bounces and complaints become suppressed addresses',
      memorySize: 256,
      timeout: Duration.seconds(30),
      environment,
    });
    const feedback = new MailFeedback(this, 'MailFeedback', { handler: mailEvents.function, alarms });
    const mailer = new HavenFunction(this, 'Mailer', {
      entry: 'functions/mailer/handler.ts',
      description: 'Haven mailer: sends outbox mail through SES',
      memorySize: 256,
      // Longer than a claim's lease (231 s, claimLeaseMs in shared/mail/mailer.ts), which holds a
      // settle until near its end: an invocation ended mid-settle leaves a mail that went out
      // claimed, and the sweep sends it again once the claim is stale.
      timeout: Duration.minutes(5),
      environment: {
        ...environment,
        ...telegram,
        SES_CONFIGURATION_SET: feedback.configurationSet.configurationSetName,
      },
    });
    const matcher = new HavenFunction(this, 'Matcher', {
      entry: 'functions/matcher/handler.ts',
      description: 'Haven matcher: pool changes and the periodic sweep become proposals',
      // Sized for the sweep, which matches each country's whole pool in turn in one invocation.
      // It cannot be split finer without losing pairs: none crosses a border (rule 4), and a
      // request without a city reaches every offer of its country. A national pool
      // (BENCH_SIZES=XL npm run bench: 100,000 requests x 160,000 offers, 41% of them in one
      // country) took 126-180 CPU-seconds (111 after session 11's speed-ups, 0.84x in a back-to-back
      // pair) and peaked at 1,290-1,399 MiB in one process with every
      // country's records (docs/matching.md, "A national pool"); 4 GB also buys 2.3 vCPUs
      // (the collector's threads), and 15 minutes is Lambda's most.
      memorySize: 4096,
      timeout: Duration.minutes(15),
      // It hands its proposal mails to the mailer, invoked without waiting (shared/mail/handoff.ts),
      // and sends them itself only when that invocation is not taken.
      environment: {
        ...environment,
        ...MATCHER_ENVIRONMENT,
        MAILER_FUNCTION_NAME: mailer.function.functionName,
        SES_CONFIGURATION_SET: feedback.configurationSet.configurationSetName,
      },
      nodeOptions: MATCHER_NODE_OPTIONS,
    });
    const overview = new HavenFunction(this, 'Overview', {
      entry: 'functions/overview/handler.ts',
      description: "Haven overview: the stream's changes become the coordinators' counters",
      memorySize: 256,
      timeout: Duration.minutes(1),
      environment,
    });
    this.api.routeAllTo(api.function);

    this.table.grantData(api.function, TABLE_ACCESS.api);
    this.table.grantData(matcher.function, TABLE_ACCESS.matcher);
    this.table.grantData(mailer.function, TABLE_ACCESS.mailer);
    this.table.grantData(mailer.function, TABLE_ACCESS.chatMarkDeletes);
    this.table.grantData(matcher.function, TABLE_ACCESS.suppressionReads);
    this.table.grantData(mailer.function, TABLE_ACCESS.suppressionReads);
    this.table.grantData(mailEvents.function, TABLE_ACCESS.mailEvents);
    this.table.grantData(overview.function, TABLE_ACCESS.overview);
    this.table.grantData(overview.function, TABLE_ACCESS.overviewReads);
    // The matcher's proposal mails go ahead of a surge's queue of confirmation mails: it hands
    // them to the mailer (an async invocation, whose retries are safe: each lease is taken over
    // once) and, should Lambda not take that, sends them itself, which it may, as it may already
    // have the mailer send any outbox item it writes.
    // The function itself, not its versions (grantInvoke's `:*`): the matcher names no version.
    matcher.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [mailer.function.functionArn],
      }),
    );
    for (const sender of [mailer, matcher])
      this.grantSendMail(sender, settings.sesIdentity, feedback.configurationSet.configurationSetName);

    new CfnOutput(this, 'AlarmTopicArn', {
      value: alarms.topic.topicArn,
      description: 'Subscribe here for alarms',
    });

    const consumers: Record<StreamConsumerName, HavenFunction> = { matcher, mailer, overview };
    for (const [name, fn] of Object.entries(consumers) as [StreamConsumerName, HavenFunction][]) {
      new StreamConsumer(this, `${fn.node.id}Stream`, {
        name,
        fn: fn.function,
        table: this.table.table,
        alarms,
      });
    }
    new SweepSchedules(this, 'Sweeps', { functions: { matcher: matcher.function, mailer: mailer.function } });

    const fiveMinutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };
    for (const fn of [api, matcher, mailer, overview, mailEvents]) {
      alarms.alarmAbove(this, `${fn.node.id}ErrorsAlarm`, {
        metric: fn.function.metricErrors(fiveMinutes),
        description: `The ${fn.node.id} function failed`,
      });
      Validations.of(fn.function).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'nodejs22.x is the runtime issue 2 fixes for Haven and the one its bundles target (esbuild target node22); it is an LTS line under AWS support. Moving to a newer runtime is a deliberate upgrade, not a side effect of a lint.',
      });
    }
    /** An alarm on any line of a function's log that matches: what it survives and logs, nothing fails on. */
    const alarmOnLines = (
      group: logs.LogGroup,
      line: {
        filterId: string;
        alarmId: string;
        filterPattern: logs.IFilterPattern;
        metricName: string;
        description: string;
      },
    ) =>
      alarms.alarmAbove(this, line.alarmId, {
        metric: group
          .addMetricFilter(line.filterId, {
            filterPattern: line.filterPattern,
            metricNamespace: 'Haven',
            metricName: line.metricName,
            metricValue: '1',
          })
          .metric(fiveMinutes),
        description: line.description,
      });
    const alarmOnMatcherLines = (line: Parameters<typeof alarmOnLines>[1]) =>
      alarmOnLines(matcher.logGroup, line);
    // A pair a solve chose that breaks a rule is a bug the matcher survives (it proposes the
    // solver's checked set instead) and logs as `matcher.breach`: nothing fails, so only that
    // line can raise the alarm. A phrase, not a JSON field: Lambda prefixes each line it logs.
    alarmOnMatcherLines({
      filterId: 'BreachFilter',
      alarmId: 'MatcherBreachAlarm',
      filterPattern: logs.FilterPattern.literal('"matcher.breach"'),
      metricName: 'MatcherBreaches',
      description:
        'The matcher left out a chosen pair that breaks a matching rule (matcher.breach in its logs)',
    });
    // A hand-off Lambda does not take (denied, throttled, the mailer gone) is sent by the run
    // itself, awaited: nothing is lost, but the run again waits for its mails, so it should not
    // go on unnoticed.
    alarmOnMatcherLines({
      filterId: 'HandOffNotTakenFilter',
      alarmId: 'HandOffNotTakenAlarm',
      filterPattern: logs.FilterPattern.literal('"mail.handoff_not_taken"'),
      metricName: 'MailHandOffsNotTaken',
      description:
        "The mailer did not take the matcher's hand-off of proposal mails; the matcher sent them itself (mail.handoff_not_taken in its logs)",
    });
    // The sweep survives an item of its queues it cannot read, or a record whose lifecycle step
    // (close, expiry, erasure), lapsed change, block step, queued cancellation, check-in,
    // availability question or proposal expiry fails, so the next still gets its turn; without this
    // alarm one that fails on every sweep would keep its personal data past RETENTION_DAYS (or its
    // proposal past its due time or its change, or a blocked person's earlier records in the pool)
    // and nobody would know.
    alarmOnMatcherLines({
      filterId: 'UpkeepFailureFilter',
      alarmId: 'UpkeepFailureAlarm',
      filterPattern: logs.FilterPattern.anyTerm(
        'lifecycle.failed',
        'block-steps.failed',
        'cancellations.failed',
        'check-in.failed',
        'availability.failed',
        'proposal.expiry_failed',
      ),
      metricName: 'UpkeepFailures',
      description:
        "An item of a sweep's queues failed (lifecycle.failed, block-steps.failed, cancellations.failed, check-in.failed, availability.failed or proposal.expiry_failed in the matcher's logs)",
    });
    // A country with people to match and no coordinator (COORDINATORS has neither it nor `*`)
    // gets no proposals at all: nothing fails, so only the sweep's warning can raise the alarm.
    alarmOnMatcherLines({
      filterId: 'NoCoordinatorFilter',
      alarmId: 'NoCoordinatorAlarm',
      filterPattern: logs.FilterPattern.literal('"matcher.no-coordinator"'),
      metricName: 'CountriesWithoutCoordinator',
      description:
        'People wait in a country no coordinator is listed for, so nobody proposes for them (matcher.no-coordinator in its logs names the country)',
    });
    // A proposal voided or a problem reported in a country the operator has since listed nobody
    // for (COORDINATORS has neither it nor `*`): the person's act goes through, but no coordinator
    // is told, so only the line logged where it happened (a page's POST, or the sweep) can say so.
    for (const [fn, where] of [
      [api, 'Api'],
      [matcher, 'Matcher'],
    ] as const) {
      alarmOnLines(fn.logGroup, {
        filterId: `NobodyToTell${where}Filter`,
        alarmId: `NobodyToTell${where}Alarm`,
        filterPattern: logs.FilterPattern.literal('"coordinators.none_listed"'),
        metricName: `EventsWithNobodyToTell${where}`,
        description: `A proposal ended or a problem was reported in a country no coordinator is listed for, so nobody was told (coordinators.none_listed in the ${where.toLowerCase()}'s logs names the country)`,
      });
    }
    alarms.alarmAbove(this, 'Api5xxAlarm', {
      metric: this.api.httpApi.metricServerError(fiveMinutes),
      description: 'The HTTP API answered 5xx',
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The HTTP API URL' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The Haven table' });
  }

  /** Sending as the SES identity, through Haven's configuration set, and nothing else. */
  private grantSendMail(sender: HavenFunction, sesIdentity: string, configurationSet: string): void {
    iam.Grant.addToPrincipal({
      grantee: sender.function,
      // SESv2 SendEmail with simple content; raw MIME (SendRawEmail) is never built.
      actions: ['ses:SendEmail'],
      resourceArns: [
        this.formatArn({ service: 'ses', resource: 'identity', resourceName: sesIdentity }),
        this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet }),
      ],
    });
  }
}
