import type { Decision } from '../../approval/links.ts';
import type { DecisionFacts } from '../../approval/service.ts';
import type { Locale, ProposalStatus } from '../../domain/records.ts';
import { ActionPage, DonePage, type Fact, FactList } from './action-page.tsx';
import { languageName } from './intake-fields.tsx';
import { Layout, localHref, type PageContext } from './layout.tsx';
import { formatDate } from './manage-page.tsx';

/** The field a decision page's button is named; its value must be the link's own decision. */
export const DECISION_BUTTON = 'decision';

interface DecisionStrings {
  approveTitle: string;
  declineTitle: string;
  approveLead: string;
  declineLead: string;
  approveButton: string;
  declineButton: string;
  due: string;
  host: string;
  seeker: string;
  score: string;
  name: string;
  place: string;
  anywhere: string;
  distance: string;
  beds: string;
  available: string;
  dates: string;
  openEnded: string;
  party: string;
  partyValue: string;
  petsAllowed: string;
  childrenAllowed: string;
  stepFree: string;
  multipleParties: string;
  household: string;
  pets: string;
  needsStepFree: string;
  safeHousehold: string;
  languages: string;
  total: string;
  coverage: string;
  closeness: string;
  fit: string;
  sharedLanguages: string;
  yes: string;
  no: string;
  approvedTitle: string;
  approvedText: string;
  declinedTitle: string;
  declinedText: string;
  decidedTitle: string;
  decided: Record<Exclude<ProposalStatus, 'pending'>, string>;
  unchanged: string;
}

