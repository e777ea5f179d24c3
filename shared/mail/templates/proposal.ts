import { coordinatorsFor } from '../../approval/coordinators.ts';
import { issueProposalLinks } from '../../approval/links.ts';
import type { Config } from '../../config.ts';
import type { Locale, OfferRecord, ProposalRecord, RequestRecord } from '../../domain/records.ts';
import { type Translate, translator } from '../../i18n/index.ts';
import { placeName } from '../../places/gazetteer.ts';
import type { RenderedMail } from '../message.ts';
import {
  fill,
  htmlButton,
  htmlDocument,
  htmlHeading,
  htmlParagraph,
  htmlRows,
  htmlSmallLink,
  type Row,
  textRows,
  utcMinutes,
} from './approval-parts.ts';
import { escapeHtml } from './confirm.ts';

/**
 * The coordinator's proposal mail: both sides' summaries, the score broken down with the facts
 * behind it, when the decision is due, and the approve and decline links. Rendered inside the
 * proposal's transaction, which also writes the links' tokens (returned as `items`).
 */
export interface ProposalMail {
  readonly mail: RenderedMail;
  /** Extra TransactWriteItems for the proposal's transaction: the action tokens and their pairing. */
  readonly items: Record<string, unknown>[];
}

const LABELS = {
  en: {
    subject: 'New proposal',
    intro: 'Haven proposes this pair. Please decide before {due}.',
    approve: 'Approve',
    decline: 'Decline',
    linksNote: 'Each link opens a page with one button; nothing happens until you press it.',
    host: 'Host',
    seeker: 'Seeker',
    name: 'name',
    party: 'party',
    adults: 'adults',
    children: 'children',
    beds: 'beds',
    dates: 'dates',
    open: 'open-ended',
    place: 'place',
    anywhere: 'anywhere in the country',
    distance: 'distance',
    pets: 'pets',
    petsAllowed: 'pets welcome',
    childrenAllowed: 'children welcome',
    needsStepFree: 'needs step-free access',
    stepFree: 'step-free',
    multipleParties: 'hosts several parties',
    household: 'household',
    safeHousehold: 'asks for a safe household',
    languages: 'languages',
    notes: 'notes',
    contact: 'Contact details (for coordinators only)',
    contactNote: 'Host and seeker see each other’s contact details only after you approve.',
    email: 'email',
    phone: 'phone',
    none: '—',
    score: 'Score',
    total: 'total',
    coverage: 'stay covered',
    coverageFacts: '{covered} of {requested} nights',
    coverageOpen: '{covered} of {requested} nights, no departure date: counted as {requested}',
    closeness: 'closeness',
    closenessFacts: '{km} km, at most {max} km asked',
    closenessAnywhere: 'anywhere in the country',
    fit: 'beds filled',
    fitFacts: '{party} people in {beds} beds',
    sharedLanguages: 'shared languages',
    noSharedLanguage: 'none',
    weight: 'weight {weight}',
    yes: 'yes',
    no: 'no',
  },
  ru: {
    subject: 'Новое предложение',
    intro: 'Haven предлагает эту пару. Пожалуйста, решите до {due}.',
    approve: 'Одобрить',
    decline: 'Отклонить',
    linksNote:
      'Каждая ссылка открывает страницу с одной кнопкой; ничего не происходит, пока вы её не нажмёте.',
    host: 'Хозяин',
    seeker: 'Ищущий жильё',
    name: 'имя',
    party: 'группа',
    adults: 'взрослых',
    children: 'детей',
    beds: 'мест',
    dates: 'даты',
    open: 'без даты окончания',
    place: 'место',
    anywhere: 'в любом месте страны',
    distance: 'расстояние',
    pets: 'животные',
    petsAllowed: 'можно с животными',
    childrenAllowed: 'можно с детьми',
    needsStepFree: 'нужен доступ без ступенек',
    stepFree: 'без ступенек',
    multipleParties: 'принимает несколько групп',
    household: 'домохозяйство',
    safeHousehold: 'просит безопасное домохозяйство',
    languages: 'языки',
    notes: 'заметки',
    contact: 'Контакты (только для координаторов)',
    contactNote: 'Хозяин и ищущий жильё увидят контакты друг друга только после вашего одобрения.',
    email: 'эл. почта',
    phone: 'телефон',
    none: '—',
    score: 'Оценка',
    total: 'итого',
    coverage: 'покрытие срока',
    coverageFacts: '{covered} из {requested} ночей',
    coverageOpen: '{covered} из {requested} ночей, без даты отъезда: считается {requested}',
    closeness: 'близость',
    closenessFacts: '{km} км, допустимо до {max} км',
    closenessAnywhere: 'в любом месте страны',
    fit: 'заполнение мест',
    fitFacts: '{party} чел. на {beds} мест',
    sharedLanguages: 'общие языки',
    noSharedLanguage: 'нет',
    weight: 'вес {weight}',
    yes: 'да',
    no: 'нет',
  },
  uk: {
    subject: 'Нова пропозиція',
    intro: 'Haven пропонує цю пару. Будь ласка, вирішіть до {due}.',
    approve: 'Схвалити',
    decline: 'Відхилити',
    linksNote:
      'Кожне посилання відкриває сторінку з однією кнопкою; нічого не відбувається, доки ви її не натиснете.',
    host: 'Господар',
    seeker: 'Шукач житла',
    name: 'ім’я',
    party: 'група',
    adults: 'дорослих',
    children: 'дітей',
    beds: 'місць',
    dates: 'дати',
    open: 'без дати завершення',
    place: 'місце',
    anywhere: 'будь-де в країні',
    distance: 'відстань',
    pets: 'тварини',
    petsAllowed: 'можна з тваринами',
    childrenAllowed: 'можна з дітьми',
    needsStepFree: 'потрібен доступ без сходинок',
    stepFree: 'без сходинок',
    multipleParties: 'приймає кілька груп',
    household: 'домогосподарство',
    safeHousehold: 'просить безпечне домогосподарство',
    languages: 'мови',
    notes: 'нотатки',
    contact: 'Контакти (лише для координаторів)',
    contactNote: 'Господар і шукач житла побачать контакти одне одного лише після вашого схвалення.',
    email: 'ел. пошта',
    phone: 'телефон',
    none: '—',
    score: 'Оцінка',
    total: 'разом',
    coverage: 'покриття терміну',
    coverageFacts: '{covered} з {requested} ночей',
    coverageOpen: '{covered} з {requested} ночей, без дати від’їзду: рахується {requested}',
    closeness: 'близькість',
    closenessFacts: '{km} км, допустимо до {max} км',
    closenessAnywhere: 'будь-де в країні',
    fit: 'заповнення місць',
    fitFacts: '{party} ос. на {beds} місць',
    sharedLanguages: 'спільні мови',
    noSharedLanguage: 'немає',
    weight: 'вага {weight}',
    yes: 'так',
    no: 'ні',
  },
  tr: {
    subject: 'Yeni öneri',
    intro: 'Haven bu eşleşmeyi öneriyor. Lütfen {due} tarihine kadar karar verin.',
    approve: 'Onayla',
    decline: 'Reddet',
    linksNote: 'Her bağlantı tek düğmeli bir sayfa açar; düğmeye basana kadar hiçbir şey olmaz.',
    host: 'Ev sahibi',
    seeker: 'Konaklama arayan',
    name: 'ad',
    party: 'grup',
    adults: 'yetişkin',
    children: 'çocuk',
    beds: 'yatak',
    dates: 'tarihler',
    open: 'bitiş tarihi yok',
    place: 'yer',
    anywhere: 'ülkenin herhangi bir yeri',
    distance: 'mesafe',
    pets: 'evcil hayvan',
    petsAllowed: 'evcil hayvan kabul',
    childrenAllowed: 'çocuk kabul',
    needsStepFree: 'basamaksız erişim gerekli',
    stepFree: 'basamaksız',
    multipleParties: 'birden fazla grup kabul eder',
    household: 'hane',
    safeHousehold: 'güvenli hane istiyor',
    languages: 'diller',
    notes: 'notlar',
    contact: 'İletişim bilgileri (yalnızca koordinatörler için)',
    contactNote:
      'Ev sahibi ve konaklama arayan birbirlerinin iletişim bilgilerini ancak siz onayladıktan sonra görür.',
    email: 'e-posta',
    phone: 'telefon',
    none: '—',
    score: 'Puan',
    total: 'toplam',
    coverage: 'kalışın karşılanması',
    coverageFacts: '{requested} gecenin {covered} gecesi',
    coverageOpen: '{requested} gecenin {covered} gecesi, ayrılış tarihi yok: {requested} sayıldı',
    closeness: 'yakınlık',
    closenessFacts: '{km} km, en fazla {max} km istendi',
    closenessAnywhere: 'ülkenin herhangi bir yeri',
    fit: 'yatak doluluğu',
    fitFacts: '{beds} yatakta {party} kişi',
    sharedLanguages: 'ortak diller',
    noSharedLanguage: 'yok',
    weight: 'ağırlık {weight}',
    yes: 'evet',
    no: 'hayır',
  },
} as const satisfies Record<Locale, Record<string, string>>;

