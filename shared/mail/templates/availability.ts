import type { Locale, OfferRecord, RequestRecord } from '../../domain/records.ts';
import { translator } from '../../i18n/index.ts';
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
} from './approval-parts.ts';
import { escapeHtml } from './confirm.ts';

interface AvailabilityStrings {
  subject: string;
  greeting: string;
  question: string;
  city: string;
  dates: string;
  openEnded: string;
  beds: string;
  yes: string;
  no: string;
  deadline: string;
  linkNote: string;
  signature: string;
}

const STRINGS: Readonly<Record<Locale, AvailabilityStrings>> = {
  en: {
    subject: 'Haven: is your place still available?',
    greeting: 'Hello {name},',
    question: 'You offered a place to stay on Haven. Is it still available?',
    city: 'Place',
    dates: 'Available',
    openEnded: 'open-ended',
    beds: 'Beds',
    yes: 'Yes, still available',
    no: 'No longer available',
    deadline:
      'If we do not hear from you within a week, we pause the offer: nobody is proposed to you until you press “Yes, still available”.',
    linkNote: 'Each link opens a page with one button; nothing changes until you press it.',
    signature: 'The Haven volunteers',
  },
  ru: {
    subject: 'Haven: ваше жильё всё ещё свободно?',
    greeting: 'Здравствуйте, {name}!',
    question: 'Вы предложили жильё на Haven. Оно всё ещё свободно?',
    city: 'Место',
    dates: 'Свободно',
    openEnded: 'без даты окончания',
    beds: 'Спальных мест',
    yes: 'Да, всё ещё свободно',
    no: 'Больше не свободно',
    deadline:
      'Если мы не получим ответа в течение недели, мы приостановим предложение: вам никого не предложат, пока вы не нажмёте «Да, всё ещё свободно».',
    linkNote: 'Каждая ссылка открывает страницу с одной кнопкой; ничего не изменится, пока вы её не нажмёте.',
    signature: 'Волонтёры Haven',
  },
  uk: {
    subject: 'Haven: ваше житло досі вільне?',
    greeting: 'Вітаємо, {name}!',
    question: 'Ви запропонували житло на Haven. Воно досі вільне?',
    city: 'Місце',
    dates: 'Вільно',
    openEnded: 'без дати завершення',
    beds: 'Спальних місць',
    yes: 'Так, досі вільне',
    no: 'Більше не вільне',
    deadline:
      'Якщо ми не отримаємо відповіді протягом тижня, ми призупинимо пропозицію: вам нікого не запропонують, доки ви не натиснете «Так, досі вільне».',
    linkNote:
      'Кожне посилання відкриває сторінку з однією кнопкою; нічого не зміниться, доки ви її не натиснете.',
    signature: 'Волонтери Haven',
  },
  tr: {
    subject: 'Haven: yeriniz hâlâ müsait mi?',
    greeting: 'Merhaba {name},',
    question: 'Haven’da kalacak bir yer teklif ettiniz. Hâlâ müsait mi?',
    city: 'Yer',
    dates: 'Müsait',
    openEnded: 'bitiş tarihi yok',
    beds: 'Yatak',
    yes: 'Evet, hâlâ müsait',
    no: 'Artık müsait değil',
    deadline:
      'Bir hafta içinde sizden haber alamazsak teklifi duraklatırız: “Evet, hâlâ müsait” düğmesine basana kadar size kimse önerilmez.',
    linkNote: 'Her bağlantı tek düğmeli bir sayfa açar; düğmeye basana kadar hiçbir şey değişmez.',
    signature: 'Haven gönüllüleri',
  },
};

/** The offer as both availability mails show it: where, when, how many beds. */
function offerRows(s: AvailabilityStrings, offer: OfferRecord): Row[] {
  return [
    [s.city, `${placeName(offer.country, offer.city, offer.locale)}, ${offer.country}`],
    [s.dates, `${offer.availableFrom} – ${offer.availableTo ?? s.openEnded}`],
    [s.beds, String(offer.beds)],
  ];
}

