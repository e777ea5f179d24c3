import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { Child } from 'hono/jsx';
import { formatCount, formatShortDate } from '../../i18n/format.ts';
import { DisclosureMarker, type PageContext } from './layout.tsx';

/**
 * The overview's charts: SVG drawn on the server with d3's scales and shapes, no script in the
 * browser. Colours come from presentation attributes (the stylesheet's palette), so the CSP
 * needs nothing new. Each chart is a figure with a caption, a one-sentence text alternative and
 * its numbers in a table behind <details>.
 */
export const SERIES_COLOURS = ['#0d5c57', '#b3541e', '#5b4b9a'] as const;

// Narrow enough that a phone (about 340 px across) shrinks the 12 px labels to no less than 8 px.
const WIDTH = 480;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 40 };

export interface Series {
  readonly label: string;
  readonly values: readonly number[];
}

/** Counts as the reader writes them. */
export const numberIn = (page: PageContext) => ({
  format: (value: number) => formatCount(value, page.locale),
});

/** The numbers behind a chart: column names, then a row each (the first cell names the row). */
export interface ChartTable {
  readonly head: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/**
 * The frame every chart shares: title, text alternative, drawing, and the numbers behind
 * <details>. A chart with nothing to show passes neither drawing nor table: its caption and its
 * sentence ("Nobody has been placed yet") say all there is, with no empty axis or table of zeros.
 */
export function ChartFigure({
  id,
  title,
  alt,
  children,
  table,
  page,
}: {
  id: string;
  title: string;
  alt: string;
  children?: Child;
  table?: ChartTable;
  page: PageContext;
}) {
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <p class="chart-alt" id={`${id}-alt`}>
        {alt}
      </p>
      {children}
      {table ? <ChartTableDetails title={title} table={table} page={page} /> : null}
    </figure>
  );
}

