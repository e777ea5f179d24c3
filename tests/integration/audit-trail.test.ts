import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect, it } from 'vitest';
import { AUDIT_PREFIX, offerKey, proposalKey, requestKey } from '../../shared/data/keys.ts';
import { getOffer, setVerification } from '../../shared/data/offers.ts';
import { createApp } from '../../shared/http/app.ts';
import { actOnLink, submitOffer, submitRequest } from '../../shared/intake/service.ts';
import { createMatchingService } from '../../shared/matching/matcher.ts';
import { auditItemsOf } from '../support/audit.ts';
import { pendingMails } from '../support/outbox.ts';
import { keptRecord } from '../support/records.ts';
import { useTestTable } from '../support/table.ts';
import { decisionTokensIn, form } from './approval-support.ts';
import { lastMailTo, linksIn, offerInput, requestInput } from './intake-support.ts';

const table = useTestTable();

/** Every reading of the clock moves it on a second, so each step's events sort after the last step's. */
function steppingClock() {
  let at = Date.now();
  return () => {
    at += 1000;
    return new Date(at);
  };
}

const trailOf = (pk: string) => auditItemsOf(table, pk);

const steps = (items: Record<string, unknown>[]) =>
  items.map((item) => ({ action: item.action, actor: item.actor, from: item.from, to: item.to }));

it('a record’s life (create, confirm, propose, check the host, approve) is in its audit trail, each step with its actor and time', async () => {
  const deps = table.deps({ now: steppingClock() });
  const meta = { locale: 'en' as const, sourceIp: '192.0.2.77' };
  const host = offerInput();
  const seeker = requestInput();

  const offer = await submitOffer(deps, host, { ...meta, via: 'form' });
  await actOnLink(deps, linksIn((await lastMailTo(table, host.email)).text).confirm, 'confirm');
  const request = await submitRequest(deps, seeker, { ...meta, via: 'api' });
  await actOnLink(deps, linksIn((await lastMailTo(table, seeker.email)).text).confirm, 'confirm');
  const matched = await createMatchingService(deps).matchRequestIds([request.id]);
  expect(matched.proposed).toBe(1);
  const proposalMail = (await pendingMails(table)).find(
    (mail) => mail.template === 'proposal' && mail.text.includes(seeker.name),
  );
  const tokens = decisionTokensIn(proposalMail?.text ?? '');
  const proposed = keptRecord(await getOffer(deps, offer.id));
  const by = 'coordinator@haven.test';
  const at = deps.now().toISOString();
  await setVerification(deps, proposed, { state: 'verified', by, at, method: 'visit' }, `coordinator:${by}`);
  const approved = await createApp(deps).request(
    `/proposals/approve/${tokens.approve}`,
    form({ decision: 'approve' }),
  );
  expect(approved.status).toBe(303);

  const requestTrail = await trailOf(requestKey(request.id).pk);
  expect(steps(requestTrail)).toEqual([
    { action: 'submitted', actor: 'api', from: undefined, to: 'pending' },
    { action: 'confirmed', actor: 'link:confirm-request', from: 'pending', to: 'open' },
    { action: 'request.proposed', actor: 'process:matcher', from: 'open', to: 'proposed' },
    { action: 'request.placed', actor: 'link:approve', from: 'proposed', to: 'placed' },
  ]);

  const offerTrail = await trailOf(offerKey(offer.id).pk);
  expect(steps(offerTrail)).toEqual([
    { action: 'submitted', actor: 'form', from: undefined, to: 'pending' },
    { action: 'confirmed', actor: 'link:confirm-offer', from: 'pending', to: 'open' },
    { action: 'offer.beds-held', actor: 'process:matcher', from: undefined, to: undefined },
    {
      action: 'offer.host-verified',
      actor: 'coordinator:coordinator@haven.test',
      from: undefined,
      to: undefined,
    },
    { action: 'offer.beds-placed', actor: 'link:approve', from: undefined, to: undefined },
  ]);

  const pointer = await table.db.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :proposal)',
      ExpressionAttributeValues: { ':pk': requestKey(request.id).pk, ':proposal': 'PROPOSAL#' },
    }),
  );
  const proposal = String(pointer.Items?.[0]?.proposalId);
  expect(steps(await trailOf(proposalKey(proposal).pk))).toEqual([
    { action: 'proposal.created', actor: 'process:matcher', from: undefined, to: 'pending' },
    { action: 'proposal.approved', actor: 'link:approve', from: 'pending', to: 'approved' },
  ]);

  const all = [...requestTrail, ...offerTrail];
  for (const event of all) {
    expect(Date.parse(String(event.at))).not.toBeNaN();
    expect(String(event.sk)).toBe(`${AUDIT_PREFIX}${event.at}#${event.id}`);
  }
  // What changed is named, never shown: the trail outlives the records' personal data.
  const written = JSON.stringify(all);
  for (const personal of [host.name, host.email, host.phone, seeker.name, seeker.email, seeker.phone]) {
    expect(written).not.toContain(personal);
  }
  expect(offerTrail.find((event) => event.action === 'confirmed')?.fields).toEqual(
    expect.arrayContaining(['status', 'confirmedAt']),
  );
});
