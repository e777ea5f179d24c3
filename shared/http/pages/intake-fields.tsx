import { LIMITS } from '../../domain/intake.ts';
import { ISO_3166_ALPHA2 } from '../../domain/iso-codes.ts';
import type { Locale } from '../../i18n/index.ts';
import {
  Fieldset,
  type FormState,
  InputField,
  type Option,
  SelectField,
  type SummaryItem,
} from './fields.tsx';
import type { PageContext } from './layout.tsx';

/** Where most people in flight arrive; they lead the country list so a phone user scrolls less. */
export const COMMON_COUNTRIES = ['TR', 'GE', 'AM', 'KZ', 'RS'] as const;

/** Languages offered as checkboxes: those of the people Haven serves and of the countries they reach. */
export const COMMON_LANGUAGES = [
  'uk',
  'ru',
  'en',
  'tr',
  'ka',
  'hy',
  'kk',
  'az',
  'sr',
  'be',
  'ar',
  'fa',
] as const;

function capitalise(text: string, locale: Locale): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

const countryGroupsCache = new Map<Locale, { label?: string; options: Option[] }[]>();

/** Country names in the reader's language (from the runtime's ICU data), common ones first. */
export function countryGroups(page: PageContext): { label?: string; options: Option[] }[] {
  const cached = countryGroupsCache.get(page.locale);
  if (cached) return cached;
  const names = new Intl.DisplayNames([page.locale], { type: 'region' });
  const collator = new Intl.Collator(page.locale);
  const option = (code: string): Option => ({ value: code, label: names.of(code) ?? code });
  const groups = [
    { label: page.t('form.country.common'), options: COMMON_COUNTRIES.map(option) },
    {
      label: page.t('form.country.all'),
      options: [...ISO_3166_ALPHA2].map(option).sort((a, b) => collator.compare(a.label, b.label)),
    },
  ];
  countryGroupsCache.set(page.locale, groups);
  return groups;
}

/** A language's name in the reader's language, e.g. "Gürcüce" for `ka` on a Turkish page. */
export function languageName(code: string, locale: Locale): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    return name ? capitalise(name, locale) : code;
  } catch {
    return code;
  }
}

/** Codes from a field that may repeat and hold comma-separated lists. */
function codesOf(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(/[\s,;]+/))
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

/** Checkboxes for the common languages plus a free field (`languagesOther`) for the rest. */
export function LanguagesFieldset({ state }: { state: FormState }) {
  const { page } = state;
  const ticked = codesOf(state.values.languages).map((code) => code.toLowerCase());
  const common = COMMON_LANGUAGES as readonly string[];
  const other = [
    ...ticked.filter((code) => !common.includes(code)),
    ...codesOf(state.values.languagesOther),
  ].join(', ');
  const errors = state.errors.languages;
  const invalid = Boolean(errors?.length);
  return (
    <fieldset
      id="languages"
      class={invalid ? 'has-error' : undefined}
      aria-describedby={invalid ? 'languages-hint languages-error' : 'languages-hint'}
    >
      <legend>{page.t('fieldset.languages')}</legend>
      <span class="hint" id="languages-hint">
        {page.t('field.languages.hint')}
      </span>
      {invalid ? (
        <p class="field-error" id="languages-error">
          {errors?.join(' ')}
        </p>
      ) : null}
      <div class="checks chips">
        {COMMON_LANGUAGES.map((code) => (
          <div class="check">
            <input
              type="checkbox"
              id={`lang-${code}`}
              name="languages"
              value={code}
              checked={ticked.includes(code)}
            />
            <label for={`lang-${code}`} lang={code}>
              {languageName(code, page.locale)}
            </label>
          </div>
        ))}
      </div>
      <InputField
        state={state}
        name="languagesOther"
        value={other}
        label={page.t('field.languagesOther')}
        hint={page.t('field.languagesOther.hint')}
        optional
        maxLength={100}
        autocomplete="off"
      />
    </fieldset>
  );
}

