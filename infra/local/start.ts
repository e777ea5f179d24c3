import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import * as z from 'zod';
import { createDynamoClient } from '../../shared/data/client.ts';
import { depsFromEnv } from '../../shared/deps.ts';
import { type ScheduledTask, streamFilterFor } from '../../shared/events.ts';
import { createApp } from '../../shared/http/app.ts';
import { handleNotFound } from '../../shared/http/errors.ts';
import { describeError, logger } from '../../shared/log.ts';
import { handedOffInProcessSent } from '../../shared/mail/handoff.ts';
import { reindex } from '../../shared/upkeep/reindex.ts';
import { CONSUMER_WIRING, LIFECYCLE_EVERY_SECONDS } from '../../shared/wiring.ts';
import {
  caughtMailHorizonMs,
  devMailRoutes,
  MAIL_PRUNE_EVERY_MS,
  mailCatcherEraser,
  pruneCaughtMail,
} from './dev-mail.ts';
import { JavaMissingError, type RunningDynamo, startDynamoLocal } from './dynamo.ts';
import { pollerSettings } from './poller-settings.ts';
import { type StreamConsumer, startStreamPoller } from './stream-poller.ts';
import { createStreamsClient } from './streams-client.ts';
import { ensureTable } from './table.ts';

/** `npm start`: the whole of Haven on one machine, wired as infra/aws wires it in the cloud. */

const localSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Loopback unless asked: the mail catcher at /dev/mail holds live approve and manage links.
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  SMTP_URL: z.url().optional(),
  PUBLIC_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3).default('Haven <haven@haven.local>'),
  COORDINATORS: z.string().default(JSON.stringify({ '*': ['coordinator@haven.local'] })),
  TABLE_NAME: z.string().min(1).default('haven'),
  MATCHER_SWEEP_SECONDS: z.coerce.number().min(5).default(CONSUMER_WIRING.matcher.sweepEverySeconds),
  MAILER_SWEEP_SECONDS: z.coerce.number().min(5).default(CONSUMER_WIRING.mailer.sweepEverySeconds),
});

const SWEEP: ScheduledTask = { source: 'haven.schedule', task: 'sweep' };
const LIFECYCLE: ScheduledTask = { source: 'haven.schedule', task: 'lifecycle' };

/**
 * The README (Quick start) promises that Ctrl-C stops everything within 5 s, whatever is in
 * flight. Work that has not finished by then is abandoned (the stream delivers its records again
 * on the next start).
 */
const SHUTDOWN = { httpGraceMs: 1000, pollerGraceMs: 1500, dynamoKillAfterMs: 1000, deadlineMs: 4000 };

let dynamo: RunningDynamo | undefined;
/** Set by a stop asked for during the start-up, which then ends the process itself. */
let stoppedWhileStarting = false;
const stopDynamo = () => dynamo?.stop(SHUTDOWN.dynamoKillAfterMs) ?? Promise.resolve();

