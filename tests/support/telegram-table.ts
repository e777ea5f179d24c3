import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type FakeTelegram, startFakeTelegram, telegramEnv } from './fake-telegram.ts';
import { createTestTable, type TestTable } from './table.ts';

/**
 * A fake Bot API and a table whose settings run the bot against it, for one test file: made
 * before its tests, gone after them; each test starts with the fake's call list empty.
 */
export function useTelegramTable(): { readonly fake: FakeTelegram; readonly table: TestTable } {
  let fake: FakeTelegram | undefined;
  let table: TestTable | undefined;
  beforeAll(async () => {
    fake = await startFakeTelegram();
    table = await createTestTable(telegramEnv(fake));
  });
  afterAll(async () => {
    await table?.drop();
    await fake?.close();
  });
  beforeEach(() => {
    if (fake) fake.calls.length = 0;
  });
  const made = <T>(thing: T | undefined): T => {
    if (thing === undefined) throw new Error('useTelegramTable: made only inside hooks and tests');
    return thing;
  };
  return {
    get fake() {
      return made(fake);
    },
    get table() {
      return made(table);
    },
  };
}
