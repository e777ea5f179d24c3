import type { Blockers } from '../../data/overview.ts';
import { ANYWHERE, type Figures, WAIT_BUCKETS } from '../../domain/overview.ts';
import { BLOCKERS, type Blocker, type Supply } from '../../domain/overview-blockers.ts';
import { countryName as countryNameIn, countryZone, formatDays, formatInstant } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { MapPoint, ProjectedMap } from '../../overview/map.ts';
import { placeName } from '../../places/gazetteer.ts';
import type { CountryOverview } from '../../workspace/overview.ts';
import { CountryPicker, WorkspaceLayout, type WorkspaceReader } from './coordinator-pages.tsx';
import { localHref, type PageContext } from './layout.tsx';
import {
  BarFigure,
  ChartFigure,
  ChartSvg,
  Legend,
  LineChart,
  labelledIndices,
  numberIn,
  PairedBars,
  SERIES_COLOURS,
  shortDay,
} from './overview-charts.tsx';

const countryName = (code: string, page: PageContext) => countryNameIn(code, page.locale);

/**
 * Stored city names as each locale writes them, once per process: the gazetteer is fixed, and
 * the page names each city in up to five places (a search of the gazetteer each).
 */
const cityNames = new Map<string, string>();

function cityLabel(country: string, city: string, page: PageContext): string {
  if (city === ANYWHERE) return page.t('overview.cities.anywhere');
  const key = `${page.locale}|${country}|${city}`;
  let name = cityNames.get(key);
  if (name === undefined) {
    name = placeName(country, city, page.locale);
    cityNames.set(key, name);
  }
  return name;
}

const days = (value: number, page: PageContext) => formatDays(value, page.locale);

type FigureLine = { label: string; value: string; note?: string };

/** The five figures of a country or a city, each its label and its value, in the order shown. */
function figureLines(figures: Figures, page: PageContext): [FigureLine, ...FigureLine[]] {
  const { t } = page;
  const format = numberIn(page);
  return [
    { label: t('overview.figure.waiting'), value: format.format(figures.waitingPeople) },
    { label: t('overview.figure.bedsTonight'), value: format.format(figures.bedsTonight) },
    { label: t('overview.figure.pending'), value: format.format(figures.pendingProposals) },
    { label: t('overview.figure.placed'), value: format.format(figures.placedThisWeek) },
    {
      label: t('overview.figure.medianWait'),
      value: figures.medianWaitDays === undefined ? '—' : days(figures.medianWaitDays, page),
    },
  ];
}

