import { describe, expect, it } from 'vitest';
import { reportPlacementProblem } from '../../shared/approval/check-in.ts';
import { expireOverdue } from '../../shared/approval/expire.ts';
import { decide } from '../../shared/approval/service.ts';
import { actOnLink } from '../../shared/intake/service.ts';
import { pendingMails } from '../support/outbox.ts';
import { useTestTable } from '../support/table.ts';
import { manageLinkFor, seedProposal } from './approval-support.ts';

// The seeded pairs lie in Germany; its coordinators read Ukrainian, then Russian.
const table = useTestTable({ COORDINATOR_LANGUAGES: JSON.stringify({ DE: ['uk', 'ru'] }) });

/** The coordinators' mails about a seeded pair, by template. */
async function coordinatorMails(offerName: string, template: string) {
  return (await pendingMails(table)).filter(
    (mail) => mail.template === template && mail.text.includes(offerName),
  );
}

describe('the languages listed for a country’s coordinators', () => {
  it('are those of the matcher’s proposal mail and of the expiry’s mail that it is void', async () => {
    const seeded = await seedProposal(table);
    expect(seeded.mail).toMatchObject({ locale: 'uk' });
    expect(seeded.mail.text.indexOf('Haven пропонує')).toBeLessThan(
      seeded.mail.text.indexOf('Haven предлагает'),
    );
    expect(seeded.mail.text).not.toContain('Haven proposes this pair');

    await expireOverdue(
      table.deps({ now: () => new Date(Date.parse(seeded.proposal.decisionDueAt) + 1000) }),
    );
    const [expired] = await coordinatorMails(seeded.offer.name, 'proposal-expired');
    expect(expired).toMatchObject({ locale: 'uk' });
    expect(expired?.subject).not.toMatch(/[A-Za-z]{4,} [a-z]{4,}/);
  });

  it('are those of the mail that tells them a proposal is void because the family withdrew', async () => {
    const seeded = await seedProposal(table);
    const outcome = await actOnLink(table.deps(), await manageLinkFor(table, seeded.request), 'withdraw');
    expect(outcome.done).toBe('withdrawn');
    const [withdrawn] = await coordinatorMails(seeded.offer.name, 'proposal-request-withdrawn');
    expect(withdrawn).toMatchObject({ locale: 'uk' });
  });

  it('are those of the mail that tells them of a problem a placed family reported', async () => {
    const seeded = await seedProposal(table);
    expect((await decide(table.deps(), 'approve', seeded.approveToken)).state).toBe('done');
    const family = { kind: 'request', id: seeded.request.id } as const;
    expect(
      await reportPlacementProblem(table.deps(), family, seeded.proposal.id, 'link:manage-request'),
    ).toBe(true);
    const [problem] = await coordinatorMails(seeded.offer.name, 'problem-seeker');
    expect(problem).toMatchObject({ locale: 'uk' });
    expect(problem?.text).not.toContain('reported a problem');
  });
});
