import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
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
): HandingOff {
  const functionName = deps.config.MAILER_FUNCTION_NAME;
  if (functionName !== undefined) {
    const invoke = invokeFunction(new LambdaClient({ region: deps.config.AWS_REGION }), functionName);
    // Every hand-off was taken or sent before its run ended: nothing is left in this process.
    return {
      handOff: handOffByInvoking(invoke, sendHandedOff(deps, transport), deps),
      drained: async () => {},
    };
  }
  // In a Lambda the run's own sends would be frozen with it: a stack that forgot the setting fails at cold start.
  if (runtime.AWS_LAMBDA_FUNCTION_NAME !== undefined)
    throw new Error(
      'MAILER_FUNCTION_NAME is required in a Lambda: the matcher hands its proposal mails to the mailer',
    );
  return handOffInProcess(mailAtOnce(deps, transport));
}

/** A hand-off, and when every send it began in this process has ended. */
export interface HandingOff {
  readonly handOff: HandOff;
  readonly drained: () => Promise<void>;
}

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
 * the invocation not be taken (throttled, the function missing, the network), the run sends them
 * itself, awaited: late beats lost. It takes each lease over as the mailer would, so an
 * invocation that was taken after all (its answer lost) sends nothing twice.
 */
export function handOffByInvoking(
  invoke: Invoke,
  send: (leases: readonly HandedOffLease[]) => Promise<void>,
  deps: Pick<Deps, 'log'>,
): HandOff {
  return async (leased) => {
    if (leased.length === 0) return;
    const leases = leased.map(leaseOf);
    try {
      await invoke({ source: 'haven.mail-handoff', leases });
    } catch (error) {
      deps.log.warn('mail.handoff_not_taken', { mails: leases.length, ...describeError(error) });
      await send(leases);
    }
  };
}

/**
 * Sends mails in this process without the run waiting for them; `drained` resolves once every
 * send begun, also while it waits, has ended (`npm start`'s stop lets them finish).
 */
export function handOffInProcess(send: HandOff): HandingOff {
  const sending = new Set<Promise<void>>();
  return {
    handOff: async (leased) => {
      if (leased.length === 0) return;
      const sent = send(leased).finally(() => sending.delete(sent));
      sending.add(sent);
    },
    drained: async () => {
      while (sending.size > 0) await Promise.allSettled([...sending]);
    },
  };
}

/** A mail as handed on to another process: its id and lease, nothing of the mail. */
const leaseOf = (item: Record<string, unknown>): HandedOffLease => {
  const { id, claimedAt } = handedOffLeaseSchema.parse(item);
  return { id, claimedAt };
};