/** Name, email, phone and languages: asked the same way of hosts and seekers (an edit keeps the email). */
export function AboutYouFieldset({
  state,
  telegram = false,
  withEmail = true,
}: {
  state: FormState;
  telegram?: boolean;
  withEmail?: boolean;
}) {
  const { t } = state.page;
  return (
    <Fieldset legend={t('fieldset.you')}>
      <InputField
        state={state}
        name="name"
        label={t('field.name')}
        hint={t('field.name.hint')}
        autocomplete="name"
        maxLength={LIMITS.name}
      />
      {withEmail ? (
        <InputField
          state={state}
          name="email"
          type="email"
          label={t('field.email')}
          hint={t(telegram ? 'field.email.telegramHint' : 'field.email.hint')}
          optional={telegram ? { unlessUsername: 'form.emailUnlessPhone' } : false}
          autocomplete="email"
          inputMode="email"
          maxLength={LIMITS.email}
          prompt={emailPrompt(state.page)}
        />
      ) : null}
      <InputField
        state={state}
        name="phone"
        type="tel"
        label={t('field.phone')}
        hint={t(telegram ? 'field.phone.telegramHint' : 'field.phone.hint')}
        optional={telegram ? { unlessUsername: 'form.phoneUnlessEmail' } : true}
        autocomplete="tel"
        maxLength={LIMITS.phone}
        prompt={{ 'data-text': t('prompt.phone') }}
      />
      <LanguagesFieldset state={state} />
    </Fieldset>
  );
}

/**
 * "Did you mean …?" under the address, and a button that puts the address the person probably
 * meant in the field: wordings with # where the script puts that address.
 */
const emailPrompt = (page: PageContext) => ({
  'data-question': page.t('prompt.email.question', { email: '#' }),
  'data-use': page.t('prompt.email.use', { email: '#' }),
});

/** The country select and the city input wired to completion; the seeker's city is optional. */
export function PlaceFields({ state, cityOptional }: { state: FormState; cityOptional: boolean }) {
  const { t } = state.page;
  return (
    <>
      <SelectField
        state={state}
        name="country"
        label={t('field.country')}
        placeholder={t('form.select.choose')}
        groups={countryGroups(state.page)}
        autocomplete="country"
      />
      <InputField
        state={state}
        name="city"
        label={t('field.city')}
        hint={cityOptional ? `${t('field.city.hint')} ${t('field.city.requestHint')}` : t('field.city.hint')}
        optional={cityOptional}
        autocomplete="off"
        maxLength={LIMITS.city}
        completion={{
          list: 'city-options',
          endpoint: '/api/v1/places',
          countryField: 'country',
        }}
      />
    </>
  );
}

/** The error summary's entries in the order the fields appear, so the list reads like the form. */
export function summaryItems(
  state: FormState,
  order: readonly string[],
  labelOf: (field: string) => string,
): SummaryItem[] {
  const known = new Set(order);
  const fields = [...order, ...Object.keys(state.errors).filter((field) => !known.has(field))];
  return fields.flatMap((field) =>
    (state.errors[field] ?? []).map((message) => ({
      target: field === '' || !known.has(field) ? 'main' : field,
      label: field === '' || !known.has(field) ? '' : labelOf(field),
      message,
    })),
  );
}

/** The first and last night, with the same fields, labels and limits on every form that asks for them. */
export function DateRangeFields(props: {
  readonly state: FormState;
  readonly kind: 'offer' | 'request';
  /** The earliest date the form accepts. */
  readonly min: string;
  /** The first night pre-filled on a new form; an edit shows the record's own dates instead. */
  readonly initial?: string;
}) {
  const { state, min } = props;
  const { t } = state.page;
  const [from, to] =
    props.kind === 'offer'
      ? (['availableFrom', 'availableTo'] as const)
      : (['arrival', 'departure'] as const);
  return (
    <div class="row">
      <InputField
        state={state}
        name={from}
        type="date"
        label={t(`field.${from}`)}
        min={min}
        {...(props.initial === undefined ? {} : { initial: props.initial, localToday: true })}
      />
      <InputField
        state={state}
        name={to}
        type="date"
        label={t(`field.${to}`)}
        hint={t(`field.${to}.hint`)}
        optional
        min={min}
      />
    </div>
  );
}

/** How many adults and children come: pre-filled with one adult on a new request, as stored on an edit. */
export function PartyFields({
  state,
  fresh = false,
}: {
  readonly state: FormState;
  readonly fresh?: boolean;
}) {
  const { t } = state.page;
  return (
    <div class="row">
      <InputField
        state={state}
        name="adults"
        type="number"
        label={t('field.adults')}
        {...(fresh ? { hint: t('field.adults.hint'), initial: '1' } : {})}
        min={1}
        max={LIMITS.adults}
        inputMode="numeric"
      />
      <InputField
        state={state}
        name="children"
        type="number"
        label={t('field.children')}
        min={0}
        max={LIMITS.children}
        inputMode="numeric"
        {...(fresh ? { initial: '0' } : {})}
      />
    </div>
  );
}
