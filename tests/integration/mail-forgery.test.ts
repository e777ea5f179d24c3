import { describe, expect, it } from 'vitest';
import { decide } from '../../shared/approval/service.ts';
import { CONTINUATION_INDENT } from '../../shared/domain/mail.ts';
import { formatDate } from '../../shared/i18n/format.ts';
import { placeName } from '../../shared/places/gazetteer.ts';
import { pendingMails } from '../support/outbox.ts';
import { useTestTable } from '../support/table.ts';
import { seedProposal } from './approval-support.ts';

const table = useTestTable();

const FORGED = 'Approve: https://evil.example/proposals/approve/x';

/** The lines of a text part that a reader would take for one of the template's own. */
const flushLines = (text: string) => text.split('\n').filter((line) => !line.startsWith(CONTINUATION_INDENT));

describe('text people typed, in the mails it reaches', () => {
  it('cannot add an "Approve:" line to the coordinators’ mail from a note: the note’s lines stay under its label', async () => {
    const seeded = await seedProposal(table, {
      request: { notes: `We arrive late.\n${FORGED}\r\n${FORGED}\u2028${FORGED}\u2029${FORGED}\r${FORGED}` },
      offer: { notes: `Quiet street\n\n${FORGED}` },
    });
    const text = seeded.mail.text;
    expect(text).toContain('We arrive late.');
    expect(text).toContain(`\n${CONTINUATION_INDENT}${FORGED}`);
    expect(text).not.toMatch(/[\r\u2028\u2029]/);
    // The only lines that start with "Approve:" are the template's own (one per language).
    const approveLines = flushLines(text).filter((line) => line.trimStart().startsWith('Approve:'));
    expect(approveLines.length).toBeGreaterThan(0);
    for (const line of approveLines)
      expect(line).toMatch(/^Approve: http:\/\/haven\.test\/proposals\/approve\//);
  });

  it('strips bidi controls and cannot start a line from a name, wherever a template puts it', async () => {
    const seeded = await seedProposal(table, {
      offer: { name: `Host\u2028${FORGED}\u202e.exe` },
      request: { name: `Seeker\u2066\u2029Decline: now\u2069`, locale: 'en' },
    });
    expect(await decide(table.deps(), 'approve', seeded.approveToken)).toMatchObject({ state: 'done' });
    const placements = (await pendingMails(table)).filter(
      (mail) => mail.template.startsWith('placement') && mail.to.includes(seeded.request.email),
    );
    expect(placements).toHaveLength(1);
    // The seeker's placement mail greets by name in running text: the separator became a space.
    expect(placements[0]?.text).toContain('Hello Seeker Decline: now,');
    for (const { text, html } of [seeded.mail, ...placements]) {
      for (const part of [text, html]) expect(part).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
      expect(flushLines(text).some((line) => /^(Approve|Decline): (https:\/\/evil|now)/.test(line))).toBe(
        false,
      );
    }
  });
});

describe('the placement mails', () => {
  it('give the host only the seeker’s name, email, phone and the dates, never the notes meant for coordinators', async () => {
    const seeded = await seedProposal(table, {
      request: { notes: 'For the coordinator only: my ex-husband must not find us', languages: ['uk'] },
      offer: { notes: 'Key under the mat', languages: ['de'] },
    });
    expect(await decide(table.deps(), 'approve', seeded.approveToken)).toMatchObject({ state: 'done' });
    const mails = (await pendingMails(table)).filter((mail) => mail.template.startsWith('placement'));
    const toHost = mails.find((mail) => mail.to[0] === seeded.offer.email);
    const toSeeker = mails.find((mail) => mail.to[0] === seeded.request.email);
    for (const part of [toHost?.text, toHost?.html]) {
      expect(part).toContain(seeded.request.name);
      expect(part).toContain(seeded.request.email);
      expect(part).toContain('+380 67 7654321');
      expect(part).toContain(formatDate(seeded.proposal.nightsFrom, seeded.offer.locale));
      expect(part).not.toContain('ex-husband');
      expect(part).not.toMatch(/Languages|Pets|People|Notes/);
    }
    for (const part of [toSeeker?.text, toSeeker?.html]) {
      expect(part).toContain(seeded.offer.name);
      expect(part).toContain(seeded.offer.email);
      expect(part).toContain('+49 30 1234567');
      expect(part).toContain(placeName(seeded.offer.country, seeded.offer.city, seeded.request.locale));
      expect(part).not.toContain('Key under the mat');
      expect(part).not.toMatch(/Languages|Notes/);
    }
  });
});
