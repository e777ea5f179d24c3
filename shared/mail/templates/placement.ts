import type { Locale, OfferRecord, ProposalRecord, RequestRecord } from '../../domain/records.ts';
import { placeName } from '../../places/gazetteer.ts';
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
  city: string;
  arrival: string;
  departure: string;
  openEnded: string;
  nextHost: string;
  nextSeeker: string;
  safety: string;
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
    city: 'City',
    arrival: 'Arrival',
    departure: 'Departure',
    openEnded: 'not fixed yet',
    nextHost:
      'Please get in touch with them soon to agree on the day and time of arrival, and give them your address yourself.',
    nextSeeker:
      'Please get in touch with your host soon to agree on the day and time of arrival; they will give you the address.',
    safety:
      'If anything feels wrong, you do not have to go ahead: reply to the coordinator who wrote to you, or to this address.',
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
    city: 'Город',
    arrival: 'Приезд',
    departure: 'Отъезд',
    openEnded: 'пока не известен',
    nextHost:
      'Пожалуйста, свяжитесь с ними в ближайшее время, договоритесь о дне и времени приезда и сообщите им адрес сами.',
    nextSeeker:
      'Пожалуйста, свяжитесь с хозяином в ближайшее время и договоритесь о дне и времени приезда; адрес вам сообщит хозяин.',
    safety:
      'Если что-то вызывает сомнения, вы не обязаны соглашаться: ответьте координатору, который вам писал, или на этот адрес.',
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
    city: 'Місто',
    arrival: 'Приїзд',
    departure: 'Від’їзд',
    openEnded: 'ще не відомо',
    nextHost:
      'Будь ласка, зв’яжіться з ними найближчим часом, домовтеся про день і час приїзду та повідомте їм адресу самі.',
    nextSeeker:
      'Будь ласка, зв’яжіться з господарем найближчим часом і домовтеся про день і час приїзду; адресу вам повідомить господар.',
    safety:
      'Якщо щось викликає сумніви, ви не зобов’язані погоджуватися: напишіть координатору, який вам писав, або на цю адресу.',
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
    city: 'Şehir',
    arrival: 'Varış',
    departure: 'Ayrılış',
    openEnded: 'henüz belli değil',
    nextHost:
      'Lütfen varış günü ve saatini kararlaştırmak için kısa süre içinde onlarla iletişime geçin ve adresinizi onlara kendiniz verin.',
    nextSeeker:
      'Lütfen varış günü ve saatini kararlaştırmak için kısa süre içinde ev sahibinizle iletişime geçin; adresi size ev sahibi verecek.',
    safety:
      'Bir şey size yanlış gelirse devam etmek zorunda değilsiniz: size yazan koordinatöre ya da bu adrese yanıt verin.',
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

/**
 * To the host: who is coming (name, email, phone, dates), in the host's language, and nothing
 * else of the request: its notes may hold what the seeker meant for coordinators only.
 */
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
    ...stayRows(s, proposal),
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
    [s.city, `${placeName(offer.country, offer.city, request.locale)}, ${offer.country}`],
    ...stayRows(s, proposal),
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