function FigureCards({ figures, page }: { figures: Figures; page: PageContext }) {
  // The country's people waiting come with their parties.
  const [waiting, ...others] = figureLines(figures, page);
  const parties = page.t('overview.figure.parties', { count: figures.waitingParties });
  const cards = [{ ...waiting, note: parties }, ...others];
  return (
    <dl class="figures">
      {cards.map(({ label, value, note }) => (
        <div class="figure">
          <dt>{label}</dt>
          <dd>
            <span class="figure-value">{value}</span>
            {note ? <span class="figure-note">{note}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** What relaxing each blocker would need, and which count of the city's offers answers it. */
const SUPPLY_OF: Partial<Record<Blocker, Supply>> = {
  children: 'children',
  pets: 'pets',
  stepFree: 'stepFree',
  safeHousehold: 'safeHousehold',
  capacity: 'beds',
  place: 'offers',
  dates: 'offers',
};

const MOST_LINES = 12;

interface Line {
  readonly count: number;
  readonly text: string;
}

/**
 * The sentences a coordinator acts on, largest first: "34 families with children wait in Izmir;
 * 3 offers there accept children". Only the `most` largest are written out.
 */
export function blockerLines(
  country: string,
  blockers: Blockers,
  page: PageContext,
  most = MOST_LINES,
): Line[] {
  const found: { city: Blockers['cities'][number]; blocker: Blocker; count: number }[] = [];
  for (const city of blockers.cities)
    for (const blocker of BLOCKERS) {
      const count = city.blocked[blocker] ?? 0;
      if (count > 0) found.push({ city, blocker, count });
    }
  return found
    .sort((a, b) => b.count - a.count)
    .slice(0, most)
    .map(({ city, blocker, count }) => {
      const name = cityLabel(country, city.city, page);
      const waiting = page.t(`overview.why.${blocker}` as MessageKey, { city: name, count });
      const supply = SUPPLY_OF[blocker];
      const text =
        supply && city.city !== ANYWHERE
          ? `${waiting}; ${page.t(`overview.why.${blocker}.supply` as MessageKey, { count: city.offers[supply] ?? 0 })}`
          : waiting;
      return { count, text };
    });
}

function WhyNobody({ overview, page }: { overview: CountryOverview; page: PageContext }) {
  const { t } = page;
  const { blockers } = overview;
  const time = blockers ? formatInstant(blockers.at, page.locale, countryZone(overview.country)) : '';
  const lines = blockers ? blockerLines(overview.country, blockers, page) : [];
  return (
    <section class="overview-section" aria-labelledby="why">
      <h2 id="why">{t('overview.why.title')}</h2>
      {blockers ? (
        <p class="muted">{t('overview.why.asOf', { time })}</p>
      ) : (
        <p>{t('overview.why.unknown')}</p>
      )}
      {blockers && lines.length === 0 ? <p>{t('overview.why.empty')}</p> : null}
      {lines.length > 0 ? (
        <ul class="why-lines">
          {lines.map((line) => (
            <li>{line.text}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function IntakeChart({ overview, page }: { overview: CountryOverview; page: PageContext }) {
  const { t } = page;
  const labels = overview.days.map((d) => d.day);
  const series = [
    { label: t('overview.series.offers'), values: overview.days.map((d) => d.offers) },
    { label: t('overview.series.requests'), values: overview.days.map((d) => d.requests) },
    { label: t('overview.series.people'), values: overview.days.map((d) => d.people) },
  ];
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const [offers = 0, requests = 0, people = 0] = series.map((s) => sum(s.values));
  if (!offers && !requests)
    return (
      <ChartFigure
        id="chart-intake"
        title={t('overview.chart.intake')}
        alt={t('overview.chart.intake.none', { days: labels.length })}
        page={page}
      />
    );
  const alt = t('overview.chart.intake.alt', { days: labels.length, offers, requests, people });
  return (
    <ChartFigure
      id="chart-intake"
      title={t('overview.chart.intake')}
      alt={alt}
      page={page}
      table={{
        head: [t('overview.table.day'), ...series.map((s) => s.label)],
        rows: overview.days.map((d) => [shortDay(d.day, page), d.offers, d.requests, d.people]),
      }}
    >
      <LineChart
        id="chart-intake"
        title={t('overview.chart.intake')}
        days={labels}
        series={series}
        page={page}
      />
      <Legend series={series} />
    </ChartFigure>
  );
}

function PlacementsChart({ overview, page }: { overview: CountryOverview; page: PageContext }) {
  const { t } = page;
  const format = numberIn(page);
  const total = overview.days.reduce((a, d) => a + d.placed, 0);
  const busiest = overview.days.reduce(
    (a, d) => (d.placed > a.placed ? d : a),
    overview.days[0] ?? { day: '', placed: 0 },
  );
  if (total === 0)
    return (
      <ChartFigure
        id="chart-placements"
        title={t('overview.chart.placements')}
        alt={t('overview.chart.placements.none', { days: overview.days.length })}
        page={page}
      />
    );
  const alt = t('overview.chart.placements.alt', {
    days: overview.days.length,
    people: total,
    day: shortDay(busiest.day, page),
    most: format.format(busiest.placed),
  });
  const shown = labelledIndices(overview.days.length);
  return (
    <BarFigure
      id="chart-placements"
      title={t('overview.chart.placements')}
      alt={alt}
      page={page}
      table={{
        head: [t('overview.table.day'), t('overview.series.placed')],
        rows: overview.days.map((d) => [shortDay(d.day, page), d.placed]),
      }}
      labels={overview.days.map((d) => d.day)}
      values={overview.days.map((d) => d.placed)}
      tickLabel={(day, i) => (shown.has(i) ? shortDay(day, page) : null)}
    />
  );
}

/** "0", "1", "3–4", "365+": a wait bucket as the chart and its table label it. */
const bucketLabel = (i: number, page: PageContext) => {
  const format = numberIn(page);
  const low = WAIT_BUCKETS[i] ?? 0;
  const next = WAIT_BUCKETS[i + 1];
  if (next === undefined) return `${format.format(low)}+`;
  return next - low === 1 ? format.format(low) : `${format.format(low)}–${format.format(next - 1)}`;
};

function WaitsChart({ overview, page }: { overview: CountryOverview; page: PageContext }) {
  const { t } = page;
  const { waits, medianWaitDays } = overview.figures;
  const placed = waits.reduce((a, b) => a + b, 0);
  if (placed === 0 || medianWaitDays === undefined)
    return (
      <ChartFigure
        id="chart-waits"
        title={t('overview.chart.waits')}
        alt={t('overview.chart.waits.none')}
        page={page}
      />
    );
  const alt = page.t('overview.chart.waits.alt', { median: days(medianWaitDays, page), count: placed });
  return (
    <BarFigure
      id="chart-waits"
      title={t('overview.chart.waits')}
      alt={alt}
      page={page}
      table={{
        head: [t('overview.table.waited'), t('overview.series.parties')],
        rows: waits.map((count, i) => [bucketLabel(i, page), count]),
      }}
      labels={WAIT_BUCKETS.map(String)}
      values={waits}
      // Every fourth bucket: "0", "5–6", "21–29", "90–119" fit a phone's width; the table has them all.
      tickLabel={(_, i) => (i % 4 === 0 ? bucketLabel(i, page) : null)}
    />
  );
}

const SUPPLY_ROWS = 10;

/** Beds offered against people waiting: the supply chart's and the map's two series. */
const supplySeries = (page: PageContext) => [
  { label: page.t('overview.series.beds') },
  { label: page.t('overview.series.waiting') },
];

/** The numbers behind the supply chart and the map: a row per city. */
const supplyTable = (
  country: string,
  cities: readonly { city: string; beds: number; waitingPeople: number }[],
  page: PageContext,
) => ({
  head: [page.t('overview.table.city'), ...supplySeries(page).map((s) => s.label)],
  rows: cities.map((c) => [cityLabel(country, c.city, page), c.beds, c.waitingPeople]),
});

function SupplyChart({ overview, page }: { overview: CountryOverview; page: PageContext }) {
  const { t } = page;
  const top = overview.cities.slice(0, SUPPLY_ROWS);
  const first = top[0];
  const series = supplySeries(page);
  const alt = first
    ? t('overview.chart.supply.alt', {
        city: cityLabel(overview.country, first.city, page),
        people: first.waitingPeople,
        beds: first.beds,
      })
    : t('overview.chart.supply.none');
  if (top.length === 0)
    return <ChartFigure id="chart-supply" title={t('overview.chart.supply')} alt={alt} page={page} />;
  return (
    <ChartFigure
      id="chart-supply"
      title={t('overview.chart.supply')}
      alt={alt}
      page={page}
      table={supplyTable(overview.country, overview.cities, page)}
    >
      <PairedBars
        id="chart-supply"
        title={t('overview.chart.supply')}
        rows={top.map((c) => ({
          label: cityLabel(overview.country, c.city, page),
          values: [c.beds, c.waitingPeople] as const,
        }))}
        page={page}
      />
      <Legend series={series} />
    </ChartFigure>
  );
}

export interface MapMark extends MapPoint {
  readonly city: string;
  readonly waitingPeople: number;
  readonly beds: number;
}

function CountryMap({
  overview,
  map,
  marks,
  page,
}: {
  overview: CountryOverview;
  map: ProjectedMap;
  marks: readonly MapMark[];
  page: PageContext;
}) {
  const { t } = page;
  const most = Math.max(1, ...marks.flatMap((m) => [m.waitingPeople, m.beds]));
  // Area, not radius, grows with the count; the largest mark is 22 px across at most.
  const radius = (value: number) => (value <= 0 ? 0 : Math.max(2.5, 22 * Math.sqrt(value / most)));
  const series = supplySeries(page);
  return (
    <ChartFigure
      id="chart-map"
      title={t('overview.map.title')}
      alt={t('overview.map.alt', { country: countryName(overview.country, page) })}
      page={page}
      table={supplyTable(overview.country, marks, page)}
    >
      <ChartSvg id="chart-map" title={t('overview.map.title')} width={map.width} height={map.height} map>
        {map.outline ? <path d={map.outline} fill="#e3f0ee" stroke="#5c676b" stroke-width="0.8" /> : null}
        {marks.map((mark) => {
          const [x, y] = map.project(mark);
          return (
            <g>
              <circle
                cx={x}
                cy={y}
                r={radius(mark.waitingPeople)}
                fill={SERIES_COLOURS[1]}
                fill-opacity="0.55"
              />
              <circle
                cx={x}
                cy={y}
                r={radius(mark.beds)}
                fill="none"
                stroke={SERIES_COLOURS[0]}
                stroke-width="2"
              />
            </g>
          );
        })}
      </ChartSvg>
      <Legend series={series} />
    </ChartFigure>
  );
}

/**
 * Each city's figures twice: as a card a city on a phone, where six columns do not fit 375 px,
 * and as a table on a desk, where the cities compare down a column. The stylesheet shows one
 * (`display: none` keeps the other from screen readers too).
 */
function CityTable({ overview, page }: { overview: CountryOverview; page: PageContext }) {
  const { t } = page;
  const cities = overview.cities.flatMap(({ city, figures }) =>
    figures === undefined
      ? []
      : [{ name: cityLabel(overview.country, city, page), lines: figureLines(figures, page) }],
  );
  const [first] = cities;
  if (first === undefined) return null;
  return (
    <section class="overview-section" aria-labelledby="cities">
      <h2 id="cities">{t('overview.cities.title')}</h2>
      <ul class="city-cards">
        {cities.map(({ name, lines }) => (
          <li class="city-card">
            <h3>{name}</h3>
            <dl>
              {lines.map(({ label, value }) => (
                <div>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      <section class="table-scroll city-table" aria-labelledby="cities" tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('overview.table.city')}</th>
              {first.lines.map(({ label }) => (
                <th scope="col">{label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cities.map(({ name, lines }) => (
              <tr>
                <th scope="row">{name}</th>
                {lines.map(({ value }) => (
                  <td>{value}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** `GET /coordinator/overview`: the country at a glance. */
export function OverviewPage({
  page,
  reader,
  countries,
  overview,
  map,
  marks,
}: {
  page: PageContext;
  reader: WorkspaceReader;
  countries: readonly string[];
  overview: CountryOverview | undefined;
  map: ProjectedMap | undefined;
  marks: readonly MapMark[];
}) {
  const { t } = page;
  const title = overview
    ? t('overview.title.country', { country: countryName(overview.country, page) })
    : t('overview.title');
  return (
    <WorkspaceLayout page={page} reader={reader} title={title} current="overview">
      <h1>{title}</h1>
      {countries.length > 1 ? (
        <CountryPicker
          page={page}
          action="/coordinator/overview"
          countries={countries}
          selected={overview?.country}
        />
      ) : null}
      {overview === undefined ? <p>{t('overview.pickCountry')}</p> : null}
      {overview ? (
        <>
          <p>
            <a
              class="button secondary small"
              href={localHref(`/coordinator?country=${overview.country}`, page.locale)}
            >
              {t('overview.toQueue')}
            </a>
          </p>
          <FigureCards figures={overview.figures} page={page} />
          <WhyNobody overview={overview} page={page} />
          {/* With no city to mark, the map would be a bare outline: the supply chart's sentence says why. */}
          {map && marks.length > 0 ? (
            <CountryMap overview={overview} map={map} marks={marks} page={page} />
          ) : null}
          <SupplyChart overview={overview} page={page} />
          <IntakeChart overview={overview} page={page} />
          <PlacementsChart overview={overview} page={page} />
          <WaitsChart overview={overview} page={page} />
          <CityTable overview={overview} page={page} />
        </>
      ) : null}
    </WorkspaceLayout>
  );
}
