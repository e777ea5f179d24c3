import { coordinatorsFor } from '../../approval/coordinators.ts';
import type { Config } from '../../config.ts';
import type { Locale, OfferRecord, ProposalRecord, RequestRecord } from '../../domain/records.ts';
import { placeName } from '../../places/gazetteer.ts';
import type { RenderedMail } from '../message.ts';
import {
  fill,
  htmlButton,
  htmlDocument,
  htmlParagraph,
  htmlRows,
  htmlSmallLink,
  type Row,
  textRows,
  utcMinutes,
} from './approval-parts.ts';
import { escapeHtml } from './confirm.ts';
import { coordinatorLocales } from './proposal.ts';

/** Which side of a placement a check-in goes to, or a problem came from. */
export type Side = 'host' | 'seeker';

interface CheckInStrings {
  subject: string;
  greeting: string;
  dayHost: string;
  daySeeker: string;
  fine: string;
  problem: string;
  button: string;
  linkNote: string;
  signature: string;
}

const STRINGS: Readonly<Record<Locale, CheckInStrings>> = {
  en: {
    subject: 'Haven: how is the stay going?',
    greeting: 'Hello {name},',
    dayHost: 'Your guests {other} arrived on {from}; today is day {day} of their stay with you.',
    daySeeker: 'You arrived at {other}’s on {from}; today is day {day} of your stay.',
    fine: 'If all is well, there is nothing to do.',
    problem: 'If there is a problem, tell us with the link below: a coordinator will get in touch with you.',
    button: 'There is a problem',
    linkNote: 'The link opens a page with one button; nothing is sent until you press it.',
    signature: 'The Haven volunteers',
  },
  ru: {
    subject: 'Haven: как проходит проживание?',
    greeting: 'Здравствуйте, {name}!',
    dayHost: 'Ваши гости {other} приехали {from}; сегодня {day}-й день их проживания у вас.',
    daySeeker: 'Вы приехали к {other} {from}; сегодня {day}-й день вашего проживания.',
    fine: 'Если всё хорошо, ничего делать не нужно.',
    problem: 'Если есть проблема, сообщите нам по ссылке ниже: координатор свяжется с вами.',
    button: 'Есть проблема',
    linkNote: 'Ссылка открывает страницу с одной кнопкой; ничего не отправится, пока вы её не нажмёте.',
    signature: 'Волонтёры Haven',
  },
  uk: {
    subject: 'Haven: як минає проживання?',
    greeting: 'Вітаємо, {name}!',
    dayHost: 'Ваші гості {other} приїхали {from}; сьогодні {day}-й день їхнього проживання у вас.',
    daySeeker: 'Ви приїхали до {other} {from}; сьогодні {day}-й день вашого проживання.',
    fine: 'Якщо все добре, нічого робити не треба.',
    problem: 'Якщо є проблема, повідомте нас за посиланням нижче: координатор зв’яжеться з вами.',
    button: 'Є проблема',
    linkNote:
      'Посилання відкриває сторінку з однією кнопкою; нічого не надішлеться, доки ви її не натиснете.',
    signature: 'Волонтери Haven',
  },
  tr: {
    subject: 'Haven: konaklama nasıl gidiyor?',
    greeting: 'Merhaba {name},',
    dayHost: 'Misafirleriniz {other} {from} tarihinde geldi; bugün sizde kalışlarının {day}. günü.',
    daySeeker: '{from} tarihinde {other} adlı ev sahibinize geldiniz; bugün kalışınızın {day}. günü.',
    fine: 'Her şey yolundaysa yapmanız gereken bir şey yok.',
    problem:
      'Bir sorun varsa aşağıdaki bağlantıyla bize bildirin: bir koordinatör sizinle iletişime geçecek.',
    button: 'Bir sorun var',
    linkNote: 'Bağlantı tek düğmeli bir sayfa açar; düğmeye basana kadar hiçbir şey gönderilmez.',
    signature: 'Haven gönüllüleri',
  },
};

/**
 * The check-in on day 3 or day 30 of a placement, to one side in its language, with the
 * "there is a problem" link that reaches the coordinators.
 */
export function renderCheckInMail(
  side: Side,
  day: number,
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
  problemUrl: string,
): RenderedMail {
  const [me, other] = side === 'host' ? [offer, request] : [request, offer];
  const s = STRINGS[me.locale];
  const greeting = fill(s.greeting, { name: me.name });
  const where = fill(side === 'host' ? s.dayHost : s.daySeeker, {
    other: other.name,
    from: proposal.nightsFrom,
    day,
  });
  const text = [
    greeting,
    '',
    where,
    s.fine,
    s.problem,
    '',
    `${s.button}: ${problemUrl}`,
    s.linkNote,
    '',
    `— ${s.signature}`,
  ].join('\n');
  const html = htmlDocument(me.locale, s.subject, [
    htmlParagraph(greeting),
    htmlParagraph(where),
    htmlParagraph(s.fine),
    htmlParagraph(s.problem),
    `<p>${htmlButton(problemUrl, s.button, 'secondary')}</p>`,
    htmlSmallLink(problemUrl),
    `<p style="font-size:13px;color:#555555">${escapeHtml(s.linkNote)}</p>`,
    `<p>— ${escapeHtml(s.signature)}</p>`,
  ]);
  return {
    template: `check-in-${side}-day${day}`,
    to: [me.email],
    locale: me.locale,
    subject: s.subject,
    text,
    html,
  };
}

