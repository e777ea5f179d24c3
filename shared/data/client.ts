import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoSettings {
  readonly region: string;
  /** DynamoDB Local or another endpoint; in AWS this is unset and the SDK finds the service. */
  readonly endpoint?: string | undefined;
}

/** Calls one client may have in flight to a local (plain HTTP) endpoint; see createDynamoClient. */
export const LOCAL_SOCKETS = 256;

/**
 * The one DynamoDB client of a process. DynamoDB Local accepts any credentials, so with an
 * explicit endpoint we pass placeholders rather than require an AWS profile on a laptop or in CI.
 */
export function createDynamoClient(settings: DynamoSettings): DynamoDBClient {
  return new DynamoDBClient({
    region: settings.region,
    ...(settings.endpoint
      ? { endpoint: settings.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 4,
    requestHandler: {
      // The SDK waits for an answer forever by default; a table that stopped answering must fail the call.
      connectionTimeout: 10_000,
      requestTimeout: 30_000,
      // Plain HTTP is a local table's (AWS is HTTPS, whose agent keeps the SDK's 50 sockets). Under
      // `npm start` one process is every function, each with one client: the API's served a
      // surge's hundreds of submissions at once through the SDK's 50 sockets, and a call that
      // waited over 10 s for one failed as a connection timeout, its submission answered 503
      // after its first reads were done (a full surge: 18,566 answers 503, every one of them a
      // connection timeout). In AWS each request has a Lambda instance and its own connections.
      httpAgent: { maxSockets: LOCAL_SOCKETS },
    },
  });
}

export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}
