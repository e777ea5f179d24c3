import { beforeAll, describe, expect, it } from 'vitest';
import { openProblemsPage } from '../../shared/data/queues.ts';
import { createApp } from '../../shared/http/app.ts';
import { formatDate } from '../../shared/i18n/format.ts';
import { actOnLink } from '../../shared/intake/service.ts';
import { dealWithProblem } from '../../shared/workspace/queue.ts';
import { pendingMails } from '../support/outbox.ts';
import { followRedirect } from '../support/redirects.ts';
import { useTestTable } from '../support/table.ts';
import { form, manageLinkFor, seedProposal } from './approval-support.ts';
import { futureDate } from './matching-support.ts';

let app: ReturnType<typeof createApp>;

const table = useTestTable();
beforeAll(async () => {
  app = createApp(table.deps());
});

/** A proposal approved by the coordinator's mailed link, as in production. */
async function placement() {
  const seeded = await seedProposal(table, {
    request: { arrival: futureDate('03-10'), departure: futureDate('05-20'), adults: 2, children: 1 },
  });
  const approved = await app.request(
    `/proposals/approve/${seeded.approveToken}`,
    form({ decision: 'approve' }),
  );
  expect(approved.status).toBe(303);
  return seeded;
}

describe('after a placement, each side’s manage page', () => {
  it('shows the host their guests, their contact, the dates, the check-ins and how to report a problem (Turkish)', async () => {
    const seeded = await placement();
    const html = await (
      await app.request(`/manage/${await manageLinkFor(table, seeded.offer)}?lang=tr`)
    ).text();
    expect(html).toContain('Misafirleriniz');
    // The guest's name is theirs, not the reader's ("Adınız" is the form's "your name").
    expect(html).toContain(`<dt>Ad</dt><dd>${seeded.request.name}</dd>`);
    expect(html).not.toContain(`<dt>Adınız</dt><dd>${seeded.request.name}</dd>`);
    for (const fact of [seeded.request.name, seeded.request.email, '+380 67 7654321'])
      expect(html).toContain(fact);
    expect(html).toContain(`10 Mart ${futureDate('03-10').slice(0, 4)}`);
    // Day 3 and day 30 of the stay.
    expect(html).toContain(`12 Mart ${futureDate('03-12').slice(0, 4)}`);
    expect(html).toContain(`8 Nisan ${futureDate('04-08').slice(0, 4)}`);
    expect(html).toContain('Onlar kaldığı sürece Haven size başka kimseyi önermez.');
    expect(html).toContain('name="action" value="problem"');
    expect(html).toContain(`name="placement" value="${seeded.proposal.id}"`);
  });

  it('shows the seeker their host and no “closed” dead end (Russian)', async () => {
    const seeded = await placement();
    const html = await (
      await app.request(`/manage/${await manageLinkFor(table, seeded.request)}?lang=ru`)
    ).text();
    expect(html).toContain('Ваш хозяин жилья');
    expect(html).toContain(`<dt>Имя</dt><dd>${seeded.offer.name}</dd>`);
    for (const fact of [seeded.offer.name, seeded.offer.email, '+49 30 1234567', 'Берлин'])
      expect(html).toContain(fact);
    expect(html).not.toContain('Запись закрыта, изменить её уже нельзя');
    expect(html).toContain('Есть проблема');
  });

  it('keeps the placement on the host’s page once the guests erased their data: the dates without a contact, and a problem button that still reaches the coordinators (Turkish)', async () => {
    const seeded = await placement();
    await actOnLink(table.deps(), await manageLinkFor(table, seeded.request), 'erase');
    const link = await manageLinkFor(table, seeded.offer);
    const html = await (await app.request(`/manage/${link}?lang=tr`)).text();
    expect(html).toContain('Misafirleriniz verilerini Haven’dan sildi');
    expect(html).toContain(`10 Mart ${futureDate('03-10').slice(0, 4)}`);
    expect(html).not.toContain(seeded.request.email);
    expect(html).toContain(`name="placement" value="${seeded.proposal.id}"`);

    const pressed = await app.request(
      `/manage/${link}?lang=tr`,
      form({ action: 'problem', placement: seeded.proposal.id }),
    );
    expect(pressed.headers.get('location')).toBe(`/manage/${link}?done=problem&lang=tr`);
    const reports = (await pendingMails(table)).filter(
      (mail) => mail.template === 'problem-host' && mail.text.includes(seeded.offer.email),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]?.text).toContain('the other side’s data has been deleted from Haven');
    expect(reports[0]?.text).toContain('3 people');
  });

  it('“There is a problem” tells the coordinators once while it is open, and again once a coordinator has dealt with it', async () => {
    const seeded = await placement();
    const link = await manageLinkFor(table, seeded.request);
    const press = () =>
      app.request(`/manage/${link}?lang=uk`, form({ action: 'problem', placement: seeded.proposal.id }));
    const told = async () => ({
      mails: (await pendingMails(table)).filter(
        (mail) => mail.template === 'problem-seeker' && mail.text.includes(seeded.request.email),
      ).length,
      queued: (await openProblemsPage(table.deps(), seeded.offer.country, undefined, 100)).items.filter(
        (problem) => problem.proposalId === seeded.proposal.id,
      ),
    });

    const pressed = await press();
    expect(pressed.headers.get('location')).toBe(`/manage/${link}?done=problem&lang=uk`);
    expect(await (await followRedirect(app, pressed)).text()).toContain(
      'Координатор отримав повідомлення і незабаром зв’яжеться з вами.',
    );
    expect(await told()).toEqual({ mails: 1, queued: [expect.objectContaining({ side: 'seeker' })] });

    // A double tap, or a script: the same thanks, and nothing more for the coordinators.
    for (let i = 0; i < 3; i++)
      expect((await press()).headers.get('location')).toBe(`/manage/${link}?done=problem&lang=uk`);
    expect((await told()).mails).toBe(1);
    expect((await told()).queued).toHaveLength(1);

    const coordinator = { email: 'de@haven.test', countries: ['DE'] };
    expect(await dealWithProblem(table.deps(), coordinator, seeded.proposal.id, 'seeker')).toBe('DE');
    expect((await told()).queued).toEqual([]);
    await press();
    expect((await told()).mails).toBe(2);
    expect((await told()).queued).toHaveLength(1);
  });

  it('a press naming a placement that is not this record’s changes nothing', async () => {
    const seeded = await placement();
    const other = await placement();
    const before = (await pendingMails(table)).length;
    const pressed = await app.request(
      `/manage/${await manageLinkFor(table, seeded.offer)}?lang=en`,
      form({ action: 'problem', placement: other.proposal.id }),
    );
    expect(pressed.status).toBe(409);
    expect((await pendingMails(table)).length).toBe(before);
  });

  it('a press naming a placement no proposal could have (too long to be a key) changes nothing, and answers as for another record’s', async () => {
    const seeded = await placement();
    const before = (await pendingMails(table)).length;
    for (const placementId of ['x'.repeat(2100), 'п'.repeat(1100), '../PROPOSAL#x']) {
      const pressed = await app.request(
        `/manage/${await manageLinkFor(table, seeded.offer)}?lang=en`,
        form({ action: 'problem', placement: placementId }),
      );
      expect(pressed.status).toBe(409);
    }
    expect((await pendingMails(table)).length).toBe(before);
  });

  it('host and seeker are told the stay the host can give: a departure after the offer ends is the morning after its last night, and the family is told to ask again for the nights after', async () => {
    const seeded = await seedProposal(table, {
      offer: { locale: 'en', availableTo: futureDate('04-30') },
      request: { locale: 'en', arrival: futureDate('03-10'), departure: futureDate('05-20') },
    });
    expect(seeded.proposal).toMatchObject({ nightsFrom: futureDate('03-10'), nightsTo: futureDate('05-01') });
    const approved = await app.request(
      `/proposals/approve/${seeded.approveToken}`,
      form({ decision: 'approve' }),
    );
    expect(approved.status).toBe(303);
    const mails = (await pendingMails(table)).filter(
      (item) =>
        (item.template === 'placement-host' && item.text.includes(seeded.request.email)) ||
        (item.template === 'placement-seeker' && item.text.includes(seeded.offer.email)),
    );
    expect(mails).toHaveLength(2);
    const [host, seeker] = ['placement-host', 'placement-seeker'].map(
      (template) => mails.find((mail) => mail.template === template)?.text ?? '',
    );
    expect(host).toContain(formatDate(futureDate('05-01'), 'en'));
    expect(host).not.toContain(formatDate(futureDate('05-20'), 'en'));
    // The family is told their stay ends before the day they asked, and to ask again in time.
    expect(seeker).toContain(formatDate(futureDate('05-01'), 'en'));
    expect(seeker).toContain(
      `Your host can have you until the morning of ${formatDate(futureDate('05-01'), 'en')}, not until ${formatDate(futureDate('05-20'), 'en')} as you had asked.`,
    );
  });

  it('the seeker’s placement mail says truthfully who to contact: no coordinator who never wrote', async () => {
    const seeded = await placement();
    const mail = (await pendingMails(table)).find(
      (item) => item.template === 'placement-seeker' && item.text.includes(seeded.offer.email),
    );
    // The seeded seeker reads Ukrainian.
    expect(mail?.text).toContain('натисніть «Є проблема»\u00a0— координатор зв’яжеться з вами');
    expect(mail?.text).not.toContain('координатору, який вам писав');
  });
});
