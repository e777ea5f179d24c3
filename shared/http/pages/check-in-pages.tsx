import { ActionPage, DonePage } from './action-page.tsx';
import type { PageContext } from './layout.tsx';

/** The field the problem page's button is named, and the value the POST must carry to act. */
export const PROBLEM_BUTTON = { name: 'report', value: 'problem' } as const;

/** `GET /check-in/{token}`: one button that tells the coordinators; nothing here acts by itself. */
export function ProblemPage({ page, action }: { page: PageContext; action: string }) {
  const { t } = page;
  return (
    <ActionPage
      page={page}
      title={t('checkIn.problem.title')}
      lead={t('checkIn.problem.lead')}
      action={action}
      button={{ ...PROBLEM_BUTTON, label: t('checkIn.problem.button') }}
    />
  );
}

/** After the report went to the coordinators. */
export function ProblemReportedPage({ page }: { page: PageContext }) {
  return (
    <DonePage
      page={page}
      title={page.t('checkIn.problem.done.title')}
      text={page.t('checkIn.problem.done.text')}
    />
  );
}
