import { InvokeCommand, LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { type HandedOffLease, handedOffLeaseSchema } from '../data/outbox.ts';
import type { Deps } from '../deps.ts';
import type { MailHandOff } from '../events.ts';
import { describeError } from '../log.ts';
import { type HandOff, mailAtOnce, sendHandedOff } from './mailer.ts';
import type { MailTransport } from './transports.ts';

/**
 * How the matcher's proposal mails leave once written. A run once sent them itself and ended only
 * when the last had left, since a Lambda frozen mid-send may send again after the sweep took its
 * claim over: in a full surge on a laptop that held each run 1.0 to 2.6 s past its last proposal,
 * and the next run, with the confirmations that came meanwhile, waited behind it (issue 17's p99).
 * Now a run hands its mails on and goes on. In AWS it invokes the mailer function without waiting
 * for it (an async invocation: accepted and queued by Lambda in milliseconds), which takes each
 * lease over and sends (sendHandedOff). Under `npm start` every function is one process that does
 * not freeze, so the mails are sent there on the run's own lease (mailAtOnce), as before, but not
 * awaited by the run: a take-over would guard against a second delivery that cannot happen there,
 * and cost a write on each mail's way through DynamoDB Local, which sets a surge's pace.
 */
export function mailHandOff(
  deps: Deps,
  transport: MailTransport,
  runtime: Record<string, string | undefined> = process.env,
): HandOff {
  const functionName = deps.config.MAILER_FUNCTION_NAME;
  if (functionName !== undefined)
    return handOffByInvoking(
      invokeFunction(new LambdaClient(lambdaClientConfig(deps.config.AWS_REGION)), functionName),
      sendHandedOff(deps, transport),
      deps,
    );
  // In a Lambda the run's own sends would be frozen with it: a stack that forgot the setting fails at cold start.
  if (runtime.AWS_LAMBDA_FUNCTION_NAME !== undefined)
    throw new Error(
      'MAILER_FUNCTION_NAME is required in a Lambda: the matcher hands its proposal mails to the mailer',
    );
  return handOffInProcess(mailAtOnce(deps, transport), deps);
}

/**
 * The Lambda client's bounds. An async invocation is queued in milliseconds; one that hangs would
 * hold the run (which awaits its hand-offs) as its mails once did, so a call that does not answer
 * within 2 s fails, and the run sends those mails itself: safe, as each lease is taken over once.
 */
export const lambdaClientConfig = (region: string): LambdaClientConfig => ({
  region,
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
});

/** Hands a run's leases to an invocation it does not wait for. */
type Invoke = (event: MailHandOff) => Promise<void>;

/** An async invocation of the function: resolved once Lambda has queued it (202). */
export function invokeFunction(client: LambdaClient, functionName: string): Invoke {
  return async (event) => {
    const { StatusCode, FunctionError } = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(event)),
      }),
    );
    if (StatusCode !== 202 || FunctionError !== undefined)
      throw new Error(
        `the mailer did not take the hand-off (status ${StatusCode}${FunctionError ? `, ${FunctionError}` : ''})`,
      );
  };
}

/**
 * Hands mails on through `invoke`, as leases (their ids and times, nothing of the mail); should
 * the invocation not be taken (throttled, denied, the function missing, no answer in time), the
 * run sends them itself, awaited: late beats lost. It takes each lease over as the mailer would,
 * so an invocation that was taken after all (its answer lost) sends nothing twice. Never throws.
 */
export function handOffByInvoking(
  invoke: Invoke,
  send: (leases: readonly HandedOffLease[]) => Promise<void>,
  deps: Pick<Deps, 'log'>,
): HandOff {
  return async (leased) => {
    if (leased.length === 0) return;
    try {
      const leases = leased.map(leaseOf);
      try {
        await invoke({ source: 'haven.mail-handoff', leases });
      } catch (error) {
        deps.log.warn('mail.handoff_not_taken', { mails: leases.length, ...describeError(error) });
        await send(leases);
      }
    } catch (error) {
      // What is left is the sweep's, once the leases are stale.
      deps.log.error('mail.handoff_failed', { mails: leased.length, ...describeError(error) });
    }
  };
}

/** Sends begun in this process and not yet ended (handOffInProcess), for `npm start`'s stop. */
const sendingInProcess = new Set<Promise<void>>();

/** Resolves once every send handed off in this process, also those begun while it waits, has ended. */
export async function handedOffInProcessSent(): Promise<void> {
  while (sendingInProcess.size > 0) await Promise.allSettled([...sendingInProcess]);
}

/** Sends mails in this process without the run waiting for them; never throws. */
export function handOffInProcess(send: HandOff, deps: Pick<Deps, 'log'>): HandOff {
  return async (leased) => {
    if (leased.length === 0) return;
    const sent = send(leased)
      .catch((error: unknown) =>
        deps.log.error('mail.handoff_failed', { mails: leased.length, ...describeError(error) }),
      )
      .finally(() => sendingInProcess.delete(sent));
    sendingInProcess.add(sent);
  };
}

/** A mail as handed on to another process: its id and lease, nothing of the mail (the schema keeps no other field). */
const leaseOf = (item: Record<string, unknown>): HandedOffLease => handedOffLeaseSchema.parse(item);