type Labels = (typeof LABELS)[Locale];

const percent = (value: number) => `${Math.round(value * 100)}%`;

/**
 * The languages of the coordinators' mails. COORDINATORS holds addresses, not languages, so we
 * cannot know each coordinator's: English comes first, as the one language a volunteer group
 * working across borders can be assumed to share, then the host's language (when it differs),
 * the best hint we have of the language spoken where the offer is.
 */
export function coordinatorLocales(offer: OfferRecord): Locale[] {
  return offer.locale === 'en' ? ['en'] : ['en', offer.locale];
}

/** Whether, by whom and how a coordinator checked the host: the mail and the decision page both say it. */
export function hostCheckText(offer: Pick<OfferRecord, 'verification'>, t: Translate): string {
  const check = offer.verification;
  if (!check) return t('coordinator.verify.none');
  const at = utcMinutes(check.at);
  return check.state === 'verified'
    ? t('coordinator.verify.verified', {
        by: check.by,
        at,
        method: t(`coordinator.verify.method.${check.method}`),
      })
    : t('coordinator.verify.rejected', { by: check.by, at, reason: check.reason });
}

interface Section {
  readonly title: string;
  readonly rows: readonly Row[];
  readonly note?: string;
}

function sections(
  l: Labels,
  t: Translate,
  locale: Locale,
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
): Section[] {
  const yesNo = (value: boolean) => (value ? l.yes : l.no);
  const host: Row[] = [
    [l.name, offer.name],
    [l.place, `${placeName(offer.country, offer.city, locale)}, ${offer.country}`],
    [l.beds, String(offer.beds)],
    [l.dates, `${offer.availableFrom} – ${offer.availableTo ?? l.open}`],
    [l.petsAllowed, yesNo(offer.petsAllowed)],
    [l.childrenAllowed, yesNo(offer.childrenAllowed)],
    [l.stepFree, yesNo(offer.stepFree)],
    [l.multipleParties, yesNo(offer.multipleParties)],
    ...(offer.hostHousehold ? [[l.household, t(`household.${offer.hostHousehold}`)] as Row] : []),
    [l.languages, offer.languages.join(', ')],
    ...(offer.notes ? [[l.notes, offer.notes] as Row] : []),
    [t('decision.fact.hostCheck'), hostCheckText(offer, t)],
  ];
  const seeker: Row[] = [
    [l.name, request.name],
    [
      l.party,
      // Label-first counts read right in every language without plural forms: "adults: 2, children: 1".
      `${request.adults + request.children} (${l.adults}: ${request.adults}, ${l.children}: ${request.children})`,
    ],
    [l.dates, `${request.arrival} – ${request.departure ?? l.open}`],
    [
      l.place,
      request.city
        ? `${placeName(request.country, request.city, locale)}, ${request.country}`
        : `${l.anywhere} (${request.country})`,
    ],
    ...(proposal.distanceKm === undefined ? [] : [[l.distance, `${proposal.distanceKm} km`] as Row]),
    [l.pets, yesNo(request.pets)],
    [l.needsStepFree, yesNo(request.needsStepFree)],
    [l.safeHousehold, yesNo(request.safeHousehold)],
    [l.languages, request.languages.join(', ')],
    ...(request.notes ? [[l.notes, request.notes] as Row] : []),
  ];
  const contact = (record: OfferRecord | RequestRecord) =>
    `${record.name}: ${l.email} ${record.email}, ${l.phone} ${record.phone ?? l.none}`;
  return [
    { title: l.host, rows: host },
    { title: l.seeker, rows: seeker },
    { title: `${l.score}: ${percent(proposal.score)}`, rows: scoreRows(l, proposal) },
    {
      title: l.contact,
      rows: [
        [l.host, contact(offer)],
        [l.seeker, contact(request)],
      ],
      note: l.contactNote,
    },
  ];
}

