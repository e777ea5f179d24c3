import type { Locale, OfferRecord, ProposalRecord, RequestRecord } from '../../domain/records.ts';
import type { RenderedMail } from '../message.ts';
import {
  fill,
  htmlDocument,
  htmlHeading,
  htmlParagraph,
  htmlRows,
  type Row,
  textRows,
} from './approval-parts.ts';
import { escapeHtml } from './confirm.ts';

/**
 * The two mails an approval sends: each side learns the other's name, email and phone, and the
 * dates; the seeker also learns the host's city. Each in its reader's stored language.
 */
interface PlacementStrings {
  subjectHost: string;
  subjectSeeker: string;
  greeting: string;
  approvedHost: string;
  approvedSeeker: string;
  guest: string;
  host: string;
  name: string;
  email: string;
  phone: string;
  noPhone: string;
  party: string;
  partyValue: string;
  pets: string;
  city: string;
  arrival: string;
  departure: string;
  openEnded: string;
  languages: string;
  notes: string;
  nextHost: string;
  nextSeeker: string;
  safety: string;
  yes: string;
  no: string;
  signature: string;
}

const STRINGS: Readonly<Record<Locale, PlacementStrings>> = {
  en: {
    subjectHost: 'Haven: your guests’ contact details',
    subjectSeeker: 'Haven: we found you a place – your host’s contact details',
    greeting: 'Hello {name},',
    approvedHost: 'A coordinator has approved a stay at your place. These are your guests:',
    approvedSeeker: 'Good news: a coordinator has approved a place for you. This is your host:',
    guest: 'Your guests',
    host: 'Your host',
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    noPhone: 'not given',
    party: 'People',
    partyValue: '{total} (adults: {adults}, children: {children})',
    pets: 'Pets',
    city: 'City',
    arrival: 'Arrival',
    departure: 'Departure',
    openEnded: 'not fixed yet',
    languages: 'Languages',
    notes: 'Notes',
    nextHost:
      'Please get in touch with them soon to agree on the day and time of arrival, and give them your address yourself.',
    nextSeeker:
      'Please get in touch with your host soon to agree on the day and time of arrival; they will give you the address.',
    safety:
      'If anything feels wrong, you do not have to go ahead: reply to the coordinator who wrote to you, or to this address.',
    yes: 'yes',
    no: 'no',
    signature: 'The Haven volunteers',
  },
  ru: {
    subjectHost: 'Haven: контакты ваших гостей',
    subjectSeeker: 'Haven: мы нашли для вас жильё – контакты хозяина',
    greeting: 'Здравствуйте, {name}!',
    approvedHost: 'Координатор одобрил проживание у вас. Ваши гости:',
    approvedSeeker: 'Хорошая новость: координатор одобрил для вас жильё. Ваш хозяин:',
    guest: 'Ваши гости',
    host: 'Ваш хозяин',
    name: 'Имя',
    email: 'Эл. почта',
    phone: 'Телефон',
    noPhone: 'не указан',
    party: 'Человек',
    partyValue: '{total} (взрослых: {adults}, детей: {children})',
    pets: 'Животные',
    city: 'Город',
    arrival: 'Приезд',
    departure: 'Отъезд',
    openEnded: 'пока не известен',
    languages: 'Языки',
    notes: 'Заметки',
    nextHost:
      'Пожалуйста, свяжитесь с ними в ближайшее время, договоритесь о дне и времени приезда и сообщите им адрес сами.',
    nextSeeker:
      'Пожалуйста, свяжитесь с хозяином в ближайшее время и договоритесь о дне и времени приезда; адрес вам сообщит хозяин.',
    safety:
      'Если что-то вызывает сомнения, вы не обязаны соглашаться: ответьте координатору, который вам писал, или на этот адрес.',
    yes: 'да',
    no: 'нет',
    signature: 'Волонтёры Haven',
  },
  uk: {
    subjectHost: 'Haven: контакти ваших гостей',
    subjectSeeker: 'Haven: ми знайшли для вас житло – контакти господаря',
    greeting: 'Вітаємо, {name}!',
    approvedHost: 'Координатор схвалив проживання у вас. Ваші гості:',
    approvedSeeker: 'Гарна новина: координатор схвалив для вас житло. Ваш господар:',
    guest: 'Ваші гості',
    host: 'Ваш господар',
    name: 'Ім’я',
    email: 'Ел. пошта',
    phone: 'Телефон',
    noPhone: 'не вказано',
    party: 'Осіб',
    partyValue: '{total} (дорослих: {adults}, дітей: {children})',
    pets: 'Тварини',
    city: 'Місто',
    arrival: 'Приїзд',
    departure: 'Від’їзд',
    openEnded: 'ще не відомо',
    languages: 'Мови',
    notes: 'Нотатки',
    nextHost:
      'Будь ласка, зв’яжіться з ними найближчим часом, домовтеся про день і час приїзду та повідомте їм адресу самі.',
    nextSeeker:
      'Будь ласка, зв’яжіться з господарем найближчим часом і домовтеся про день і час приїзду; адресу вам повідомить господар.',
    safety:
      'Якщо щось викликає сумніви, ви не зобов’язані погоджуватися: напишіть координатору, який вам писав, або на цю адресу.',
    yes: 'так',
    no: 'ні',
    signature: 'Волонтери Haven',
  },
  tr: {
    subjectHost: 'Haven: misafirlerinizin iletişim bilgileri',
    subjectSeeker: 'Haven: size bir yer bulduk – ev sahibinizin iletişim bilgileri',
    greeting: 'Merhaba {name},',
    approvedHost: 'Bir koordinatör evinizde konaklamayı onayladı. Misafirleriniz:',
    approvedSeeker: 'Güzel haber: bir koordinatör sizin için bir yeri onayladı. Ev sahibiniz:',
    guest: 'Misafirleriniz',
    host: 'Ev sahibiniz',
    name: 'Ad',
    email: 'E-posta',
    phone: 'Telefon',
    noPhone: 'belirtilmedi',
    party: 'Kişi',
    partyValue: '{total} (yetişkin: {adults}, çocuk: {children})',
    pets: 'Evcil hayvan',
    city: 'Şehir',
    arrival: 'Varış',
    departure: 'Ayrılış',
    openEnded: 'henüz belli değil',
    languages: 'Diller',
    notes: 'Notlar',
    nextHost:
      'Lütfen varış günü ve saatini kararlaştırmak için kısa süre içinde onlarla iletişime geçin ve adresinizi onlara kendiniz verin.',
    nextSeeker:
      'Lütfen varış günü ve saatini kararlaştırmak için kısa süre içinde ev sahibinizle iletişime geçin; adresi size ev sahibi verecek.',
    safety:
      'Bir şey size yanlış gelirse devam etmek zorunda değilsiniz: size yazan koordinatöre ya da bu adrese yanıt verin.',
    yes: 'evet',
    no: 'hayır',
    signature: 'Haven gönüllüleri',
  },
};

