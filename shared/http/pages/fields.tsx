import type { Child } from 'hono/jsx';
import type { MessageKey } from '../../i18n/index.ts';
import { CHOOSE_CITY, localHref, type PageContext } from './layout.tsx';

/** What the person typed, as the urlencoded body carried it: every field may repeat. */
export type FormValues = Readonly<Record<string, readonly string[]>>;
/** Translated messages per field name; the key `''` holds problems that belong to no one field. */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

/** The state a form is drawn from: empty on GET, the sent values and their problems after a failed POST. */
export interface FormState {
  readonly page: PageContext;
  readonly values: FormValues;
  readonly errors: FieldErrors;
  /** Places to offer under the city field (the nearest names to an unknown one), each a button. */
  readonly cityChoices?: readonly string[];
}

export const firstValue = (values: FormValues, name: string): string => values[name]?.[0] ?? '';

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

function Messages({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <p class="field-error" id={id}>
      {messages.join(' ')}
    </p>
  );
}

/**
 * Whether a field may be left empty: always (`true`), or, for the phone and the email of a Mini
 * App form, only when the Telegram account has a username, else one of the two is needed
 * (contactIssue in domain/intake.ts), `unlessUsername` naming the other. The server cannot know
 * which (the init data reaches it only with the send), so the label states the rule, and the
 * page's script, which reads the init data, puts the half that applies in its place.
 */
export type Optionality = boolean | { readonly unlessUsername: MessageKey };

function LabelText({ label, optional, page }: { label: string; optional?: Optionality; page: PageContext }) {
  const { t } = page;
  return (
    <>
      {label}
      {optional === true ? <span class="optional"> ({t('form.optional')})</span> : null}
      {typeof optional === 'object' ? (
        <span
          class="optional"
          data-unless-username
          data-with-username={` (${t('form.optional')})`}
          data-without-username={` (${t(optional.unlessUsername)})`}
        >
          {' '}
          ({t('form.optionalWithUsername')})
        </span>
      ) : null}
    </>
  );
}

interface InputProps {
  readonly state: FormState;
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly optional?: Optionality;
  readonly type?: 'text' | 'email' | 'tel' | 'number' | 'date';
  readonly autocomplete?: string;
  readonly maxLength?: number;
  readonly min?: string | number;
  readonly max?: string | number;
  readonly inputMode?: 'numeric' | 'email' | 'tel' | 'text';
  /**
   * For city completion: the datalist to fill, the places endpoint, the country select's id.
   */
  readonly completion?: {
    readonly list: string;
    readonly endpoint: string;
    readonly countryField: string;
  };
  /** The value when the form is fresh (a GET), e.g. 50 km or today's date. */
  readonly initial?: string;
  /**
   * `initial` is today's date as the server counts it (UTC): the site's script puts in the
   * date the person's own clock shows instead, while the field still holds it.
   */
  readonly localToday?: boolean;
  /** When two inputs share a name (`languages`), the second needs its own id and value. */
  readonly id?: string;
  readonly value?: string;
  /**
   * A question about what was typed, asked under the input by the site's script as the person
   * leaves the field (assets/city-js.ts): the wordings, as data attributes of the empty live
   * region the script fills, so that a screen reader hears it when it appears.
   */
  readonly prompt?: Readonly<Record<`data-${string}`, string>>;
}

