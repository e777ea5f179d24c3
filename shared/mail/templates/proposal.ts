import type { Config } from '../../config.ts';
import type { Locale, OfferRecord, ProposalRecord, RequestRecord } from '../../domain/records.ts';
import type { RenderedMail } from '../message.ts';

/**
 * The coordinator's proposal mail: both sides' summaries and the score breakdown. The one place
 * that decides its content, so the approval flow can add its links (and the token items its
 * transaction needs, returned as `items`) by replacing this function alone.
 */
export interface ProposalMail {
  readonly mail: RenderedMail;
  /** Extra TransactWriteItems for the proposal's transaction (e.g. the action tokens). */
  readonly items: Record<string, unknown>[];
}

const LABELS = {
  en: {
    subject: 'New proposal',
    intro: 'Haven proposes this pair. Please decide before',
    host: 'Host',
    seeker: 'Seeker',
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
    needsStepFree: 'needs step-free access',
    stepFree: 'step-free',
    multipleParties: 'hosts several parties',
    household: 'household',
    safeHousehold: 'asks for a safe household',
    languages: 'languages',
    notes: 'notes',
    contact: 'contact',
    score: 'Score',
    coverage: 'stay covered',
    closeness: 'closeness',
    fit: 'beds filled',
    sharedLanguages: 'shared languages',
    yes: 'yes',
    no: 'no',
  },
  ru: {
    subject: 'Новое предложение',
    intro: 'Haven предлагает эту пару. Пожалуйста, решите до',
    host: 'Хозяин',
    seeker: 'Ищущий жильё',
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
    needsStepFree: 'нужен доступ без ступенек',
    stepFree: 'без ступенек',
    multipleParties: 'принимает несколько групп',
    household: 'домохозяйство',
    safeHousehold: 'просит безопасное домохозяйство',
    languages: 'языки',
    notes: 'заметки',
    contact: 'контакт',
    score: 'Оценка',
    coverage: 'покрытие срока',
    closeness: 'близость',
    fit: 'заполнение мест',
    sharedLanguages: 'общие языки',
    yes: 'да',
    no: 'нет',
  },
  uk: {
    subject: 'Нова пропозиція',
    intro: 'Haven пропонує цю пару. Будь ласка, вирішіть до',
    host: 'Господар',
    seeker: 'Шукач житла',
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
    needsStepFree: 'потрібен доступ без сходинок',
    stepFree: 'без сходинок',
    multipleParties: 'приймає кілька груп',
    household: 'домогосподарство',
    safeHousehold: 'просить безпечне домогосподарство',
    languages: 'мови',
    notes: 'нотатки',
    contact: 'контакт',
    score: 'Оцінка',
    coverage: 'покриття терміну',
    closeness: 'близькість',
    fit: 'заповнення місць',
    sharedLanguages: 'спільні мови',
    yes: 'так',
    no: 'ні',
  },
  tr: {
    subject: 'Yeni öneri',
    intro: 'Haven bu eşleşmeyi öneriyor. Lütfen şu tarihe kadar karar verin:',
    host: 'Ev sahibi',
    seeker: 'Konaklama arayan',
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
    needsStepFree: 'basamaksız erişim gerekli',
    stepFree: 'basamaksız',
    multipleParties: 'birden fazla grup kabul eder',
    household: 'hane',
    safeHousehold: 'güvenli hane istiyor',
    languages: 'diller',
    notes: 'notlar',
    contact: 'iletişim',
    score: 'Puan',
    coverage: 'kalışın karşılanması',
    closeness: 'yakınlık',
    fit: 'yatak doluluğu',
    sharedLanguages: 'ortak diller',
    yes: 'evet',
    no: 'hayır',
  },
} as const satisfies Record<Locale, Record<string, string>>;

type Labels = (typeof LABELS)[Locale];

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const percent = (value: number) => `${Math.round(value * 100)}%`;

/** The coordinators who decide on proposals for offers in this country. */
export const coordinatorsFor = (config: Config, country: string): readonly string[] =>
  config.COORDINATORS[country] ?? config.COORDINATORS['*'] ?? [];

