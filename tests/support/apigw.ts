import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export interface EventInput {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
  base64?: boolean;
  sourceIp?: string;
}

/** An API Gateway HTTP API (payload 2.0) event built by hand, as hono's own adapter tests do. */
export function apiGatewayV2Event(input: EventInput): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {
    host: 'abc123.execute-api.eu-central-1.amazonaws.com',
    ...(input.headers ?? {}),
  };
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: input.path,
    rawQueryString: input.query ?? '',
    cookies: [],
    headers,
    ...(input.query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(input.query)) } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: headers.host as string,
      domainPrefix: 'abc123',
      http: {
        method: input.method,
        path: input.path,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp ?? '203.0.113.7',
        userAgent: headers['user-agent'] ?? 'vitest',
      },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '27/Nov/2026:07:00:00 +0000',
      timeEpoch: Date.parse('2026-11-27T07:00:00Z'),
    },
    ...(input.body === undefined
      ? { isBase64Encoded: false }
      : {
          body: input.base64 ? Buffer.from(input.body).toString('base64') : input.body,
          isBase64Encoded: Boolean(input.base64),
        }),
  };
}

export const lambdaContext = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'haven-api',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:haven-api',
  memoryLimitInMB: '512',
  awsRequestId: 'req-1',
  logGroupName: '/aws/lambda/haven-api',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;
