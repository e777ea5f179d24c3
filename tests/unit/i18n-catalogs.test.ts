import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../shared/domain/intake.ts';
import { en } from '../../shared/i18n/en.ts';
import { CATALOGS, isMessageKey, LOCALES, type MessageKey, translator } from '../../shared/i18n/index.ts';
import { SIGN_IN_LINK_MS } from '../../shared/workspace/session.ts';

/** The values a message takes, plain (`{name}`) or plural (`{count, plural, …}`), each once. */
const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();

/** Each plural argument's forms, e.g. `one`, `few`, `many`, `other` for `{count, plural, one {…} …}`. */
function pluralForms(text: string): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const match of text.matchAll(/\{(\w+), plural,/g)) {
    let depth = 1;
    let at = (match.index ?? 0) + match[0].length;
    const selectors: string[] = [];
    let word = '';
    for (; at < text.length && depth > 0; at++) {
      const char = text[at];
      if (char === '{') {
        if (depth === 1) selectors.push(word.trim());
        depth++;
        word = '';
      } else if (char === '}') depth--;
      else if (depth === 1) word += char;
    }
    forms.set(match[1] as string, selectors);
  }
  return forms;
}

/** A person as what is proposed to a seeker ("nobody will be proposed to you"), not any "anyone". */
const PROPOSED_PERSON_EN =
  /\b(?:nobody|no one|anyone)\b(?: \p{L}+){0,2} proposed\b|\bpropose (?:anyone|anybody|nobody|no one)\b/iu;

/**
 * The noun «başvuru» (an application) in its inflected forms («başvurunuz», «başvurular»,
 * «başvuruda»), not the verb «başvurmak» (to turn to someone: «koordinatöre başvurun»,
 * «başvuruyoruz», «başvurulabilir»), which is a legitimate word for something else.
 */
const APPLICATION_TR = /başvuru(?!n(?!\p{L})|yor|l(?!ar))/iu;

