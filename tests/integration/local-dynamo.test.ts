import { describe, expect, it } from 'vitest';
import { javaListeningOn, jvmFlagsOf } from '../support/npm-start.ts';
import { dynamoEndpoint } from '../support/table.ts';

describe('DynamoDB Local as the tests run it', () => {
  it('runs on the client compiler and the serial collector, which spare a shared machine’s CPU in a short run', () => {
    const pid = javaListeningOn(dynamoEndpoint());
    expect(pid).toBeDefined();
    expect(jvmFlagsOf(pid as number)).toEqual(
      expect.arrayContaining(['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC']),
    );
  });
});
