import { Layout, localHref, type PageContext } from './layout.tsx';

/** `GET /`: the two doors, host or seeker, and three sentences on how it works. */
export function LandingPage({ page }: { page: PageContext }) {
  const { t, locale } = page;
  return (
    <Layout page={page} title={t('landing.title')}>
      <h1>{t('landing.title')}</h1>
      <p class="lead">{t('landing.lead')}</p>
      <div class="choices">
        <section class="choice" aria-labelledby="host-title">
          <h2 id="host-title">{t('landing.host.title')}</h2>
          <p>{t('landing.host.text')}</p>
          <a class="button block" href={localHref('/offers/new', locale)}>
            {t('landing.host.cta')}
          </a>
        </section>
        <section class="choice" aria-labelledby="seek-title">
          <h2 id="seek-title">{t('landing.seek.title')}</h2>
          <p>{t('landing.seek.text')}</p>
          <a class="button block" href={localHref('/requests/new', locale)}>
            {t('landing.seek.cta')}
          </a>
        </section>
      </div>
      <h2>{t('landing.how.title')}</h2>
      <ol class="steps">
        <li>{t('landing.how.1')}</li>
        <li>{t('landing.how.2')}</li>
        <li>{t('landing.how.3')}</li>
      </ol>
    </Layout>
  );
}
