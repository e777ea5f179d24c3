import type { APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { offersByEmail } from '../../shared/data/offers.ts';
import { createApp } from '../../shared/http/app.ts';
import { apiGatewayV2Event, type EventInput, lambdaContext } from '../support/apigw.ts';
import { testEnv, useTestTable } from '../support/table.ts';

type LambdaHandler = (event: unknown, context: unknown) => Promise<APIGatewayProxyResultV2>;

describe('functions/api/handler behind API Gateway (payload 2.0)', () => {
  let handler: LambdaHandler;

  const table = useTestTable();
  beforeAll(async () => {
    // The entry point reads its configuration at import, as it does on a Lambda cold start.
    Object.assign(process.env, testEnv(table.tableName));
    ({ handler } = (await import('../../functions/api/handler.ts')) as unknown as { handler: LambdaHandler });
  });

  async function viaLambda(input: EventInput) {
    const result = (await handler(
      apiGatewayV2Event(input),
      lambdaContext,
    )) as APIGatewayProxyStructuredResultV2;
    const body = result.isBase64Encoded
      ? Buffer.from(result.body ?? '', 'base64').toString()
      : (result.body ?? '');
    return {
      status: result.statusCode,
      body,
      contentType: result.headers?.['content-type'],
      location: result.headers?.location,
    };
  }

  async function viaLocalServer(input: EventInput) {
    const url = `http://localhost${input.path}${input.query ? `?${input.query}` : ''}`;
    const response = await createApp(table.deps()).request(url, {
      method: input.method,
      headers: input.headers,
      body: input.body,
    });
    return {
      status: response.status,
      body: await response.text(),
      contentType: response.headers.get('content-type'),
    };
  }

  it('answers GET /healthz through the Lambda handler as the local server does', async () => {
    const input = { method: 'GET', path: '/healthz' };
    const lambda = await viaLambda(input);
    expect(lambda.status).toBe(200);
    expect(lambda).toEqual(await viaLocalServer(input));
  });

  it('decodes a base64-encoded urlencoded body exactly as the local server reads the plain one', async () => {
    const input = {
      method: 'POST',
      path: '/api/v1/offers',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Ay%C5%9Fe&city=%C4%B0stanbul',
    };
    const lambda = await viaLambda({ ...input, base64: true });
    const local = await viaLocalServer(input);
    expect(lambda.status).toBeGreaterThanOrEqual(400);
    expect(lambda.status).toBeLessThan(500);
    expect(lambda).toEqual(local);
  });

  it('renders the same form page with its messages for a base64-encoded urlencoded form POST', async () => {
    const input = {
      method: 'POST',
      path: '/offers',
      query: 'lang=tr',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: 'name=Ay%C5%9Fe&email=not-an-email&country=TR&city=%C4%B0stanbul&beds=0',
    };
    const lambda = await viaLambda({ ...input, base64: true });
    expect(lambda.status).toBe(400);
    expect(lambda.contentType).toContain('text/html');
    expect(lambda.body).toContain('value="Ayşe"');
    // Each rendering of a form page drawn as a POST's answer carries its own random id.
    const withoutRendering = (answer: { body: string }) => ({
      ...answer,
      body: answer.body.replace(/ data-rendering="[^"]+"/, ''),
    });
    expect(withoutRendering(lambda)).toEqual(withoutRendering(await viaLocalServer(input)));
  });

  it('stores a valid offer sent as a base64-encoded form through API Gateway', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const form = new URLSearchParams({
      name: 'Ayşe',
      email: 'ayse.lambda@haven.test',
      country: 'TR',
      city: 'İstanbul',
      availableFrom: today,
      beds: '2',
      languages: 'tr,ru',
      petsAllowed: 'on',
    });
    const lambda = await viaLambda({
      method: 'POST',
      path: '/offers',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'tr' },
      body: form.toString(),
      base64: true,
    });
    expect(lambda.status).toBe(303);
    expect(lambda.location).toBe('/done/offer-sent?lang=tr');
    const stored = await offersByEmail(table.deps(), 'ayse.lambda@haven.test');
    expect(stored.map((offer) => [offer.status, offer.city, offer.petsAllowed, offer.locale])).toEqual([
      ['pending', expect.stringMatching(/stanbul/), true, 'tr'],
    ]);
  });

  it('answers an unknown path with the documented error shape', async () => {
    const lambda = await viaLambda({ method: 'GET', path: '/no/such/page' });
    expect(lambda.status).toBe(404);
    expect(JSON.parse(lambda.body)).toEqual({
      error: { code: 'not_found', message: expect.any(String), issues: [] },
    });
  });
});