const STRINGS: Readonly<Record<Locale, DecisionStrings>> = {
  en: {
    approveTitle: 'Approve this proposal?',
    declineTitle: 'Decline this proposal?',
    approveLead:
      'If you approve, the host and the seeker each get an email with the other’s name, email address and phone number.',
    declineLead:
      'If you decline, this pair is never proposed again, the beds are released and Haven looks for other matches.',
    approveButton: 'Approve',
    declineButton: 'Decline',
    due: 'Decide before',
    host: 'Host',
    seeker: 'Seeker',
    score: 'Score',
    name: 'Name',
    place: 'Place',
    anywhere: 'Anywhere in the country',
    distance: 'Distance',
    beds: 'Beds',
    available: 'Available',
    dates: 'Dates',
    openEnded: 'open-ended',
    party: 'People',
    partyValue: '{total} ({adults} adults, {children} children)',
    petsAllowed: 'Pets welcome',
    childrenAllowed: 'Children welcome',
    stepFree: 'Step-free access',
    multipleParties: 'Hosts several parties',
    household: 'Household',
    pets: 'Pets',
    needsStepFree: 'Needs step-free access',
    safeHousehold: 'Asks for a safe household',
    languages: 'Languages',
    total: 'Total',
    coverage: 'Stay covered',
    closeness: 'Closeness',
    fit: 'Beds filled',
    sharedLanguages: 'Shared languages',
    yes: 'Yes',
    no: 'No',
    approvedTitle: 'Approved',
    approvedText: 'The host and the seeker are being sent each other’s contact details by email.',
    declinedTitle: 'Declined',
    declinedText: 'This pair will not be proposed again. Haven is looking for other matches for both.',
    decidedTitle: 'This proposal has already been decided',
    decided: {
      approved: 'It was approved. Nothing has been changed.',
      declined: 'It was declined. Nothing has been changed.',
      expired: 'It expired before anyone decided. Nothing has been changed.',
      cancelled: 'It was cancelled because the host or the seeker withdrew. Nothing has been changed.',
    },
    unchanged: 'Nothing has been changed yet: press the button to decide.',
  },
  ru: {
    approveTitle: 'Одобрить это предложение?',
    declineTitle: 'Отклонить это предложение?',
    approveLead:
      'Если вы одобрите, хозяин и ищущий жильё получат письмо с именем, адресом эл. почты и телефоном друг друга.',
    declineLead:
      'Если вы отклоните, эта пара больше не будет предложена, места освободятся, и Haven поищет другие пары.',
    approveButton: 'Одобрить',
    declineButton: 'Отклонить',
    due: 'Решить до',
    host: 'Хозяин',
    seeker: 'Ищущий жильё',
    score: 'Оценка',
    name: 'Имя',
    place: 'Место',
    anywhere: 'В любом месте страны',
    distance: 'Расстояние',
    beds: 'Мест',
    available: 'Свободно',
    dates: 'Даты',
    openEnded: 'без даты окончания',
    party: 'Человек',
    partyValue: '{total} (взрослых: {adults}, детей: {children})',
    petsAllowed: 'Можно с животными',
    childrenAllowed: 'Можно с детьми',
    stepFree: 'Доступ без ступенек',
    multipleParties: 'Принимает несколько групп',
    household: 'Домохозяйство',
    pets: 'Животные',
    needsStepFree: 'Нужен доступ без ступенек',
    safeHousehold: 'Просит безопасное домохозяйство',
    languages: 'Языки',
    total: 'Итого',
    coverage: 'Покрытие срока',
    closeness: 'Близость',
    fit: 'Заполнение мест',
    sharedLanguages: 'Общие языки',
    yes: 'Да',
    no: 'Нет',
    approvedTitle: 'Одобрено',
    approvedText: 'Хозяин и ищущий жильё получают контакты друг друга по эл. почте.',
    declinedTitle: 'Отклонено',
    declinedText: 'Эта пара больше не будет предложена. Haven ищет другие пары для обоих.',
    decidedTitle: 'По этому предложению уже принято решение',
    decided: {
      approved: 'Оно одобрено. Ничего не изменено.',
      declined: 'Оно отклонено. Ничего не изменено.',
      expired: 'Срок истёк, прежде чем кто-то принял решение. Ничего не изменено.',
      cancelled: 'Оно отменено, потому что хозяин или ищущий жильё отозвал заявку. Ничего не изменено.',
    },
    unchanged: 'Пока ничего не изменено: нажмите кнопку, чтобы принять решение.',
  },
  uk: {
    approveTitle: 'Схвалити цю пропозицію?',
    declineTitle: 'Відхилити цю пропозицію?',
    approveLead:
      'Якщо ви схвалите, господар і шукач житла отримають лист з ім’ям, адресою ел. пошти та телефоном одне одного.',
    declineLead:
      'Якщо ви відхилите, цю пару більше не буде запропоновано, місця звільняться, і Haven шукатиме інші пари.',
    approveButton: 'Схвалити',
    declineButton: 'Відхилити',
    due: 'Вирішити до',
    host: 'Господар',
    seeker: 'Шукач житла',
    score: 'Оцінка',
    name: 'Ім’я',
    place: 'Місце',
    anywhere: 'Будь-де в країні',
    distance: 'Відстань',
    beds: 'Місць',
    available: 'Вільно',
    dates: 'Дати',
    openEnded: 'без дати завершення',
    party: 'Осіб',
    partyValue: '{total} (дорослих: {adults}, дітей: {children})',
    petsAllowed: 'Можна з тваринами',
    childrenAllowed: 'Можна з дітьми',
    stepFree: 'Доступ без сходинок',
    multipleParties: 'Приймає кілька груп',
    household: 'Домогосподарство',
    pets: 'Тварини',
    needsStepFree: 'Потрібен доступ без сходинок',
    safeHousehold: 'Просить безпечне домогосподарство',
    languages: 'Мови',
    total: 'Разом',
    coverage: 'Покриття терміну',
    closeness: 'Близькість',
    fit: 'Заповнення місць',
    sharedLanguages: 'Спільні мови',
    yes: 'Так',
    no: 'Ні',
    approvedTitle: 'Схвалено',
    approvedText: 'Господар і шукач житла отримують контакти одне одного ел. поштою.',
    declinedTitle: 'Відхилено',
    declinedText: 'Цю пару більше не буде запропоновано. Haven шукає інші пари для обох.',
    decidedTitle: 'Щодо цієї пропозиції вже ухвалено рішення',
    decided: {
      approved: 'Її схвалено. Нічого не змінено.',
      declined: 'Її відхилено. Нічого не змінено.',
      expired: 'Термін минув, перш ніж хтось ухвалив рішення. Нічого не змінено.',
      cancelled: 'Її скасовано, бо господар або шукач житла відкликав заявку. Нічого не змінено.',
    },
    unchanged: 'Поки нічого не змінено: натисніть кнопку, щоб ухвалити рішення.',
  },
  tr: {
    approveTitle: 'Bu öneri onaylansın mı?',
    declineTitle: 'Bu öneri reddedilsin mi?',
    approveLead:
      'Onaylarsanız ev sahibi ve konaklama arayan, birbirlerinin adını, e-posta adresini ve telefon numarasını içeren bir e-posta alır.',
    declineLead:
      'Reddederseniz bu eşleşme bir daha önerilmez, yataklar serbest kalır ve Haven başka eşleşmeler arar.',
    approveButton: 'Onayla',
    declineButton: 'Reddet',
    due: 'Son karar zamanı',
    host: 'Ev sahibi',
    seeker: 'Konaklama arayan',
    score: 'Puan',
    name: 'Ad',
    place: 'Yer',
    anywhere: 'Ülkenin herhangi bir yeri',
    distance: 'Mesafe',
    beds: 'Yatak',
    available: 'Müsait',
    dates: 'Tarihler',
    openEnded: 'bitiş tarihi yok',
    party: 'Kişi',
    partyValue: '{total} ({adults} yetişkin, {children} çocuk)',
    petsAllowed: 'Evcil hayvan kabul',
    childrenAllowed: 'Çocuk kabul',
    stepFree: 'Basamaksız erişim',
    multipleParties: 'Birden fazla grup kabul eder',
    household: 'Hane',
    pets: 'Evcil hayvan',
    needsStepFree: 'Basamaksız erişim gerekli',
    safeHousehold: 'Güvenli hane istiyor',
    languages: 'Diller',
    total: 'Toplam',
    coverage: 'Kalışın karşılanması',
    closeness: 'Yakınlık',
    fit: 'Yatak doluluğu',
    sharedLanguages: 'Ortak diller',
    yes: 'Evet',
    no: 'Hayır',
    approvedTitle: 'Onaylandı',
    approvedText: 'Ev sahibi ve konaklama arayan birbirlerinin iletişim bilgilerini e-postayla alıyor.',
    declinedTitle: 'Reddedildi',
    declinedText: 'Bu eşleşme bir daha önerilmeyecek. Haven her ikisi için başka eşleşmeler arıyor.',
    decidedTitle: 'Bu öneri için zaten karar verildi',
    decided: {
      approved: 'Öneri onaylandı. Hiçbir şey değiştirilmedi.',
      declined: 'Öneri reddedildi. Hiçbir şey değiştirilmedi.',
      expired: 'Kimse karar vermeden süresi doldu. Hiçbir şey değiştirilmedi.',
      cancelled:
        'Ev sahibi veya konaklama arayan geri çekildiği için iptal edildi. Hiçbir şey değiştirilmedi.',
    },
    unchanged: 'Henüz hiçbir şey değişmedi: karar vermek için düğmeye basın.',
  },
};

