import { LIMITS } from '../../domain/intake.ts';
import { HOST_HOUSEHOLDS, STAY_FIELDS } from '../../domain/records.ts';
import { isMessageKey, type MessageKey } from '../../i18n/index.ts';
import { INIT_DATA_FIELD } from '../../telegram/init-data.ts';
import {
  CheckboxField,
  ErrorSummary,
  Fieldset,
  FormAlert,
  type FormState,
  firstValue,
  Honeypot,
  InputField,
  SelectField,
  TextAreaField,
} from './fields.tsx';
import {
  AboutYouFieldset,
  DateRangeFields,
  PartyFields,
  PlaceFields,
  summaryItems,
} from './intake-fields.tsx';
import { Layout, localHref, type PageContext } from './layout.tsx';

/** What both forms need besides the state: the honeypot's name and the dates for `min` and the default. */
export interface IntakeFormProps {
  readonly state: FormState;
  readonly honeypot: string;
  /** YYYY-MM-DD somewhere on Earth right now: dates before it are refused anyway. */
  readonly earliest: string;
  /**
   * YYYY-MM-DD in UTC, the pre-filled first night where the site's script cannot put in the
   * person's own today (it is yesterday in Istanbul until 03:00, and tomorrow in New York from 19:00 in winter).
   */
  readonly today: string;
  /** Opened from the Telegram bot as a Mini App: the chat is the channel, the email optional. */
  readonly telegram?: boolean;
  /** Sent from a Mini App opened more than a day before: nothing was stored, and the form is to be opened again. */
  readonly telegramStale?: boolean;
}

/** The id of the offer and request forms, which the language switcher posts (see PageContext.form). */
export const INTAKE_FORM_ID = 'intake-form';

/** The fields of the offer form in the order they appear, for the error summary. */
export const OFFER_FIELDS = [
  'country',
  'city',
  ...STAY_FIELDS.offer,
  'name',
  'email',
  'phone',
  'languages',
  'notes',
] as const;

/** The fields of the request form in the order they appear. */
export const REQUEST_FIELDS = [
  'country',
  'city',
  'maxDistanceKm',
  ...STAY_FIELDS.request,
  'name',
  'email',
  'phone',
  'languages',
  'notes',
] as const;

/** The label a field's problem is listed under in the summary. */
export function fieldLabelKey(field: string): MessageKey {
  const key = `field.${field}`;
  return isMessageKey(key) ? key : 'issue.invalid';
}

/** How the fields are drawn: for a new form (pre-filled defaults) or for the manage page's edit. */
interface FieldsProps {
  readonly state: FormState;
  /** The earliest date the form accepts. */
  readonly min: string;
  /** The first night pre-filled on a new form; an edit shows the record's own. */
  readonly initial?: string;
  /** The manage page's edit: no defaults, no email, every checkbox says when it is unticked. */
  readonly editing?: boolean;
}

/** Where, when and what: the host's place, dates and home, on the new offer form and its edit. */
export function OfferFactFields({ state, min, initial, editing = false }: FieldsProps) {
  const { t } = state.page;
  return (
    <>
      <Fieldset legend={t('fieldset.place')}>
        <PlaceFields state={state} cityOptional={false} />
      </Fieldset>
      <Fieldset legend={t('fieldset.dates')}>
        <DateRangeFields state={state} kind="offer" min={min} {...(initial ? { initial } : {})} />
      </Fieldset>
      <Fieldset legend={t('fieldset.home')}>
        <InputField
          state={state}
          name="beds"
          type="number"
          label={t('field.beds')}
          hint={t('field.beds.hint')}
          min={1}
          max={LIMITS.beds}
          inputMode="numeric"
          {...(editing ? {} : { initial: '1' })}
        />
        <SelectField
          state={state}
          name="hostHousehold"
          label={t('field.hostHousehold')}
          hint={t('field.hostHousehold.hint')}
          optional
          placeholder={t('field.hostHousehold.none')}
          groups={[
            {
              options: HOST_HOUSEHOLDS.map((value) => ({
                value,
                label: t(`household.${value}`),
              })),
            },
          ]}
        />
        <Checks
          state={state}
          editing={editing}
          names={['petsAllowed', 'childrenAllowed', 'stepFree', 'multipleParties']}
        />
      </Fieldset>
    </>
  );
}

/** A tick's label and, where it has one, its hint. */
type Tick = readonly [label: MessageKey, hint?: MessageKey];

/** The ticks of both forms. */
const TICKS = {
  petsAllowed: ['field.petsAllowed'],
  childrenAllowed: ['field.childrenAllowed'],
  stepFree: ['field.stepFree'],
  multipleParties: ['field.multipleParties'],
  pets: ['field.pets'],
  needsStepFree: ['field.needsStepFree'],
  safeHousehold: ['field.safeHousehold', 'field.safeHousehold.hint'],
} as const satisfies Record<string, Tick>;

/** A row of ticks; on an edit each says so when left unticked (see CheckboxField). */
function Checks({
  state,
  editing,
  names,
}: {
  state: FormState;
  editing: boolean;
  names: readonly (keyof typeof TICKS)[];
}) {
  const { t } = state.page;
  return (
    <div class="checks">
      {names.map((name) => {
        const [label, hint]: Tick = TICKS[name];
        return (
          <CheckboxField
            state={state}
            name={name}
            label={t(label)}
            {...(hint ? { hint: t(hint) } : {})}
            sayUnticked={editing}
          />
        );
      })}
    </div>
  );
}

