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

const WIDTH = 480;
const HEIGHT = 220;
const MARGIN = { top: 14, right: 12, bottom: 34 } as const;

/**
 * The labels' size in the drawing's units, phone first: a 375 px phone shows the 480 units in
 * 339 px, so 18 units read as 12.6 px there (the overview's browser test measures it). Below
 * 360 px the stylesheet sets NARROW_LABEL_SIZE (a 320 px phone shows the drawing in 284 px: 18
 * units were 10.6 px, 21 are 12.4 px); from 40rem it sets 12 units (the drawing is then at least
 * as wide as its units). Layouts leave room for the largest size.
 */
const LABEL_SIZE = 18;
const NARROW_LABEL_SIZE = 21;
/** The labels' size from 40rem on (the stylesheet's 12px, at a scale of one or more). */
const WIDE_LABEL_SIZE = 12;

/** About how wide a label is in the drawing's units at a size (digits and short words); layouts reckon with a phone's largest. */
const labelWidth = (text: string, size = NARROW_LABEL_SIZE) => text.length * size * 0.6;

/** How many labels fit along a phone's axis without touching. */
const AXIS_LABELS = 4;

/**
 * The indices of an axis that get a label: the last (the newest day) and every `every`-th
 * before it, at most AXIS_LABELS, so the newest day is always named and no two labels crowd.
 */
export function labelledIndices(count: number, most = AXIS_LABELS): Set<number> {
  const every = Math.max(1, Math.ceil(count / most));
  const indices = new Set<number>();
  for (let i = count - 1; i >= 0; i -= every) indices.add(i);
  return indices;
}

/** A label at the right end is anchored at its end, so that it stays inside the drawing. */
const anchorAt = (i: number, count: number) => (i === count - 1 && count > 1 ? 'end' : 'middle');

/** An axis label as drawn: where it stands, how it is anchored there, and its text. */
export interface AxisLabel {
  readonly x: number;
  readonly anchor: 'middle' | 'end';
  readonly text: string;
}

/**
 * The labels that stay clear of each other at a size, the newest (rightmost) first: one that
 * would touch a label kept to its right is left out. On a phone widths are estimated at the
 * largest size a phone shows, so Russian dates ("20 нояб.") beside the end-anchored newest day no
 * longer ran into it.
 */
export function clearOfEachOther(labels: readonly AxisLabel[], size = NARROW_LABEL_SIZE): AxisLabel[] {
  const kept: AxisLabel[] = [];
  let leftmost = Number.POSITIVE_INFINITY;
  for (const label of [...labels].sort((a, b) => b.x - a.x)) {
    const width = labelWidth(label.text, size);
    const left = label.anchor === 'end' ? label.x - width : label.x - width / 2;
    const right = label.anchor === 'end' ? label.x : label.x + width / 2;
    if (right + LABEL_GAP > leftmost) continue;
    kept.push(label);
    leftmost = left;
  }
  return kept;
}

/** The least room between two axis labels, in the drawing's units. */
const LABEL_GAP = 8;

/**
 * Axis labels along the bottom of a chart, those that fit: a phone's larger labels leave out
 * some that a wider screen's smaller ones have room for, so where the two differ each gets its
 * own row and the stylesheet shows one (axis-phone, axis-wide).
 */
function BottomLabels({ labels }: { labels: readonly AxisLabel[] }) {
  const phone = clearOfEachOther(labels);
  const wide = clearOfEachOther(labels, WIDE_LABEL_SIZE);
  const row = (kept: readonly AxisLabel[], className: string) => (
    <g class={className}>
      {kept.map((label) => (
        <text x={label.x} y={HEIGHT - 8} text-anchor={label.anchor} font-size={LABEL_SIZE} fill="#4a5559">
          {label.text}
        </text>
      ))}
    </g>
  );
  if (wide.length === phone.length) return row(phone, 'axis axis-bottom');
  return (
    <>
      {row(phone, 'axis axis-bottom axis-phone')}
      {row(wide, 'axis axis-bottom axis-wide')}
    </>
  );
}

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

/** About how many values the value axis names (d3 picks round steps near it): at the phone's size, more crowd. */
const VALUE_TICKS = 3;

/** A value axis from 0 to `most`: its scale, its ticks in the reader's numbers, and room on the left for them. */
function valueAxis(most: number, page: PageContext) {
  const format = numberIn(page);
  const y = scaleLinear()
    .domain([0, Math.max(1, most)])
    .nice(VALUE_TICKS)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const ticks = y
    .ticks(VALUE_TICKS)
    .filter(Number.isInteger)
    .map((value) => ({ value, label: format.format(value) }));
  const left = 10 + Math.max(...ticks.map((tick) => labelWidth(tick.label)));
  return { y, ticks, left };
}

