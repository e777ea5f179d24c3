import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type InitializeMiddleware, type MetadataBearer, SMITHY_CONTEXT_KEY } from '@smithy/types';

export interface DynamoSettings {
  readonly region: string;
  /** DynamoDB Local or another endpoint; in AWS this is unset and the SDK finds the service. */
  readonly endpoint?: string | undefined;
}

/** Calls one client may have in flight to a local (plain HTTP) endpoint; see createDynamoClient. */
export const LOCAL_SOCKETS = 256;
/** The SDK's own socket limit for HTTPS (AWS), which it keeps when no agent is given. */
const AWS_SOCKETS = 50;

/**
 * Resolves when a permit is handed to this call. A call aborted while it waits (a health check's
 * deadline, a client gone) leaves the queue and fails then, not once a permit frees: a stalled
 * table must not make `/healthz` hang behind the calls that hold every permit.
 */
function turnOf(waiting: (() => void)[], signal: { readonly aborted: boolean } | undefined): Promise<void> {
  const listening = signal instanceof AbortSignal ? signal : undefined;
  return new Promise<void>((resolve, reject) => {
    const turn = () => {
      listening?.removeEventListener('abort', aborted);
      resolve();
    };
    const aborted = () => {
      const at = waiting.indexOf(turn);
      if (at >= 0) waiting.splice(at, 1);
      reject(
        Object.assign(new Error('The call was aborted while it waited for a permit'), { name: 'AbortError' }),
      );
    };
    if (signal?.aborted) return aborted();
    listening?.addEventListener('abort', aborted, { once: true });
    waiting.push(turn);
  });
}

/**
 * At most `permits` calls in flight, each holding its permit through the SDK's retries; the rest
 * wait here, in order. A call the HTTP agent queues behind busy sockets already runs its connect
 * timeout, which Node starts before a socket is assigned: in a surge on a laptop, calls that only
 * waited their turn behind 256 slow ones failed as "did not establish a connection", the SDK sent
 * them again into the same queue, and intake answered 503 thousands of times while DynamoDB Local
 * worked. Waiting here, a call's timeouts measure the table, not the queue in front of it.
 */
export function boundedCalls(permits: number): InitializeMiddleware<object, MetadataBearer> {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  };
  return (next, context) => async (args) => {
    if (inFlight < permits) inFlight++;
    else await turnOf(waiting, context[SMITHY_CONTEXT_KEY]?.abortSignal);
    try {
      return await next(args);
    } finally {
      release();
    }
  };
}

/**
 * The one DynamoDB client of a process. DynamoDB Local accepts any credentials, so with an
 * explicit endpoint we pass placeholders rather than require an AWS profile on a laptop or in CI.
 */
export function createDynamoClient(settings: DynamoSettings): DynamoDBClient {
  const client = new DynamoDBClient({
    region: settings.region,
    ...(settings.endpoint
      ? { endpoint: settings.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 4,
    requestHandler: {
      // The SDK waits 5 minutes on a silent socket by default; a table that stopped answering
      // must fail the call, and requestTimeout alone only logs a warning once it has passed.
      connectionTimeout: 10_000,
      requestTimeout: 30_000,
      throwOnRequestTimeout: true,
      // Plain HTTP is a local table's (AWS is HTTPS, whose agent keeps the SDK's 50 sockets). Under
      // `npm start` one process is every function, each with one client: the API's served a
      // surge's hundreds of submissions at once through the SDK's 50 sockets, and a call that
      // waited over 10 s for one failed as a connection timeout, its submission answered 503
      // after its first reads were done (a full surge: 18,566 answers 503, every one of them a
      // connection timeout). In AWS each request has a Lambda instance and its own connections.
      httpAgent: { maxSockets: LOCAL_SOCKETS },
    },
  });
  client.middlewareStack.add(boundedCalls(settings.endpoint ? LOCAL_SOCKETS : AWS_SOCKETS), {
    step: 'initialize',
    name: 'boundedCalls',
  });
  return client;
}

export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}