/** The stay as the proposal holds it: the first night, and the morning of departure if there is one. */
const stayRows = (s: PlacementStrings, proposal: ProposalRecord): Row[] => [
  [s.arrival, proposal.nightsFrom],
  [s.departure, proposal.nightsTo ?? s.openEnded],
];

function render(
  locale: Locale,
  to: string,
  subject: string,
  intro: string,
  heading: string,
  rows: Row[],
  closing: string[],
  name: string,
): RenderedMail {
  const s = STRINGS[locale];
  const greeting = fill(s.greeting, { name });
  const text = [
    greeting,
    '',
    intro,
    '',
    `${heading}:`,
    textRows(rows),
    '',
    ...closing.flatMap((line) => [line, '']),
    `— ${s.signature}`,
  ].join('\n');
  const html = htmlDocument(locale, subject, [
    htmlParagraph(greeting),
    htmlParagraph(intro),
    htmlHeading(heading),
    htmlRows(rows),
    ...closing.map(htmlParagraph),
    `<p>— ${escapeHtml(s.signature)}</p>`,
  ]);
  return { template: 'placement', to: [to], locale, subject, text, html };
}

/** To the host: who is coming (name, email, phone, party, dates), in the host's language. */
export function renderHostPlacementMail(
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
): RenderedMail {
  const s = STRINGS[offer.locale];
  const rows: Row[] = [
    [s.name, request.name],
    [s.email, request.email],
    [s.phone, request.phone ?? s.noPhone],
    [
      s.party,
      fill(s.partyValue, {
        total: request.adults + request.children,
        adults: request.adults,
        children: request.children,
      }),
    ],
    [s.pets, request.pets ? s.yes : s.no],
    ...stayRows(s, proposal),
    [s.languages, request.languages.join(', ')],
    ...(request.notes ? [[s.notes, request.notes] as Row] : []),
  ];
  return {
    ...render(
      offer.locale,
      offer.email,
      s.subjectHost,
      s.approvedHost,
      s.guest,
      rows,
      [s.nextHost],
      offer.name,
    ),
    template: 'placement-host',
  };
}

/** To the seeker: who hosts them (name, email, phone, city, dates), in the seeker's language. */
export function renderSeekerPlacementMail(
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
): RenderedMail {
  const s = STRINGS[request.locale];
  const rows: Row[] = [
    [s.name, offer.name],
    [s.email, offer.email],
    [s.phone, offer.phone ?? s.noPhone],
    [s.city, `${offer.city}, ${offer.country}`],
    ...stayRows(s, proposal),
    [s.languages, offer.languages.join(', ')],
  ];
  return {
    ...render(
      request.locale,
      request.email,
      s.subjectSeeker,
      s.approvedSeeker,
      s.host,
      rows,
      [s.nextSeeker, s.safety],
      request.name,
    ),
    template: 'placement-seeker',
  };
}
