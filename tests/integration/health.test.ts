import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config.ts';
import { createDocumentClient } from '../../shared/data/client.ts';
import { createApp } from '../../shared/http/app.ts';
import { logger } from '../../shared/log.ts';
import { testClient, testEnv, useTestTable } from '../support/table.ts';

describe('GET /healthz', () => {
  const table = useTestTable();

  it('answers 200 when the table can be read', async () => {
    const response = await createApp(table.deps()).request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 503 when the table does not exist in a database that has other tables', async () => {
    const config = loadConfig(testEnv('haven-no-such-table'));
    const db = createDocumentClient(testClient({ config }));
    const response = await createApp({ config, db, now: () => new Date(), log: logger }).request('/healthz');
    expect(response.status).toBe(503);
  });

  it('answers 503 when the database cannot be reached at all', async () => {
    const config = loadConfig(testEnv(table.tableName, { DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' }));
    const db = createDocumentClient(testClient({ config }));
    const response = await createApp({ config, db, now: () => new Date(), log: logger }).request('/healthz');
    expect(response.status).toBe(503);
  });
});