function sections(labels: Labels, proposal: ProposalRecord, offer: OfferRecord, request: RequestRecord) {
  const yesNo = (value: boolean) => (value ? labels.yes : labels.no);
  const host: [string, string][] = [
    [labels.host, offer.name],
    [labels.contact, [offer.email, offer.phone].filter(Boolean).join(', ')],
    [labels.place, `${offer.city}, ${offer.country}`],
    [labels.beds, String(offer.beds)],
    [labels.dates, `${offer.availableFrom} – ${offer.availableTo ?? labels.open}`],
    [labels.pets, yesNo(offer.petsAllowed)],
    [labels.children, yesNo(offer.childrenAllowed)],
    [labels.stepFree, yesNo(offer.stepFree)],
    [labels.multipleParties, yesNo(offer.multipleParties)],
    ...(offer.hostHousehold ? [[labels.household, offer.hostHousehold] as [string, string]] : []),
    [labels.languages, offer.languages.join(', ')],
    ...(offer.notes ? [[labels.notes, offer.notes] as [string, string]] : []),
  ];
  const seeker: [string, string][] = [
    [labels.seeker, request.name],
    [labels.contact, [request.email, request.phone].filter(Boolean).join(', ')],
    [
      labels.party,
      `${request.adults + request.children} (${request.adults} ${labels.adults}, ${request.children} ${labels.children})`,
    ],
    [labels.dates, `${request.arrival} – ${request.departure ?? labels.open}`],
    [
      labels.place,
      request.city ? `${request.city}, ${request.country}` : `${labels.anywhere} (${request.country})`,
    ],
    ...(proposal.distanceKm === undefined
      ? []
      : [[labels.distance, `${proposal.distanceKm} km`] as [string, string]]),
    [labels.pets, yesNo(request.pets)],
    [labels.needsStepFree, yesNo(request.needsStepFree)],
    [labels.safeHousehold, yesNo(request.safeHousehold)],
    [labels.languages, request.languages.join(', ')],
    ...(request.notes ? [[labels.notes, request.notes] as [string, string]] : []),
  ];
  const score: [string, string][] = [
    [labels.score, percent(proposal.score)],
    [labels.coverage, percent(proposal.breakdown.coverage)],
    [labels.closeness, percent(proposal.breakdown.distance)],
    [labels.fit, percent(proposal.breakdown.fit)],
    [labels.sharedLanguages, percent(proposal.breakdown.languages)],
  ];
  return [host, seeker, score];
}

function renderText(labels: Labels, proposal: ProposalRecord, blocks: [string, string][][]) {
  const due = proposal.decisionDueAt.replace('T', ' ').slice(0, 16);
  return [
    `${labels.intro} ${due} UTC.`,
    ...blocks.map((rows) => rows.map(([k, v]) => `${k}: ${v}`).join('\n')),
  ].join('\n\n');
}

function renderHtml(labels: Labels, proposal: ProposalRecord, blocks: [string, string][][]) {
  const due = proposal.decisionDueAt.replace('T', ' ').slice(0, 16);
  const tables = blocks
    .map(
      (rows) =>
        `<table>${rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`,
    )
    .join('<hr>');
  return `<p>${escapeHtml(`${labels.intro} ${due} UTC.`)}</p>${tables}`;
}

/** Renders the proposal mail in the host's language, with the English version below when that differs. */
export function renderProposalMail(
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
  config: Config,
): ProposalMail {
  const locales: Locale[] = offer.locale === 'en' ? ['en'] : [offer.locale, 'en'];
  const parts = locales.map((locale) => {
    const labels = LABELS[locale];
    const blocks = sections(labels, proposal, offer, request);
    return { text: renderText(labels, proposal, blocks), html: renderHtml(labels, proposal, blocks) };
  });
  const place = request.city ?? offer.city;
  return {
    mail: {
      template: 'proposal',
      to: coordinatorsFor(config, offer.country),
      locale: offer.locale,
      subject: `Haven: ${LABELS[offer.locale].subject} · ${place} · ${request.adults + request.children} → ${offer.beds}`,
      text: parts.map((part) => part.text).join('\n\n———\n\n'),
      html: `<!doctype html><html><body>${parts.map((part) => part.html).join('<hr>')}</body></html>`,
    },
    items: [],
  };
}
