import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type FakeTelegram, startFakeTelegram, telegramEnv } from './fake-telegram.ts';
import { type TestTable, useTestTable } from './table.ts';

/**
 * A fake Bot API and a table whose settings run the bot against it, for one test file: made
 * before its tests, gone after them; each test starts with the fake's call list empty.
 */
export function useTelegramTable(): { readonly fake: FakeTelegram; readonly table: TestTable } {
  let fake: FakeTelegram | undefined;
  const made = (): FakeTelegram => {
    if (fake === undefined) throw new Error('useTelegramTable: made only inside hooks and tests');
    return fake;
  };
  beforeAll(async () => {
    fake = await startFakeTelegram();
  });
  afterAll(async () => {
    await fake?.close();
  });
  const table = useTestTable(() => telegramEnv(made()));
  beforeEach(() => {
    if (fake) fake.calls.length = 0;
  });
  return {
    get fake() {
      return made();
    },
    table,
  };
}
