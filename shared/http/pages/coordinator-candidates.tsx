import type { HardRule } from '../../domain/matching/rules.ts';
import { formatPercent } from '../../i18n/format.ts';
import { partyText, placeText } from '../../mail/templates/facts.ts';
import { placeName } from '../../places/gazetteer.ts';
import type { Candidates, PairCandidate } from '../../workspace/propose.ts';
import { type Fact, FactList } from './action-page.tsx';
import { CsrfInput, WorkspaceLayout, type WorkspaceReader } from './coordinator-pages.tsx';
import { localHref, type PageContext } from './layout.tsx';
import { formatDate } from './manage-page.tsx';
import { Parts } from './row-parts.tsx';

/** What a proposal made from this page came to, from the redirect (post / redirect / get). */
export type ProposeNotice = 'made' | 'refused';

const recordPath = (kind: 'offer' | 'request', id: string) =>
  `/coordinator/${kind === 'offer' ? 'offers' : 'requests'}/${id}`;

/** The other side of a pair, in one line: where, how many, when. */
function otherSide(candidate: PairCandidate, kind: 'offer' | 'request', page: PageContext): string[] {
  const { t } = page;
  const date = (iso: string) => formatDate(iso, page);
  if (kind === 'offer') {
    const { request } = candidate;
    const place = placeText(request.country, request.city, page.locale, t);
    const party = partyText(request.adults, request.children, t);
    return [place, party, date(request.arrival)];
  }
  const { offer } = candidate;
  return [
    placeName(offer.country, offer.city, page.locale),
    `${t('decision.fact.beds')}: ${offer.beds}`,
    date(offer.availableFrom),
  ];
}

function scoreFacts(candidate: PairCandidate, page: PageContext): Fact[] {
  const { t } = page;
  const percent = (share: number) => formatPercent(share, page.locale);
  const { breakdown } = candidate.score;
  return [
    { label: t('decision.score.coverage'), value: percent(breakdown.coverage) },
    { label: t('decision.score.closeness'), value: percent(breakdown.distance) },
    { label: t('decision.score.fit'), value: percent(breakdown.fit) },
    { label: t('decision.score.sharedLanguages'), value: percent(breakdown.languages) },
  ];
}

const ruleText = (rule: HardRule, page: PageContext) => page.t(`coordinator.rule.${rule}`);

/** `GET /coordinator/{requests|offers}/{id}/candidates`: the five best pairs the matcher would consider. */
export function CandidatesPage({
  page,
  reader,
  found,
  notice,
}: {
  page: PageContext;
  reader: WorkspaceReader;
  found: Candidates;
  notice?: ProposeNotice | undefined;
}) {
  const { t } = page;
  const { record } = found;
  const base = recordPath(record.kind, record.id);
  const otherKind = record.kind === 'offer' ? 'request' : 'offer';
  const title = t('coordinator.propose.title', { name: record.name });
  return (
    <WorkspaceLayout page={page} reader={reader} title={title}>
      <h1>{title}</h1>
      <p>
        <a class="button secondary small" href={localHref(base, page.locale)}>
          {t('coordinator.propose.back')}
        </a>
      </p>
      {notice ? (
        <p class="notice" role="status">
          {t(notice === 'made' ? 'coordinator.propose.made' : 'coordinator.propose.refused')}
        </p>
      ) : null}
      <p class="hint">{t('coordinator.propose.hint')}</p>
      {found.candidates.length === 0 ? (
        <p class="queue-empty">{t('coordinator.propose.none')}</p>
      ) : (
        <ol class="plain candidates">
          {found.candidates.map((candidate) => {
            const other = otherKind === 'offer' ? candidate.offer : candidate.request;
            return (
              <li class="panel">
                <h2>
                  <Parts
                    parts={[
                      <a class="tap" href={localHref(recordPath(otherKind, other.id), page.locale)}>
                        {t(
                          otherKind === 'offer' ? 'coordinator.record.offer' : 'coordinator.record.request',
                          {
                            name: other.name,
                          },
                        )}
                      </a>,
                      formatPercent(candidate.score.score, page.locale),
                    ]}
                  />
                </h2>
                <p>
                  <Parts parts={otherSide(candidate, record.kind, page)} />
                </p>
                <FactList facts={scoreFacts(candidate, page)} />
                {candidate.broken.length > 0 ? (
                  <p class="field-error">
                    {t('coordinator.propose.blocked', {
                      rules: candidate.broken.map((rule) => ruleText(rule, page)).join('; '),
                    })}
                  </p>
                ) : (
                  <form method="post" action={localHref(`${base}/propose`, page.locale)}>
                    <CsrfInput csrf={reader.csrf} />
                    <button type="submit" class="button small" name="with" value={other.id}>
                      {t('coordinator.propose.button')}
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </WorkspaceLayout>
  );
}