describe('message catalogs', () => {
  it.each(LOCALES)('%s has exactly the keys of en, none of them blank', (locale) => {
    const catalog = CATALOGS[locale];
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(catalog)) {
      expect(value.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it.each(LOCALES)('%s keeps every placeholder of the English message', (locale) => {
    for (const [key, value] of Object.entries(en)) {
      expect(placeholders(CATALOGS[locale][key as keyof typeof en]), `${locale} ${key}`).toEqual(
        placeholders(value),
      );
    }
  });

  it.each(LOCALES)('%s gives every plural the forms its language needs', (locale) => {
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [key, value] of Object.entries(CATALOGS[locale])) {
      for (const [argument, selectors] of pluralForms(value)) {
        expect(selectors, `${locale} ${key} ${argument}`).toContain('other');
        for (const category of needed) {
          if (!selectors.includes(category)) {
            // A language may drop a form only where it writes every count alike ("3 kişi", "1 kişi").
            expect(
              selectors.filter((s) => !s.startsWith('=')),
              `${locale} ${key} ${argument}`,
            ).toEqual(['other']);
          }
        }
      }
    }
  });

  it('chooses plural forms by the reader’s language, and writes no count with the wrong noun', () => {
    expect(translator('en')('party.summary', { adults: 1, children: 1 })).toBe('1 adult and 1 child');
    expect(translator('en')('party.summary', { adults: 2, children: 0 })).toBe('2 adults');
    expect(translator('ru')('party.summary', { adults: 2, children: 1 })).toBe('2 взрослых и 1 ребёнок');
    expect(translator('ru')('party.summary', { adults: 1, children: 5 })).toBe('1 взрослый и 5 детей');
    expect(translator('uk')('party.summary', { adults: 21, children: 3 })).toBe('21 дорослий і 3 дитини');
    expect(translator('tr')('party.summary', { adults: 2, children: 1 })).toBe('2 yetişkin ve 1 çocuk');
    expect(translator('en')('decision.why.fit', { party: 1, beds: 2 })).toBe('1 person in 2 beds');
    expect(translator('ru')('decision.why.fit', { party: 3, beds: 5 })).toBe('3 человека на 5 мест');
    expect(translator('en')('coordinator.row.people', { count: 1 })).toBe('1 person');
    expect(translator('uk')('coordinator.row.children', { count: 2 })).toBe('2 дитини');
    // A part of 21 records is a range in Russian too, though 21 takes the form of 1 there.
    const part = { part: '2', rows: 21, from: '501', to: '521' };
    expect(translator('ru')('coordinator.export.part', part)).toBe('Часть 2: записи 501–521');
    expect(translator('uk')('coordinator.export.part', part)).toBe('Частина 2: записи 501–521');
    expect(translator('tr')('coordinator.export.part', part)).toBe('Bölüm 2: 501–521 arası kayıtlar');
    expect(translator('en')('coordinator.export.part', { ...part, rows: 1, to: '501' })).toBe(
      'Part 2: record 501',
    );
  });

  it.each(LOCALES.filter((locale) => locale !== 'en'))(
    '%s is a translation, not a copy of English',
    (locale) => {
      const same = Object.entries(CATALOGS[locale]).filter(
        ([key, value]) => value === en[key as keyof typeof en] && key !== 'site.name',
      );
      expect(same.map(([key]) => key)).toEqual([]);
    },
  );

  it.each([
    ['ru', /совпаден|сопоставля|подсчёт/i],
    ['uk', /збіг|зіставля/i],
  ] as const)(
    '%s says “match” as people do (a pair, a place), not by the dictionary’s calque',
    (locale, calque) => {
      const calques = Object.entries(CATALOGS[locale]).filter(([, value]) => calque.test(value));
      expect(calques.map(([key]) => key)).toEqual([]);
    },
  );

  // A name or a place is filled in as typed, in the nominative: after a preposition that
  // governs a case ("к Олена", "до Олена") it reads as broken grammar. Dates are formatted in
  // the genitive already, so "с {from}" and "до {due}" are fine.
  it.each(['ru', 'uk'] as const)('%s puts no name or place right after a preposition', (locale) => {
    const preposition =
      /(?:^|[\s(«—])(?:к|ко|у|в|во|до|для|от|из|с|со|о|об|на|по|при|за|про|без|через|между|з|зі|із|від|між|під|над|перед)\s+\{(?:other|name|by|city|country|place)\}/iu;
    const declined = Object.entries(CATALOGS[locale]).filter(([, value]) => preposition.test(value));
    expect(declined.map(([key]) => key)).toEqual([]);
  });

  it.each(['ru', 'uk'] as const)(
    '%s sets off a clause with an em dash, never an en dash or hyphen',
    (locale) => {
      const wrong = Object.entries(CATALOGS[locale]).filter(([, value]) => / [–-] /.test(value));
      expect(wrong.map(([key]) => key)).toEqual([]);
    },
  );

  // «не подбирается» reads as "does not creep up" (подбираться); «домохозяйство» is a census
  // word, where the form says «безопасное жильё».
  it.each([
    ['ru', /пока не извест|подбирает?ся|домохозяйств/iu],
    ['uk', /повідом\p{L}* нас(?!\p{L})|домогосподарств/iu],
  ] as const)('%s has none of the slips a native speaker notices', (locale, slip) => {
    const slips = Object.entries(CATALOGS[locale]).filter(([, value]) => slip.test(value));
    expect(slips.map(([key]) => key)).toEqual([]);
  });

  // A seeker is offered places, not people: "nobody will be proposed to you" is what a host reads.
  it.each([
    ['en', PROPOSED_PERSON_EN],
    ['ru', /никого|кого-либо/i],
    ['uk', /нікого|будь-кого/i],
    ['tr', /kimse/i],
  ] as const)('%s tells a seeker no more places are proposed, not no more people', (locale, person) => {
    const toSeeker = Object.entries(CATALOGS[locale]).filter(([key]) => key.startsWith('stillLooking.'));
    expect(toSeeker.length).toBeGreaterThan(5);
    const people = toSeeker.filter(([, value]) => person.test(value));
    expect(people.map(([key]) => key)).toEqual([]);
  });

  it('bans only the phrasings it is for, not the words next to them', () => {
    for (const person of [
      'nobody will be proposed to you',
      'nobody is proposed to you any more',
      'we will not propose anyone to you',
    ])
      expect(person).toMatch(PROPOSED_PERSON_EN);
    expect('Do not forward this mail to anyone.').not.toMatch(PROPOSED_PERSON_EN);
    for (const noun of ['başvuru', 'başvurunuz', 'başvurular', 'başvuruda', 'başvuruyu'])
      expect(noun).toMatch(APPLICATION_TR);
    for (const verb of [
      'Koordinatöre başvurun.',
      'başvurmak',
      'başvuruyoruz',
      'başvurulabilir',
      'başvurabilirsiniz',
    ])
      expect(verb).not.toMatch(APPLICATION_TR);
  });

  // The manage page says "we propose no place to you" (manage.pause.request.text); the
  // still-looking page and mail say the same, in the same voice, of a request that ends.
  it.each([
    ['en', /we will propose no more places to you/u],
    ['ru', /мы больше не будем предлагать вам жильё/u],
    ['uk', /ми більше не пропонуватимемо вам житло/u],
    ['tr', /size artık yer önermeyiz/u],
  ] as const)(
    '%s says we propose no more places when a request ends, as the manage page says it',
    (locale, we) => {
      const catalog = CATALOGS[locale];
      expect(catalog['stillLooking.no.lead']).toMatch(we);
      expect(catalog['stillLooking.mail.deadline']).toMatch(we);
    },
  );

  // Every line of "why nobody matched" counts the same thing, a party; one line counting
  // requests among lines counting families reads as a second unit.
  it.each([
    ['en', /\b(?:parties|families)\b/],
    ['ru', /сем[ье]/u],
    ['uk', /родин/u],
    ['tr', /aile/u],
  ] as const)('%s counts families on every line of why nobody matched', (locale, family) => {
    const t = translator(locale);
    const lines = (Object.keys(en) as MessageKey[]).filter(
      (key) => key.startsWith('overview.why.') && !key.endsWith('.supply') && en[key].includes('{count'),
    );
    expect(lines.length).toBeGreaterThan(8);
    const other = lines.filter((key) => !family.test(t(key, { count: 5, city: 'İzmir' })));
    expect(other).toEqual([]);
  });

  // A pending proposal turns cancelled when its offer or request is withdrawn, paused or changed,
  // or its host is rejected at the host check (causeOf and cancelProposalsOfRejectedHosts in
  // shared/approval/cancel.ts); the decision link shows it so as soon as the offer is no longer
  // open or either side's facts moved (openContext in shared/approval/service.ts). Naming only a
  // withdrawal tells a coordinator whose host changed the dates that the host withdrew.
  it.each([
    ['en', [/withdrawn/, /paused/, /changed,/, /rejected the host/]],
    ['ru', [/отозвали/u, /приостановили/u, /изменили/u, /отклонил хозяина/u]],
    ['uk', [/відкликали/u, /призупинили/u, /змінили/u, /відхилив господаря/u]],
    ['tr', [/geri çekildiği/u, /duraklatıldığı/u, /değiştirildiği/u, /reddettiği/u]],
  ] as const)('%s names every cause of a cancelled proposal on the decision page', (locale, causes) => {
    const text = CATALOGS[locale]['decision.decided.cancelled'];
    expect(causes.filter((cause) => !cause.test(text))).toEqual([]);
  });

  // «запросы всех ваших стран» reads as requests the countries made; the export holds the records
  // that are in them.
  it.each([
    ['ru', /^Скачать (?:запросы|предложения жилья) по всем вашим странам \(CSV\)$/u],
    ['uk', /^Завантажити (?:запити|пропозиції житла) з усіх ваших країн \(CSV\)$/u],
  ] as const)('%s names the export of all countries by where its records are', (locale, link) => {
    const catalog = CATALOGS[locale];
    expect(catalog['coordinator.export.all.requests']).toMatch(link);
    expect(catalog['coordinator.export.all.offers']).toMatch(link);
  });

  it('tr labels the notes from the form in the nominative, as the other labels are', () => {
    expect(CATALOGS.tr['coordinator.record.notes']).toBe('Formdaki notlar');
  });

  it('en labels a record’s notes as the other languages do: from the form, not «their»', () => {
    expect(CATALOGS.en['coordinator.record.notes']).toBe('Notes from the form');
  });

  // «на Haven» reads as a website's «на сайте»; a person offers a place through Haven, as the
  // other mails say «в Haven» or «через».
  it.each(['ru', 'uk'] as const)('%s says a host offered a place through Haven, not «на Haven»', (locale) => {
    const offered = Object.entries(CATALOGS[locale]).filter(([, text]) => /на Haven/u.test(text));
    expect(offered.map(([key]) => key)).toEqual([]);
  });

  // «de» is "also": the candidates are the matcher's own, not others it would consider as well.
  it('tr says the propose page lists the candidates the matcher would consider, not "also" consider', () => {
    expect(CATALOGS.tr['coordinator.propose.hint']).toMatch(
      /^Otomatik eşleştirmenin değerlendireceği adaylar:/u,
    );
  });

  // A Turkish numeral takes a singular noun ("3 aile"), but what fits them is several offers:
  // "3 aileye uygun bir teklif var" says one offer fits all three.
  it('tr says one offer fits one family and offers fit several', () => {
    const why = translator('tr');
    expect(why('overview.why.none', { count: 1, city: 'İzmir' })).toBe(
      'İzmir: 1 aileye uygun bir teklif var; bir sonraki eşleştirmede önerilecek',
    );
    expect(why('overview.why.none', { count: 3, city: 'İzmir' })).toBe(
      'İzmir: 3 aileye uygun teklifler var; bir sonraki eşleştirmede önerilecekler',
    );
  });

  // A family is not "larger than a place" («семья больше любого места», «aile her yerden
  // kalabalık»): it does not fit, because no place nearby has enough beds.
  it.each([
    ['ru', 'İzmir: для 3 семей нигде поблизости не хватает свободных мест'],
    ['uk', 'İzmir: для 3 родин ніде поблизу не вистачає вільних місць'],
    ['tr', 'İzmir: 3 aile için yakında yeterince büyük boş yer yok'],
  ] as const)('%s says a family finds no place with beds enough, not that it is larger', (locale, text) => {
    expect(translator(locale)('overview.why.capacity', { count: 3, city: 'İzmir' })).toBe(text);
  });

  // "0 offers there accept children" is a count nobody says aloud; a speaker says there is none.
  it.each([
    ['en', 'no offer there accepts children'],
    ['ru', 'детей там не принимает ни одно предложение'],
    ['uk', 'дітей там не приймає жодна пропозиція'],
    ['tr', 'orada çocuk kabul eden teklif yok'],
  ] as const)('%s says no offer takes children, not that 0 offers do', (locale, none) => {
    const t = translator(locale);
    expect(t('overview.why.children.supply', { count: 0 })).toBe(none);
    for (const key of ['overview.why.pets.supply', 'overview.why.stepFree.supply'] as const)
      expect(t(key, { count: 0 }), key).not.toMatch(/\b0\b/);
  });

  // "kendisi" refers back to one family, "kendileri" to several.
  it('tr says a party was declined for an offer, not that the offer declined it', () => {
    const why = translator('tr');
    expect(why('overview.why.declined', { count: 1, city: 'İzmir' })).toBe(
      'İzmir: 1 aileye yalnızca kendisi için daha önce reddedilmiş teklifler uyuyor',
    );
    expect(why('overview.why.declined', { count: 2, city: 'İzmir' })).toBe(
      'İzmir: 2 aileye yalnızca kendileri için daha önce reddedilmiş teklifler uyuyor',
    );
  });

  // The form's button, the manage page and the mails name a seeker's request with one word; a
  // second word on other pages reads as a second thing. Stems, to catch every inflected form
  // ("заявок", "заявці", "başvuruda").
  it.each([
    ['ru', /запрос/iu, /заяв(?:к|ок)/iu],
    ['uk', /запит/iu, /заяв(?:к|ц|ок)/iu],
    ['tr', /talep|talib|taleb/iu, APPLICATION_TR],
  ] as const)('%s calls a seeker’s request by one word everywhere', (locale, word, other) => {
    const catalog = CATALOGS[locale];
    expect(catalog['form.request.submit']).toMatch(word);
    expect(catalog['stillLooking.facts.title']).toMatch(word);
    const others = Object.entries(catalog).filter(([, value]) => other.test(value));
    expect(others.map(([key]) => key)).toEqual([]);
  });

  // The public pages say an offer is "open for matching" («відкрито для підбору»); the
  // coordinator pages name the same process with the same word. «Добір» beside it reads as a
  // second process, and «не добирається» as "does not get there" (добиратися, to reach).
  it('uk calls matching by one word, «підбір», on every page', () => {
    const catalog = CATALOGS.uk;
    expect(catalog['status.offer.open']).toMatch(/підбор/u);
    expect(catalog['coordinator.rule.open']).toMatch(/підбор/u);
    const others = Object.entries(catalog).filter(([, value]) => /доб(?:ір|ор|ир)/iu.test(value));
    expect(others.map(([key]) => key)).toEqual([]);
  });

  // The sign-in mail, the workspace's title and the decision page's link to it name one place:
  // «рабочее место» on one and «кабинет» on the other read as two.
  it.each([
    ['ru', /кабинет/iu, /рабоч\p{L}* мест/iu],
    ['uk', /кабінет/iu, /робоч\p{L}* міс/iu],
    ['tr', /panel/iu, /çalışma alan/iu],
  ] as const)('%s calls the coordinators’ workspace by one word', (locale, word, other) => {
    const catalog = CATALOGS[locale];
    for (const key of [
      'coordinator.title',
      'coordinator.mail.intro',
      'decision.hostCheckFirst.link',
    ] as const)
      expect(catalog[key], key).toMatch(word);
    expect(
      Object.entries(catalog)
        .filter(([, value]) => other.test(value))
        .map(([key]) => key),
    ).toEqual([]);
  });

  // The record page's form says «Ev sahibi kontrolü», «Kontrolü kaydet»: the queue, the decision
  // page and the history name the same act with the same verb, not «doğrulama» beside it.
  it('tr calls a host check by one word, «kontrol»', () => {
    expect(CATALOGS.tr['coordinator.verify.title']).toMatch(/kontrol/u);
    expect(CATALOGS.tr['coordinator.queue.verify']).toMatch(/kontrol/iu);
    const other = Object.entries(CATALOGS.tr).filter(([, value]) => /doğrula/iu.test(value));
    expect(other.map(([key]) => key)).toEqual([]);
  });

  // The other direction: the request's word names nothing else. On an error page a host whose
  // offer form got a 400 would read that we could not read "the request".
  it.each([
    ['en', /\brequest/iu],
    ['ru', /запрос/iu],
    ['uk', /запит/iu],
    ['tr', /talep|talib|taleb/iu],
  ] as const)('%s does not call a technical request by the seeker’s request’s word', (locale, word) => {
    const errors = Object.entries(CATALOGS[locale]).filter(([key]) => key.startsWith('error.'));
    expect(errors.length).toBeGreaterThan(10);
    expect(errors.filter(([, value]) => word.test(value)).map(([key]) => key)).toEqual([]);
  });

  it.each(LOCALES)(
    '%s writes apostrophes and quotes as typeset text does, not typewriter marks',
    (locale) => {
      const typewriter = Object.entries(CATALOGS[locale]).filter(([, value]) => /['"]/.test(value));
      expect(typewriter.map(([key]) => key)).toEqual([]);
    },
  );

  // Two look-alike apostrophes split one word in two for find-in-page and search ("ім’я", "імʼя").
  it('uk writes one apostrophe, ’, in every word', () => {
    const other = Object.entries(CATALOGS.uk).filter(([, value]) => /ʼ/.test(value));
    expect(other.map(([key]) => key)).toEqual([]);
  });

  it.each(['ru', 'uk'] as const)(
    '%s never starts a line with a dash: the space before «—» does not break',
    (locale) => {
      const t = translator(locale);
      const breakable = (Object.keys(en) as MessageKey[]).filter((key) => t(key).includes(' — '));
      expect(breakable).toEqual([]);
      expect(t('landing.title')).toMatch(/\u00a0— /);
      // Only the catalog's own text: a value put into it is left as it came.
      const filled = t('mail.placement.subjectSeeker', { place: 'Kadıköy — İstanbul' });
      expect(filled).toContain('(Kadıköy — İstanbul)\u00a0— ');
    },
  );

  // A name after a colon stays in the nominative; a preposition before the colon would ask for
  // another case («пару для: Оксана»). How a host was checked is named, not who did it («видел(а)»).
  it.each(['ru', 'uk'] as const)(
    '%s ends no phrase on a preposition before a colon, and names a host check by what was seen',
    (locale) => {
      const dangling = Object.entries(CATALOGS[locale]).filter(([, value]) =>
        /(?:^|\s)(?:для|с|со|к|ко|от|о|об|про|з|із|зі|від|до|на|в|у|по):/iu.test(value),
      );
      expect(dangling.map(([key]) => key)).toEqual([]);
      for (const method of ['phone', 'id', 'visit'] as const) {
        expect(translator(locale)(`coordinator.verify.method.${method}`)).not.toMatch(/\(/);
      }
    },
  );

  // «Предложение» alone is the proposal the mail voids; the host's offer is «предложение жилья».
  it.each([
    ['ru', 'предложение жилья'],
    ['uk', 'пропозицію житла'],
  ] as const)(
    '%s names the host’s offer apart from the proposal in every mail that voids one',
    (locale, offer) => {
      const t = translator(locale);
      for (const key of [
        'mail.void.offerWithdrawn',
        'mail.void.offerClosed',
        'mail.void.offerEnded',
        'mail.void.offerPaused',
        'mail.void.offerChanged',
      ] as const) {
        expect(t(key)).toContain(offer);
      }
    },
  );

  it('says a sign-in link lasts as long as SIGN_IN_LINK_MS, in every language', () => {
    const minutes = SIGN_IN_LINK_MS / 60_000;
    // The number stands alone and is followed by the word for minutes in a form it can take.
    const lasts = {
      en: new RegExp(`(?<!\\d)${minutes} minutes`, 'u'),
      ru: new RegExp(`(?<!\\d)${minutes} минут[аы]?(?!\\p{L})`, 'u'),
      uk: new RegExp(`(?<!\\d)${minutes} хвилин[аи]?(?!\\p{L})`, 'u'),
      tr: new RegExp(`(?<!\\d)${minutes} dakika`, 'u'),
    };
    const keys = [
      'link.gone.helpSignIn',
      'coordinator.signIn.lead',
      'coordinator.signIn.sent.text',
      'coordinator.signIn.sent.textNoAddress',
    ] as const;
    for (const locale of LOCALES) {
      for (const key of keys) expect(CATALOGS[locale][key], `${locale} ${key}`).toMatch(lasts[locale]);
    }
  });

  it('has a general message for every issue code intake can report', () => {
    for (const code of ISSUE_CODES) expect(isMessageKey(`issue.${code}`), code).toBe(true);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('ru')('inbox.sent', { email: 'a@b.c' })).toBe('Мы отправили письмо на a@b.c.');
    expect(translator('tr')('inbox.sent')).toContain('{email}');
  });
});
