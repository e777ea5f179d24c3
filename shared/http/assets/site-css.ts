/**
 * The one stylesheet. Kept as a string module so the Lambda bundle carries it without a file
 * loader; served from a content-hashed URL so browsers may cache it for a year.
 */
export const SITE_CSS = `
:root {
  --ink: #1c2326;
  --muted: #4a5559;
  --paper: #fbfaf7;
  --card: #ffffff;
  --line: #5c676b;
  --soft-line: #d9dcd6;
  --brand: #0d5c57;
  --brand-dark: #083f3c;
  --brand-tint: #e3f0ee;
  --danger: #a4231c;
  --danger-tint: #fbeceb;
  --focus: #ffbf47;
  --radius: 10px;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.55;
  color: var(--ink);
  background: var(--paper);
}
a { color: var(--brand); text-underline-offset: 0.15em; }
a:hover { color: var(--brand-dark); text-decoration-thickness: 2px; }
:focus-visible, a:focus, button:focus-visible, input:focus, select:focus, textarea:focus {
  outline: 3px solid var(--ink);
  outline-offset: 0;
  box-shadow: 0 0 0 6px var(--focus);
}
a:focus { background: var(--focus); color: var(--ink); text-decoration: none; box-shadow: 0 0 0 3px var(--focus); outline: none; }
.skip { position: absolute; left: -9999px; top: 0; padding: 0.75rem 1rem; background: var(--focus); color: var(--ink); }
.skip:focus { left: 0.5rem; top: 0.5rem; z-index: 10; }
.visually-hidden, .hp {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
.wrap { max-width: 44rem; margin: 0 auto; padding: 0 1.125rem; }
.site-header { background: var(--brand); color: #fff; }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; padding-top: 0.75rem; padding-bottom: 0.75rem; }
.brand { color: #fff; text-decoration: none; font-weight: 700; font-size: 1.25rem; letter-spacing: 0.01em; display: inline-flex; align-items: center; gap: 0.5rem; min-height: 44px; }
.brand:hover { color: #fff; }
.brand-mark { display: block; width: 1.75rem; height: 1.75rem; border-radius: 6px; box-shadow: 0 0 0 2px #fff; }
.lang ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.125rem; margin: 0 -0.4375rem; padding: 0; }
.lang a, .lang button { display: inline-flex; align-items: center; min-height: 44px; padding: 0 0.4375rem; border: 0; border-radius: 6px; background: none; color: #fff; text-decoration: none; font: inherit; font-size: 0.9375rem; cursor: pointer; }
.lang a:hover, .lang button:hover { background: var(--brand-dark); color: #fff; }
.lang a[aria-current="true"], .lang button[aria-current="true"] { background: #fff; color: var(--brand-dark); font-weight: 600; }
.lang a:focus, .lang button:focus { background: var(--focus); color: var(--ink); }
main { padding: 1.75rem 0 3rem; }
h1 { font-size: 1.875rem; line-height: 1.2; margin: 0 0 0.75rem; letter-spacing: -0.01em; }
h2 { font-size: 1.375rem; line-height: 1.3; margin: 2rem 0 0.5rem; }
.lead { font-size: 1.125rem; color: var(--muted); margin: 0 0 1.5rem; }
.tagline { margin: 0; padding-bottom: 0.25rem; color: #d5ebe8; font-size: 0.9375rem; }
.choices { display: grid; gap: 1rem; margin: 1.5rem 0 2rem; }
.choice { background: var(--card); border: 1px solid var(--soft-line); border-radius: var(--radius); padding: 1.25rem; box-shadow: 0 1px 2px rgba(0,0,0,0.04); }
.choice h2 { margin: 0 0 0.25rem; }
.choice p { margin: 0 0 1rem; color: var(--muted); }
.steps { padding-left: 1.5rem; }
.steps li { margin-bottom: 0.5rem; padding-left: 0.25rem; }
.button {
  display: inline-flex; align-items: center; justify-content: center; min-height: 48px; padding: 0.625rem 1.375rem;
  font: inherit; font-weight: 600; color: #fff; background: var(--brand); border: 2px solid var(--brand);
  border-radius: 8px; text-decoration: none; cursor: pointer; text-align: center;
  box-shadow: 0 2px 0 var(--brand-dark);
}
.button:hover { background: var(--brand-dark); border-color: var(--brand-dark); color: #fff; }
.button:focus, .button:focus-visible { background: var(--focus); border-color: var(--focus); color: var(--ink); outline: 3px solid var(--ink); box-shadow: none; }
.button.secondary { background: var(--card); color: var(--brand-dark); border-color: var(--brand); box-shadow: none; }
.button.secondary:hover { background: var(--brand-tint); }
.button.danger { background: var(--danger); border-color: var(--danger); box-shadow: 0 2px 0 #6d1712; }
.button.danger:hover { background: #7f1a15; }
.button.block { width: 100%; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin-top: 1.5rem; }
.actions > .button, .actions > form, .actions > form > .button { width: 100%; }
form { margin: 0; }
fieldset { border: 0; margin: 0 0 1.25rem; padding: 1.25rem 1.125rem 0.5rem; background: var(--card); border-radius: var(--radius); border: 1px solid var(--soft-line); min-width: 0; }
fieldset fieldset { padding: 0; border: 0; background: none; margin-bottom: 1rem; }
legend { font-weight: 700; font-size: 1.1875rem; padding: 0; float: left; width: 100%; margin: 0 0 0.75rem; }
fieldset fieldset legend { font-size: 1rem; margin-bottom: 0.25rem; }
legend + * { clear: both; }
.field { margin-bottom: 1.25rem; }
.field.has-error { border-left: 4px solid var(--danger); padding-left: 0.75rem; }
label, .label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.optional { font-weight: 400; color: var(--muted); }
.hint { display: block; color: var(--muted); margin: 0 0 0.375rem; font-size: 0.9375rem; }
.field-error { display: block; color: var(--danger); font-weight: 600; margin: 0 0 0.375rem; }
.prompt { border-left: 6px solid var(--focus); background: #fff8e6; padding: 0.75rem 1rem; margin: 0.5rem 0 0; border-radius: 0 var(--radius) var(--radius) 0; }
.prompt > p { margin: 0 0 0.5rem; }
.prompt > :last-child { margin-bottom: 0; }
.prompt .choice { display: inline-block; padding: 0.5rem 1rem; margin: 0 0 0.5rem; font: inherit; cursor: pointer; }
.counter { margin: 0.375rem 0 0; }
.counter.over { color: var(--danger); font-weight: 600; }
input[type="text"], input[type="email"], input[type="tel"], input[type="number"], input[type="date"], select, textarea {
  display: block; width: 100%; min-height: 48px; padding: 0.5rem 0.75rem; font: inherit; font-size: 1rem; color: var(--ink);
  background: #fff; border: 2px solid var(--line); border-radius: 6px;
}
input[type="number"] { max-width: 8rem; }
input[type="date"] { max-width: 14rem; }
textarea { min-height: 7rem; resize: vertical; }
input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"] { border-color: var(--danger); }
.checks { display: grid; gap: 0.25rem; margin: 0; }
.checks.chips { display: flex; flex-wrap: wrap; gap: 0.5rem 0.375rem; margin: 0.25rem 0 1.25rem; }
.checks.chips .check { align-items: center; gap: 0.4375rem; padding: 0.25rem 0.75rem 0.25rem 0.5rem; font-size: 1rem; border: 1px solid var(--line); border-radius: 999px; background: #fff; }
.checks.chips .check input { margin: 0; width: 1.25rem; height: 1.25rem; }
.checks.chips .check:has(input:checked) { background: var(--brand-tint); border-color: var(--brand); }
.checks.chips .check:has(input:focus-visible) { box-shadow: 0 0 0 3px var(--focus); }
.check { display: flex; align-items: flex-start; gap: 0.75rem; min-height: 44px; padding: 0.5rem 0; }
.check input { flex: none; width: 1.5rem; height: 1.5rem; margin: 0.0625rem 0 0; accent-color: var(--brand); }
.check label { font-weight: 400; margin: 0; cursor: pointer; }
.check > :last-child { min-width: 0; overflow-wrap: break-word; }
.check .hint { margin: 0.125rem 0 0; }
.row { display: grid; gap: 0 1rem; grid-template-columns: 1fr; }
.error-summary { border: 4px solid var(--danger); background: var(--card); border-radius: var(--radius); padding: 1rem 1.25rem; margin-bottom: 1.5rem; }
.error-summary:focus { outline: 3px solid var(--focus); box-shadow: none; }
.error-summary h2 { margin: 0 0 0.25rem; color: var(--danger); font-size: 1.25rem; }
.error-summary p { margin: 0 0 0.5rem; }
.error-summary ul { margin: 0; padding-left: 1.25rem; }
.error-summary a { color: var(--danger); font-weight: 600; }
.panel { background: var(--card); border: 1px solid var(--soft-line); border-radius: var(--radius); padding: 1.25rem; margin: 0 0 1.25rem; }
.panel h2 { margin-top: 0; font-size: 1.25rem; }
.panel p { margin-top: 0; }
.notice { border-left: 6px solid var(--brand); background: var(--brand-tint); padding: 1rem 1.25rem; border-radius: 0 var(--radius) var(--radius) 0; margin-bottom: 1.5rem; }
.notice.done { font-weight: 600; }
.notice > :first-child { margin-top: 0; }
.notice > :last-child { margin-bottom: 0; }
.status { display: inline-block; margin: 0 0 1.25rem; padding: 0.25rem 0.75rem; border-radius: 999px; background: var(--brand-tint); color: var(--brand-dark); font-weight: 600; }
.facts { margin: 0; display: grid; grid-template-columns: 1fr; gap: 0; }
.facts div { padding: 0.625rem 0; border-bottom: 1px solid var(--soft-line); }
.facts div:last-child { border-bottom: 0; }
.facts dt { font-weight: 600; color: var(--muted); font-size: 0.9375rem; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.button.small { min-height: 44px; padding: 0.375rem 0.875rem; font-size: 0.9375rem; }
/* The workspace's own bar: its pages on one line, who is signed in folded into "Account" (a
   details element: it opens without a script), so on a 375 px phone it takes one line. */
.workspace-bar { position: relative; display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0 0.75rem; margin: -0.75rem 0 1.5rem; border-bottom: 1px solid var(--soft-line); font-size: 0.9375rem; }
.workspace-bar ul { display: flex; flex-wrap: wrap; gap: 0 1rem; list-style: none; margin: 0; padding: 0; }
.workspace-bar ul a[aria-current="page"] { color: var(--ink); font-weight: 600; text-decoration: none; box-shadow: inset 0 -3px 0 var(--brand); }
.account summary { display: flex; align-items: center; gap: 0.375rem; min-height: 44px; color: var(--brand); cursor: pointer; list-style: none; }
.account summary::-webkit-details-marker { display: none; }
/* A summary's triangle is a character in the page (DisclosureMarker, aria-hidden), turned when open. */
.marker { display: inline-block; flex: none; color: var(--brand); }
details[open] > summary .marker { transform: rotate(180deg); }
details[open] > summary .marker.sideways { transform: rotate(90deg); }
.account-panel { position: absolute; z-index: 5; right: 0; top: 100%; width: min(100%, 22rem); padding: 0.75rem 1rem; background: var(--card); border: 1px solid var(--soft-line); border-radius: var(--radius); box-shadow: 0 4px 12px rgba(0,0,0,0.12); color: var(--muted); }
.account-panel p { margin: 0 0 0.5rem; overflow-wrap: anywhere; }
/* A link a coordinator taps on its own (not words in a sentence) gets a finger's height, 44 px. */
a.tap { display: inline-flex; align-items: center; min-height: 44px; }
/* A link of " · " parts: a block of text (a flex box would drop the spaces between its parts). */
a.tap-line { display: inline-block; min-height: 44px; padding: 0.625rem 0; }
.country-picker, .search-box { margin: 0 0 1rem; }
.search-box .inline { display: flex; gap: 0.5rem; align-items: center; }
.search-box input[type="search"] { flex: 1; min-width: 0; min-height: 44px; padding: 0.375rem 0.75rem; font: inherit; border: 2px solid var(--line); border-radius: 6px; }
ul.plain, ol.plain { list-style: none; margin: 0; padding: 0; }
ul.plain li, ol.plain li { padding: 0.5rem 0; border-bottom: 1px solid var(--soft-line); overflow-wrap: anywhere; }
ul.plain li:last-child, ol.plain li:last-child { border-bottom: 0; }
/* Each candidate is a card: the list's row padding and rule would otherwise win over .panel's. */
ol.plain.candidates > li.panel { padding: 1rem; margin-bottom: 1rem; border: 1px solid var(--soft-line); }
.queue-summary { margin: 0 0 1rem; }
/* The link is the row, not its words: the padding moves from the item into the link. */
ul.plain.exports li { padding: 0; }
ul.plain.exports a { display: block; min-height: 44px; padding: 0.5rem 0; }
.meta { color: var(--muted); font-size: 0.875rem; }
.stack { display: grid; gap: 0.5rem; justify-items: start; margin: 0.75rem 0; }
.stack select, .stack textarea { width: 100%; }
.actions-row { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.country-picker .inline { display: flex; gap: 0.5rem; align-items: center; }
.country-picker select { flex: 1; min-width: 0; }
.queue { margin: 0 0 1.5rem; }
.queue h2 { font-size: 1.1875rem; margin: 1.5rem 0 0.5rem; }
.queue ul { list-style: none; margin: 0; padding: 0; background: var(--card); border: 1px solid var(--soft-line); border-radius: var(--radius); }
.queue-row { border-bottom: 1px solid var(--soft-line); }
.queue-row:last-child { border-bottom: 0; }
.queue-row, .queue-row summary { display: flex; align-items: baseline; gap: 0.5rem; min-height: 44px; padding: 0 0.75rem; font-size: 0.9375rem; }
.queue-row summary { padding-block: 0.625rem; }
.queue-row.decide { display: block; padding: 0; }
.queue-row summary { cursor: pointer; list-style: none; }
.queue-row summary::-webkit-details-marker { display: none; }
.queue-line { flex: 1; min-width: 0; overflow-wrap: anywhere; }
/* One part of a " · " row (row-parts.tsx): whole on its line, broken only when longer than the line;
   an inline block is not underlined by its link, so it draws the link's line itself. */
.part { display: inline-block; max-width: 100%; overflow-wrap: anywhere; text-decoration: inherit; }
a.queue-line { min-height: 44px; padding: 0.625rem 0; }
.queue-waited { flex: none; color: var(--muted); font-size: 0.875rem; white-space: nowrap; }
.queue-decide { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; padding: 0 0.75rem 0.75rem; }
.queue-decide p { flex-basis: 100%; margin: 0.25rem 0; }
.queue-empty { color: var(--muted); margin: 0; }
.muted { color: var(--muted); }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: 0.75rem; margin: 0 0 1.5rem; }
.figure { background: var(--card); border: 1px solid var(--soft-line); border-radius: var(--radius); padding: 0.75rem 0.875rem; }
.figure dt { font-size: 0.875rem; color: var(--muted); }
.figure dd { margin: 0.25rem 0 0; }
.figure-value { display: block; font-size: 1.625rem; font-weight: 700; line-height: 1.2; }
.figure-note { display: block; font-size: 0.875rem; color: var(--muted); }
.overview-section h2, .chart figcaption { font-size: 1.1875rem; font-weight: 700; margin: 1.5rem 0 0.5rem; }
.why-lines { margin: 0; padding-left: 1.25rem; }
.why-lines li { margin: 0 0 0.375rem; }
.chart { margin: 0 0 1.5rem; }
.chart-alt { margin: 0 0 0.5rem; color: var(--muted); }
.chart-svg { display: block; width: 100%; height: auto; background: var(--card); border: 1px solid var(--soft-line); border-radius: var(--radius); }
.chart-legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0.5rem 0 0; padding: 0; font-size: 0.875rem; }
.chart-legend li { display: flex; align-items: center; gap: 0.375rem; }
.chart-table summary { cursor: pointer; min-height: 44px; display: flex; align-items: center; gap: 0.375rem; color: var(--brand); list-style: none; }
.chart-table summary::-webkit-details-marker { display: none; }
.table-scroll { overflow-x: auto; }
.table-scroll table { border-collapse: collapse; width: 100%; font-size: 0.875rem; background: var(--card); }
.table-scroll th, .table-scroll td { border-bottom: 1px solid var(--soft-line); padding: 0.375rem 0.5rem; text-align: right; white-space: nowrap; }
.table-scroll thead th { white-space: normal; vertical-align: bottom; }
.table-scroll th[scope="row"], .table-scroll thead th:first-child { text-align: left; white-space: normal; }
.city-cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
.city-card { background: var(--card); border: 1px solid var(--soft-line); border-radius: var(--radius); padding: 0.75rem 0.875rem; }
.city-card h3 { font-size: 1rem; margin: 0 0 0.5rem; overflow-wrap: anywhere; }
.city-card dl { margin: 0; }
.city-card dl > div { display: flex; justify-content: space-between; align-items: baseline; gap: 0.75rem; padding: 0.25rem 0; border-top: 1px solid var(--soft-line); }
.city-card dt { color: var(--muted); }
.city-card dd { margin: 0; font-weight: 700; text-align: right; white-space: nowrap; }
.city-table { display: none; }
.big-icon { font-size: 2.5rem; line-height: 1; margin-bottom: 0.5rem; color: var(--brand); }
.site-footer { border-top: 1px solid var(--soft-line); color: var(--muted); font-size: 0.9375rem; padding: 1.5rem 0 2.5rem; }
.site-footer p { margin: 0 0 0.5rem; }
.site-footer a { color: inherit; }
.choices { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0.5rem 0 0; padding: 0; border: 0; min-width: 0; }
.choices legend { float: left; width: 100%; margin: 0 0 0.25rem; padding: 0; }
.choice { min-height: 44px; padding: 0 0.875rem; border: 2px solid var(--brand); border-radius: 6px; background: var(--card); color: var(--brand-dark); font: inherit; cursor: pointer; }
.choice:hover { background: var(--brand-tint); }
.choice:focus { background: var(--focus); border-color: var(--focus); color: var(--ink); }
@media (max-width: 22.4375rem) {
  .chart-svg text { font-size: 21px; }
}
.chart-svg .axis-wide { display: none; }
@media (min-width: 40rem) {
  .chart-svg text { font-size: 12px; }
  .chart-svg .axis-phone { display: none; }
  .chart-svg .axis-wide { display: inline; }
  .city-cards { display: none; }
  .city-table { display: block; }
  .lang a, .lang button { padding: 0 0.625rem; }
  .actions > .button, .actions > form, .actions > form > .button { width: auto; }
  h1 { font-size: 2.25rem; }
  main { padding-top: 2.5rem; }
  .choices { grid-template-columns: 1fr 1fr; }
  .row { grid-template-columns: 1fr 1fr; }
  .facts div { display: grid; grid-template-columns: 12rem 1fr; gap: 1rem; }
  fieldset { padding: 1.5rem 1.5rem 0.75rem; }
}
@media (forced-colors: active) {
  .button, fieldset, .panel, .error-summary { border: 2px solid CanvasText; }
  :focus-visible { outline: 3px solid Highlight; }
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; } }
`;