/** The numbers behind a chart, folded away. */
function ChartTableDetails({ title, table, page }: { title: string; table: ChartTable; page: PageContext }) {
  const format = numberIn(page);
  return (
    <details class="chart-table">
      <summary>
        <DisclosureMarker shape="▸" />
        {page.t('overview.table.show')}
      </summary>
      {/* Focusable, so a keyboard can scroll a table wider than a phone. */}
      <section class="table-scroll" aria-label={title} tabindex={0}>
        <table>
          <thead>
            <tr>
              {table.head.map((cell) => (
                <th scope="col">{cell}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr>
                {row.map((cell, i) =>
                  i === 0 ? (
                    <th scope="row">{cell}</th>
                  ) : (
                    <td>{typeof cell === 'number' ? format.format(cell) : cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </details>
  );
}

/** A chart's drawing, named by its figure's caption and described by its text alternative. */
export function ChartSvg({
  id,
  title,
  children,
  width = WIDTH,
  height = HEIGHT,
  map = false,
}: {
  id: string;
  title: string;
  children: Child;
  width?: number;
  height?: number;
  map?: boolean;
}) {
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-alt`}
      class={map ? 'chart-svg map' : 'chart-svg'}
    >
      <title>{title}</title>
      {children}
    </svg>
  );
}

/** Four ticks on the value axis, in the reader's numbers. */
function ValueAxis({
  y,
  page,
  left,
}: {
  y: ReturnType<typeof scaleLinear<number>>;
  page: PageContext;
  left: number;
}) {
  const format = numberIn(page);
  return (
    <g class="axis">
      {y
        .ticks(4)
        .filter(Number.isInteger)
        .map((tick) => (
          <g>
            <line x1={left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke="#d9dcd6" />
            <text x={left - 6} y={y(tick)} dy="0.32em" text-anchor="end" font-size="12" fill="#4a5559">
              {format.format(tick)}
            </text>
          </g>
        ))}
    </g>
  );
}

/** Day labels along the bottom: the first, last and a few between. */
function DayAxis({
  labels,
  x,
  page,
}: {
  labels: readonly string[];
  x: (i: number) => number;
  page: PageContext;
}) {
  const every = Math.max(1, Math.ceil(labels.length / 5));
  return (
    <g class="axis">
      {labels.map((label, i) =>
        i % every === 0 || i === labels.length - 1 ? (
          <text x={x(i)} y={HEIGHT - 8} text-anchor="middle" font-size="12" fill="#4a5559">
            {shortDay(label, page)}
          </text>
        ) : null,
      )}
    </g>
  );
}

export const shortDay = (isoDate: string, page: PageContext) => formatShortDate(isoDate, page.locale);

/** Lines over days, one per series, with a legend. */
export function LineChart({
  id,
  title,
  days,
  series,
  page,
}: {
  id: string;
  title: string;
  days: readonly string[];
  series: readonly Series[];
  page: PageContext;
}) {
  const most = Math.max(1, ...series.flatMap((s) => s.values));
  const x = scaleLinear()
    .domain([0, Math.max(1, days.length - 1)])
    .range([MARGIN.left + 8, WIDTH - MARGIN.right - 8]);
  const y = scaleLinear()
    .domain([0, most])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<number>()
    .x((_, i) => x(i))
    .y((value) => y(value));
  return (
    <ChartSvg id={id} title={title}>
      <ValueAxis y={y} page={page} left={MARGIN.left} />
      <DayAxis labels={days} x={x} page={page} />
      {series.map((s, i) => (
        <path d={path([...s.values]) ?? ''} fill="none" stroke={SERIES_COLOURS[i]} stroke-width="2.5" />
      ))}
    </ChartSvg>
  );
}

/** The legend of a chart's series, as text (colour is never the only cue: the table names them too). */
export function Legend({ series }: { series: readonly { label: string }[] }) {
  return (
    <ul class="chart-legend">
      {series.map((s, i) => (
        <li>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <rect width="16" height="16" rx="3" fill={SERIES_COLOURS[i]} />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** Vertical bars, one per label (days, or wait buckets). */
function BarChart({
  id,
  title,
  labels,
  values,
  page,
  tickLabel,
}: {
  id: string;
  title: string;
  labels: readonly string[];
  values: readonly number[];
  page: PageContext;
  tickLabel: (label: string, i: number) => string | null;
}) {
  const x = scaleBand<number>()
    .domain(labels.map((_, i) => i))
    .range([MARGIN.left + 4, WIDTH - MARGIN.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...values)])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const base = y(0);
  return (
    <ChartSvg id={id} title={title}>
      <ValueAxis y={y} page={page} left={MARGIN.left} />
      {values.map((value, i) => (
        <rect
          x={x(i) ?? 0}
          y={y(value)}
          width={x.bandwidth()}
          height={Math.max(0, base - y(value))}
          fill={SERIES_COLOURS[0]}
        />
      ))}
      <g class="axis">
        {labels.map((label, i) => {
          const text = tickLabel(label, i);
          return text === null ? null : (
            <text
              x={(x(i) ?? 0) + x.bandwidth() / 2}
              y={HEIGHT - 8}
              text-anchor="middle"
              font-size="12"
              fill="#4a5559"
            >
              {text}
            </text>
          );
        })}
      </g>
    </ChartSvg>
  );
}

/** A figure of one bar chart: its drawing and its table share the figure's id and title. */
export function BarFigure({
  id,
  title,
  alt,
  page,
  table,
  labels,
  values,
  tickLabel,
}: {
  id: string;
  title: string;
  alt: string;
  page: PageContext;
  table: ChartTable;
  labels: readonly string[];
  values: readonly number[];
  tickLabel: (label: string, i: number) => string | null;
}) {
  return (
    <ChartFigure id={id} title={title} alt={alt} page={page} table={table}>
      <BarChart id={id} title={title} labels={labels} values={values} page={page} tickLabel={tickLabel} />
    </ChartFigure>
  );
}

/** Two bars per row (beds offered, people waiting), one row per city, names on the left. */
export function PairedBars({
  id,
  title,
  rows,
  page,
}: {
  id: string;
  title: string;
  rows: readonly { label: string; values: readonly [number, number] }[];
  page: PageContext;
}) {
  const rowHeight = 34;
  const height = MARGIN.top + rows.length * rowHeight + 8;
  const labelWidth = 120;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...rows.flatMap((r) => r.values))])
    .range([labelWidth, WIDTH - 48]);
  const format = numberIn(page);
  return (
    <ChartSvg id={id} title={title} height={height}>
      {rows.map((row, i) => {
        const top = MARGIN.top + i * rowHeight;
        return (
          <g>
            <text x={labelWidth - 8} y={top + 14} text-anchor="end" font-size="12" fill="#1c2326">
              {row.label.length > 14 ? `${row.label.slice(0, 13)}…` : row.label}
            </text>
            {row.values.map((value, k) => (
              <g>
                <rect
                  x={labelWidth}
                  y={top + k * 13}
                  width={Math.max(1, x(value) - labelWidth)}
                  height="11"
                  fill={SERIES_COLOURS[k]}
                />
                <text x={x(value) + 4} y={top + k * 13 + 10} font-size="11" fill="#4a5559">
                  {format.format(value)}
                </text>
              </g>
            ))}
          </g>
        );
      })}
    </ChartSvg>
  );
}