/**
 * The fortnightly "still available?" mail to the host of an open offer, in the host's language,
 * with the yes and no-longer links: stale offers are what makes such a pool useless.
 */
export function renderAvailabilityMail(offer: OfferRecord, yesUrl: string, noUrl: string): RenderedMail {
  const s = STRINGS[offer.locale];
  const greeting = fill(s.greeting, { name: offer.name });
  const rows = offerRows(s, offer);
  const text = [
    greeting,
    '',
    s.question,
    '',
    textRows(rows),
    '',
    `${s.yes}: ${yesUrl}`,
    `${s.no}: ${noUrl}`,
    '',
    s.deadline,
    s.linkNote,
    '',
    `— ${s.signature}`,
  ].join('\n');
  const html = htmlDocument(offer.locale, s.subject, [
    htmlParagraph(greeting),
    htmlParagraph(s.question),
    htmlRows(rows),
    `<p>${htmlButton(yesUrl, s.yes)}${htmlButton(noUrl, s.no, 'secondary')}</p>`,
    htmlSmallLink(yesUrl),
    htmlSmallLink(noUrl),
    htmlParagraph(s.deadline),
    `<p style="font-size:13px;color:#555555">${escapeHtml(s.linkNote)}</p>`,
    `<p>— ${escapeHtml(s.signature)}</p>`,
  ]);
  return {
    template: 'availability',
    to: [offer.email],
    locale: offer.locale,
    subject: s.subject,
    text,
    html,
  };
}

interface PausedStrings {
  subject: string;
  intro: string;
  action: string;
  otherwise: string;
  linkNote: string;
}

const PAUSED_STRINGS: Readonly<Record<Locale, PausedStrings>> = {
  en: {
    subject: 'Haven: your offer is paused',
    intro:
      'A week ago we asked whether your place is still available and did not hear back, so we have paused your offer: nobody is proposed to you for now.',
    action: 'If you can still host, press the button and your offer is open again:',
    otherwise: 'If the place is no longer available, you need not do anything: the offer stays paused.',
    linkNote: 'The link opens a page with one button; nothing changes until you press it.',
  },
  ru: {
    subject: 'Haven: ваше предложение приостановлено',
    intro:
      'Неделю назад мы спросили, свободно ли ещё ваше жильё, и не получили ответа, поэтому приостановили ваше предложение: пока вам никого не предлагают.',
    action: 'Если вы всё ещё можете принять людей, нажмите кнопку, и предложение снова станет активным:',
    otherwise:
      'Если жильё больше не свободно, ничего делать не нужно: предложение останется приостановленным.',
    linkNote: 'Ссылка открывает страницу с одной кнопкой; ничего не изменится, пока вы её не нажмёте.',
  },
  uk: {
    subject: 'Haven: вашу пропозицію призупинено',
    intro:
      'Тиждень тому ми запитали, чи ваше житло досі вільне, і не отримали відповіді, тому призупинили вашу пропозицію: поки що вам нікого не пропонують.',
    action: 'Якщо ви досі можете прийняти людей, натисніть кнопку, і пропозиція знову стане активною:',
    otherwise: 'Якщо житло більше не вільне, нічого робити не потрібно: пропозиція залишиться призупиненою.',
    linkNote: 'Посилання відкриває сторінку з однією кнопкою; нічого не зміниться, доки ви її не натиснете.',
  },
  tr: {
    subject: 'Haven: teklifiniz duraklatıldı',
    intro:
      'Bir hafta önce yerinizin hâlâ müsait olup olmadığını sorduk ve yanıt alamadık; bu yüzden teklifinizi duraklattık: şimdilik size kimse önerilmiyor.',
    action: 'Hâlâ misafir kabul edebiliyorsanız düğmeye basın, teklifiniz yeniden açılır:',
    otherwise:
      'Yeriniz artık müsait değilse hiçbir şey yapmanıza gerek yok: teklif duraklatılmış olarak kalır.',
    linkNote: 'Bağlantı tek düğmeli bir sayfa açar; düğmeye basana kadar hiçbir şey değişmez.',
  },
};