/** Where, when, who and what they need: the seeker's facts, on the new request form and its edit. */
export function RequestFactFields({ state, min, initial, editing = false }: FieldsProps) {
  const { t } = state.page;
  return (
    <>
      <Fieldset legend={t('fieldset.place')}>
        <PlaceFields state={state} cityOptional />
        <InputField
          state={state}
          name="maxDistanceKm"
          type="number"
          label={t('field.maxDistanceKm')}
          hint={t('field.maxDistanceKm.hint')}
          optional
          min={1}
          max={LIMITS.maxDistanceKm}
          inputMode="numeric"
          {...(editing ? {} : { initial: '50' })}
        />
      </Fieldset>
      <Fieldset legend={t('fieldset.dates')}>
        <DateRangeFields state={state} kind="request" min={min} {...(initial ? { initial } : {})} />
      </Fieldset>
      <Fieldset legend={t('fieldset.party')}>
        <PartyFields state={state} fresh={!editing} />
        <Checks state={state} editing={editing} names={['pets']} />
      </Fieldset>
      <Fieldset legend={t('fieldset.needs')}>
        <Checks state={state} editing={editing} names={['needsStepFree', 'safeHousehold']} />
      </Fieldset>
    </>
  );
}

/** Who the person is and anything else they want to say; the edit leaves the address out. */
export function PersonFields({
  state,
  editing = false,
  telegram = false,
}: {
  state: FormState;
  editing?: boolean;
  telegram?: boolean;
}) {
  const { t } = state.page;
  return (
    <>
      <AboutYouFieldset state={state} withEmail={!editing} telegram={telegram} />
      <Fieldset legend={t('fieldset.notes')}>
        <TextAreaField
          state={state}
          name="notes"
          label={t('field.notes')}
          hint={t('field.notes.hint')}
          maxLength={LIMITS.notes}
        />
      </Fieldset>
    </>
  );
}

/** What tells the host's form from the seeker's. */
const FORMS = {
  offer: {
    path: '/offers',
    fields: OFFER_FIELDS,
    title: 'form.offer.title',
    lead: 'form.offer.lead',
    submit: 'form.offer.submit',
    Facts: OfferFactFields,
  },
  request: {
    path: '/requests',
    fields: REQUEST_FIELDS,
    title: 'form.request.title',
    lead: 'form.request.lead',
    submit: 'form.request.submit',
    Facts: RequestFactFields,
  },
} as const;

/** `GET /offers/new`, `GET /requests/new` and a failed POST of either: the host's or the seeker's form. */
export function IntakeFormPage({
  kind,
  state,
  honeypot,
  earliest,
  today,
  telegram = false,
  telegramStale = false,
}: IntakeFormProps & { readonly kind: 'offer' | 'request' }) {
  const form = FORMS[kind];
  const { page } = state;
  const { t } = page;
  const items = summaryItems(state, form.fields, (field) => t(fieldLabelKey(field)));
  return (
    <Layout page={page} title={t(form.title)} withScript>
      {telegramStale ? <TelegramStaleNotice page={page} /> : <ErrorSummary page={page} items={items} />}
      <SentSinceNotice page={page} />
      {telegram ? (
        <p class="notice" role="status" data-draft-restored hidden>
          {t('form.telegramDraftRestored')}
        </p>
      ) : null}
      <h1>{t(form.title)}</h1>
      <p class="lead">{t(form.lead)}</p>
      <form
        id={INTAKE_FORM_ID}
        method="post"
        action={localHref(telegram ? `${form.path}?via=telegram` : form.path, page.locale)}
        novalidate
        {...(telegram ? { 'data-draft': form.path } : {})}
        {...(telegramStale ? { 'data-save-draft': '' } : {})}
      >
        <form.Facts state={state} min={earliest} initial={today} />
        <FormEnding state={state} honeypot={honeypot} submit={t(form.submit)} telegram={telegram} />
      </form>
    </Layout>
  );
}

/**
 * A Mini App form sent a day or more after it was opened: Telegram's word for who sent it has run
 * out, so nothing was stored. Only opening the form again from the bot brings a fresh one; the
 * page's script keeps what was typed on the device until then, and says so once it has
 * (assets/telegram-draft-js.ts).
 */
function TelegramStaleNotice({ page }: { page: PageContext }) {
  return (
    <FormAlert title={page.t('form.telegramStale.title')}>
      <p>{page.t('form.telegramStale.text')}</p>
      {/* Shown by the page's script once it has kept what was typed: the device may refuse. */}
      <p data-draft-kept hidden>
        {page.t('form.telegramStale.kept')}
      </p>
    </FormAlert>
  );
}

/**
 * A form page drawn as the answer to a POST stays in the browser's history, and Back after a
 * later successful send shows it again as it was. The site's script then replaces it by the
 * page that says what was done (see History); without script nothing can, so the page itself
 * says, to those who see it without script, what coming back here means.
 */
function SentSinceNotice({ page }: { page: PageContext }) {
  if (page.history?.staleAfter === undefined) return null;
  return (
    <noscript>
      <div class="notice">
        <p>{page.t('form.sentSince', { title: page.t('inbox.title') })}</p>
      </div>
    </noscript>
  );
}

/** What closes both intake forms: who you are, anything else, the honeypot and the submit button. */
function FormEnding({
  state,
  honeypot,
  submit,
  telegram,
}: {
  state: FormState;
  honeypot: string;
  submit: string;
  telegram: boolean;
}) {
  return (
    <>
      <PersonFields state={state} telegram={telegram} />
      <Honeypot page={state.page} name={honeypot} />
      {telegram ? (
        // Filled by the page's script from the Mini App's launch parameters (assets/city-js.ts).
        <input
          type="hidden"
          name={INIT_DATA_FIELD}
          value={firstValue(state.values, INIT_DATA_FIELD)}
          data-telegram-init-data
        />
      ) : null}
      <div class="actions">
        <button type="submit" class="button">
          {submit}
        </button>
      </div>
    </>
  );
}