interface ProblemStrings {
  subject: string;
  reportedBy: string;
  host: string;
  seeker: string;
  intro: string;
  place: string;
  dates: string;
  party: string;
  contacts: string;
  openEnded: string;
  reportedAt: string;
}

const PROBLEM_STRINGS: Readonly<Record<Locale, ProblemStrings>> = {
  en: {
    subject: 'Haven: a problem was reported in a placement',
    reportedBy: 'Reported by the {side} with the link in their check-in mail.',
    host: 'host',
    seeker: 'seeker',
    intro: 'Please get in touch with both sides of this placement:',
    place: 'Place',
    dates: 'Dates',
    party: 'People',
    contacts: 'Contacts',
    openEnded: 'open-ended',
    reportedAt: 'Reported',
  },
  ru: {
    subject: 'Haven: сообщение о проблеме в размещении',
    reportedBy: 'Сообщил(а) {side} по ссылке из письма-проверки.',
    host: 'хозяин',
    seeker: 'ищущий жильё',
    intro: 'Пожалуйста, свяжитесь с обеими сторонами этого размещения:',
    place: 'Место',
    dates: 'Даты',
    party: 'Человек',
    contacts: 'Контакты',
    openEnded: 'без даты окончания',
    reportedAt: 'Сообщено',
  },
  uk: {
    subject: 'Haven: повідомлення про проблему в розміщенні',
    reportedBy: 'Повідомив(ла) {side} за посиланням з листа-перевірки.',
    host: 'господар',
    seeker: 'шукач житла',
    intro: 'Будь ласка, зв’яжіться з обома сторонами цього розміщення:',
    place: 'Місце',
    dates: 'Дати',
    party: 'Осіб',
    contacts: 'Контакти',
    openEnded: 'без дати завершення',
    reportedAt: 'Повідомлено',
  },
  tr: {
    subject: 'Haven: bir yerleştirmede sorun bildirildi',
    reportedBy: 'Kontrol e-postasındaki bağlantıyla {side} bildirdi.',
    host: 'ev sahibi',
    seeker: 'konaklama arayan',
    intro: 'Lütfen bu yerleştirmenin her iki tarafıyla da iletişime geçin:',
    place: 'Yer',
    dates: 'Tarihler',
    party: 'Kişi',
    contacts: 'İletişim',
    openEnded: 'bitiş tarihi yok',
    reportedAt: 'Bildirildi',
  },
};

/** Tells the coordinators of the offer's country that one side of a placement reported a problem. */
export function renderProblemReportMail(
  side: Side,
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
  reportedAt: Date,
  config: Config,
): RenderedMail {
  const contact = (record: OfferRecord | RequestRecord) =>
    `${record.name}: ${record.email}${record.phone ? `, ${record.phone}` : ''}`;
  const parts = coordinatorLocales(offer).map((locale) => {
    const s = PROBLEM_STRINGS[locale];
    const rows: Row[] = [
      [s.place, `${placeName(offer.country, offer.city, locale)}, ${offer.country}`],
      [s.dates, `${proposal.nightsFrom} – ${proposal.nightsTo ?? s.openEnded}`],
      [s.party, String(proposal.partySize)],
      [`${s.contacts} (${s.host})`, contact(offer)],
      [`${s.contacts} (${s.seeker})`, contact(request)],
      [s.reportedAt, utcMinutes(reportedAt.toISOString())],
    ];
    const by = fill(s.reportedBy, { side: s[side] });
    return {
      text: [by, s.intro, '', textRows(rows)].join('\n'),
      html: [htmlParagraph(by), htmlParagraph(s.intro), htmlRows(rows)].join('\n'),
    };
  });
  const subject = `${PROBLEM_STRINGS.en.subject} · ${offer.city} · ${proposal.nightsFrom}`;
  return {
    template: `problem-${side}`,
    to: coordinatorsFor(config, offer.country),
    locale: 'en',
    subject,
    text: parts.map((part) => part.text).join('\n\n———\n\n'),
    html: htmlDocument(
      'en',
      subject,
      parts.flatMap((part, index) => (index === 0 ? [part.html] : ['<hr>', part.html])),
    ),
  };
}
