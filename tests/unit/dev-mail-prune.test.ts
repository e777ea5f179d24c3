import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caughtMailHorizonMs, pruneCaughtMail } from '../../infra/local/dev-mail.ts';
import { directoryTransport } from '../../shared/mail/transports.ts';

const DAY = 86_400_000;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'haven-caught-mail-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Catches a mail as `npm start`'s catcher does, then dates its file `ageMs` back. */
async function caught(to: string, ageMs: number): Promise<string> {
  const before = new Set(await readdir(dir).catch(() => []));
  await directoryTransport(dir).send(
    {
      id: randomUUID(),
      to: [to],
      subject: 'Confirm your address',
      text: `Hello ${to}`,
      html: '',
      template: 'confirm',
    },
    'Haven <haven@haven.test>',
  );
  const file = (await readdir(dir)).find((name) => !before.has(name)) as string;
  const at = new Date(Date.now() - ageMs);
  await utimes(join(dir, file), at, at);
  return file;
}

describe('the local mail catcher’s horizon', () => {
  it('deletes the caught mails older than the horizon and keeps the newer ones and other files', async () => {
    const old = await caught('old@example.org', 91 * DAY);
    const recent = await caught('recent@example.org', 89 * DAY);
    const partial = '.crashed.eml.partial';
    await writeFile(join(dir, partial), 'To: cut@example.org\n');
    await utimes(join(dir, partial), new Date(Date.now() - 100 * DAY), new Date(Date.now() - 100 * DAY));
    await writeFile(join(dir, 'notes.txt'), 'not a mail');

    const deleted = await pruneCaughtMail(dir, new Date(Date.now() - caughtMailHorizonMs(90)));

    expect(deleted).toBe(2);
    const left = await readdir(dir);
    expect(left.sort()).toEqual(['notes.txt', recent].sort());
    expect(left).not.toContain(old);
  });

  it('is RETENTION_DAYS, and a day when that is 0', () => {
    expect(caughtMailHorizonMs(90)).toBe(90 * DAY);
    expect(caughtMailHorizonMs(0)).toBe(DAY);
  });

  it('finds nothing to delete before the first mail made the folder', async () => {
    expect(await pruneCaughtMail(join(dir, 'mail'), new Date())).toBe(0);
  });
});
