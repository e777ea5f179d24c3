import type { Locale } from '../../domain/records.ts';
import { ActionPage, DonePage } from './action-page.tsx';
import type { PageContext } from './layout.tsx';

/** The field the problem page's button is named, and the value the POST must carry to act. */
export const PROBLEM_BUTTON = { name: 'report', value: 'problem' } as const;

const STRINGS: Readonly<
  Record<Locale, { title: string; lead: string; button: string; doneTitle: string; doneText: string }>
> = {
  en: {
    title: 'Is something wrong with the stay?',
    lead: 'Press the button and a coordinator will get in touch with you. Nothing is sent until you press it.',
    button: 'Tell a coordinator',
    doneTitle: 'A coordinator has been told',
    doneText: 'They will get in touch with you soon. If you are in danger, call the local emergency number.',
  },
  ru: {
    title: 'Что-то не так с проживанием?',
    lead: 'Нажмите кнопку, и координатор свяжется с вами. Ничего не отправится, пока вы её не нажмёте.',
    button: 'Сообщить координатору',
    doneTitle: 'Координатор получил сообщение',
    doneText: 'Он скоро свяжется с вами. Если вы в опасности, позвоните по местному номеру экстренных служб.',
  },
  uk: {
    title: 'Щось не так із проживанням?',
    lead: 'Натисніть кнопку, і координатор зв’яжеться з вами. Нічого не надішлеться, доки ви її не натиснете.',
    button: 'Повідомити координатора',
    doneTitle: 'Координатор отримав повідомлення',
    doneText:
      'Він незабаром зв’яжеться з вами. Якщо ви в небезпеці, зателефонуйте на місцевий номер екстрених служб.',
  },
  tr: {
    title: 'Konaklamada bir sorun mu var?',
    lead: 'Düğmeye basın, bir koordinatör sizinle iletişime geçsin. Siz basana kadar hiçbir şey gönderilmez.',
    button: 'Koordinatöre bildir',
    doneTitle: 'Koordinatöre bildirildi',
    doneText:
      'Kısa süre içinde sizinle iletişime geçecek. Tehlikedeyseniz yerel acil durum numarasını arayın.',
  },
};

/** `GET /check-in/{token}`: one button that tells the coordinators; nothing here acts by itself. */
export function ProblemPage({ page, action }: { page: PageContext; action: string }) {
  const s = STRINGS[page.locale];
  return (
    <ActionPage
      page={page}
      title={s.title}
      lead={s.lead}
      action={action}
      button={{ ...PROBLEM_BUTTON, label: s.button }}
    />
  );
}

/** After the report went to the coordinators. */
export function ProblemReportedPage({ page }: { page: PageContext }) {
  const s = STRINGS[page.locale];
  return <DonePage page={page} title={s.doneTitle} text={s.doneText} />;
}
