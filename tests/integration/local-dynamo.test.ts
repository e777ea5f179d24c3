import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { javaListeningOn } from '../support/npm-start.ts';
import { dynamoEndpoint } from '../support/table.ts';

describe('DynamoDB Local as npm start and the tests run it', () => {
  it('runs on the client compiler and the serial collector, which spare a shared machine’s CPU', () => {
    const pid = javaListeningOn(dynamoEndpoint());
    expect(pid).toBeDefined();
    const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    const options = environment.find((entry) => entry.startsWith('JDK_JAVA_OPTIONS='));
    const flags = options?.slice('JDK_JAVA_OPTIONS='.length).split(' ');
    expect(flags).toEqual(expect.arrayContaining(['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC']));
  });
});
