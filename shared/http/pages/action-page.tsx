import type { Child } from 'hono/jsx';
import type { MessageKey } from '../../i18n/index.ts';
import { Layout, localHref, type PageContext } from './layout.tsx';
import { ZonesWhole } from './row-parts.tsx';

/**
 * One line of "what this is about": a label and a value, plain text (always escaped; an
 * instant's bracketed zone in it kept whole, ZonesWhole) or markup.
 */
export interface Fact {
  readonly label: string;
  readonly value: Child;
}

/** The one button of an action page; its name and value are what the POST must carry to act. */
export interface ActionButton {
  readonly name: string;
  readonly value: string;
  readonly label: string;
  readonly tone?: 'primary' | 'danger';
}

/** A definition list of facts, the same on every link page and in the manage page. */
export function FactList({ facts }: { facts: readonly Fact[] }) {
  if (facts.length === 0) return null;
  return (
    <dl class="facts">
      {facts.map((fact) => (
        <div>
          <dt>{fact.label}</dt>
          <dd>{typeof fact.value === 'string' ? <ZonesWhole text={fact.value} /> : fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A form with exactly one button, posting back to the link. Nothing here submits by itself: no
 * script, no autofocus on the button; the action happens only when a person presses it, because
 * only the pressed button's name=value pair travels with the POST.
 */
export function ActionForm({ action, button }: { action: string; button: ActionButton }) {
  return (
    <form method="post" action={action}>
      <button
        type="submit"
        class={button.tone === 'danger' ? 'button danger' : 'button'}
        name={button.name}
        value={button.value}
      >
        {button.label}
      </button>
    </form>
  );
}

export interface ActionPageProps {
  readonly page: PageContext;
  readonly title: string;
  readonly lead?: string;
  readonly factsTitle?: string;
  readonly facts?: readonly Fact[];
  /** Where the form posts: the link's own path (the page adds the language). */
  readonly action: string;
  readonly button: ActionButton;
  /** A way out that changes nothing, e.g. "No, go back". */
  readonly cancel?: { readonly href: string; readonly label: string };
  readonly children?: Child;
}

/**
 * The page behind every acting link (confirm an address, approve or decline a proposal, withdraw):
 * the facts a person needs to decide, and one button. Reused by the coordinator's pages.
 */
export function ActionPage(props: ActionPageProps) {
  const { page } = props;
  return (
    <Layout page={page} title={props.title} noindex>
      <h1>{props.title}</h1>
      {props.lead ? <p class="lead">{props.lead}</p> : null}
      {props.children}
      {props.facts?.length ? (
        <section class="panel" aria-labelledby="facts-title">
          <h2 id="facts-title">{props.factsTitle ?? props.title}</h2>
          <FactList facts={props.facts} />
        </section>
      ) : null}
      <div class="actions">
        <ActionForm action={localHref(props.action, page.locale)} button={props.button} />
        {props.cancel ? (
          <a class="button secondary" href={props.cancel.href}>
            {props.cancel.label}
          </a>
        ) : null}
      </div>
    </Layout>
  );
}

/** The outcome after a link acted: a short, calm statement of what is now true, and where to go next. */
export function DonePage(props: {
  page: PageContext;
  title: string;
  text: string;
  link?: { readonly href: string; readonly label: string } | undefined;
}) {
  return (
    <Layout page={props.page} title={props.title} noindex>
      <div class="big-icon" aria-hidden="true">
        ✓
      </div>
      <h1>{props.title}</h1>
      <p class="lead">{props.text}</p>
      {props.link ? (
        <p>
          <a class="button secondary" href={props.link.href}>
            {props.link.label}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
/** Who holds a link that no longer works, when it is not someone with an offer or a request. */
export type LinkReader = 'decision' | 'sign-in';

/** A coordinator's next step: the queue after a proposal's link, a new link after a sign-in's. */
const GONE_FOR = {
  decision: { help: 'link.gone.helpDecision', href: '/coordinator', button: 'link.gone.toQueue' },
  'sign-in': { help: 'link.gone.helpSignIn', href: '/coordinator/sign-in', button: 'link.gone.newSignIn' },
} as const satisfies Record<LinkReader, { help: MessageKey; href: string; button: MessageKey }>;

/**
 * The single page for a link that is used up, expired or altered: it must not tell which, so
 * nobody can probe tokens. It says that whatever the link did before stands (the person who used
 * it and comes back must not read that their confirmation or decision was undone) and that
 * opening it now changed nothing. A coordinator's link (a proposal's, a sign-in's) says what a
 * coordinator does next instead of what a host or a seeker would, the same for every such link.
 */
export function LinkGonePage({ page, reader }: { page: PageContext; reader?: LinkReader }) {
  const { t } = page;
  const next = reader ? GONE_FOR[reader] : undefined;
  return (
    <Layout page={page} title={t('link.gone.title')} noindex>
      <h1>{t('link.gone.title')}</h1>
      <p class="lead">{t('link.gone.text')}</p>
      <p>{t(next?.help ?? 'link.gone.help')}</p>
      <p>
        <a class="button secondary" href={localHref(next?.href ?? '/', page.locale)}>
          {t(next?.button ?? 'site.home')}
        </a>
      </p>
    </Layout>
  );
}
