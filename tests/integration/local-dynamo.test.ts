import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../shared/config.ts';
import { createDynamoClient } from '../../shared/data/client.ts';
import { expectLoopbackOnly, javaListeningOn, jvmFlagsOf } from '../support/npm-start.ts';
import { dynamoEndpoint, useTestTable } from '../support/table.ts';

const LAUNCHER = join(import.meta.dirname, '../../infra/local/dynamo-launcher');

describe('DynamoDB Local as the tests run it', () => {
  const table = useTestTable();

  it('listens on the loopback address only, never on the machine’s network', () => {
    expectLoopbackOnly(dynamoEndpoint());
  });

  it('starts from the class compiled from the launcher’s source as it stands', () => {
    // The class is committed (a Java runtime has no compiler); the source's header says how to
    // compile it again. Both are pinned: a change to one alone fails here.
    const source = readFileSync(join(LAUNCHER, 'LoopbackDynamoDB.java'));
    expect(createHash('sha256').update(source).digest('hex')).toBe(
      '026e803b926696bc63fcc9e714b06789bb7fb45b3fcd2753cc023bf3e6a379d6',
    );
    expect(
      createHash('sha256')
        .update(readFileSync(join(LAUNCHER, 'LoopbackDynamoDB.class')))
        .digest('hex'),
    ).toBe('deeed82fdb698c33299384525ff085986c299fc0b41d673bb25e7516cd435433');
  });

  it('runs on the client compiler and the serial collector, which spare a shared machine’s CPU in a short run', () => {
    const pid = javaListeningOn(dynamoEndpoint());
    expect(pid).toBeDefined();
    expect(jvmFlagsOf(pid as number)).toEqual(
      expect.arrayContaining(['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC']),
    );
  });

  it('gives each test file a database of its own, which the next file, signing with its own region, does not see', async () => {
    const names = async (region: string) => {
      const client = createDynamoClient({ region, endpoint: dynamoEndpoint() });
      try {
        return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
      } finally {
        client.destroy();
      }
    };
    // table.ts as the next test file gets it: vitest imports it afresh for each file.
    vi.resetModules();
    const nextFile = await import('../support/table.ts');
    const nextRegion = loadConfig(nextFile.testEnv('haven-next-file')).AWS_REGION;
    expect(nextRegion).not.toBe(table.config.AWS_REGION);
    expect(await names(table.config.AWS_REGION)).toEqual([table.tableName]);
    expect(await names(nextRegion)).toEqual([]);
  });
});