const fill = (template: string, values: Readonly<Record<string, string | number>>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** Host, seeker and score as fact lists. Names and circumstances only: contact details stay in the mail. */
function factGroups(
  facts: DecisionFacts,
  page: PageContext,
  s: DecisionStrings,
): { title: string; facts: Fact[] }[] {
  const { proposal, offer, request } = facts;
  const yesNo = (value: boolean) => (value ? s.yes : s.no);
  const date = (iso: string) => formatDate(iso, page);
  const span = (from: string, to: string | undefined) => `${date(from)} – ${to ? date(to) : s.openEnded}`;
  const languages = (codes: readonly string[]) =>
    codes.map((code) => languageName(code, page.locale)).join(', ');
  const host: Fact[] = [
    { label: s.name, value: offer.name },
    { label: s.place, value: `${offer.city}, ${offer.country}` },
    { label: s.beds, value: String(offer.beds) },
    { label: s.available, value: span(offer.availableFrom, offer.availableTo) },
    { label: s.petsAllowed, value: yesNo(offer.petsAllowed) },
    { label: s.childrenAllowed, value: yesNo(offer.childrenAllowed) },
    { label: s.stepFree, value: yesNo(offer.stepFree) },
    { label: s.multipleParties, value: yesNo(offer.multipleParties) },
    ...(offer.hostHousehold ? [{ label: s.household, value: offer.hostHousehold }] : []),
    { label: s.languages, value: languages(offer.languages) },
  ];
  const seeker: Fact[] = [
    { label: s.name, value: request.name },
    {
      label: s.party,
      value: fill(s.partyValue, {
        total: request.adults + request.children,
        adults: request.adults,
        children: request.children,
      }),
    },
    { label: s.dates, value: span(request.arrival, request.departure) },
    { label: s.place, value: request.city ? `${request.city}, ${request.country}` : s.anywhere },
    ...(proposal.distanceKm === undefined ? [] : [{ label: s.distance, value: `${proposal.distanceKm} km` }]),
    { label: s.pets, value: yesNo(request.pets) },
    { label: s.needsStepFree, value: yesNo(request.needsStepFree) },
    { label: s.safeHousehold, value: yesNo(request.safeHousehold) },
    { label: s.languages, value: languages(request.languages) },
  ];
  const score: Fact[] = [
    { label: s.total, value: percent(proposal.score) },
    { label: s.coverage, value: percent(proposal.breakdown.coverage) },
    { label: s.closeness, value: percent(proposal.breakdown.distance) },
    { label: s.fit, value: percent(proposal.breakdown.fit) },
    { label: s.sharedLanguages, value: percent(proposal.breakdown.languages) },
  ];
  return [
    { title: s.seeker, facts: seeker },
    { title: s.host, facts: host },
    { title: s.score, facts: score },
  ];
}

/** `GET /proposals/{decision}/{token}`: the facts to decide on and the one button that decides. */
export function DecisionPage({
  page,
  decision,
  facts,
  action,
  unchanged,
}: {
  page: PageContext;
  decision: Decision;
  facts: DecisionFacts;
  action: string;
  /** A POST came without the button's value: say that nothing happened. */
  unchanged?: boolean;
}) {
  const s = STRINGS[page.locale];
  const approve = decision === 'approve';
  const due = facts.proposal.decisionDueAt;
  return (
    <ActionPage
      page={page}
      title={approve ? s.approveTitle : s.declineTitle}
      lead={approve ? s.approveLead : s.declineLead}
      action={action}
      button={{
        name: DECISION_BUTTON,
        value: decision,
        label: approve ? s.approveButton : s.declineButton,
        tone: approve ? 'primary' : 'danger',
      }}
    >
      {unchanged ? <p class="notice">{s.unchanged}</p> : null}
      <p>
        {s.due}: <strong>{`${due.slice(0, 10)} ${due.slice(11, 16)} UTC`}</strong>
      </p>
      {factGroups(facts, page, s).map((group, index) => (
        <section class="panel" aria-labelledby={`decision-facts-${index}`}>
          <h2 id={`decision-facts-${index}`}>{group.title}</h2>
          <FactList facts={group.facts} />
        </section>
      ))}
    </ActionPage>
  );
}

/** After the decision took effect. */
export function DecisionDonePage({ page, status }: { page: PageContext; status: 'approved' | 'declined' }) {
  const s = STRINGS[page.locale];
  return status === 'approved' ? (
    <DonePage page={page} title={s.approvedTitle} text={s.approvedText} />
  ) : (
    <DonePage page={page} title={s.declinedTitle} text={s.declinedText} />
  );
}

/** A working link whose proposal someone (or the expiry, or a withdrawal) has already settled. */
export function AlreadyDecidedPage({
  page,
  status,
}: {
  page: PageContext;
  status: Exclude<ProposalStatus, 'pending'>;
}) {
  const s = STRINGS[page.locale];
  return (
    <Layout page={page} title={s.decidedTitle} noindex>
      <h1>{s.decidedTitle}</h1>
      <p class="lead">{s.decided[status]}</p>
      <p>
        <a class="button secondary" href={localHref('/', page.locale)}>
          {page.t('site.home')}
        </a>
      </p>
    </Layout>
  );
}
