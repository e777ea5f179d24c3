/**
 * Russian and Ukrainian names of the provinces that tell apart places sharing a name ("Актогай,
 * Павлодарская область"), where no place of the province's name stands for it (gazetteer.ts
 * parentEntry: "Kotayk" is a town's name too, "Mangystau" no place's). Keyed by country and the
 * province's name as GeoNames gives it; a test checks that, in the countries people in flight
 * mostly reach, no place's Russian or Ukrainian label shows its province in Latin letters.
 * Turkish and English readers read the province as GeoNames writes it.
 */
export const PROVINCE_NAMES: Readonly<
  Record<string, Readonly<Record<string, { readonly ru: string; readonly uk: string }>>>
> = {
  AM: {
    Aragatsotn: { ru: 'Арагацотн', uk: 'Арагацотн' },
    Gegharkunik: { ru: 'Гегаркуник', uk: 'Гегаркунік' },
    Lori: { ru: 'Лори', uk: 'Лорі' },
    Syunik: { ru: 'Сюник', uk: 'Сюнік' },
    'Vayots Dzor': { ru: 'Вайоц-Дзор', uk: 'Вайоц-Дзор' },
  },
  BA: {
    'Federation of B&H': { ru: 'Федерация Боснии и Герцеговины', uk: 'Федерація Боснії і Герцеговини' },
    Srpska: { ru: 'Республика Сербская', uk: 'Республіка Сербська' },
  },
  GE: {
    Adjara: { ru: 'Аджария', uk: 'Аджарія' },
    'Samtskhe-Javakheti': { ru: 'Самцхе-Джавахети', uk: 'Самцхе-Джавахеті' },
  },
  HR: {
    'Brod-Posavina': { ru: 'Бродско-Посавская жупания', uk: 'Бродсько-Посавська жупанія' },
    'Krapina-Zagorje': { ru: 'Крапинско-Загорская жупания', uk: 'Крапинсько-Загорська жупанія' },
    'Lika-Senj': { ru: 'Лико-Сеньская жупания', uk: 'Лицько-Сенська жупанія' },
    Međimurje: { ru: 'Меджимурская жупания', uk: 'Меджимурська жупанія' },
    'Primorje-Gorski Kotar': { ru: 'Приморско-Горанская жупания', uk: 'Приморсько-Горанська жупанія' },
    'Sisak-Moslavina': { ru: 'Сисакско-Мославинская жупания', uk: 'Сисацько-Мославинська жупанія' },
    'Split-Dalmatia': { ru: 'Сплитско-Далматинская жупания', uk: 'Сплітсько-Далматинська жупанія' },
    'Vukovar-Srijem': { ru: 'Вуковарско-Сремская жупания', uk: 'Вуковарсько-Сремська жупанія' },
    'Zagreb County': { ru: 'Загребская жупания', uk: 'Загребська жупанія' },
  },
  KG: {
    'Talas Region': { ru: 'Таласская область', uk: 'Таласька область' },
  },
  KZ: {
    'Atyrau Oblisi': { ru: 'Атырауская область', uk: 'Атирауська область' },
    'East Kazakhstan': { ru: 'Восточно-Казахстанская область', uk: 'Східноказахстанська область' },
    Mangystau: { ru: 'Мангистауская область', uk: 'Мангистауська область' },
    'Pavlodar Region': { ru: 'Павлодарская область', uk: 'Павлодарська область' },
    'West Kazakhstan': { ru: 'Западно-Казахстанская область', uk: 'Західноказахстанська область' },
  },
  MD: {
    'Raionul Ocniţa': { ru: 'Окницкий район', uk: 'Окницький район' },
    Transnistria: { ru: 'Приднестровье', uk: 'Придністров’я' },
  },
  RS: {
    'Central Serbia': { ru: 'Центральная Сербия', uk: 'Центральна Сербія' },
    Vojvodina: { ru: 'Воеводина', uk: 'Воєводина' },
  },
  UZ: {
    'Andijan Region': { ru: 'Андижанская область', uk: 'Андижанська область' },
    Karakalpakstan: { ru: 'Каракалпакстан', uk: 'Каракалпакстан' },
  },
};
