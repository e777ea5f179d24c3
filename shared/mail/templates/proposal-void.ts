import { coordinatorsFor } from '../../approval/coordinators.ts';
import type { Config } from '../../config.ts';
import type { Locale, OfferRecord, ProposalRecord, RequestRecord } from '../../domain/records.ts';
import { placeName } from '../../places/gazetteer.ts';
import type { RenderedMail } from '../message.ts';
import {
  fill,
  htmlDocument,
  htmlParagraph,
  htmlRows,
  type Row,
  textRows,
  utcMinutes,
} from './approval-parts.ts';
import { coordinatorLocales } from './proposal.ts';

/** Why a pending proposal became void. */
export type VoidReason =
  | 'expired'
  | 'offer-withdrawn'
  | 'request-withdrawn'
  | 'offer-paused'
  | 'offer-changed'
  | 'request-changed';

interface VoidStrings {
  subject: string;
  intro: string;
  expired: string;
  offerWithdrawn: string;
  requestWithdrawn: string;
  offerPaused: string;
  offerChanged: string;
  requestChanged: string;
  nothingToDo: string;
  host: string;
  seeker: string;
  place: string;
  dates: string;
  party: string;
  proposed: string;
  openEnded: string;
}

const STRINGS: Readonly<Record<Locale, VoidStrings>> = {
  en: {
    subject: 'Haven: proposal void',
    intro: 'This proposal is void and can no longer be approved or declined:',
    expired: 'nobody decided before {due}.',
    offerWithdrawn: 'the host withdrew the offer.',
    requestWithdrawn: 'the seeker withdrew the request.',
    offerPaused:
      'the offer was paused (by the host, or because the host did not confirm it is still available).',
    offerChanged:
      'the host changed the offer (dates, beds or other details), so the facts you would decide on are out of date.',
    requestChanged:
      'the seeker changed the request (dates, people or other details), so the facts you would decide on are out of date.',
    nothingToDo: 'There is nothing to do. The beds are free again and Haven looks for other matches.',
    host: 'Host',
    seeker: 'Seeker',
    place: 'Place',
    dates: 'Dates',
    party: 'People',
    proposed: 'Proposed',
    openEnded: 'open-ended',
  },
  ru: {
    subject: 'Haven: предложение недействительно',
    intro: 'Это предложение больше недействительно, его нельзя одобрить или отклонить:',
    expired: 'никто не принял решение до {due}.',
    offerWithdrawn: 'хозяин отозвал предложение жилья.',
    requestWithdrawn: 'ищущий жильё отозвал заявку.',
    offerPaused:
      'предложение жилья приостановлено (хозяином или потому, что хозяин не подтвердил, что жильё всё ещё свободно).',
    offerChanged:
      'хозяин изменил предложение (даты, места или другие данные), поэтому сведения для решения устарели.',
    requestChanged:
      'ищущий жильё изменил заявку (даты, число людей или другие данные), поэтому сведения для решения устарели.',
    nothingToDo: 'Ничего делать не нужно. Места снова свободны, Haven ищет другие пары.',
    host: 'Хозяин',
    seeker: 'Ищущий жильё',
    place: 'Место',
    dates: 'Даты',
    party: 'Человек',
    proposed: 'Предложено',
    openEnded: 'без даты окончания',
  },
  uk: {
    subject: 'Haven: пропозиція недійсна',
    intro: 'Ця пропозиція більше недійсна, її не можна схвалити чи відхилити:',
    expired: 'ніхто не ухвалив рішення до {due}.',
    offerWithdrawn: 'господар відкликав пропозицію житла.',
    requestWithdrawn: 'шукач житла відкликав заявку.',
    offerPaused:
      'пропозицію житла призупинено (господарем або тому, що господар не підтвердив, що житло досі вільне).',
    offerChanged:
      'господар змінив пропозицію (дати, місця чи інші дані), тож відомості для рішення застаріли.',
    requestChanged:
      'шукач житла змінив заявку (дати, кількість людей чи інші дані), тож відомості для рішення застаріли.',
    nothingToDo: 'Нічого робити не треба. Місця знову вільні, Haven шукає інші пари.',
    host: 'Господар',
    seeker: 'Шукач житла',
    place: 'Місце',
    dates: 'Дати',
    party: 'Осіб',
    proposed: 'Запропоновано',
    openEnded: 'без дати завершення',
  },
  tr: {
    subject: 'Haven: öneri geçersiz',
    intro: 'Bu öneri artık geçersiz; onaylanamaz veya reddedilemez:',
    expired: '{due} tarihine kadar kimse karar vermedi.',
    offerWithdrawn: 'ev sahibi teklifini geri çekti.',
    requestWithdrawn: 'konaklama arayan talebini geri çekti.',
    offerPaused:
      'teklif duraklatıldı (ev sahibi tarafından ya da ev sahibi hâlâ müsait olduğunu onaylamadığı için).',
    offerChanged:
      'ev sahibi teklifi değiştirdi (tarihler, yataklar veya diğer bilgiler); karar vereceğiniz bilgiler artık güncel değil.',
    requestChanged:
      'konaklama arayan talebi değiştirdi (tarihler, kişi sayısı veya diğer bilgiler); karar vereceğiniz bilgiler artık güncel değil.',
    nothingToDo: 'Yapmanız gereken bir şey yok. Yataklar yeniden boş ve Haven başka eşleşmeler arıyor.',
    host: 'Ev sahibi',
    seeker: 'Konaklama arayan',
    place: 'Yer',
    dates: 'Tarihler',
    party: 'Kişi',
    proposed: 'Önerildi',
    openEnded: 'bitiş tarihi yok',
  },
};

const REASON_KEY = {
  expired: 'expired',
  'offer-withdrawn': 'offerWithdrawn',
  'request-withdrawn': 'requestWithdrawn',
  'offer-paused': 'offerPaused',
  'offer-changed': 'offerChanged',
  'request-changed': 'requestChanged',
} as const;

/**
 * Tells the coordinators who received a proposal that it is void (expired; one side withdrew,
 * paused or changed the facts it was made on),
 * so nobody acts on a stale mail; in the same languages as the proposal mail.
 */
export function renderProposalVoidMail(
  proposal: ProposalRecord,
  offer: OfferRecord,
  request: RequestRecord,
  reason: VoidReason,
  config: Config,
): RenderedMail {
  const parts = coordinatorLocales(offer).map((locale) => {
    const s = STRINGS[locale];
    const why = fill(s[REASON_KEY[reason]], { due: utcMinutes(proposal.decisionDueAt) });
    const rows: Row[] = [
      [s.host, offer.name],
      [s.seeker, request.name],
      [s.place, `${placeName(offer.country, offer.city, locale)}, ${offer.country}`],
      [s.dates, `${proposal.nightsFrom} – ${proposal.nightsTo ?? s.openEnded}`],
      [s.party, String(proposal.partySize)],
      [s.proposed, utcMinutes(proposal.createdAt)],
    ];
    return {
      text: [`${s.intro} ${why}`, '', textRows(rows), '', s.nothingToDo].join('\n'),
      html: [htmlParagraph(`${s.intro} ${why}`), htmlRows(rows), htmlParagraph(s.nothingToDo)].join('\n'),
    };
  });
  // No names in the subject: it shows on lock screens and in notification previews.
  const subject = `${STRINGS.en.subject} · ${offer.city} · ${proposal.nightsFrom}`;
  return {
    template: `proposal-${reason}`,
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