/** The label, hint and messages above every field, wired to the ids that aria-describedby names. */
function FieldHead(props: {
  id: string;
  label: string;
  hint: string | undefined;
  optional: Optionality | undefined;
  page: PageContext;
  errors: readonly string[] | undefined;
}) {
  return (
    <>
      <label for={props.id}>
        <LabelText label={props.label} optional={props.optional} page={props.page} />
      </label>
      {props.hint ? (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      <Messages id={`${props.id}-error`} messages={props.errors} />
    </>
  );
}

/** A labelled input with its hint and its error beside it, wired up for screen readers. */
export function InputField(props: InputProps) {
  const { state, name, label, hint, optional, type = 'text' } = props;
  const id = props.id ?? name;
  const errors = state.errors[id];
  const invalid = Boolean(errors?.length);
  const sent = Object.keys(state.values).length > 0;
  const value = props.value ?? (sent ? firstValue(state.values, name) : (props.initial ?? ''));
  const localToday = props.localToday === true && !sent && props.initial !== undefined;
  return (
    <div class={invalid ? 'field has-error' : 'field'}>
      <FieldHead id={id} label={label} hint={hint} optional={optional} page={state.page} errors={errors} />
      <input
        type={type}
        id={id}
        name={name}
        value={value}
        required={!optional}
        autocomplete={props.autocomplete}
        maxlength={props.maxLength}
        min={props.min}
        max={props.max}
        inputmode={props.inputMode}
        list={props.completion?.list}
        data-places={props.completion?.endpoint}
        data-country={props.completion?.countryField}
        data-local-today={localToday ? '' : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, invalid && `${id}-error`)}
        aria-invalid={invalid ? 'true' : undefined}
      />
      {props.prompt ? <div id={`${id}-prompt`} role="status" {...props.prompt} /> : null}
      {props.completion ? <datalist id={props.completion.list} /> : null}
      {props.completion ? <CityChoices state={state} /> : null}
    </div>
  );
}

/**
 * The places nearest to what was typed, as buttons: pressing one posts the form back with that
 * city, shown again to check and submit, so nothing typed elsewhere is lost and nothing is sent.
 */
function CityChoices({ state }: { state: FormState }) {
  const { page } = state;
  const choices = state.cityChoices ?? [];
  if (!page.form || choices.length === 0) return null;
  const { form } = page;
  return (
    <fieldset class="choices">
      <legend class="hint">{page.t('issue.city_choices')}</legend>
      {choices.map((choice) => (
        <button
          type="submit"
          class="choice"
          form={form.id}
          formaction={localHref(form.action, page.locale, { [CHOOSE_CITY]: choice })}
          formnovalidate
        >
          {choice}
        </button>
      ))}
    </fieldset>
  );
}

/**
 * A multi-line answer, for notes. Pasted text is never cut at the limit (no maxlength): the
 * count of characters left is shown (and kept up to date by the site's script), and a text
 * over the limit is an error that says so.
 */
export function TextAreaField(props: Pick<InputProps, 'state' | 'name' | 'label' | 'hint' | 'maxLength'>) {
  const { state, name, label, hint } = props;
  const { t } = state.page;
  const errors = state.errors[name];
  const invalid = Boolean(errors?.length);
  const text = firstValue(state.values, name);
  const max = props.maxLength;
  // Counted as the schema counts (UTF-16 units of the NFC text), so the page and the check agree.
  const left = max === undefined ? undefined : max - text.normalize('NFC').length;
  const number = (count: number) => new Intl.NumberFormat(state.page.locale).format(count);
  const counter =
    left === undefined
      ? undefined
      : left >= 0
        ? t('field.notes.left', { count: number(left) })
        : t('field.notes.over', { count: number(-left) });
  return (
    <div class={invalid ? 'field has-error' : 'field'}>
      <label for={name}>
        <LabelText label={label} optional page={state.page} />
      </label>
      {hint ? (
        <span class="hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      <Messages id={`${name}-error`} messages={errors} />
      <textarea
        id={name}
        name={name}
        rows={4}
        data-max={max}
        data-count={counter === undefined ? undefined : `${name}-count`}
        aria-describedby={describedBy(
          hint && `${name}-hint`,
          invalid && `${name}-error`,
          counter !== undefined && `${name}-count`,
        )}
        aria-invalid={invalid ? 'true' : undefined}
      >
        {text}
      </textarea>
      {counter === undefined ? null : (
        <span
          class={left !== undefined && left < 0 ? 'hint counter over' : 'hint counter'}
          id={`${name}-count`}
          data-left={t('field.notes.left', { count: '#' })}
          data-over={t('field.notes.over', { count: '#' })}
        >
          {counter}
        </span>
      )}
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

interface SelectProps {
  readonly state: FormState;
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly optional?: boolean;
  /** The first, empty choice ("Choose…" or "Prefer not to say"). */
  readonly placeholder: string;
  readonly groups: readonly { readonly label?: string; readonly options: readonly Option[] }[];
  readonly autocomplete?: string;
}

/** A labelled select whose options may be grouped (the common countries first). */
export function SelectField(props: SelectProps) {
  const { state, name, label, hint, optional } = props;
  const errors = state.errors[name];
  const invalid = Boolean(errors?.length);
  const chosen = firstValue(state.values, name);
  const options = (list: readonly Option[]) =>
    list.map((option) => (
      <option value={option.value} selected={option.value === chosen}>
        {option.label}
      </option>
    ));
  return (
    <div class={invalid ? 'field has-error' : 'field'}>
      <FieldHead id={name} label={label} hint={hint} optional={optional} page={state.page} errors={errors} />
      <select
        id={name}
        name={name}
        required={!optional}
        autocomplete={props.autocomplete}
        aria-describedby={describedBy(hint && `${name}-hint`, invalid && `${name}-error`)}
        aria-invalid={invalid ? 'true' : undefined}
      >
        <option value="">{props.placeholder}</option>
        {props.groups.map((group) =>
          group.label ? (
            <optgroup label={group.label}>{options(group.options)}</optgroup>
          ) : (
            options(group.options)
          ),
        )}
      </select>
    </div>
  );
}

/**
 * A yes/no question: a checkbox sending `on`, as the forms contract says. With `sayUnticked`
 * (an edit, where an absent field means "leave it"), a hidden `off` goes first, so an unticked
 * box still tells the server it was seen and left empty.
 */
export function CheckboxField(props: {
  state: FormState;
  name: string;
  label: string;
  hint?: string;
  sayUnticked?: boolean;
}) {
  const { state, name, label, hint } = props;
  const errors = state.errors[name];
  const invalid = Boolean(errors?.length);
  return (
    <div class={invalid ? 'check has-error' : 'check'}>
      {props.sayUnticked ? <input type="hidden" name={name} value="off" /> : null}
      <input
        type="checkbox"
        id={name}
        name={name}
        value="on"
        checked={state.values[name]?.includes('on') ?? false}
        aria-describedby={describedBy(hint && `${name}-hint`, invalid && `${name}-error`)}
        aria-invalid={invalid ? 'true' : undefined}
      />
      <div>
        <label for={name}>{label}</label>
        {hint ? (
          <span class="hint" id={`${name}-hint`}>
            {hint}
          </span>
        ) : null}
        <Messages id={`${name}-error`} messages={errors} />
      </div>
    </div>
  );
}

/** A group of related questions under one legend (household, needs, languages). */
export function Fieldset({ legend, id, children }: { legend: string; id?: string; children?: Child }) {
  return (
    <fieldset id={id}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

export interface SummaryItem {
  /** The id of the field to jump to. */
  readonly target: string;
  readonly label: string;
  readonly message: string;
}

/** The box at the top of a form that came back unsent: focused, and read out at once. */
export function FormAlert({ title, children }: { title: string; children?: Child }) {
  return (
    <div
      class="error-summary"
      id="error-summary"
      role="alert"
      tabindex={-1}
      autofocus
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">{title}</h2>
      {children}
    </div>
  );
}

/**
 * The list of problems at the top of a failed form, each a link to its field, so a keyboard or
 * screen-reader user learns everything at once and can jump straight to the fix.
 */
export function ErrorSummary({ page, items }: { page: PageContext; items: readonly SummaryItem[] }) {
  if (items.length === 0) return null;
  return (
    <FormAlert title={page.t('form.errors.title')}>
      <p>{page.t('form.errors.lead')}</p>
      <ul>
        {items.map((item) => (
          <li>
            <a href={`#${item.target}`}>
              {item.label ? `${item.label}: ` : ''}
              {item.message}
            </a>
          </li>
        ))}
      </ul>
    </FormAlert>
  );
}

/**
 * The trap for bots: a field people never see or reach. It is hidden by the stylesheet (no
 * inline style under our CSP), skipped by keyboard and screen readers, and never autofilled.
 */
export function Honeypot({ page, name }: { page: PageContext; name: string }) {
  return (
    <div class="hp" aria-hidden="true">
      <label for={name}>{page.t('form.honeypot')}</label>
      <input type="text" id={name} name={name} value="" tabindex={-1} autocomplete="off" data-no-draft />
    </div>
  );
}