/** The value axis's ticks, with a light line across the drawing at each. */
function ValueAxis({ axis }: { axis: ReturnType<typeof valueAxis> }) {
  return (
    <g class="axis">
      {axis.ticks.map((tick) => (
        <g>
          <line
            x1={axis.left}
            x2={WIDTH - MARGIN.right}
            y1={axis.y(tick.value)}
            y2={axis.y(tick.value)}
            stroke="#d9dcd6"
          />
          <text
            x={axis.left - 6}
            y={axis.y(tick.value)}
            dy="0.32em"
            text-anchor="end"
            font-size={LABEL_SIZE}
            fill="#4a5559"
          >
            {tick.label}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Day labels along the bottom: the newest day and a few before it. */
function DayAxis({
  labels,
  x,
  page,
}: {
  labels: readonly string[];
  x: (i: number) => number;
  page: PageContext;
}) {
  const shown = labelledIndices(labels.length);
  return (
    <BottomLabels
      labels={labels.flatMap((label, i) =>
        shown.has(i) ? [{ x: x(i), anchor: anchorAt(i, labels.length), text: shortDay(label, page) }] : [],
      )}
    />
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
  const axis = valueAxis(Math.max(...series.flatMap((s) => s.values)), page);
  const x = scaleLinear()
    .domain([0, Math.max(1, days.length - 1)])
    .range([axis.left + 8, WIDTH - MARGIN.right - 4]);
  const path = line<number>()
    .x((_, i) => x(i))
    .y((value) => axis.y(value));
  return (
    <ChartSvg id={id} title={title}>
      <ValueAxis axis={axis} />
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
  const axis = valueAxis(Math.max(...values), page);
  const { y } = axis;
  const x = scaleBand<number>()
    .domain(labels.map((_, i) => i))
    .range([axis.left + 4, WIDTH - MARGIN.right])
    .padding(0.2);
  const base = y(0);
  return (
    <ChartSvg id={id} title={title}>
      <ValueAxis axis={axis} />
      {values.map((value, i) => (
        <rect
          x={x(i) ?? 0}
          y={y(value)}
          width={x.bandwidth()}
          height={Math.max(0, base - y(value))}
          fill={SERIES_COLOURS[0]}
        />
      ))}
      <BottomLabels
        labels={labels.flatMap((label, i) => {
          const text = tickLabel(label, i);
          const anchor = anchorAt(i, labels.length);
          const x0 = x(i) ?? 0;
          return text === null
            ? []
            : [{ x: anchor === 'end' ? x0 + x.bandwidth() : x0 + x.bandwidth() / 2, anchor, text }];
        })}
      />
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

/** Two bars per row (beds offered, people waiting), one row per city, its name above its bars. */
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
  // A row: the city's name on a line of its own (a phone has no room beside the bars), then two bars.
  const bar = 14;
  const gap = 4;
  const nameLine = LABEL_SIZE + 6;
  const rowHeight = nameLine + 2 * bar + gap + 14;
  const height = MARGIN.top + rows.length * rowHeight;
  const format = numberIn(page);
  const widest = Math.max(...rows.flatMap((r) => r.values.map((value) => labelWidth(format.format(value)))));
  const x = scaleLinear()
    .domain([0, Math.max(1, ...rows.flatMap((r) => r.values))])
    .range([MARGIN.right, WIDTH - MARGIN.right - widest - 6]);
  return (
    <ChartSvg id={id} title={title} height={height}>
      {rows.map((row, i) => {
        const top = MARGIN.top + i * rowHeight;
        return (
          <g>
            <text x={MARGIN.right} y={top + LABEL_SIZE - 4} font-size={LABEL_SIZE} fill="#1c2326">
              {row.label.length > 36 ? `${row.label.slice(0, 35)}…` : row.label}
            </text>
            {row.values.map((value, k) => {
              const y = top + nameLine + k * (bar + gap);
              return (
                <g>
                  <rect
                    x={x(0)}
                    y={y}
                    width={Math.max(1, x(value) - x(0))}
                    height={bar}
                    fill={SERIES_COLOURS[k]}
                  />
                  <text
                    x={Math.max(x(0) + 1, x(value)) + 6}
                    y={y + bar / 2}
                    dy="0.32em"
                    font-size={LABEL_SIZE}
                    fill="#4a5559"
                  >
                    {format.format(value)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </ChartSvg>
  );
}
