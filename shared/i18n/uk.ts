import type { Catalog } from './en.ts';

export const uk: Catalog = {
  'site.name': 'Haven',
  'site.tagline': 'Житло для людей, які змушені були виїхати, — з допомогою волонтерів',
  'site.skip': 'Перейти до змісту',
  'site.language': 'Мова',
  'site.privacy':
    'Haven ніколи не публікує пропозиції та запити. Ваші контакти бачить координатор-волонтер, а інша сторона — лише після його схвалення.',
  'site.home': 'На головну',
  'site.places_credit': 'Назви й координати місць — за даними',

  'landing.title': 'Безпечний прихисток — разом',
  'landing.lead':
    'Haven поєднує людей, яким довелося покинути свій дім, із місцевими мешканцями, що мають вільне ліжко. Координатор-волонтер перевіряє кожну пару «гість — господар», перш ніж хтось дізнається адресу.',
  'landing.host.title': 'Я можу прийняти',
  'landing.host.text': 'Запропонуйте ліжко, кімнату чи квартиру на певний час.',
  'landing.host.cta': 'Запропонувати житло',
  'landing.seek.title': 'Мені потрібне житло',
  'landing.seek.text': 'Розкажіть, хто їде, куди і коли.',
  'landing.seek.cta': 'Знайти житло',
  'landing.how.title': 'Як це працює',
  'landing.how.1': 'Заповніть коротку форму. Це займе близько трьох хвилин, реєстрація не потрібна.',
  'landing.how.2': 'Підтвердьте адресу електронної пошти за посиланням з нашого листа.',
  'landing.how.3':
    'Координатор перевіряє кожну запропоновану пару. Лише після його схвалення господар і гість отримують контакти одне одного.',

  'form.offer.title': 'Запропонувати житло',
  'form.offer.lead':
    'Розкажіть, скільки місць ви можете запропонувати. Ми нічого не публікуємо: ці дані бачить лише координатор, коли підбирає пару.',
  'form.request.title': 'Знайти житло',
  'form.request.lead':
    'Розкажіть, хто їде, куди і коли. Ми нічого не публікуємо: ці дані бачить лише координатор, коли підбирає пару.',
  'form.optional': 'необов’язково',
  'form.optionalWithUsername': 'необов’язково, якщо у вашого акаунта в Telegram є ім’я користувача',
  'form.phoneUnlessEmail': 'обов’язково, якщо ви не вкажете адресу електронної пошти',
  'form.emailUnlessPhone': 'обов’язково, якщо ви не вкажете телефон',
  'form.offer.submit': 'Надіслати пропозицію',
  'form.request.submit': 'Надіслати запит',
  'form.errors.title': 'Будь ласка, виправте помилки у формі',
  'form.errors.lead': 'Поки що нічого не надіслано. Виправте поля нижче й надішліть форму ще раз.',
  'form.select.choose': 'Виберіть…',
  'form.country.common': 'Найчастіше',
  'form.country.all': 'Усі країни',
  'form.honeypot': 'Залиште це поле порожнім',

  'fieldset.you': 'Про вас',
  'fieldset.languages': 'Якими мовами ви розмовляєте',
  'fieldset.place': 'Де',
  'fieldset.dates': 'Коли',
  'fieldset.home': 'Ваше житло',
  'fieldset.party': 'Хто їде',
  'fieldset.needs': 'Що вам потрібно',
  'fieldset.notes': 'Щось іще',

  'field.name': 'Ваше ім’я',
  'field.name.hint': 'Достатньо імені.',
  'field.email': 'Електронна пошта',
  'field.email.hint': 'Сюди ми надішлемо посилання для підтвердження.',
  'field.email.telegramHint':
    'Ми пишемо вам у Telegram. Адреса знадобиться, лише якщо Telegram до вас не дійде.',
  'prompt.email.question': 'Можливо, ви мали на увазі {email}?',
  'prompt.email.use': 'Так, вказати {email} і надіслати',
  'prompt.email.keep': 'Якщо адреса {email} правильна, натисніть кнопку надсилання ще раз.',
  'field.phone': 'Номер телефону',
  'field.phone.hint': 'З кодом країни, наприклад +90 555 123 45 67.',
  'field.phone.telegramHint':
    'З кодом країни, наприклад +90 555 123 45 67. Якщо у вашого акаунта в Telegram немає імені користувача, вкажіть телефон або адресу електронної пошти, щоб господар або гості могли з вами зв’язатися.',
  'prompt.phone':
    'У номері немає коду країни. Додайте його (наприклад, +90 для Туреччини, +380 для України), щоб господар або гості могли зателефонувати вам із будь-якого телефону. Якщо номер правильний, натисніть кнопку надсилання ще раз.',
  'prompt.city.question': 'Назву «{city}» мають кілька місць. Яке з них ви маєте на увазі?',
  'prompt.title': 'Перевірте, будь ласка, перед надсиланням',
  'prompt.lead': 'Поки що нічого не надіслано. Подивіться на запитання під полями.',
  'prompt.phone.edit':
    'У номері немає коду країни. Додайте його (наприклад, +90 для Туреччини, +380 для України), щоб господар або гості могли зателефонувати вам із будь-якого телефону. Якщо номер правильний, натисніть «Зберегти зміни» ще раз.',
  'prompt.edit.title': 'Перевірте, будь ласка, перед збереженням',
  'prompt.edit.lead': 'Поки що нічого не змінено. Подивіться на запитання у формі нижче.',
  'form.sentSince':
    'Повернулися сюди зі сторінки «{title}»? Отже, форму вже отримано: знайдіть наш лист у вхідних. Надсилати її ще раз не потрібно.',
  'field.languages': 'Мови',
  'field.languages.hint': 'Позначте всі мови, якими ви можете спілкуватися.',
  'field.languagesOther': 'Інші мови',
  'field.languagesOther.hint': 'Дволітерні коди через кому, наприклад ar, fa.',
  'field.country': 'Країна',
  'field.city': 'Місто або населений пункт',
  'field.city.hint': 'Почніть вводити й виберіть підказку, якщо вона з’явиться.',
  'field.city.requestHint': 'Залиште порожнім, якщо підійде будь-яке місце в країні.',
  'field.maxDistanceKm': 'Як далеко від цього міста, у кілометрах',
  'field.maxDistanceKm.hint': 'Ми шукаємо житло в межах цієї відстані. Зазвичай 50.',
  'field.availableFrom': 'Вільно з',
  'field.availableTo': 'Вільно до',
  'field.availableTo.hint': 'Залиште порожнім, якщо поки не знаєте.',
  'field.beds': 'Кількість спальних місць',
  'field.beds.hint': 'Скільки людей можуть у вас ночувати — від 1 до 50.',
  'field.petsAllowed': 'Можна з тваринами',
  'field.childrenAllowed': 'Можна з дітьми',
  'field.stepFree': 'Без сходинок (від вулиці до ліжка немає сходів)',
  'field.multipleParties': 'Можу одночасно прийняти кілька сімей або груп',
  'field.hostHousehold': 'Хто живе у вас удома?',
  'field.hostHousehold.hint':
    'Гостям, які просять безпечне житло, наприклад жінкам, що їдуть самі з дітьми, ми пропонуємо лише домівки, де живе жінка, кілька жінок, пара або родина. Якщо ви не відповісте, ми не зможемо запропонувати ваше житло таким гостям.',
  'field.hostHousehold.none': 'Волію не казати',
  'household.single_man': 'Чоловік, живу сам',
  'household.single_woman': 'Жінка, живу сама',
  'household.men': 'Лише чоловіки',
  'household.women': 'Лише жінки',
  'household.couple': 'Пара',
  'household.family': 'Родина',
  'household.other': 'Інше',
  'field.arrival': 'Дата приїзду',
  'field.departure': 'Дата від’їзду',
  'field.departure.hint': 'Залиште порожнім, якщо поки не знаєте.',
  'field.adults': 'Дорослі',
  'field.adults.hint': 'Враховуючи вас.',
  'field.children': 'Діти (до 18 років)',
  'field.pets': 'З нами тварини',
  'field.needsStepFree': 'Комусь із нас потрібен доступ без сходинок',
  'field.safeHousehold': 'Поселяйте нас лише до жінки, до жінок, до пари або до родини',
  'field.safeHousehold.hint':
    'УВКБ ООН радить це жінкам і дітям, які подорожують самі. Житло, господарі якого не вказали, хто в ньому живе, вам не пропонуватимуть.',
  'field.notes': 'Що ще нам варто знати?',
  'field.notes.hint':
    'Не пишіть тут свою адресу: її повідомляють лише після того, як координатор схвалить пару.',
  'field.notes.left': 'Залишилося знаків: {count}',
  'field.notes.over': 'Зайвих знаків: {count}',

  'issue.required': 'Будь ласка, заповніть це поле.',
  'issue.invalid_type': 'Будь ласка, заповніть це поле.',
  'issue.too_small': 'Замале значення.',
  'issue.too_big': 'Завелике значення.',
  'issue.too_long': 'Задовго. Будь ласка, скоротіть.',
  'issue.notes.too_long':
    'У нотатки вміщується не більше 2000 знаків. Ми нічого не обрізали: скоротіть, будь ласка, текст самі.',
  'issue.invalid_format': 'Будь ласка, перевірте формат.',
  'issue.invalid_value': 'Будь ласка, виберіть один із варіантів.',
  'issue.invalid_characters':
    'Будь ласка, приберіть із цього поля службові символи, наприклад розриви рядків.',
  'issue.invalid_date': 'Будь ласка, введіть справжню дату.',
  'issue.date_in_past': 'Ця дата вже минула.',
  'issue.date_order': 'Ця дата не може бути раніше за першу.',
  'issue.unknown_city': 'Ми не знайшли такого місця у вибраній країні.',
  'issue.city_suggestions': 'Можливо, ви мали на увазі: {suggestions}?',
  'issue.city_choices': 'Можливо, ви мали на увазі:',
  'issue.unknown_country': 'Будь ласка, виберіть країну зі списку.',
  'issue.unknown_language': 'Будь ласка, використовуйте дволітерні коди мов, наприклад en або ka.',
  'issue.contact_required':
    'У вашого акаунта в Telegram немає імені користувача, тож господар або гості не зможуть вам там написати. Будь ласка, вкажіть телефон або адресу електронної пошти.',
  'issue.unrecognized_keys': 'У формі виявилися незнайомі нам поля. Будь ласка, оновіть сторінку.',
  'issue.invalid': 'Будь ласка, перевірте це поле.',
  'issue.name.required': 'Будь ласка, напишіть, як вас звати.',
  'issue.email.required': 'Будь ласка, вкажіть адресу електронної пошти.',
  'issue.email.invalid_format': 'Будь ласка, введіть адресу на зразок name@example.com.',
  'issue.phone.invalid_format': 'Використовуйте лише цифри, пробіли, дужки, «+» і «-».',
  'issue.languages.required': 'Будь ласка, позначте хоча б одну мову.',
  'issue.languages.too_small': 'Будь ласка, позначте хоча б одну мову.',
  'issue.country.required': 'Будь ласка, виберіть країну.',
  'issue.city.required': 'Будь ласка, вкажіть місто або населений пункт.',
  'issue.availableFrom.required': 'Будь ласка, вкажіть, з якого дня ви можете прийняти гостей.',
  'issue.availableTo.date_order': 'Ця дата має бути не раніше за дату «Вільно з».',
  'issue.beds.required': 'Будь ласка, вкажіть кількість місць.',
  'issue.beds.too_small': 'Запропонуйте хоча б одне місце.',
  'issue.beds.too_big': 'Вкажіть не більше 50 місць.',
  'issue.beds.invalid_type': 'Будь ласка, введіть ціле число від 1 до 50.',
  'issue.maxDistanceKm.too_small': 'Вкажіть не менше 1 км.',
  'issue.maxDistanceKm.too_big': 'Вкажіть не більше 1000 км.',
  'issue.maxDistanceKm.invalid_type': 'Будь ласка, введіть відстань у кілометрах.',
  'issue.arrival.required': 'Будь ласка, вкажіть дату приїзду.',
  'issue.departure.date_order': 'Дата від’їзду має бути не раніше за дату приїзду.',
  'issue.adults.required': 'Будь ласка, вкажіть кількість дорослих.',
  'issue.adults.too_small': 'У групі має бути хоча б один дорослий.',
  'issue.adults.too_big': 'Стільки дорослих ми не зможемо розмістити одночасно.',
  'issue.adults.invalid_type': 'Будь ласка, введіть ціле число.',
  'issue.children.too_small': 'Число не може бути від’ємним.',
  'issue.children.too_big': 'Стільки дітей ми не зможемо розмістити одночасно.',
  'issue.children.invalid_type': 'Будь ласка, введіть ціле число.',

  'inbox.title': 'Перевірте пошту',
  'inbox.sent': 'Ми надіслали листа на {email}.',
  'inbox.sentNoAddress': 'Ми надіслали вам листа з посиланням.',
  'inbox.offer':
    'Відкрийте посилання з листа, щоб підтвердити адресу. Доки ви цього не зробите, ми не пропонуватимемо ваше житло гостям.',
  'inbox.request':
    'Відкрийте посилання з листа, щоб підтвердити адресу. Доки ви цього не зробите, ми не можемо почати пошук.',
  'inbox.manage':
    'У тому ж листі є особисте посилання, за яким можна все змінити, призупинити або відкликати. Збережіть його й нікому не пересилайте.',
  'inbox.spam':
    'Листа немає вже кілька хвилин? Загляньте в папку «Спам». Якщо адресу вказано з помилкою, заповніть форму ще раз.',

  'telegram.start':
    'Вітаємо! Haven допомагає людям, які мусили покинути дім, знайти безпечне житло в місцевих господарів. Натисніть кнопку нижче — анкета відкриється просто в Telegram. Волонтер-координатор перевіряє кожну запропоновану пару, перш ніж хтось дізнається адресу.',
  'telegram.hint':
    'Будь ласка, скористайтеся кнопками нижче — вони відкривають анкети. Щоб знову їх побачити, надішліть /start.',
  'telegram.received.title': 'Дякуємо, ми все отримали',
  'telegram.received.offer':
    'Вашу пропозицію відкрито. Ми напишемо вам тут, у Telegram, коли координатор схвалить для вас гостей.',
  'telegram.received.request':
    'Ваш запит відкрито, і ми вже шукаємо житло. Ми напишемо вам тут, у Telegram, щойно координатор схвалить відповідний варіант.',
  'telegram.updated.offer':
    'Ви вже пропонували це житло на ці дати, тож ми не створювали другу пропозицію, а оновили першу тим, що ви щойно надіслали.',
  'telegram.updated.request':
    'Ви вже просили в нас житло на ці дати, тож ми не створювали другий запит, а оновили перший тим, що ви щойно надіслали.',
  'telegram.received.address':
    'Ми також надіслали на вказану вами адресу лист із посиланням. Відкрийте посилання з листа, щоб підтвердити адресу: доти ми нею не користуємося.',
  'telegram.received.manage':
    'Кнопка нижче відкриває особисту сторінку, де все можна змінити, призупинити або відкликати. Не пересилайте це повідомлення.',
  'telegram.received.close': 'Тепер це вікно можна закрити.',
  'telegram.ended.title.request': 'Haven: новини щодо вашого запиту',
  'telegram.ended.title.offer': 'Haven: новини щодо вашої пропозиції',
  'telegram.ended.request':
    'Ми знайшли для вас можливий варіант, але цього разу не склалося. Ваш запит знову відкритий, і ми шукаємо далі. Нічого робити не потрібно: ми напишемо вам тут, щойно координатор схвалить відповідний варіант.',
  'telegram.ended.offer': 'Ми знайшли можливих гостей для вашого житла, але цього разу не склалося.',
  'telegram.ended.offer.open':
    'Ваша пропозиція знову відкрита, і ми шукаємо гостей далі. Нічого робити не потрібно: ми напишемо вам тут, коли координатор схвалить для вас гостей.',
  'telegram.ended.offer.paused':
    'Вашу пропозицію призупинено, тож ми нікому її не пропонуємо, доки ви її не відновите.',
  'telegram.ended.offer.closed': 'Вашу пропозицію закрито, тож ми більше нікому її не пропонуємо.',
  'telegram.placed.title': 'Житло для вас уже знайдено',
  'telegram.placed.message':
    'Ми надіслали вам повідомлення тут, у Telegram: кнопка в ньому відкриває сторінку, де видно це житло й контакти господаря.',
  'telegram.address.title': 'Адресу підтверджено',
  'telegram.address.text':
    'Дякуємо. Ми й далі пишемо вам у Telegram, а на цю адресу — лише якщо повідомлення там до вас не дійде. Господар або гості побачать адресу, коли координатор схвалить підходящий варіант. Тепер це вікно можна закрити.',
  'telegram.answered': 'Дякуємо, зазначено.',
  'telegram.used':
    'Цією кнопкою більше не можна скористатися. Усе, що за нею було зроблено раніше, залишається в силі; зараз нічого не змінилося.',

  'link.gone.title': 'Цим посиланням більше не можна скористатися',
  'link.gone.text':
    'Можливо, ним уже скористалися, термін його дії минув або його скопійовано не повністю. Усе, що за ним було зроблено раніше, залишається в силі; зараз нічого не змінилося.',
  'link.gone.help':
    'Щоб змінити пропозицію чи запит, скористайтеся останнім листом від Haven або зверніться до волонтерів, які направили вас сюди.',

  'confirm.title': 'Підтвердьте адресу електронної пошти',
  'confirm.offer.lead':
    'Натисніть кнопку, щоб підтвердити адресу. Після цього ваша пропозиція стане доступною для підбору.',
  'confirm.request.lead':
    'Натисніть кнопку, щоб підтвердити адресу. Після цього ми почнемо шукати вам житло.',
  'confirm.button': 'Підтвердити адресу',
  'confirm.done.title': 'Дякуємо, адресу підтверджено',
  'confirm.offer.done':
    'Ваша пропозиція відкрита. Коли координатор схвалить пару, ми надішлемо вам контакти гостей.',
  'confirm.request.done':
    'Ми шукаємо для вас житло. Коли координатор схвалить пару, ми надішлемо вам контакти господаря.',
  'confirm.manageLink': 'Переглянути або змінити дані',

  'manage.offer.title': 'Ваша пропозиція',
  'manage.request.title': 'Ваш запит',
  'manage.facts': 'Що ви вказали',
  'manage.status': 'Статус',
  'manage.yes': 'Так',
  'manage.no': 'Ні',
  'manage.notSet': 'Не вказано',
  'manage.pause.title': 'Призупинити на час',
  'manage.pause.text':
    'Поки пропозицію призупинено, ми нікому її не пропонуємо. Відновити її можна будь-коли.',
  'manage.pause.button': 'Призупинити',
  'manage.pause.request.text':
    'Поки запит призупинено, ми не пропонуємо вам житло. Варіант, що чекає на рішення координатора, скасовується. Відновити запит можна будь-коли.',
  'manage.pause.request.button': 'Призупинити запит',
  'manage.resume.title': 'Відкрити знову',
  'manage.resume.text': 'Вашу пропозицію призупинено. Відновіть її, і ми знову пропонуватимемо її гостям.',
  'manage.resume.button': 'Відновити',
  'manage.resume.request.text':
    'Ваш запит призупинено. Відновіть його, і ми знову почнемо шукати для вас житло.',
  'manage.resume.request.button': 'Відновити запит',
  'manage.edit.offer.title': 'Змінити пропозицію',
  'manage.edit.request.title': 'Змінити запит',
  'manage.edit.lead':
    'Тут можна виправити все, що ви вказали. Адресу пошти тут не змінити: щоб указати іншу, надішліть із неї нову анкету.',
  'manage.edit.button': 'Зберегти зміни',
  'manage.withdraw.title': 'Відкликати',
  'manage.withdraw.offer.text':
    'Відкличте пропозицію, якщо більше не можете прийняти гостей. Це не можна скасувати.',
  'manage.withdraw.request.text':
    'Відкличте запит, якщо житло вам більше не потрібне. Це не можна скасувати.',
  'manage.withdraw.offer.button': 'Відкликати пропозицію',
  'manage.withdraw.request.button': 'Відкликати запит',
  'manage.done.paused': 'Вашу пропозицію призупинено.',
  'manage.done.resumed': 'Ваша пропозиція знову відкрита.',
  'manage.done.request.paused': 'Ваш запит призупинено.',
  'manage.done.request.resumed': 'Ваш запит знову відкритий: ми шукаємо для вас житло.',
  'manage.done.updated': 'Зміни збережено.',
  'manage.done.withdrawn': 'Відкликано. Дякуємо, що повідомили.',
  'manage.done.problem': 'Координатор отримав повідомлення і незабаром зв’яжеться з вами.',
  'manage.conflict': 'Це вже неможливо, тож нічого не змінилося. На сторінці показано поточний стан.',
  'manage.closed': 'Запис закрито, змінити його вже не можна.',
  'manage.erase.title': 'Видалити мої дані зараз',
  'manage.erase.text':
    'Ваше ім’я, адресу електронної пошти, номер телефону й примітки буде одразу видалено з Haven, а це посилання перестане працювати. Якщо запис ще активний, спершу його буде відкликано. Скасувати це неможливо.',
  'manage.erase.button': 'Видалити мої дані зараз',
  'manage.erased.title': 'Ваші дані видалено',
  'manage.erased.text':
    'У нас більше немає вашого імені, адреси електронної пошти, номера телефону чи приміток. Залишилася лише знеособлена статистика. Дякуємо, що скористалися Haven.',
  'manage.placement.offer.title': 'Ваші гості',
  'manage.placement.request.title': 'Ваш господар житла',
  'manage.placement.offer.lead':
    'Координатор схвалив це проживання. Зв’яжіться з гостями, домовтеся про день і час приїзду та самі повідомте їм адресу.',
  'manage.placement.request.lead':
    'Координатор схвалив для вас житло. Зв’яжіться з господарем, щоб домовитися про день і час приїзду; адресу він повідомить вам сам.',
  'manage.placement.onlyThem': 'Поки вони у вас живуть, Haven не пропонуватиме вам інших гостей.',
  'manage.placement.name': 'Ім’я',
  'manage.placement.dates': 'Дати',
  'manage.placement.openEnded': 'з {from}, дату від’їзду ще не визначено',
  'manage.placement.checkIns': 'Ми напишемо вам {dates} і запитаємо, як у вас справи.',
  'manage.placement.problem.text':
    'Якщо щось не так — до приїзду чи під час проживання, — натисніть кнопку: координатор зв’яжеться з вами. Якщо вам загрожує небезпека, телефонуйте на місцевий номер екстреної допомоги.',
  'manage.placement.problem.button': 'Є проблема',

  'status.offer.pending': 'Чекаємо на підтвердження адреси електронної пошти',
  'status.offer.open': 'Відкрито для підбору',
  'status.offer.paused': 'Призупинено',
  'status.offer.closed': 'Закрито',
  'status.request.pending': 'Чекаємо на підтвердження адреси електронної пошти',
  'status.request.open': 'Шукаємо житло',
  'status.request.paused': 'Призупинено',
  'status.request.proposed': 'Підходящий варіант чекає на рішення координатора',
  'status.request.placed': 'Житло знайдено',
  'status.request.withdrawn': 'Відкликано',
  'status.request.expired': 'Термін минув',

  'error.title': 'Щось пішло не так',
  'error.notFound.title': 'Сторінку не знайдено',
  'error.notFound.text':
    'За цією адресою нічого немає. Перевірте посилання або почніть із головної сторінки.',
  'error.rateLimited.title': 'Забагато анкет',
  'error.rateLimited.text':
    'З цієї мережі за останню годину надійшло багато анкет. Будь ласка, спробуйте ще раз за годину.',
  'error.rateLimited.mailbox':
    'За останню годину надійшло багато анкет із цією адресою електронної пошти. Будь ласка, спробуйте ще раз за годину.',
  'error.rateLimited.chat':
    'За останню годину з цього акаунта Telegram надійшло багато анкет. Будь ласка, спробуйте ще раз за годину.',
  'error.rateLimited.signInTitle': 'Зачекайте трохи',
  'error.rateLimited.signIn':
    'З цієї мережі за короткий час було забагато спроб входу. Спробуйте ще раз за 15 хвилин.',
  'error.rateLimited.service':
    'Зараз до Haven надходить дуже багато анкет від багатьох людей одночасно. Будь ласка, спробуйте ще раз за годину.',
  'error.tooLarge.title': 'Завеликий обсяг',
  'error.tooLarge.text': 'Форма виявилася більшою за допустиму. Скоротіть примітки й спробуйте знову.',
  'error.badRequest.title': 'Не вдалося прочитати дані',
  'error.badRequest.text': 'Ми не змогли прочитати надіслані дані. Поверніться назад і спробуйте ще раз.',
  'error.unavailable.title': 'Спробуйте трохи згодом',
  'error.unavailable.text': 'Зараз ми не можемо нічого зберегти. Будь ласка, спробуйте за кілька хвилин.',
  'error.internal.text': 'У нас щось зламалося. Будь ласка, спробуйте ще раз.',
  'error.forbidden.title': 'Ця форма застаріла',
  'error.forbidden.text': 'Нічого не змінилося. Поверніться назад, оновіть сторінку й спробуйте ще раз.',

  'decision.approve.title': 'Схвалити цю пропозицію?',
  'decision.approve.lead':
    'Якщо ви схвалите, господар і шукач житла отримають лист з ім’ям, адресою ел. пошти та телефоном одне одного.',
  'decision.approve.button': 'Схвалити',
  'decision.decline.title': 'Відхилити цю пропозицію?',
  'decision.decline.lead':
    'Якщо ви відхилите, цю пару більше не буде запропоновано, місця звільняться, і Haven шукатиме інші пари.',
  'decision.decline.button': 'Відхилити',
  'decision.due': 'Вирішити до',
  'decision.unchanged': 'Поки нічого не змінено: натисніть кнопку, щоб ухвалити рішення.',
  'decision.hostCheckFirst.title': 'Спершу перевірте господаря житла',
  'decision.hostCheckFirst.text':
    'Жоден координатор ще не перевірив цього господаря житла, тож пропозицію поки не можна схвалити. Нічого не змінено. Зазначте, як ви перевірили господаря, на сторінці пропозиції в кабінеті координатора, а тоді схваліть там або поверніться за цим посиланням. Відхилити пропозицію можна й зараз.',
  'decision.hostCheckFirst.link': 'Відкрити пропозицію в кабінеті',
  'decision.hostCheckFirst.rejectedTitle': 'Цього господаря житла відхилено',
  'decision.hostCheckFirst.rejectedText':
    'Координатор відхилив цього господаря житла, тож схвалити пропозицію не можна. Нічого не змінено. Пропозицію можна відхилити. Лише якщо господаря відтоді перевірили знову, запишіть нову перевірку на сторінці пропозиції в кабінеті координатора, тоді схваліть там або поверніться за цим посиланням.',
  'decision.unreachable.title': 'Цю пропозицію поки не можна схвалити',
  'decision.unreachable.host':
    'Нічого не змінено. Господар житла не вказав ні адреси електронної пошти, ні телефону, ні імені користувача в Telegram, тож шукач житла не зможе з ним зв’язатися. Господар може додати телефон або адресу пошти за посиланням у своєму чаті Telegram. А поки пропозицію можна відхилити.',
  'decision.unreachable.seeker':
    'Нічого не змінено. Шукач житла не вказав ні адреси електронної пошти, ні телефону, ні імені користувача в Telegram, тож господар не зможе з ним зв’язатися. Шукач житла може додати телефон або адресу пошти за посиланням у своєму чаті Telegram. А поки пропозицію можна відхилити.',
  'decision.seeker.title': 'Шукач житла',
  'decision.host.title': 'Господар',
  'decision.score.title': 'Оцінка',
  'decision.fact.name': 'Ім’я',
  'decision.fact.place': 'Місце',
  'decision.fact.distance': 'Відстань',
  'decision.fact.beds': 'Спальних місць',
  'decision.fact.available': 'Вільно',
  'decision.fact.dates': 'Дати',
  'decision.fact.stay': 'Запропоновані дати',
  'decision.fact.openEnded': 'без дати завершення',
  'decision.fact.party': 'Хто їде',
  'party.summary':
    '{adults, plural, one {# дорослий} few {# дорослих} many {# дорослих} other {# дорослого}}{children, plural, =0 {} one { і # дитина} few { і # дитини} many { і # дітей} other { і # дитини}}',
  'decision.fact.petsAllowed': 'Можна з тваринами',
  'decision.fact.childrenAllowed': 'Можна з дітьми',
  'decision.fact.stepFree': 'Доступ без сходинок',
  'decision.fact.multipleParties': 'Приймає кілька груп',
  'decision.fact.household': 'Хто живе в домі',
  'decision.fact.pets': 'Тварини',
  'decision.fact.needsStepFree': 'Потрібен доступ без сходинок',
  'decision.fact.safeHousehold': 'Просить безпечне житло',
  'decision.fact.languages': 'Мови',
  'decision.fact.hostCheck': 'Перевірка господаря',
  'decision.fact.notes': 'Нотатки',
  'decision.why.coverage':
    '{covered} з {requested, plural, one {# ночі} few {# ночей} many {# ночей} other {# ночі}}',
  'decision.why.coverageOpen':
    '{covered} з {requested, plural, one {# ночі} few {# ночей} many {# ночей} other {# ночі}}; дати від’їзду немає, тому рахуємо {requested}',
  'decision.why.closeness': '{km} одне від одного; допустимо до {max}',
  'decision.why.anywhere': 'підходить будь-яке місце в країні',
  'decision.why.fit':
    '{party, plural, one {# особа} few {# особи} many {# осіб} other {# особи}} на {beds, plural, one {# місце} few {# місця} many {# місць} other {# місця}}',
  'decision.why.noSharedLanguage': 'немає',
  'decision.why.weight': 'вага {weight}',
  'decision.fact.yes': 'Так',
  'decision.fact.no': 'Ні',
  'decision.score.total': 'Разом',
  'decision.score.coverage': 'Скільки ночей покрито',
  'decision.score.closeness': 'Близькість',
  'decision.score.fit': 'Заповнення місць',
  'decision.score.sharedLanguages': 'Спільні мови',
  'decision.approved.title': 'Схвалено',
  'decision.approved.text': 'Господар і шукач житла отримують контакти одне одного ел. поштою.',
  'decision.declined.title': 'Відхилено',
  'decision.declined.text': 'Цю пару більше не буде запропоновано. Haven шукає інші пари для обох.',
  'decision.decided.title': 'Щодо цієї пропозиції вже ухвалено рішення',
  'decision.decided.approved': 'Її схвалено. Нічого не змінено.',
  'decision.decided.declined': 'Її відхилено. Нічого не змінено.',
  'decision.decided.expired': 'Термін минув, перш ніж хтось ухвалив рішення. Нічого не змінено.',
  'decision.decided.cancelled':
    'Її скасовано: відтоді пропозицію житла або запит відкликали, призупинили чи змінили, або координатор відхилив господаря під час перевірки. Нічого не змінено.',

  'place.anywhere': '{country}, будь-яке місто',
  'record.status.offer.pending': 'адресу не підтверджено',
  'record.status.offer.open': 'відкрито',
  'record.status.offer.paused': 'призупинено',
  'record.status.offer.closed': 'закрито',
  'record.status.request.pending': 'адресу не підтверджено',
  'record.status.request.open': 'шукає житло',
  'record.status.request.paused': 'призупинено',
  'record.status.request.proposed': 'запропоновано пару, чекає рішення',
  'record.status.request.placed': 'житло знайдено',
  'record.status.request.withdrawn': 'відкликано',
  'record.status.request.expired': 'минув термін',
  'record.status.proposal.pending': 'чекає рішення',
  'record.status.proposal.approved': 'схвалено',
  'record.status.proposal.declined': 'відхилено',
  'record.status.proposal.expired': 'минув термін, рішення не було',
  'record.status.proposal.cancelled': 'скасовано',
  'mail.greeting': 'Вітаємо, {name}!',
  'mail.signature': 'Волонтери Haven',
  'mail.oneLink':
    'Посилання відкриває сторінку з однією кнопкою; нічого не зміниться, доки ви її не натиснете.',
  'mail.twoLinks':
    'Кожне посилання відкриває сторінку з однією кнопкою; нічого не зміниться, доки ви її не натиснете.',
  'mail.fact.name': 'Ім’я',
  'mail.fact.email': 'Ел. пошта',
  'mail.fact.phone': 'Телефон',
  'mail.fact.noPhone': 'не вказано',
  'mail.fact.place': 'Місце',
  'mail.fact.dates': 'Дати',
  'mail.fact.available': 'Вільно',
  'mail.fact.beds': 'Спальних місць',
  'mail.fact.party': 'Хто їде',
  'mail.fact.arrival': 'Приїзд',
  'mail.fact.departure': 'Від’їзд',
  'mail.fact.openEnded': 'поки без дати завершення',
  'mail.dates.from': 'з {from}, без дати завершення',
  'mail.confirm.subjectOffer': 'Підтвердіть вашу пропозицію в Haven',
  'mail.confirm.subjectRequest': 'Підтвердіть ваш запит у Haven',
  'mail.confirm.subjectHeldOffer': 'Підтвердіть зміни вашої пропозиції в Haven',
  'mail.confirm.subjectHeldRequest': 'Підтвердіть зміни вашого запиту в Haven',
  'mail.confirm.subjectPlacedRequest': 'Haven: житло для вас уже знайдено',
  'mail.confirm.thanksOffer': 'Дякуємо, що пропонуєте житло.',
  'mail.confirm.thanksRequest': 'Ми отримали ваш запит на житло.',
  'mail.confirm.heldOffer':
    'Ви знову надіслали форму на дати, що перетинаються з вашою пропозицією. Щоб застосувати нові дані до цієї пропозиції, а не створювати другу, відкрийте посилання й натисніть кнопку. Якщо нічого не робити, пропозиція залишиться без змін.',
  'mail.confirm.heldRequest':
    'Ви знову надіслали форму на дати, що перетинаються з вашим запитом. Щоб застосувати нові дані до цього запиту, а не створювати другий, відкрийте посилання й натисніть кнопку. Якщо нічого не робити, запит залишиться без змін.',
  'mail.confirm.placedRequest':
    'Ви знову надіслали форму, але на ці дати житло для вас уже знайдено, тож ми не створили другий запит і нічого не змінили.',
  'mail.confirm.placedLink': 'За вашим особистим посиланням видно це житло й контакти господаря.',
  'mail.confirm.placedTelegram':
    'Натисніть «{button}» у вашому чаті з Haven у Telegram: на сторінці, що відкриється, видно це житло й контакти господаря.',
  'mail.confirm.placedProblem':
    'Якщо цей варіант більше не підходить або заселитися не вийде, натисніть на тій сторінці «Є проблема»: координатор зв’яжеться з вами й допоможе.',
  'mail.confirm.confirmAsk':
    'Будь ласка, підтвердіть адресу електронної пошти: відкрийте посилання й натисніть кнопку на сторінці.',
  'mail.confirm.confirmButton': 'Підтвердити адресу',
  'mail.confirm.applyButton': 'Застосувати зміни',
  'mail.confirm.pendingOffer': 'Доки ви не підтвердите адресу, вашу пропозицію нікому не пропонують.',
  'mail.confirm.pendingRequest': 'Доки ви не підтвердите адресу, ми не можемо шукати для вас житло.',
  'mail.confirm.confirmExpiry': 'Посилання для підтвердження діє 7 днів.',
  'mail.confirm.facts': 'Що ви нам повідомили',
  'mail.confirm.manageIntro':
    'Ваше особисте посилання, щоб будь-коли переглянути, змінити, призупинити або відкликати дані:',
  'mail.confirm.manageButton': 'Переглянути або змінити дані',
  'mail.confirm.manageKeep':
    'Збережіть цей лист і не пересилайте його: будь-хто з цим посиланням може змінити ваші дані.',
  'mail.confirm.notYou':
    'Якщо ви не заповнювали форму, просто проігноруйте цей лист. Без підтвердження нічого не станеться.',
  'mail.proposal.subject':
    'Haven: нова пропозиція · {party, plural, one {# особа} few {# особи} many {# осіб} other {# особи}} → {place} ({beds, plural, one {# місце} few {# місця} many {# місць} other {# місця}}) · з {date}',
  'mail.proposal.intro': 'Haven пропонує цю пару. Будь ласка, ухваліть рішення до {due}.',
  'mail.proposal.contact': 'Контакти (лише для координаторів)',
  'mail.proposal.contactNote':
    'Господар і шукач житла побачать контакти одне одного лише після вашого схвалення.',
  'mail.proposal.contactValue': '{name}: {email}, телефон {phone}',
  'mail.placement.subjectHost': 'Haven: контакти ваших гостей',
  'mail.placement.subjectSeeker': 'Haven: ми знайшли для вас житло ({place}) — контакти господаря',
  'mail.placement.introHost': 'Координатор схвалив проживання у вас. Ось хто до вас приїде.',
  'mail.placement.introSeeker':
    'Гарна новина: координатор схвалив для вас житло ({place}). Ось як зв’язатися з господарем.',
  'mail.placement.guests': 'Ваші гості',
  'mail.placement.host': 'Ваш господар',
  'mail.placement.openEnded': 'ще не відомо',
  'mail.placement.nextHost':
    'Будь ласка, зв’яжіться з ними найближчим часом, домовтеся про день і час приїзду та повідомте їм адресу самі.',
  'mail.placement.problemHost':
    'Якщо щось піде не так — до приїзду гостей чи під час проживання, — відкрийте особисте посилання з першого листа від Haven (у якому ви підтверджували адресу) і натисніть «Є проблема»: координатор зв’яжеться з вами.',
  'mail.placement.nextSeeker':
    'Будь ласка, зв’яжіться з господарем найближчим часом і домовтеся про день і час приїзду; адресу вам повідомить господар.',
  'mail.placement.safety':
    'Якщо щось викликає сумніви, ви не зобов’язані погоджуватися. У першому листі від Haven (у якому ви підтверджували адресу) є ваше особисте посилання; на його сторінці натисніть «Є проблема» — координатор зв’яжеться з вами.',
  'mail.availability.subject': 'Haven: ваше житло досі вільне?',
  'mail.availability.question': 'Ви запропонували житло через Haven. Воно досі вільне?',
  'mail.availability.yes': 'Так, досі вільне',
  'mail.availability.no': 'Більше не вільне',
  'mail.availability.deadline':
    'Якщо ми не отримаємо відповіді протягом тижня, ми призупинимо пропозицію: вам нікого не запропонують, доки ви не натиснете «Так, досі вільне».',
  'mail.paused.subject': 'Haven: вашу пропозицію призупинено',
  'mail.paused.intro':
    'Тиждень тому ми запитали, чи ваше житло досі вільне, і не отримали відповіді, тому призупинили вашу пропозицію: поки що вам нікого не пропонують.',
  'mail.paused.action':
    'Якщо ви досі можете прийняти людей, натисніть кнопку, і пропозиція знову стане активною:',
  'mail.paused.otherwise':
    'Якщо житло більше не вільне, нічого робити не потрібно: пропозиція залишиться призупиненою.',
  'mail.checkIn.subject': 'Haven: як минає проживання?',
  'mail.checkIn.dayHost':
    'Ваші гості {other} приїхали {from}; сьогодні {day}-й день їхнього проживання у вас.',
  'mail.checkIn.daySeeker': '{other} приймає вас з {from}; сьогодні {day}-й день вашого проживання.',
  'mail.checkIn.fine': 'Якщо все добре, нічого робити не треба.',
  'mail.checkIn.problem':
    'Якщо є проблема, повідомте нам за посиланням нижче: координатор зв’яжеться з вами.',
  'mail.checkIn.button': 'Є проблема',
  'mail.checkIn.linkNote':
    'Посилання відкриває сторінку з однією кнопкою; нічого не надішлеться, доки ви її не натиснете.',
  'mail.problem.subject': 'Haven: проблема з поселенням · {place} · з {date}',
  'mail.problem.reportedByHost':
    'Господар повідомив про проблему за посиланням з листа з питанням, як справи.',
  'mail.problem.reportedBySeeker':
    'Гість повідомив про проблему за посиланням з листа з питанням, як справи.',
  'mail.problem.intro': 'Будь ласка, зв’яжіться з обома сторонами цього поселення:',
  'mail.problem.hostContact': 'Господар',
  'mail.problem.guestContact': 'Гість',
  'mail.problem.reportedAt': 'Повідомлено',
  'mail.void.subject': 'Haven: пропозиція недійсна · {place} · з {date}',
  'mail.void.intro': 'Ця пропозиція більше недійсна, її не можна схвалити чи відхилити:',
  'mail.void.expired': 'ніхто не ухвалив рішення до {due}.',
  'mail.void.offerWithdrawn': 'господар відкликав пропозицію житла.',
  'mail.void.requestWithdrawn': 'шукач житла відкликав запит.',
  'mail.void.offerPaused':
    'пропозицію житла призупинено (господарем або тому, що господар не підтвердив, що житло досі вільне).',
  'mail.void.offerRejected': 'координатор відхилив господаря під час перевірки.',
  'mail.void.requestPaused': 'шукач житла призупинив запит.',
  'mail.void.offerChanged':
    'господар змінив пропозицію (дати, місця чи інші дані), тож відомості для рішення застаріли.',
  'mail.void.requestChanged':
    'шукач житла змінив запит (дати, кількість людей чи інші дані), тож відомості для рішення застаріли.',
  'mail.void.nothingToDo': 'Нічого робити не треба. Місця знову вільні, Haven шукає інші пари.',
  'mail.void.proposed': 'Запропоновано',

  'coordinator.title': 'Кабінет координатора',
  'coordinator.signIn.title': 'Вхід для координаторів',
  'coordinator.signIn.lead':
    'Введіть адресу, під якою вас записано координатором. Ми надішлемо посилання для входу; воно спрацює один раз і діє 15 хвилин.',
  'coordinator.signIn.email': 'Адреса ел. пошти',
  'coordinator.signIn.submit': 'Надіслати посилання для входу',
  'coordinator.signIn.missing': 'Введіть адресу ел. пошти.',
  'coordinator.signIn.sent.title': 'Перевірте пошту',
  'coordinator.signIn.sent.text':
    'Якщо {email} — адреса координатора, посилання для входу вже в дорозі. Воно спрацює один раз і діє 15 хвилин.',
  'coordinator.signIn.sent.textNoAddress':
    'Якщо ця адреса належить координаторові, посилання для входу вже в дорозі. Воно спрацює один раз і діє 15 хвилин.',
  'coordinator.signIn.sent.help':
    'За кілька хвилин нічого немає? Загляньте в теку «Спам» або спитайте того, хто веде Haven у вашій групі, чи внесено вашу адресу.',
  'coordinator.link.title': 'Вхід до кабінету',
  'coordinator.link.lead':
    'Натисніть кнопку, щоб увійти на цьому пристрої. Сеанс завершиться за 12 годин або після 2 годин бездіяльності.',
  'coordinator.link.button': 'Увійти',
  'coordinator.link.unchanged': 'Поки нічого не сталося: натисніть кнопку, щоб увійти.',
  'coordinator.signedInAs': 'Ви увійшли як {email}',
  'coordinator.countries': 'Країни: {countries}',
  'coordinator.countries.all': 'усі',
  'coordinator.signOut': 'Вийти',
  'coordinator.queue.country': 'Країна',
  'coordinator.queue.show': 'Показати',
  'coordinator.queue.pickCountry': 'Виберіть країну, щоб побачити її чергу.',
  'coordinator.queue.proposals': 'Пропозиції на рішення',
  'coordinator.queue.waiting': 'Хто чекає на житло',
  'coordinator.queue.verify': 'Господарі на перевірку',
  'coordinator.queue.problems': 'Повідомлення про проблеми',
  'coordinator.queue.stale': 'Пропозиції житла, що застарівають',
  'coordinator.queue.empty': 'Зараз тут порожньо.',
  'coordinator.queue.more': 'Показати ще',
  'coordinator.row.people': '{count, plural, one {# особа} few {# особи} many {# осіб} other {# особи}}',
  'coordinator.row.children':
    '{count, plural, one {# дитина} few {# дитини} many {# дітей} other {# дитини}}',
  'coordinator.row.beds': '{count, plural, one {# місце} few {# місця} many {# місць} other {# місця}}',
  'coordinator.row.anywhere': 'будь-де',
  'coordinator.row.problem.host': 'Господар повідомляє про проблему',
  'coordinator.row.problem.seeker': 'Гість повідомляє про проблему',
  'coordinator.problem.resolve': 'Позначити як вирішену',
  'coordinator.decide.request': 'Запит',
  'coordinator.decide.offer': 'Пропозиція житла',
  'coordinator.decide.first': 'Інший координатор ухвалив рішення раніше за вас.',

  'coordinator.record.offer': 'Пропозиція житла: {name}',
  'coordinator.record.request': 'Запит: {name}',
  'coordinator.record.contact': 'Контакти',
  'coordinator.record.email': 'Ел. пошта',
  'coordinator.record.phone': 'Телефон',
  'coordinator.record.telegram': 'Акаунт у Telegram',
  'coordinator.record.telegramNoUsername': 'без імені користувача: зв’язок лише через чат бота',
  'coordinator.record.telegramChat': 'чат {chat}',
  'coordinator.record.facts': 'Відомості',
  'coordinator.record.status': 'Статус',
  'coordinator.record.reference': 'Номер',
  'coordinator.record.received': 'Отримано',
  'coordinator.record.notes': 'Примітки з анкети',
  'coordinator.record.actions': 'Дії',
  'coordinator.propose.link': 'Запропонувати пару: п’ять найкращих варіантів',
  'coordinator.propose.title': 'Запропонувати пару для: {name}',
  'coordinator.propose.back': 'Назад до запису',
  'coordinator.propose.hint':
    'Варіанти, які розглянув би автоматичний підбір: найкращі вгорі, у кожного його оцінка. Пару, що порушує жорстке правило, запропонувати не можна. Пропозиція йде координаторам звичайним листом на схвалення.',
  'coordinator.propose.none': 'Зараз автоматичний підбір не розглянув би для цього запису жодного варіанта.',
  'coordinator.propose.button': 'Запропонувати цю пару',
  'coordinator.propose.blocked': 'Запропонувати не можна: {rules}.',
  'coordinator.propose.made':
    'Запропоновано. Координатори отримають пропозицію на схвалення, як від автоматичного підбору.',
  'coordinator.propose.refused':
    'Не запропоновано: щось змінилося, і тепер пара порушує жорстке правило. Нічого не записано.',
  'coordinator.rule.open': 'один із записів зараз не бере участі в підборі',
  'coordinator.rule.1-capacity': 'бракує вільних місць на ці ночі',
  'coordinator.rule.2-accepts':
    'господар не приймає тварин, дітей або не має доступу без сходинок, як потрібно',
  'coordinator.rule.3-dates': 'житло недоступне в день приїзду',
  'coordinator.rule.4-place': 'задалеко або інша країна',
  'coordinator.rule.5-safe-household': 'людина просила безпечне житло',
  'coordinator.rule.6-declined': 'цю пару вже відхиляли',
  'coordinator.rule.6-one-pending': 'запит уже має пропозицію на розгляді',
  'coordinator.record.proposals': 'Пропозиції',
  'coordinator.record.looked': 'Хто відкривав',
  'coordinator.record.history': 'Історія',
  'coordinator.history.link': 'посилання з листа',
  'coordinator.history.process': 'Haven, автоматично',
  'coordinator.history.owner': 'сама людина',
  'coordinator.history.by.confirmLink': 'сама людина, за посиланням для підтвердження',
  'coordinator.history.by.manageLink': 'сама людина, за особистим посиланням',
  'coordinator.history.by.approveLink': 'координатор, за посиланням «Схвалити» з листа',
  'coordinator.history.by.declineLink': 'координатор, за посиланням «Відхилити» з листа',
  'coordinator.history.by.reminderLink': 'сама людина, за посиланням із нагадування',
  'coordinator.history.by.problemLink': 'сама людина, за посиланням «Є проблема»',
  'coordinator.history.by.matcher': 'Haven, автоматичний підбір',
  'coordinator.history.by.operator': 'оператор, на прохання видалити дані',
  'coordinator.history.event.submitted': 'Надіслано; адресу ще не підтверджено',
  'coordinator.history.event.resubmittedHeld':
    'Надіслано повторно з тієї самої адреси; зміни наберуть сили після підтвердження',
  'coordinator.history.event.resubmittedPlaced':
    'Надіслано повторно на дати вже знайденого житла; нічого не додано й не змінено',
  'coordinator.history.event.submittedTelegram': 'Надіслано з Telegram; відкрито одразу',
  'coordinator.history.event.resubmittedTelegram': 'Повторно надіслано з Telegram; оновлено одразу',
  'coordinator.history.event.confirmed': 'Адресу підтверджено; бере участь у підборі',
  'coordinator.history.event.resubmissionConfirmed':
    'Підтверджено зміни, надіслані повторно з тієї самої адреси',
  'coordinator.history.event.paused': 'Призупинено',
  'coordinator.history.event.resumed': 'Знову відкрито',
  'coordinator.history.event.withdrawn': 'Відкликано',
  'coordinator.history.event.closed': 'Закрито',
  'coordinator.history.event.changed': 'Змінено',
  'coordinator.history.event.changedFields': 'Змінено: {fields}',
  'coordinator.history.event.bedsHeld': 'Місця зарезервовано під пропозицію',
  'coordinator.history.event.bedsReleased': 'Місця знову вільні: пропозиція більше не діє',
  'coordinator.history.event.bedsPlaced': 'Місця зайнято: координатор схвалив поселення',
  'coordinator.history.event.hostVerified': 'Господаря перевірено',
  'coordinator.history.event.hostRejected': 'Господаря відхилено після перевірки',
  'coordinator.history.event.proposed': 'Запропоновано житло; чекає на рішення координатора',
  'coordinator.history.event.placed': 'Поселення: координатор схвалив пропозицію',
  'coordinator.history.event.reopened': 'Знову шукає житло: пропозиція більше не діє',
  'coordinator.history.event.viewed': 'Перегляд запису',
  'coordinator.history.event.noteAdded': 'Додано внутрішню нотатку',
  'coordinator.history.event.blocked': 'Адресу заблоковано; закрито',
  'coordinator.history.event.unblocked': 'Блокування знято; знову бере участь у підборі',
  'coordinator.history.event.blockedWithAddress':
    'У чаті Telegram підтвердили заблоковану адресу; чат заблоковано',
  'coordinator.history.event.blockedWithChat':
    'У заблокованому чаті Telegram підтвердили адресу; адресу заблоковано',
  'coordinator.history.event.asked.offer': 'Запитали, чи житло ще вільне',
  'coordinator.history.event.asked.request': 'Запитали, чи житло ще потрібне',
  'coordinator.history.event.unanswered.offer': 'Немає відповіді на нагадування: призупинено',
  'coordinator.history.event.unanswered.request': 'Немає відповіді на нагадування: термін запиту минув',
  'coordinator.history.event.stillOn.offer': 'Відповідь: житло ще вільне',
  'coordinator.history.event.stillOn.request': 'Відповідь: житло ще потрібне',
  'coordinator.history.event.over.offer': 'Відповідь: житло вже не вільне; закрито',
  'coordinator.history.event.over.request': 'Відповідь: житло вже не потрібне; запит відкликано',
  'coordinator.history.event.ended': 'Закрито: останній вільний день минув',
  'coordinator.history.event.lapsed.offer': 'Закрито: надто довго залишалося призупиненим без змін',
  'coordinator.history.event.lapsed.request':
    'Термін минув: запит надто довго залишався призупиненим без змін',
  'coordinator.history.event.expired': 'Термін минув: дата від’їзду вже минула',
  'coordinator.history.event.erased': 'Особисті дані видалено',
  'coordinator.history.event.merged': 'Об’єднано із записом тієї самої адреси; особисті дані видалено',
  'coordinator.history.event.addressHeld':
    'Адресу вказано в Telegram; вона набере чинності після підтвердження власником',
  'coordinator.history.event.addressDropped':
    'Адресу видалено: її вказали в Telegram, але ніхто її не підтвердив',
  'coordinator.action.pause': 'Призупинити',
  'coordinator.action.reopen': 'Відкрити знову',
  'coordinator.action.close': 'Закрити',
  'coordinator.block.title': 'Адреса',
  'coordinator.block.hint':
    'Блокування закриває всі записи з цієї адреси й скасовує їхні пропозиції, що чекають рішення (їхні координатори отримають лист). Усе, що адреса надішле потім, приймається як зазвичай, зі звичайною відповіддю й листом, але в підборі ніколи не бере участі.',
  'coordinator.block.block': 'Заблокувати адресу',
  'coordinator.block.blocked':
    'Заблоковано: {by}, {at}. Усе, що з неї надходить, приймається, але в підборі не бере участі.',
  'coordinator.block.unblock': 'Зняти блокування',
  'coordinator.block.notYours':
    'Блокування встановив координатор інших країн: зняти його може лише він або координатор усіх країн.',
  'coordinator.block.sentWhileBlocked': 'Надіслано, коли адресу було заблоковано: у підборі не бере участі',
  'coordinator.note.title': 'Внутрішні нотатки',
  'coordinator.note.hint': 'Ці нотатки бачать лише координатори; їх нікому не надсилають поштою.',
  'coordinator.note.label': 'Нова нотатка',
  'coordinator.note.add': 'Додати нотатку',
  'coordinator.verify.title': 'Перевірка господаря',
  'coordinator.verify.none': 'Жоден координатор ще не перевіряв цього господаря.',
  'coordinator.verify.verified': 'Перевірив(ла) {by}, {at}: {method}.',
  'coordinator.verify.rejected': 'Відхилив(ла) {by}, {at}: {reason}',
  'coordinator.verify.rejected-erased':
    'Відхилив(ла) {by}, {at} (причину видалено разом із даними господаря)',
  'coordinator.verify.how': 'Як ви перевірили господаря?',
  'coordinator.verify.method.phone': 'телефонний дзвінок',
  'coordinator.verify.method.id': 'бачив(ла) документ',
  'coordinator.verify.method.visit': 'візит',
  'coordinator.verify.confirm': 'Записати перевірку',
  'coordinator.verify.reason': 'Чому господаря відхилено?',
  'coordinator.verify.reject': 'Відхилити господаря',
  'coordinator.verify.first':
    'Цього господаря ще не перевіряли. Запишіть, як ви його перевірили, — і пропозицію буде схвалено.',
  'coordinator.verify.firstRejected':
    'Координатор відхилив цього господаря житла; хто й чому — на сторінці пропозиції. Схвалюйте, лише якщо ви відтоді перевірили господаря знову: вкажіть як, і пропозицію буде схвалено. Інакше відхиліть її.',
  'coordinator.verify.andApprove': 'Записати перевірку і схвалити',

  'coordinator.search.title': 'Знайти людину',
  'coordinator.search.label': 'Адреса ел. пошти, телефон, @ім’я в Telegram або номер запису',
  'coordinator.search.button': 'Знайти',
  'coordinator.search.none':
    'У ваших країнах немає нікого з точно такою адресою, телефоном або номером запису.',
  'coordinator.export.requests': 'Завантажити запити (CSV)',
  'coordinator.export.offers': 'Завантажити пропозиції житла (CSV)',
  'coordinator.export.all.requests': 'Завантажити запити з усіх ваших країн (CSV)',
  'coordinator.export.all.offers': 'Завантажити пропозиції житла з усіх ваших країн (CSV)',
  'coordinator.export.allCountries': 'усі ваші країни',
  'coordinator.export.order.countries': 'Країна за країною, у порядку їхніх дволітерних кодів (DE, PL, TR…).',
  'coordinator.export.title.requests': 'Запити в CSV: {country}',
  'coordinator.export.title.offers': 'Пропозиції житла в CSV: {country}',
  'coordinator.export.explain':
    'Лише відкриті записи, до {rows, plural, one {# запису} few {# записів} many {# записів} other {# запису}} у файлі: записи великої країни поділено на кілька частин.',
  'coordinator.export.order.requests':
    'Спершу ті, хто прибуває раніше. Нумерація наскрізна: кожна частина продовжує попередню.',
  'coordinator.export.order.offers':
    'Спершу житло з меншою кількістю спальних місць, далі з ранішою датою заселення. Нумерація наскрізна: кожна частина продовжує попередню.',
  'coordinator.export.part': 'Частина {part}: {rows, plural, =1 {запис {from}} other {записи {from}–{to}}}',
  'coordinator.export.none': 'Відкритих записів зараз немає: у файлі лише назви стовпців',
  'coordinator.export.next': 'Наступні частини',
  'coordinator.nav.overview': 'Огляд країни',
  'overview.title': 'Огляд країни',
  'overview.title.country': '{country}: огляд',
  'overview.pickCountry': 'Оберіть країну, щоб побачити цифри.',
  'overview.toQueue': 'Назад до черги',
  'overview.figure.waiting': 'Чекають на житло',
  'overview.figure.parties':
    '{count, plural, one {у # запиті} few {у # запитах} many {у # запитах} other {у # запиту}}',
  'overview.figure.bedsTonight': 'Вільних місць сьогодні',
  'overview.figure.pending': 'Пропозиції чекають рішення',
  'overview.figure.placed': 'Поселено за тиждень',
  'overview.figure.medianWait': 'Медіанне очікування',
  'overview.why.title': 'Чому немає пари',
  'overview.why.asOf': 'За даними підбору: {time}.',
  'overview.why.unknown': 'Підбір ще не переглядав цю країну.',
  'overview.why.empty': 'Кожен запит має пропозицію або житло.',
  'overview.why.place':
    '{count, plural, one {{city}: # родина без відкритих пропозицій поблизу} few {{city}: # родини без відкритих пропозицій поблизу} many {{city}: # родин без відкритих пропозицій поблизу} other {{city}: # родини без відкритих пропозицій поблизу}}',
  'overview.why.place.supply':
    '{count, plural, one {відкритих пропозицій там: #} few {відкритих пропозицій там: #} many {відкритих пропозицій там: #} other {відкритих пропозицій там: #}}',
  'overview.why.capacity':
    '{count, plural, one {{city}: для # родини ніде поблизу не вистачає вільних місць} few {{city}: для # родин ніде поблизу не вистачає вільних місць} many {{city}: для # родин ніде поблизу не вистачає вільних місць} other {{city}: для # родини ніде поблизу не вистачає вільних місць}}',
  'overview.why.capacity.supply':
    '{count, plural, one {найбільша пропозиція там — на # місце} few {найбільша пропозиція там — на # місця} many {найбільша пропозиція там — на # місць} other {найбільша пропозиція там — на # місця}}',
  'overview.why.children':
    '{count, plural, one {{city}: # родина з дітьми чекає на житло} few {{city}: # родини з дітьми чекають на житло} many {{city}: # родин з дітьми чекають на житло} other {{city}: # родини з дітьми чекають на житло}}',
  'overview.why.children.supply':
    '{count, plural, =0 {дітей там не приймає жодна пропозиція} one {дітей там приймає # пропозиція} few {дітей там приймають # пропозиції} many {дітей там приймають # пропозицій} other {дітей там приймають # пропозиції}}',
  'overview.why.pets':
    '{count, plural, one {{city}: # родина з тваринами чекає на житло} few {{city}: # родини з тваринами чекають на житло} many {{city}: # родин з тваринами чекають на житло} other {{city}: # родини з тваринами чекають на житло}}',
  'overview.why.pets.supply':
    '{count, plural, =0 {з тваринами там не приймає жодна пропозиція} one {з тваринами там приймає # пропозиція} few {з тваринами там приймають # пропозиції} many {з тваринами там приймають # пропозицій} other {з тваринами там приймають # пропозиції}}',
  'overview.why.stepFree':
    '{count, plural, one {{city}: # родина, якій потрібен вхід без сходинок, чекає на житло} few {{city}: # родини, яким потрібен вхід без сходинок, чекають на житло} many {{city}: # родин, яким потрібен вхід без сходинок, чекають на житло} other {{city}: # родини, яким потрібен вхід без сходинок, чекають на житло}}',
  'overview.why.stepFree.supply':
    '{count, plural, =0 {без сходинок там немає жодної пропозиції} one {без сходинок там # пропозиція} few {без сходинок там # пропозиції} many {без сходинок там # пропозицій} other {без сходинок там # пропозиції}}',
  'overview.why.safeHousehold':
    '{count, plural, one {{city}: # родина просить житло в жінки, пари чи родини} few {{city}: # родини просять житло в жінки, пари чи родини} many {{city}: # родин просять житло в жінки, пари чи родини} other {{city}: # родини просять житло в жінки, пари чи родини}}',
  'overview.why.safeHousehold.supply':
    '{count, plural, one {таких господарів там: #} few {таких господарів там: #} many {таких господарів там: #} other {таких господарів там: #}}',
  'overview.why.dates':
    '{count, plural, one {{city}: # родина приїжджає раніше, ніж відкривається відповідна пропозиція} few {{city}: # родини приїжджають раніше, ніж відкривається відповідна пропозиція} many {{city}: # родин приїжджають раніше, ніж відкривається відповідна пропозиція} other {{city}: # родини приїжджають раніше, ніж відкривається відповідна пропозиція}}',
  'overview.why.dates.supply':
    '{count, plural, one {відкритих пропозицій там: #} few {відкритих пропозицій там: #} many {відкритих пропозицій там: #} other {відкритих пропозицій там: #}}',
  'overview.why.declined':
    '{count, plural, one {{city}: # родині підходять лише пропозиції, які для неї вже відхилили} few {{city}: # родинам підходять лише пропозиції, які для них уже відхилили} many {{city}: # родинам підходять лише пропозиції, які для них уже відхилили} other {{city}: # родини підходять лише пропозиції, які для них уже відхилили}}',
  'overview.why.several':
    '{count, plural, one {{city}: # родині заважає більше ніж одне правило} few {{city}: # родинам заважає більше ніж одне правило} many {{city}: # родинам заважає більше ніж одне правило} other {{city}: # родинам заважає більше ніж одне правило}}',
  'overview.why.none':
    '{count, plural, one {{city}: для # родини є відповідна пропозиція — пару складе наступний підбір} few {{city}: для # родин є відповідні пропозиції — пари складе наступний підбір} many {{city}: для # родин є відповідні пропозиції — пари складе наступний підбір} other {{city}: для # родини є відповідні пропозиції — пари складе наступний підбір}}',
  'overview.chart.intake': 'Нові пропозиції й запити по днях',
  'overview.chart.intake.alt':
    'За останні {days, plural, one {# день} few {# дні} many {# днів} other {# дня}}: пропозицій — {offers, plural, other {#}}, запитів — {requests, plural, other {#}}, людей у запитах — {people, plural, other {#}}.',
  'overview.chart.placements': 'Поселено людей по днях',
  'overview.chart.placements.alt':
    'За останні {days, plural, one {# день} few {# дні} many {# днів} other {# дня}} поселено людей: {people, plural, other {#}}; найбільше {day} — {most}.',
  'overview.chart.placements.none':
    'За останні {days, plural, one {# день} few {# дні} many {# днів} other {# дня}} нікого не поселили.',
  'overview.chart.waits': 'Скільки чекали на житло',
  'overview.chart.waits.alt':
    '{count, plural, one {Поселено # родину; половина чекала менше, ніж {median}.} few {Поселено # родини; половина чекала менше, ніж {median}.} many {Поселено # родин; половина чекала менше, ніж {median}.} other {Поселено # родини; половина чекала менше, ніж {median}.}}',
  'overview.chart.waits.none': 'Поки що нікого не поселили.',
  'overview.chart.supply': 'Запропоновані місця й ті, хто чекає, — за містами',
  'overview.chart.supply.alt':
    'Найбільше чекають у місті {city}: людей — {people, plural, other {#}}, запропоновано місць — {beds, plural, other {#}}.',
  'overview.chart.supply.none': 'Немає ні відкритих пропозицій, ні тих, хто чекає.',
  'overview.series.offers': 'пропозиції',
  'overview.series.requests': 'запити',
  'overview.series.people': 'люди в запитах',
  'overview.series.placed': 'поселено людей',
  'overview.series.beds': 'запропоновано місць',
  'overview.series.waiting': 'чекають на житло',
  'overview.series.parties': 'родини',
  'overview.table.show': 'Показати цифри',
  'overview.table.day': 'День',
  'overview.table.city': 'Місто',
  'overview.table.waited': 'Чекали, днів',
  'overview.map.title': 'Де чекають і де є місця',
  'overview.map.alt':
    'Мапа: {country}. У кожному місті зафарбоване коло — ті, хто чекає, кільце — запропоновані місця; що їх більше, то більший знак.',
  'overview.cities.title': 'За містами',
  'overview.cities.anywhere': 'будь-де в країні',

  'coordinator.mail.subject': 'Ваше посилання для входу в Haven',
  'coordinator.mail.intro': 'Для цієї адреси запросили посилання для входу до кабінету координатора Haven.',
  'coordinator.mail.button': 'Увійти',
  'coordinator.mail.expires': 'Посилання спрацює один раз, до {until}.',
  'coordinator.mail.ignore':
    'Якщо це були не ви, просто не зважайте на цей лист: без посилання нічого не станеться.',

  'checkIn.problem.title': 'Щось не так із проживанням?',
  'checkIn.problem.lead':
    'Натисніть кнопку, і координатор зв’яжеться з вами. Нічого не надішлеться, доки ви її не натиснете.',
  'checkIn.problem.button': 'Повідомити координатора',
  'checkIn.problem.done.title': 'Координатор отримав повідомлення',
  'checkIn.problem.done.text':
    'Він незабаром зв’яжеться з вами. Якщо ви в небезпеці, зателефонуйте на місцевий номер екстрених служб.',

  'availability.yes.title': 'Ваше житло досі вільне?',
  'availability.yes.lead': 'Натисніть кнопку, щоб підтвердити. Ми спитаємо знову через два тижні.',
  'availability.yes.pausedLead':
    'Вашу пропозицію призупинено, бо ви не відповіли. Натисніть кнопку, щоб підтвердити й знову відкрити її.',
  'availability.yes.button': 'Так, досі вільне',
  'availability.no.title': 'Ваше житло більше не вільне?',
  'availability.no.lead':
    'Кнопка закриє вашу пропозицію: вам більше нікого не запропонують. Уже узгодженого проживання це не стосується.',
  'availability.no.button': 'Більше не вільне',
  'availability.facts.title': 'Ваша пропозиція',
  'availability.confirmed.title': 'Дякуємо',
  'availability.confirmed.text': 'Ваша пропозиція залишається відкритою. Ми спитаємо знову через два тижні.',
  'availability.resumed.title': 'Ваша пропозиція знову відкрита',
  'availability.resumed.text':
    'Дякуємо. Haven знову може пропонувати вам гостей; ми спитаємо знову через два тижні.',
  'availability.closed.title': 'Вашу пропозицію закрито',
  'availability.closed.text': 'Дякуємо за допомогу. Вам більше нікого не запропонують.',
  'stillLooking.yes.title': 'Ви досі шукаєте житло?',
  'stillLooking.yes.lead': 'Натисніть кнопку, щоб підтвердити. Ми запитаємо знову за два тижні.',
  'stillLooking.yes.button': 'Так, досі шукаю',
  'stillLooking.no.title': 'Ви більше не шукаєте житло?',
  'stillLooking.no.lead':
    'Натисніть кнопку, і ми відкличемо ваш запит: ми більше не пропонуватимемо вам житло.',
  'stillLooking.no.button': 'Більше не шукаю',
  'stillLooking.facts.title': 'Ваш запит',
  'stillLooking.confirmed.title': 'Дякуємо',
  'stillLooking.confirmed.text': 'Ваш запит залишається активним. Ми запитаємо знову за два тижні.',
  'stillLooking.closed.title': 'Ваш запит відкликано',
  'stillLooking.closed.text': 'Дякуємо, що повідомили. Бажаємо вам усього найкращого.',
  'stillLooking.mail.subject': 'Haven: ви досі шукаєте житло?',
  'stillLooking.mail.question': 'Ви просили Haven допомогти знайти житло. Ви досі шукаєте?',
  'stillLooking.mail.deadline':
    'Якщо ми не отримаємо відповіді протягом тижня, термін запиту мине і ми більше не пропонуватимемо вам житло. Ви завжди можете надіслати новий.',
};
