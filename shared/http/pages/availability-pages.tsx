import type { Locale, OfferRecord } from '../../domain/records.ts';
import type { AvailabilityAnswer } from '../../upkeep/availability.ts';
import { ActionPage, DonePage, type Fact } from './action-page.tsx';
import { localHref, type PageContext } from './layout.tsx';
import { formatDate } from './manage-page.tsx';

/** The field the availability pages' button is named; its value must be the link's own answer. */
export const AVAILABILITY_BUTTON = 'answer';

interface AvailabilityPageStrings {
  yesTitle: string;
  yesLead: string;
  yesPausedLead: string;
  yesButton: string;
  noTitle: string;
  noLead: string;
  noButton: string;
  factsTitle: string;
  confirmedTitle: string;
  confirmedText: string;
  resumedTitle: string;
  resumedText: string;
  closedTitle: string;
  closedText: string;
}

const STRINGS: Readonly<Record<Locale, AvailabilityPageStrings>> = {
  en: {
    yesTitle: 'Is your place still available?',
    yesLead: 'Press the button to confirm. We will ask again in two weeks.',
    yesPausedLead:
      'Your offer is paused because we did not hear from you. Press the button to confirm and open it again.',
    yesButton: 'Yes, still available',
    noTitle: 'Is your place no longer available?',
    noLead:
      'Pressing the button closes your offer: nobody will be proposed to you any more. Stays already agreed are not affected.',
    noButton: 'No longer available',
    factsTitle: 'Your offer',
    confirmedTitle: 'Thank you',
    confirmedText: 'Your offer stays open. We will ask again in two weeks.',
    resumedTitle: 'Your offer is open again',
    resumedText: 'Thank you. Haven can propose guests to you again; we will ask again in two weeks.',
    closedTitle: 'Your offer is closed',
    closedText: 'Thank you for helping. Nobody will be proposed to you any more.',
  },
  ru: {
    yesTitle: 'Ваше жильё всё ещё свободно?',
    yesLead: 'Нажмите кнопку, чтобы подтвердить. Мы спросим снова через две недели.',
    yesPausedLead:
      'Ваше предложение приостановлено, потому что вы не ответили. Нажмите кнопку, чтобы подтвердить и снова открыть его.',
    yesButton: 'Да, всё ещё свободно',
    noTitle: 'Ваше жильё больше не свободно?',
    noLead:
      'Кнопка закроет ваше предложение: вам больше никого не предложат. Уже согласованное проживание это не затронет.',
    noButton: 'Больше не свободно',
    factsTitle: 'Ваше предложение',
    confirmedTitle: 'Спасибо',
    confirmedText: 'Ваше предложение остаётся открытым. Мы спросим снова через две недели.',
    resumedTitle: 'Ваше предложение снова открыто',
    resumedText: 'Спасибо. Haven снова может предлагать вам гостей; мы спросим снова через две недели.',
    closedTitle: 'Ваше предложение закрыто',
    closedText: 'Спасибо за помощь. Вам больше никого не предложат.',
  },
  uk: {
    yesTitle: 'Ваше житло досі вільне?',
    yesLead: 'Натисніть кнопку, щоб підтвердити. Ми спитаємо знову через два тижні.',
    yesPausedLead:
      'Вашу пропозицію призупинено, бо ви не відповіли. Натисніть кнопку, щоб підтвердити й знову відкрити її.',
    yesButton: 'Так, досі вільне',
    noTitle: 'Ваше житло більше не вільне?',
    noLead:
      'Кнопка закриє вашу пропозицію: вам більше нікого не запропонують. Уже узгодженого проживання це не стосується.',
    noButton: 'Більше не вільне',
    factsTitle: 'Ваша пропозиція',
    confirmedTitle: 'Дякуємо',
    confirmedText: 'Ваша пропозиція залишається відкритою. Ми спитаємо знову через два тижні.',
    resumedTitle: 'Ваша пропозиція знову відкрита',
    resumedText: 'Дякуємо. Haven знову може пропонувати вам гостей; ми спитаємо знову через два тижні.',
    closedTitle: 'Вашу пропозицію закрито',
    closedText: 'Дякуємо за допомогу. Вам більше нікого не запропонують.',
  },
  tr: {
    yesTitle: 'Yeriniz hâlâ müsait mi?',
    yesLead: 'Onaylamak için düğmeye basın. İki hafta sonra yeniden soracağız.',
    yesPausedLead:
      'Sizden yanıt alamadığımız için teklifiniz duraklatıldı. Onaylayıp yeniden açmak için düğmeye basın.',
    yesButton: 'Evet, hâlâ müsait',
    noTitle: 'Yeriniz artık müsait değil mi?',
    noLead:
      'Düğme teklifinizi kapatır: size artık kimse önerilmez. Önceden kararlaştırılmış konaklamalar etkilenmez.',
    noButton: 'Artık müsait değil',
    factsTitle: 'Teklifiniz',
    confirmedTitle: 'Teşekkürler',
    confirmedText: 'Teklifiniz açık kalıyor. İki hafta sonra yeniden soracağız.',
    resumedTitle: 'Teklifiniz yeniden açık',
    resumedText: 'Teşekkürler. Haven size yeniden misafir önerebilir; iki hafta sonra yeniden soracağız.',
    closedTitle: 'Teklifiniz kapatıldı',
    closedText: 'Yardımınız için teşekkürler. Size artık kimse önerilmez.',
  },
};

function offerFacts(offer: OfferRecord, page: PageContext): Fact[] {
  const { t } = page;
  return [
    { label: t('field.city'), value: `${offer.city}, ${offer.country}` },
    { label: t('field.availableFrom'), value: formatDate(offer.availableFrom, page) },
    {
      label: t('field.availableTo'),
      value: offer.availableTo ? formatDate(offer.availableTo, page) : t('manage.notSet'),
    },
    { label: t('field.beds'), value: String(offer.beds) },
  ];
}

/** `GET /availability/{yes|no}/{token}`: the offer and one button; nothing here acts by itself. */
export function AvailabilityPage({
  page,
  answer,
  offer,
  action,
}: {
  page: PageContext;
  answer: AvailabilityAnswer;
  offer: OfferRecord;
  action: string;
}) {
  const s = STRINGS[page.locale];
  const yes = answer === 'yes';
  return (
    <ActionPage
      page={page}
      title={yes ? s.yesTitle : s.noTitle}
      lead={yes ? (offer.status === 'paused' ? s.yesPausedLead : s.yesLead) : s.noLead}
      factsTitle={s.factsTitle}
      facts={offerFacts(offer, page)}
      action={action}
      button={{
        name: AVAILABILITY_BUTTON,
        value: answer,
        label: yes ? s.yesButton : s.noButton,
        tone: yes ? 'primary' : 'danger',
      }}
    />
  );
}

/** After the host answered: what is now true of the offer. */
export function AvailabilityDonePage({
  page,
  outcome,
}: {
  page: PageContext;
  outcome: 'confirmed' | 'resumed' | 'closed';
}) {
  const s = STRINGS[page.locale];
  const { title, text } = {
    confirmed: { title: s.confirmedTitle, text: s.confirmedText },
    resumed: { title: s.resumedTitle, text: s.resumedText },
    closed: { title: s.closedTitle, text: s.closedText },
  }[outcome];
  return (
    <DonePage
      page={page}
      title={title}
      text={text}
      link={{ href: localHref('/', page.locale), label: page.t('site.home') }}
    />
  );
}