async function main() {
  const startedAt = performance.now();
  // The Lambdas run on Node 22; on a laptop with Node 20 the SDK's upgrade notice is only noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const local = localSchema.parse(process.env);
  const dataDir = resolve(local.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  process.on('uncaughtException', (error) => {
    logger.error('local.crashed', describeError(error));
    void stopDynamo().finally(() => process.exit(1));
  });

  // A stop asked for while DynamoDB Local starts, the table is made and the reindex runs (seconds
  // on a large DATA_DIR) must not leave DynamoDB Local behind; nothing else is running yet. A
  // DynamoDB Local not yet answering is killed at once (`starting`).
  const starting = new AbortController();
  let dynamoStarted: Promise<unknown> = Promise.resolve();
  const stopWhileStarting = () => {
    stoppedWhileStarting = true;
    starting.abort();
    // Once a DynamoDB Local killed while starting has exited, or one started has stopped.
    void dynamoStarted.then(stopDynamo, () => undefined).finally(() => process.exit(1));
  };
  process.once('SIGINT', stopWhileStarting);
  process.once('SIGTERM', stopWhileStarting);
  if (!local.DYNAMODB_ENDPOINT) {
    const started = startDynamoLocal({
      dataDir: join(dataDir, 'dynamodb'),
      lifetime: 'long',
      signal: starting.signal,
    });
    dynamoStarted = started;
    dynamo = await started;
  }
  const endpoint = local.DYNAMODB_ENDPOINT ?? (dynamo as RunningDynamo).endpoint;
  // Each step of the start-up says when it is done, so a start that hangs shows where.
  logger.info('local.dynamodb-ready', { endpoint });

  // The same variables the CDK stack gives the Lambdas, so the handlers parse them identically.
  Object.assign(process.env, {
    TABLE_NAME: local.TABLE_NAME,
    AWS_REGION: process.env.AWS_REGION ?? 'local',
    DYNAMODB_ENDPOINT: endpoint,
    PUBLIC_URL: local.PUBLIC_URL ?? `http://localhost:${local.PORT}`,
    MAIL_FROM: local.MAIL_FROM,
    COORDINATORS: local.COORDINATORS,
    MAIL_TRANSPORT: local.SMTP_URL ? 'smtp' : 'directory',
    MAIL_DIR: join(dataDir, 'mail'),
  });

  const deps = depsFromEnv();
  const dynamoClient = createDynamoClient({ region: deps.config.AWS_REGION, endpoint });
  const { streamArn } = await ensureTable(dynamoClient, local.TABLE_NAME);
  logger.info('local.table-ready', { table: local.TABLE_NAME });
  // Data kept in DATA_DIR from an older version is brought up to this one, as `npm run reindex`
  // brings a deployed table; what it writes reaches the stream pollers started below.
  const reindexed = Object.entries(await reindex(deps, new Date())).flatMap(([pass, counts]) =>
    Object.entries(counts).map(([count, value]) => [`${pass}.${count}`, value] as const),
  );
  logger.info('local.reindexed', Object.fromEntries(reindexed));

  const { handler: matcher } = await import('../../functions/matcher/handler.ts');
  const { handler: mailer } = await import('../../functions/mailer/handler.ts');
  const { handler: overview } = await import('../../functions/overview/handler.ts');

  const streams = createStreamsClient({
    region: deps.config.AWS_REGION,
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 30_000 },
  });
  const consumers: StreamConsumer[] = [
    {
      name: 'matcher',
      handler: matcher,
      accepts: streamFilterFor('matcher'),
      ...pollerSettings('matcher'),
    },
    {
      name: 'mailer',
      handler: mailer,
      accepts: streamFilterFor('mailer'),
      ...pollerSettings('mailer'),
    },
    {
      name: 'overview',
      handler: overview,
      accepts: streamFilterFor('overview'),
      ...pollerSettings('overview'),
    },
    ...(deps.config.MAIL_TRANSPORT === 'directory'
      ? [mailCatcherEraser(deps.config.MAIL_DIR as string, deps)]
      : []),
  ];
  const poller = startStreamPoller({
    client: streams,
    streamArn,
    region: deps.config.AWS_REGION,
    consumers,
    checkpointFile: join(dataDir, `stream-checkpoints-${local.TABLE_NAME}.json`),
    deadLetterFile: join(dataDir, 'dead-letter.jsonl'),
    log: logger,
  });

  const sweeps = [
    setInterval(
      () =>
        void matcher(SWEEP).catch((e) =>
          logger.error('local.sweep_failed', { fn: 'matcher', ...describeError(e) }),
        ),
      local.MATCHER_SWEEP_SECONDS * 1000,
    ),
    setInterval(
      () =>
        void mailer(SWEEP).catch((e) =>
          logger.error('local.sweep_failed', { fn: 'mailer', ...describeError(e) }),
        ),
      local.MAILER_SWEEP_SECONDS * 1000,
    ),
    setInterval(
      () =>
        void matcher(LIFECYCLE).catch((e) =>
          logger.error('local.sweep_failed', { fn: 'lifecycle', ...describeError(e) }),
        ),
      LIFECYCLE_EVERY_SECONDS * 1000,
    ),
  ];

  const server = new Hono();
  if (deps.config.MAIL_TRANSPORT === 'directory') {
    const mailDir = deps.config.MAIL_DIR as string;
    server.route('/dev/mail', devMailRoutes(mailDir));
    const pruneMail = () =>
      void pruneCaughtMail(mailDir, new Date(Date.now() - caughtMailHorizonMs(deps.config.RETENTION_DAYS)))
        .then((deleted) => deleted > 0 && logger.info('local.mail_pruned', { deleted }))
        .catch((e) => logger.error('local.sweep_failed', { fn: 'mail-catcher', ...describeError(e) }));
    pruneMail();
    sweeps.push(setInterval(pruneMail, MAIL_PRUNE_EVERY_MS));
  }
  server.route('/', createApp(deps));
  // A mounted app's notFound is not consulted by its parent: answer unknown paths as Lambda does.
  server.notFound(handleNotFound);
  const http = serve({ fetch: server.fetch, port: local.PORT, hostname: local.HOST });
  const site =
    local.HOST === '127.0.0.1' ? 'localhost' : local.HOST.includes(':') ? `[${local.HOST}]` : local.HOST;

  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`\nHaven is running (ready in ${seconds} s).`);
  console.log(`  open       http://${site}:${local.PORT}`);
  if (deps.config.MAIL_TRANSPORT === 'directory')
    console.log(`  mail       http://${site}:${local.PORT}/dev/mail`);
  else console.log(`  mail       sent over SMTP to ${new URL(local.SMTP_URL as string).host}`);
  console.log(`  dynamodb   ${endpoint}${dynamo ? ` (data in ${join(dataDir, 'dynamodb')})` : ''}`);
  console.log('Press Ctrl-C to stop.\n');

  let stopping = false;
  const shutdown = async (signal: string) => {
    const started = performance.now();
    if (stopping) {
      // A second Ctrl-C: the person wants out now.
      dynamo?.kill();
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping Haven…`);
    const deadline = setTimeout(() => {
      logger.error('local.stop_deadline', { ms: SHUTDOWN.deadlineMs });
      dynamo?.kill();
      process.exit(1);
    }, SHUTDOWN.deadlineMs);
    for (const timer of sweeps) clearInterval(timer);
    const closed = new Promise<void>((done) => http.close(() => done()));
    // Keep-alive sockets and slow requests would hold close() open indefinitely.
    const cut = setTimeout(
      () => 'closeAllConnections' in http && http.closeAllConnections(),
      SHUTDOWN.httpGraceMs,
    );
    // Beside the batches, the proposal mails runs handed off (also those the last runs hand off
    // meanwhile): one cut off between its send and its settle goes again once the sweep finds
    // its claim stale.
    const [drained, mailed] = await Promise.all([
      poller.stop(SHUTDOWN.pollerGraceMs),
      Promise.race([
        handedOffInProcessSent().then(() => true),
        sleep(SHUTDOWN.pollerGraceMs).then(() => false),
      ]),
    ]);
    if (!drained) logger.warn('local.stop_abandoned', { work: 'stream batches in flight' });
    if (!mailed) logger.warn('local.stop_abandoned', { work: 'proposal mails being sent' });
    await closed;
    clearTimeout(cut);
    await stopDynamo();
    clearTimeout(deadline);
    console.log(`Stopped in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    process.exit(0);
  };
  process.off('SIGINT', stopWhileStarting);
  process.off('SIGTERM', stopWhileStarting);
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // `kill <npm pid>` ends npm and its shell but not us; orphaned, we stop instead of lingering.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown('parent exited'), 1000).unref();
}

main().catch(async (error: unknown) => {
  // What a stop during the start-up broke is no failure: that stop ends the process.
  if (stoppedWhileStarting) return;
  if (error instanceof JavaMissingError) console.error(`\n${error.message}\n`);
  else console.error(error);
  await stopDynamo();
  process.exit(1);
});
