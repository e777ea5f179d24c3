import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../infra/local/dynamo.ts';
import { runTempDir } from './run-temp-dir.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    runTempDir: string;
  }
}

/**
 * One DynamoDB Local (in memory) for the whole run, without `-sharedDb`: each test file makes its
 * tables in a database of its own (table.ts; README, Tests, says why). One temporary folder for
 * the run, removed after it.
 */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const temp = runTempDir();
  project.provide('runTempDir', temp.dir);
  const dynamo = await startDynamoLocal({ sharedDb: false });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
    temp.remove();
  };
}
