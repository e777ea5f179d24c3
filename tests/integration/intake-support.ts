import { outboxItemOf } from '../../shared/data/outbox.ts';
import { daysFromNow } from '../support/dates.ts';
import { pendingMails } from '../support/outbox.ts';
import { everyItem, type TestTable } from '../support/table.ts';

export const offerInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Ayşe Yılmaz',
  email: `host-${Math.random().toString(36).slice(2)}@example.org`,
  phone: '+90 555 123 45 67',
  languages: ['tr', 'en'],
  country: 'TR',
  city: 'İstanbul',
  availableFrom: daysFromNow(3),
  availableTo: daysFromNow(60),
  beds: 3,
  petsAllowed: false,
  childrenAllowed: true,
  stepFree: false,
  ...overrides,
});

export const requestInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Olena Kovalenko',
  email: `seeker-${Math.random().toString(36).slice(2)}@example.org`,
  phone: '+380 67 123 4567',
  languages: ['uk', 'ru'],
  country: 'TR',
  city: 'Стамбул',
  arrival: daysFromNow(5),
  departure: daysFromNow(40),
  adults: 1,
  children: 2,
  pets: false,
  needsStepFree: false,
  ...overrides,
});

/** Every item in the table (tests only: the service itself never scans). */
export async function allItems(table: TestTable): Promise<Record<string, unknown>[]> {
  // Outbox bodies unpacked, so that a search for a person's name also reads their unsent mail.
  return (await everyItem(table)).map((item) => (item.kind === 'outbox' ? outboxItemOf(item) : item));
}

/** The confirm and manage tokens a mail carries. */
export function linksIn(text: string) {
  const confirm = /\/confirm\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  const manage = /\/manage\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
  return { confirm: confirm as string, manage: manage as string };
}

/** The last mail sent to an address. */
export async function lastMailTo(table: TestTable, email: string) {
  const mails = (await pendingMails(table)).filter((mail) => mail.to.includes(email));
  mails.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const mail = mails.at(-1);
  if (!mail) throw new Error('no mail');
  return mail;
}
