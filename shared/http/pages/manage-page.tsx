import type { Locale, OfferRecord, RequestRecord } from '../../domain/records.ts';
import { formatSpan, languageList } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { PlacementView } from '../../intake/placements.ts';
import { placeName } from '../../places/gazetteer.ts';
import { ActionForm, type Fact, FactList } from './action-page.tsx';
import { ErrorSummary, type FormState } from './fields.tsx';
import { summaryItems } from './intake-fields.tsx';
import {
  fieldLabelKey,
  OFFER_FIELDS,
  OfferFactFields,
  PersonFields,
  REQUEST_FIELDS,
  RequestFactFields,
} from './intake-forms.tsx';
import { Layout, localHref, type PageContext } from './layout.tsx';

/**
 * The values the manage page's buttons send as `action`. A contract (docs/product.md, "What
 * outside checks rely on"): the one button labelled "Withdraw" withdraws; its panel says that
 * this can't be undone. A POST without one of these changes nothing.
 */
export const MANAGE_BUTTON_VALUES = ['pause', 'resume', 'update', 'withdraw', 'erase', 'problem'] as const;
export type ManageButtonValue = (typeof MANAGE_BUTTON_VALUES)[number];
/** What the record's state allows, as the intake service reports it. */
export type ManageAction = 'pause' | 'resume' | 'edit' | 'withdraw' | 'erase';
/** What a manage page may announce at its top, after the change it names (`?done=`). */
export type ManageNotice = 'confirmed' | 'paused' | 'resumed' | 'updated' | 'withdrawn' | 'problem';
/** The field that names the placement a "there is a problem" press is about. */
export const PLACEMENT_FIELD = 'placement';
/** The field every manage form's button is named. */
export const MANAGE_BUTTON = 'action';

