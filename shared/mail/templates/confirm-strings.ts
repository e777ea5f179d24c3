import type { Locale } from '../../domain/records.ts';

/**
 * The confirmation mail's words in each language Haven speaks. `{name}` is filled in (and
 * escaped in HTML) by confirm.ts; nothing here is markup.
 */
export interface ConfirmStrings {
  subjectOffer: string;
  subjectRequest: string;
  subjectHeldOffer: string;
  subjectHeldRequest: string;
  heldOffer: string;
  heldRequest: string;
  applyButton: string;
  greeting: string;
  thanksOffer: string;
  thanksRequest: string;
  confirmAsk: string;
  confirmButton: string;
  pendingOffer: string;
  pendingRequest: string;
  confirmExpiry: string;
  manageIntro: string;
  manageButton: string;
  manageKeep: string;
  notYou: string;
  facts: string;
  place: string;
  anywhere: string;
  dates: string;
  from: string;
  beds: string;
  party: string;
  adults: string;
  children: string;
  signature: string;
}

export const CONFIRM_STRINGS: Readonly<Record<Locale, ConfirmStrings>> = {
  en: {
    subjectOffer: 'Please confirm your offer on Haven',
    subjectRequest: 'Please confirm your request on Haven',
    subjectHeldOffer: 'Confirm the changes to your offer on Haven',
    subjectHeldRequest: 'Confirm the changes to your request on Haven',
    heldOffer:
      'you sent the form again for dates that overlap your offer. To apply what you sent to that offer instead of adding a second one, open this link and press the button. If you do nothing, your offer stays as it was.',
    heldRequest:
      'you sent the form again for dates that overlap your request. To apply what you sent to that request instead of adding a second one, open this link and press the button. If you do nothing, your request stays as it was.',
    applyButton: 'Apply the changes',
    greeting: 'Hello {name},',
    thanksOffer: 'thank you for offering a place to stay.',
    thanksRequest: 'we have received your request for a place to stay.',
    confirmAsk: 'Please confirm your email address: open this link and press the button on the page.',
    confirmButton: 'Confirm my address',
    pendingOffer: 'Until you confirm, your offer is not matched with anyone.',
    pendingRequest: 'Until you confirm, we cannot look for a place for you.',
    confirmExpiry: 'The confirmation link works for 7 days.',
    manageIntro: 'Your private link to see, change, pause or withdraw it at any time:',
    manageButton: 'See or change my details',
    manageKeep: 'Keep this email and do not forward it: anyone with this link can change your details.',
    notYou: 'If you did not fill in the form, ignore this email. Nothing happens without confirmation.',
    facts: 'What you told us',
    place: 'Place',
    anywhere: 'anywhere in the country',
    dates: 'Dates',
    from: 'from {date}',
    beds: 'Beds',
    party: 'People',
    adults: 'adults',
    children: 'children',
    signature: 'The Haven volunteers',
  },
  ru: {
    subjectOffer: 'Подтвердите ваше предложение в Haven',
    subjectRequest: 'Подтвердите ваш запрос в Haven',
    subjectHeldOffer: 'Подтвердите изменения вашего предложения в Haven',
    subjectHeldRequest: 'Подтвердите изменения вашего запроса в Haven',
    heldOffer:
      'Вы снова отправили форму на даты, которые пересекаются с вашим предложением. Чтобы применить новые данные к этому предложению, а не создавать второе, откройте ссылку и нажмите кнопку. Если ничего не делать, предложение останется прежним.',
    heldRequest:
      'Вы снова отправили форму на даты, которые пересекаются с вашим запросом. Чтобы применить новые данные к этому запросу, а не создавать второй, откройте ссылку и нажмите кнопку. Если ничего не делать, запрос останется прежним.',
    applyButton: 'Применить изменения',
    greeting: 'Здравствуйте, {name}!',
    thanksOffer: 'Спасибо, что предлагаете жильё.',
    thanksRequest: 'Мы получили ваш запрос на жильё.',
    confirmAsk:
      'Пожалуйста, подтвердите адрес электронной почты: откройте ссылку и нажмите кнопку на странице.',
    confirmButton: 'Подтвердить адрес',
    pendingOffer: 'Пока вы не подтвердите адрес, ваше предложение никому не предлагается.',
    pendingRequest: 'Пока вы не подтвердите адрес, мы не можем искать для вас жильё.',
    confirmExpiry: 'Ссылка для подтверждения действует 7 дней.',
    manageIntro:
      'Ваша личная ссылка, чтобы в любой момент посмотреть, изменить, приостановить или отозвать данные:',
    manageButton: 'Посмотреть или изменить данные',
    manageKeep:
      'Сохраните это письмо и не пересылайте его: любой, у кого есть эта ссылка, может изменить ваши данные.',
    notYou:
      'Если вы не заполняли форму, просто проигнорируйте это письмо. Без подтверждения ничего не произойдёт.',
    facts: 'Что вы нам сообщили',
    place: 'Место',
    anywhere: 'в любом месте страны',
    dates: 'Даты',
    from: 'с {date}',
    beds: 'Спальные места',
    party: 'Люди',
    adults: 'взрослых',
    children: 'детей',
    signature: 'Волонтёры Haven',
  },
  uk: {
    subjectOffer: 'Підтвердіть вашу пропозицію в Haven',
    subjectRequest: 'Підтвердіть ваш запит у Haven',
    subjectHeldOffer: 'Підтвердіть зміни вашої пропозиції в Haven',
    subjectHeldRequest: 'Підтвердіть зміни вашого запиту в Haven',
    heldOffer:
      'Ви знову надіслали форму на дати, що перетинаються з вашою пропозицією. Щоб застосувати нові дані до цієї пропозиції, а не створювати другу, відкрийте посилання й натисніть кнопку. Якщо нічого не робити, пропозиція залишиться без змін.',
    heldRequest:
      'Ви знову надіслали форму на дати, що перетинаються з вашим запитом. Щоб застосувати нові дані до цього запиту, а не створювати другий, відкрийте посилання й натисніть кнопку. Якщо нічого не робити, запит залишиться без змін.',
    applyButton: 'Застосувати зміни',
    greeting: 'Вітаємо, {name}!',
    thanksOffer: 'Дякуємо, що пропонуєте житло.',
    thanksRequest: 'Ми отримали ваш запит на житло.',
    confirmAsk:
      'Будь ласка, підтвердіть адресу електронної пошти: відкрийте посилання й натисніть кнопку на сторінці.',
    confirmButton: 'Підтвердити адресу',
    pendingOffer: 'Доки ви не підтвердите адресу, вашу пропозицію нікому не пропонують.',
    pendingRequest: 'Доки ви не підтвердите адресу, ми не можемо шукати для вас житло.',
    confirmExpiry: 'Посилання для підтвердження діє 7 днів.',
    manageIntro:
      'Ваше особисте посилання, щоб будь-коли переглянути, змінити, призупинити або відкликати дані:',
    manageButton: 'Переглянути або змінити дані',
    manageKeep: 'Збережіть цей лист і не пересилайте його: будь-хто з цим посиланням може змінити ваші дані.',
    notYou:
      'Якщо ви не заповнювали форму, просто проігноруйте цей лист. Без підтвердження нічого не станеться.',
    facts: 'Що ви нам повідомили',
    place: 'Місце',
    anywhere: 'будь-де в країні',
    dates: 'Дати',
    from: 'з {date}',
    beds: 'Спальні місця',
    party: 'Люди',
    adults: 'дорослих',
    children: 'дітей',
    signature: 'Волонтери Haven',
  },
  tr: {
    subjectOffer: 'Lütfen Haven’daki teklifinizi onaylayın',
    subjectRequest: 'Lütfen Haven’daki talebinizi onaylayın',
    subjectHeldOffer: 'Haven’daki teklifinizdeki değişiklikleri onaylayın',
    subjectHeldRequest: 'Haven’daki talebinizdeki değişiklikleri onaylayın',
    heldOffer:
      'formu teklifinizle çakışan tarihler için yeniden gönderdiniz. İkinci bir teklif eklemek yerine gönderdiklerinizi mevcut teklifinize uygulamak için bu bağlantıyı açın ve düğmeye basın. Hiçbir şey yapmazsanız teklifiniz olduğu gibi kalır.',
    heldRequest:
      'formu talebinizle çakışan tarihler için yeniden gönderdiniz. İkinci bir talep eklemek yerine gönderdiklerinizi mevcut talebinize uygulamak için bu bağlantıyı açın ve düğmeye basın. Hiçbir şey yapmazsanız talebiniz olduğu gibi kalır.',
    applyButton: 'Değişiklikleri uygula',
    greeting: 'Merhaba {name},',
    thanksOffer: 'kalacak yer sunduğunuz için teşekkür ederiz.',
    thanksRequest: 'kalacak yer talebinizi aldık.',
    confirmAsk: 'Lütfen e-posta adresinizi onaylayın: bu bağlantıyı açın ve sayfadaki düğmeye basın.',
    confirmButton: 'Adresimi onayla',
    pendingOffer: 'Onaylayana kadar teklifiniz kimseyle eşleştirilmez.',
    pendingRequest: 'Onaylayana kadar sizin için yer arayamayız.',
    confirmExpiry: 'Onay bağlantısı 7 gün geçerlidir.',
    manageIntro:
      'Bilgilerinizi istediğiniz zaman görmek, değiştirmek, duraklatmak veya geri çekmek için size özel bağlantınız:',
    manageButton: 'Bilgilerimi gör veya değiştir',
    manageKeep:
      'Bu e-postayı saklayın ve kimseye iletmeyin: bu bağlantıya sahip olan herkes bilgilerinizi değiştirebilir.',
    notYou: 'Formu siz doldurmadıysanız bu e-postayı dikkate almayın. Onay olmadan hiçbir şey olmaz.',
    facts: 'Bize bildirdikleriniz',
    place: 'Yer',
    anywhere: 'ülkenin herhangi bir yerinde',
    dates: 'Tarihler',
    from: '{date} tarihinden itibaren',
    beds: 'Yatak',
    party: 'Kişiler',
    adults: 'yetişkin',
    children: 'çocuk',
    signature: 'Haven gönüllüleri',
  },
};
