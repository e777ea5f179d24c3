// Loaded with `--import` through NODE_OPTIONS (which refuses `--cpu-prof` on Node 20) by
// `npm run bench:surge`: profiles the `npm start` server from its first line to its exit and
// times every AWS SDK call it makes, then writes `<pid>.cpuprofile` and `<pid>.calls.json` into
// SURGE_CPU_PROF. The inspector answers synchronously in-process, so it works inside 'exit'.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const dir = process.env.SURGE_CPU_PROF;
if (dir && process.argv.some((arg) => arg.endsWith('infra/local/start.ts'))) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');

  /** Milliseconds of each call, by command name: time the server spent waiting on DynamoDB (Local). */
  const calls = new Map();
  // The SDK's base client, whose send every client (DynamoDB, its streams) goes through.
  const client = Object.getPrototypeOf(DynamoDBClient.prototype);
  const send = client.send;
  client.send = function timedSend(command, ...rest) {
    const started = performance.now();
    // The kind of item, never its id or hash: RATE#<scope>, OUTBOX, REQUEST …
    const pk = String(command?.input?.Key?.pk ?? '');
    const item = pk.startsWith('RATE#') ? pk.split('#').slice(0, 2).join('#') : pk.split('#')[0];
    const name = `${command?.constructor?.name ?? 'unknown'}${item ? ` ${item}` : ''}`;
    const done = () => {
      const list = calls.get(name) ?? [];
      list.push(performance.now() - started);
      calls.set(name, list);
    };
    const result = send.call(this, command, ...rest);
    if (result && typeof result.then === 'function') result.then(done, done);
    return result;
  };

  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
    const summary = {};
    for (const [name, list] of calls) {
      list.sort((a, b) => a - b);
      const at = (p) => Math.round(list[Math.min(list.length - 1, Math.ceil(p * list.length) - 1)]);
      summary[name] = {
        calls: list.length,
        totalMs: Math.round(list.reduce((a, b) => a + b, 0)),
        p50: at(0.5),
        p99: at(0.99),
      };
    }
    writeFileSync(join(dir, `${process.pid}.calls.json`), JSON.stringify(summary, null, 2));
  });
}
