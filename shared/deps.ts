import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Config, loadConfig } from './config.ts';
import { createDocumentClient, createDynamoClient } from './data/client.ts';
import { type Logger, logger } from './log.ts';

/** What the app and the handlers need from the outside world; tests build their own. */
export interface Deps {
  readonly config: Config;
  readonly db: DynamoDBDocumentClient;
  readonly now: () => Date;
  readonly log: Logger;
}

/**
 * Builds the process's dependencies from its environment, once, at cold start. Without a `*`
 * in COORDINATORS, every country not listed (the forms offer them all) gets no proposals, so
 * each start says so; each sweep then names the countries where people wait
 * (matcher.no-coordinator).
 */
export function depsFromEnv(
  env: Record<string, string | undefined> = process.env,
  log: Logger = logger,
): Deps {
  const config = loadConfig(env);
  if (config.COORDINATORS['*'] === undefined)
    log.warn('config.no-fallback-coordinator', { countriesListed: Object.keys(config.COORDINATORS).length });
  const db = createDocumentClient(
    createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
  );
  return { config, db, now: () => new Date(), log };
}