/** A date as the reader writes it ("3 March 2026", "3 марта 2026 г."); the value is a calendar day, not an instant. */
export function formatDate(isoDate: string, page: PageContext): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(page.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function countryName(code: string, page: PageContext): string {
  try {
    return new Intl.DisplayNames([page.locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Everything the person told us, in their language, for them to check. */
export function recordFacts(record: OfferRecord | RequestRecord, page: PageContext): Fact[] {
  const { t } = page;
  const yesNo = (value: boolean) => t(value ? 'manage.yes' : 'manage.no');
  const optionalDate = (value: string | undefined) => (value ? formatDate(value, page) : t('manage.notSet'));
  const place: Fact[] = [
    { label: t('field.country'), value: countryName(record.country, page) },
    ...(record.city
      ? [{ label: t('field.city'), value: placeName(record.country, record.city, page.locale) }]
      : []),
  ];
  // An ended record is shown with its personal data already left out (intake/links.ts).
  const person: Fact[] =
    record.email === ''
      ? []
      : [
          { label: t('field.name'), value: record.name },
          { label: t('field.email'), value: record.email },
          { label: t('field.phone'), value: record.phone ?? t('manage.notSet') },
          {
            label: t('field.languages'),
            value: languageList(record.languages, page.locale),
          },
          ...(record.notes ? [{ label: t('field.notes'), value: record.notes }] : []),
        ];
  if (record.kind === 'offer') {
    return [
      ...place,
      { label: t('field.availableFrom'), value: formatDate(record.availableFrom, page) },
      { label: t('field.availableTo'), value: optionalDate(record.availableTo) },
      { label: t('field.beds'), value: String(record.beds) },
      {
        label: t('field.hostHousehold'),
        value: record.hostHousehold ? t(`household.${record.hostHousehold}`) : t('manage.notSet'),
      },
      { label: t('field.petsAllowed'), value: yesNo(record.petsAllowed) },
      { label: t('field.childrenAllowed'), value: yesNo(record.childrenAllowed) },
      { label: t('field.stepFree'), value: yesNo(record.stepFree) },
      { label: t('field.multipleParties'), value: yesNo(record.multipleParties) },
      ...person,
    ];
  }
  return [
    ...place,
    ...(record.city ? [{ label: t('field.maxDistanceKm'), value: String(record.maxDistanceKm) }] : []),
    { label: t('field.arrival'), value: formatDate(record.arrival, page) },
    { label: t('field.departure'), value: optionalDate(record.departure) },
    { label: t('field.adults'), value: String(record.adults) },
    { label: t('field.children'), value: String(record.children) },
    { label: t('field.pets'), value: yesNo(record.pets) },
    { label: t('field.needsStepFree'), value: yesNo(record.needsStepFree) },
    { label: t('field.safeHousehold'), value: yesNo(record.safeHousehold) },
    ...person,
  ];
}

/** The few facts that identify a record at a glance: where, when, how many, to which address. */
export function summaryFacts(record: OfferRecord | RequestRecord, page: PageContext): Fact[] {
  const { t } = page;
  const city = record.city && placeName(record.country, record.city, page.locale);
  const place = [city, countryName(record.country, page)].filter(Boolean).join(', ');
  // Without an end, "from …, no end date" as the mails say: one date alone reads as one day.
  const dates = (from: string, to: string | undefined) =>
    to
      ? formatSpan(formatDate(from, page), formatDate(to, page), page.locale)
      : t('mail.dates.from', { from: formatDate(from, page) });
  const common = [{ label: t('fieldset.place'), value: place }];
  const contact = { label: t('field.email'), value: record.email };
  if (record.kind === 'offer') {
    return [
      ...common,
      { label: t('fieldset.dates'), value: dates(record.availableFrom, record.availableTo) },
      { label: t('field.beds'), value: String(record.beds) },
      contact,
    ];
  }
  return [
    ...common,
    { label: t('fieldset.dates'), value: dates(record.arrival, record.departure) },
    { label: t('field.adults'), value: String(record.adults) },
    { label: t('field.children'), value: String(record.children) },
    contact,
  ];
}

/**
 * The edit form's starting values: the record's, until the person sends their own. The place
 * is shown in the reader's language, which resolves back to the same place.
 */
export function editValues(
  record: OfferRecord | RequestRecord,
  locale: Locale = record.locale,
): Record<string, string[]> {
  const optional = (value: string | undefined) => (value ? [value] : ['']);
  const tick = (value: boolean) => (value ? ['on'] : []);
  const person = {
    name: [record.name],
    phone: optional(record.phone),
    languages: [...record.languages],
    notes: optional(record.notes),
    country: [record.country],
    city: optional(record.city && placeName(record.country, record.city, locale)),
  };
  if (record.kind === 'offer') {
    return {
      ...person,
      availableFrom: [record.availableFrom],
      availableTo: optional(record.availableTo),
      beds: [String(record.beds)],
      hostHousehold: optional(record.hostHousehold),
      petsAllowed: tick(record.petsAllowed),
      childrenAllowed: tick(record.childrenAllowed),
      stepFree: tick(record.stepFree),
      multipleParties: tick(record.multipleParties),
    };
  }
  return {
    ...person,
    maxDistanceKm: [String(record.maxDistanceKm)],
    arrival: [record.arrival],
    departure: optional(record.departure),
    adults: [String(record.adults)],
    children: [String(record.children)],
    pets: tick(record.pets),
    needsStepFree: tick(record.needsStepFree),
    safeHousehold: tick(record.safeHousehold),
  };
}

/** The fields the manage page lets a person edit, in page order: all they entered but the address. */
export const EDIT_FIELDS = {
  offer: OFFER_FIELDS.filter((field) => field !== 'email'),
  request: REQUEST_FIELDS.filter((field) => field !== 'email'),
} as const;

/** The id of the manage page's edit form, which the language switcher and the city choices post. */
export const EDIT_FORM_ID = 'edit-form';

export interface ManagePageProps {
  /** The edit form's state: the record's values, or what was sent with its problems. */
  readonly state: FormState;
  readonly record: OfferRecord | RequestRecord;
  /** The actions the record's state allows now; the page shows a section for each. */
  readonly actions: readonly ManageAction[];
  /**
   * A change that the record's state no longer allowed (someone else acted first), or an erasure
   * that other writes kept overtaking (`erase-overtaken`: nothing erased yet, it may be pressed again).
   */
  readonly conflict?: 'changed' | 'erase-overtaken';
  /** The link's own path; every form on the page posts back to it. */
  readonly action: string;
  /** The placements whose stay has not ended, with the other side's contact. */
  readonly placements?: readonly PlacementView[];
  /** What the last POST did, shown at the top. */
  readonly done?: ManageNotice;
  readonly today: string;
}

function EditForm({ state, record, action, today }: ManagePageProps) {
  const { t } = state.page;
  const kind = record.kind;
  return (
    <section class="panel" aria-labelledby="edit-title">
      <h2 id="edit-title">{t(kind === 'offer' ? 'manage.edit.offer.title' : 'manage.edit.request.title')}</h2>
      <p class="hint">{t('manage.edit.lead')}</p>
      <form id={EDIT_FORM_ID} method="post" action={action} novalidate>
        {kind === 'offer' ? (
          <OfferFactFields state={state} min={today} editing />
        ) : (
          <RequestFactFields state={state} min={today} editing />
        )}
        <PersonFields state={state} editing />
        <button type="submit" class="button" name={MANAGE_BUTTON} value="update">
          {t('manage.edit.button')}
        </button>
      </form>
    </section>
  );
}

/** Who the other side is and how to reach them, as the placement mail said; the dates alone once they erased their data. */
function placementFacts(placement: PlacementView, kind: 'offer' | 'request', page: PageContext): Fact[] {
  const { t } = page;
  const other = placement.with;
  const dates = placement.nightsTo
    ? formatSpan(formatDate(placement.nightsFrom, page), formatDate(placement.nightsTo, page), page.locale)
    : t('manage.placement.openEnded', { from: formatDate(placement.nightsFrom, page) });
  const when: Fact = { label: t('manage.placement.dates'), value: dates };
  if (other === undefined) return [when];
  const place: Fact[] =
    kind === 'request' && other.country
      ? [
          {
            label: t('field.city'),
            value: [
              other.city && placeName(other.country, other.city, page.locale),
              countryName(other.country, page),
            ]
              .filter(Boolean)
              .join(', '),
          },
        ]
      : [];
  const party: Fact[] =
    kind === 'offer'
      ? [
          { label: t('field.adults'), value: String(other.adults ?? 0) },
          { label: t('field.children'), value: String(other.children ?? 0) },
        ]
      : [];
  return [
    { label: t('manage.placement.name'), value: other.name },
    { label: t('field.email'), value: other.email },
    { label: t('field.phone'), value: other.phone ?? t('manage.notSet') },
    {
      label: t('field.languages'),
      value: languageList(other.languages, page.locale),
    },
    ...place,
    ...party,
    when,
  ];
}

/**
 * After a coordinator's yes: who is coming (or whose place it is), their contact, when Haven
 * asks how it goes, and a button that reaches a coordinator when something is wrong.
 */
function PlacementSection({
  placement,
  record,
  action,
  page,
}: {
  placement: PlacementView;
  record: OfferRecord | RequestRecord;
  action: string;
  page: PageContext;
}) {
  const { t } = page;
  const kind = record.kind;
  const id = `placement-${placement.proposalId}`;
  const checkIns = new Intl.ListFormat(page.locale, { type: 'conjunction' }).format(
    placement.checkIns.map((checkIn) => formatDate(checkIn.dueOn, page)),
  );
  return (
    <section class="panel" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>
        {t(kind === 'offer' ? 'manage.placement.offer.title' : 'manage.placement.request.title')}
      </h2>
      <p>
        {placement.with === undefined
          ? t(kind === 'offer' ? 'manage.placement.offer.erased' : 'manage.placement.request.erased')
          : t(kind === 'offer' ? 'manage.placement.offer.lead' : 'manage.placement.request.lead')}
      </p>
      <FactList facts={placementFacts(placement, kind, page)} />
      {kind === 'offer' && !record.multipleParties ? <p>{t('manage.placement.onlyThem')}</p> : null}
      {placement.checkIns.length > 0 ? <p>{t('manage.placement.checkIns', { dates: checkIns })}</p> : null}
      <p>{t('manage.placement.problem.text')}</p>
      <form method="post" action={action}>
        <input type="hidden" name={PLACEMENT_FIELD} value={placement.proposalId} />
        <button type="submit" class="button secondary" name={MANAGE_BUTTON} value="problem">
          {t('manage.placement.problem.button')}
        </button>
      </form>
    </section>
  );
}

/**
 * The private manage page: the record as we hold it and one small form per thing a person may
 * do, each with its own single button. Withdrawing only asks here; it acts on the next page.
 */
export function ManagePage(props: ManagePageProps) {
  const { state, record, done } = props;
  const { page } = state;
  const { t } = page;
  const kind = record.kind;
  const actions = new Set(props.actions);
  const placements = props.placements ?? [];
  const action = localHref(props.action, page.locale);
  const items = summaryItems(state, EDIT_FIELDS[kind], (field) => t(fieldLabelKey(field)));
  const title = t(kind === 'offer' ? 'manage.offer.title' : 'manage.request.title');
  return (
    <Layout page={page} title={title} noindex withScript={actions.has('edit')}>
      <ErrorSummary page={page} items={items} />
      {props.conflict ? (
        <div class="notice" role="status">
          {t(props.conflict === 'erase-overtaken' ? 'manage.erase.overtaken' : 'manage.conflict')}
        </div>
      ) : null}
      {done === 'confirmed' ? (
        <div class="notice done" role="status">
          <p>
            <strong>{t('confirm.done.title')}</strong>
          </p>
          <p>{t(kind === 'offer' ? 'confirm.offer.done' : 'confirm.request.done')}</p>
        </div>
      ) : done ? (
        <div class="notice done" role="status">
          {t(
            kind === 'request' && (done === 'paused' || done === 'resumed')
              ? `manage.done.request.${done}`
              : `manage.done.${done}`,
          )}
        </div>
      ) : null}
      <h1>{title}</h1>
      <p class="status">
        <span class="visually-hidden">{t('manage.status')}: </span>
        {t(`status.${kind}.${record.status}` as MessageKey)}
      </p>
      {actions.has('withdraw') || placements.length > 0 ? null : <p class="lead">{t('manage.closed')}</p>}
      {placements.map((placement) => (
        <PlacementSection placement={placement} record={record} action={action} page={page} />
      ))}
      {actions.has('pause') ? (
        <section class="panel" aria-labelledby="pause-title">
          <h2 id="pause-title">{t('manage.pause.title')}</h2>
          <p>{t(kind === 'offer' ? 'manage.pause.text' : 'manage.pause.request.text')}</p>
          <ActionForm
            action={action}
            button={{
              name: MANAGE_BUTTON,
              value: 'pause',
              label: t(kind === 'offer' ? 'manage.pause.button' : 'manage.pause.request.button'),
            }}
          />
        </section>
      ) : null}
      {actions.has('resume') ? (
        <section class="panel" aria-labelledby="resume-title">
          <h2 id="resume-title">{t('manage.resume.title')}</h2>
          <p>{t(kind === 'offer' ? 'manage.resume.text' : 'manage.resume.request.text')}</p>
          <ActionForm
            action={action}
            button={{
              name: MANAGE_BUTTON,
              value: 'resume',
              label: t(kind === 'offer' ? 'manage.resume.button' : 'manage.resume.request.button'),
            }}
          />
        </section>
      ) : null}
      {actions.has('edit') ? <EditForm {...props} action={action} /> : null}
      <section class="panel" aria-labelledby="facts-title">
        <h2 id="facts-title">{t('manage.facts')}</h2>
        <FactList facts={recordFacts(record, page)} />
      </section>
      {actions.has('withdraw') ? (
        <section class="panel" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t('manage.withdraw.title')}</h2>
          <p>{t(kind === 'offer' ? 'manage.withdraw.offer.text' : 'manage.withdraw.request.text')}</p>
          <ActionForm
            action={action}
            button={{
              name: MANAGE_BUTTON,
              value: 'withdraw',
              label: t(kind === 'offer' ? 'manage.withdraw.offer.button' : 'manage.withdraw.request.button'),
              tone: 'danger',
            }}
          />
        </section>
      ) : null}
      {actions.has('erase') ? (
        <section class="panel" aria-labelledby="erase-title">
          <h2 id="erase-title">{t('manage.erase.title')}</h2>
          <p>{t('manage.erase.text')}</p>
          <ActionForm
            action={action}
            button={{ name: MANAGE_BUTTON, value: 'erase', label: t('manage.erase.button'), tone: 'danger' }}
          />
        </section>
      ) : null}
    </Layout>
  );
}
