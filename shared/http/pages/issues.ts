import type { IssueDetail } from '../../domain/errors.ts';
import { isMessageKey, type Translate } from '../../i18n/index.ts';
import type { FieldErrors } from './fields.tsx';

/** The form field an issue belongs to: `languages.2` is the languages group, `''` the whole form. */
export function fieldOfPath(path: string): string {
  return path.split(/[.[]/, 1)[0] ?? '';
}

/**
 * An issue in the reader's language: the field's own wording for the code if it has one
 * (`issue.beds.too_big`), else the code's general wording, else a plain "please check this".
 * The English message of the API is never shown on a page: it may not be in the page's language.
 */
export function issueMessage(t: Translate, issue: IssueDetail, withSuggestions = true): string {
  const field = fieldOfPath(issue.path);
  const code = issue.code ?? 'invalid';
  const own = `issue.${field}.${code}`;
  const general = `issue.${code}`;
  const text = field && isMessageKey(own) ? t(own) : isMessageKey(general) ? t(general) : t('issue.invalid');
  const suggestions = withSuggestions ? (issue.suggestions?.filter((name) => name.trim() !== '') ?? []) : [];
  return suggestions.length > 0
    ? `${text} ${t('issue.city_suggestions', { suggestions: suggestions.join(', ') })}`
    : text;
}

/** The places suggested for an unknown city, which a form shows as buttons (see `pressable`). */
export function cityChoices(issues: readonly IssueDetail[]): readonly string[] {
  const unknown = issues.find((issue) => fieldOfPath(issue.path) === 'city' && issue.code === 'unknown_city');
  return unknown?.suggestions?.filter((name) => name.trim() !== '') ?? [];
}

/**
 * Groups a ValidationError's issues by the form's fields, in the reader's language; issues on
 * fields the form does not show (e.g. an unknown field) go under `''`, shown in the summary only.
 * With `pressable`, a city's suggestions are left out of the text: the form shows them as buttons.
 */
export function fieldErrors(
  t: Translate,
  issues: readonly IssueDetail[],
  fields: readonly string[],
  options: { readonly pressable?: boolean } = {},
): FieldErrors {
  const known = new Set(fields);
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = fieldOfPath(issue.path);
    const key = known.has(field) ? field : '';
    const message = issueMessage(t, issue, !options.pressable);
    const list = errors[key] ?? [];
    if (!list.includes(message)) errors[key] = [...list, message];
  }
  return errors;
}