/** Each component with its value, the facts behind it (from the matcher's explanation) and its weight. */
function scoreRows(l: Labels, proposal: ProposalRecord): Row[] {
  const { breakdown, explanation: why } = proposal;
  const component = (label: string, value: number, facts: string | undefined, weight: number | undefined) => {
    const details = [facts, weight === undefined ? undefined : fill(l.weight, { weight: percent(weight) })]
      .filter(Boolean)
      .join('; ');
    return [label, details ? `${percent(value)} (${details})` : percent(value)] as Row;
  };
  const coverage =
    why &&
    fill(why.coverage.openEnded ? l.coverageOpen : l.coverageFacts, {
      covered: why.coverage.nightsCovered,
      requested: why.coverage.nightsRequested,
    });
  const closeness =
    why &&
    (why.distance.km === undefined
      ? l.closenessAnywhere
      : fill(l.closenessFacts, {
          km: Math.round(why.distance.km * 10) / 10,
          max: why.distance.maxKm ?? '—',
        }));
  const fit = why && fill(l.fitFacts, { party: why.fit.party, beds: why.fit.beds });
  const languages =
    why && (why.languages.shared.length > 0 ? why.languages.shared.join(', ') : l.noSharedLanguage);
  return [
    component(l.coverage, breakdown.coverage, coverage, why?.weights.coverage),
    component(l.closeness, breakdown.distance, closeness, why?.weights.distance),
    component(l.fit, breakdown.fit, fit, why?.weights.fit),
    component(l.sharedLanguages, breakdown.languages, languages, why?.weights.languages),
    [l.total, percent(proposal.score)],
  ];
}