/**
 * Tells the host that an unanswered question paused the offer, in the host's language, with the
 * yes link that opens it again: otherwise a host who missed one mail silently leaves the pool.
 */
export function renderAvailabilityPausedMail(offer: OfferRecord, yesUrl: string): RenderedMail {
  const s = STRINGS[offer.locale];
  const p = PAUSED_STRINGS[offer.locale];
  const greeting = fill(s.greeting, { name: offer.name });
  const rows = offerRows(s, offer);
  const text = [
    greeting,
    '',
    p.intro,
    '',
    textRows(rows),
    '',
    p.action,
    `${s.yes}: ${yesUrl}`,
    '',
    p.otherwise,
    p.linkNote,
    '',
    `— ${s.signature}`,
  ].join('\n');
  const html = htmlDocument(offer.locale, p.subject, [
    htmlParagraph(greeting),
    htmlParagraph(p.intro),
    htmlRows(rows),
    htmlParagraph(p.action),
    `<p>${htmlButton(yesUrl, s.yes)}</p>`,
    htmlSmallLink(yesUrl),
    htmlParagraph(p.otherwise),
    `<p style="font-size:13px;color:#555555">${escapeHtml(p.linkNote)}</p>`,
    `<p>— ${escapeHtml(s.signature)}</p>`,
  ]);
  return {
    template: 'availability-paused',
    to: [offer.email],
    locale: offer.locale,
    subject: p.subject,
    text,
    html,
  };
}

/**
 * The fortnightly "still looking?" mail to the seeker of an open request, in the seeker's
 * language, with the yes and no-longer links: a request nobody needs any more holds a bed back
 * from someone who does. Its strings live in the catalogs (`stillLooking.mail.*`).
 */
export function renderStillLookingMail(request: RequestRecord, yesUrl: string, noUrl: string): RenderedMail {
  const t = translator(request.locale);
  const subject = t('stillLooking.mail.subject');
  const greeting = t('stillLooking.mail.greeting', { name: request.name });
  const question = t('stillLooking.mail.question');
  const yes = t('stillLooking.yes.button');
  const no = t('stillLooking.no.button');
  const deadline = t('stillLooking.mail.deadline');
  const linkNote = t('stillLooking.mail.linkNote');
  const signature = t('stillLooking.mail.signature');
  const city = request.city && placeName(request.country, request.city, request.locale);
  const place = [city, request.country].filter(Boolean).join(', ');
  const rows: Row[] = [
    [t('fieldset.place'), place],
    [t('fieldset.dates'), `${request.arrival} – ${request.departure ?? t('stillLooking.mail.openEnded')}`],
    [t('stillLooking.mail.people'), String(request.adults + request.children)],
  ];
  const text = [
    greeting,
    '',
    question,
    '',
    textRows(rows),
    '',
    `${yes}: ${yesUrl}`,
    `${no}: ${noUrl}`,
    '',
    deadline,
    linkNote,
    '',
    `— ${signature}`,
  ].join('\n');
  const html = htmlDocument(request.locale, subject, [
    htmlParagraph(greeting),
    htmlParagraph(question),
    htmlRows(rows),
    `<p>${htmlButton(yesUrl, yes)}${htmlButton(noUrl, no, 'secondary')}</p>`,
    htmlSmallLink(yesUrl),
    htmlSmallLink(noUrl),
    htmlParagraph(deadline),
    `<p style="font-size:13px;color:#555555">${escapeHtml(linkNote)}</p>`,
    `<p>— ${escapeHtml(signature)}</p>`,
  ]);
  return { template: 'still-looking', to: [request.email], locale: request.locale, subject, text, html };
}
