/**
 * What a surge day costs on AWS at on-demand rates (us-east-1, the prices published since November 2024), from what
 * the run measured: the capacity DynamoDB reported as consumed, the requests the API answered and
 * how long each took, the stream invocations of the matcher and the mailer and their time, the
 * mails sent. Lambda time is measured against DynamoDB Local, which answers in 10–1,000 ms where
 * DynamoDB answers in under 10: it overstates the Lambda bill, which is the smaller part anyway.
 */

export const PRICES = {
  /** DynamoDB on-demand, per million request units. */
  writeRequestUnit: 0.625 / 1e6,
  readRequestUnit: 0.125 / 1e6,
  /** Lambda on arm64: per GB-second, and per request. */
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  /** API Gateway HTTP API, per request (first 300 million a month). */
  httpApiRequest: 1 / 1e6,
  /** SES, per mail. */
  sesMail: 0.1 / 1000,
} as const;

/** The functions' memory in the stack (infra/aws/haven-stack.ts), in MB. */
export const MEMORY_MB = { api: 1024, matcher: 4096, mailer: 256 } as const;

export interface Usage {
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly api: { readonly requests: number; readonly ms: number };
  readonly matcher: { readonly invocations: number; readonly ms: number };
  readonly mailer: { readonly invocations: number; readonly ms: number };
  readonly mails: number;
}

const gbSeconds = (ms: number, mb: number) => (ms / 1000) * (mb / 1024);

/** The day's bill in dollars, item by item. */
export function costOf(usage: Usage) {
  const dynamodb = usage.readUnits * PRICES.readRequestUnit + usage.writeUnits * PRICES.writeRequestUnit;
  const invocations = usage.api.requests + usage.matcher.invocations + usage.mailer.invocations;
  const lambda =
    invocations * PRICES.lambdaRequest +
    PRICES.lambdaGbSecond *
      (gbSeconds(usage.api.ms, MEMORY_MB.api) +
        gbSeconds(usage.matcher.ms, MEMORY_MB.matcher) +
        gbSeconds(usage.mailer.ms, MEMORY_MB.mailer));
  const apiGateway = usage.api.requests * PRICES.httpApiRequest;
  const ses = usage.mails * PRICES.sesMail;
  const round = (dollars: number) => Math.round(dollars * 10_000) / 10_000;
  return {
    dynamodb: round(dynamodb),
    lambda: round(lambda),
    apiGateway: round(apiGateway),
    ses: round(ses),
    total: round(dynamodb + lambda + apiGateway + ses),
  };
}