interface Links {
  readonly approveUrl: string;
  readonly declineUrl: string;
}

function renderText(l: Labels, proposal: ProposalRecord, blocks: Section[], links: Links) {
  return [
    fill(l.intro, { due: utcMinutes(proposal.decisionDueAt) }),
    '',
    `${l.approve}: ${links.approveUrl}`,
    `${l.decline}: ${links.declineUrl}`,
    l.linksNote,
    ...blocks.flatMap((block) => [
      '',
      `${block.title}`,
      textRows(block.rows),
      ...(block.note ? [`  ${block.note}`] : []),
    ]),
  ].join('\n');
}

function renderHtml(l: Labels, proposal: ProposalRecord, blocks: Section[], links: Links) {
  return [
    htmlParagraph(fill(l.intro, { due: utcMinutes(proposal.decisionDueAt) })),
    `<p>${htmlButton(links.approveUrl, l.approve)}${htmlButton(links.declineUrl, l.decline, 'secondary')}</p>`,
    `<p style="font-size:13px;color:#555555">${escapeHtml(l.linksNote)}</p>`,
    ...blocks.flatMap((block) => [
      htmlHeading(block.title),
      htmlRows(block.rows),
      ...(block.note ? [`<p style="font-size:13px;color:#555555">${escapeHtml(block.note)}</p>`] : []),
    ]),
  ].join('\n');
}

/**
 * Renders the proposal mail to the coordinators of the offer's country (English, then the host's
 * language) and issues its approve and decline tokens for the same transaction.
 */
export function renderProposalMail(
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
  config: Config,
): ProposalMail {
  const links = issueProposalLinks(config, proposal);
  const parts = coordinatorLocales(offer).map((locale) => {
    const labels = LABELS[locale];
    const blocks = sections(labels, translator(locale), locale, proposal, offer, request);
    return {
      text: renderText(labels, proposal, blocks, links),
      html: renderHtml(labels, proposal, blocks, links),
    };
  });
  const party = request.adults + request.children;
  // No names in the subject: it shows on lock screens and in notification previews.
  const subject = `Haven: ${LABELS.en.subject} · ${party} → ${offer.city} (${offer.beds} ${LABELS.en.beds}) · ${LABELS.en.dates} ${proposal.nightsFrom}`;
  const html = htmlDocument('en', subject, [
    ...parts.flatMap((part, index) => (index === 0 ? [part.html] : ['<hr>', part.html])),
    htmlHeading(`${LABELS.en.approve} / ${LABELS.en.decline}`),
    `<p>${htmlButton(links.approveUrl, LABELS.en.approve)}${htmlButton(links.declineUrl, LABELS.en.decline, 'secondary')}</p>`,
    htmlSmallLink(links.approveUrl),
    htmlSmallLink(links.declineUrl),
  ]);
  return {
    mail: {
      template: 'proposal',
      to: coordinatorsFor(config, offer.country),
      locale: 'en',
      subject,
      text: parts.map((part) => part.text).join('\n\n———\n\n'),
      html,
    },
    items: links.items,
  };
}
