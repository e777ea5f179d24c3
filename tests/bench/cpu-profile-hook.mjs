// Loaded with `--import` through NODE_OPTIONS (which refuses `--cpu-prof` on Node 20) by
// `npm run bench:surge`: profiles the `npm start` server from its first line to its exit and
// times every AWS SDK call it makes and sums the capacity DynamoDB reports each call consumed,
// then writes `<pid>.cpuprofile`, `<pid>.calls.json` and `<pid>.capacity.json` into
// SURGE_CPU_PROF. The inspector answers synchronously in-process, so it works inside 'exit'.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.SURGE_CPU_PROF;
if (dir && process.argv.some((arg) => arg.endsWith('infra/local/start.ts'))) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');

  /** Milliseconds of each call, by command name: time the server spent waiting on DynamoDB (Local). */
  const calls = new Map();
  const unitsByCall = new Map();
  const capacity = { read: 0, write: 0 };
  const CAPACITY_COMMANDS =
    /^(Get|Put|Update|Delete|Query|Scan|TransactWrite|TransactGet|BatchGet|BatchWrite)Command/;
  // The SDK's base client, whose send every client (DynamoDB, its streams) goes through.
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const client = Object.getPrototypeOf(DynamoDBClient.prototype);
  const send = client.send;
  client.send = function timedSend(command, ...rest) {
    const started = performance.now();
    // The kind of item, never its id or hash: RATE#<scope>, OUTBOX, REQUEST …
    // A query by its index and the kind of its partition (the first value it names: REQUEST, OPEN …).
    const input = command?.input ?? {};
    const queried = input.KeyConditionExpression
      ? `${input.IndexName ?? 'table'} ${String(Object.values(input.ExpressionAttributeValues ?? {})[0] ?? '').split('#')[0]}`
      : '';
    const pk = String(input.Key?.pk ?? '');
    const item = pk.startsWith('RATE#') ? pk.split('#').slice(0, 2).join('#') : pk.split('#')[0] || queried;
    const name = `${command?.constructor?.name ?? 'unknown'}${item ? ` ${item}` : ''}`;
    const done = () => {
      const list = calls.get(name) ?? [];
      list.push(performance.now() - started);
      calls.set(name, list);
    };
    const spent = (units) => unitsByCall.set(name, (unitsByCall.get(name) ?? 0) + units);
    // What DynamoDB bills: the capacity each call consumed, as it reports it when asked.
    if (command?.input && CAPACITY_COMMANDS.test(name)) command.input.ReturnConsumedCapacity ??= 'TOTAL';
    const result = send.call(this, command, ...rest);
    if (result && typeof result.then === 'function')
      result.then((output) => {
        done();
        // TOTAL reports one figure per call (per table for transactions), reads or writes by the command.
        for (const used of [output?.ConsumedCapacity ?? []].flat()) {
          capacity[/^(Get|Query|Scan|TransactGet|BatchGet)/.test(name) ? 'read' : 'write'] +=
            used.CapacityUnits ?? 0;
          spent(used.CapacityUnits ?? 0);
        }
      }, done);
    return result;
  };

  process.on('exit', () => {
    // A directory named for the run that does not exist yet: writing into it threw at exit, and
    // the bench reported no profile, no capacity and no calls.
    mkdirSync(dir, { recursive: true });
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
        capacityUnits: Math.round(unitsByCall.get(name) ?? 0),
      };
    }
    writeFileSync(join(dir, `${process.pid}.calls.json`), JSON.stringify(summary, null, 2));
    writeFileSync(join(dir, `${process.pid}.capacity.json`), JSON.stringify(capacity));
  });
}
