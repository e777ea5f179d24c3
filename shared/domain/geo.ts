/**
 * Places on the globe for matching. The pool is indexed by square-ish cells of about CELL_KM a
 * side: rows are fixed bands of latitude, and each row is cut into as many columns as fit its
 * circumference, so a cell is about CELL_KM wide at every latitude. The default radius of 50 km
 * then touches at most three rows and three columns per row: nine index queries. (Right at
 * CELL_KM a fourth column can appear, since a column narrows towards its row's poleward edge.)
 */
export const EARTH_RADIUS_KM = 6371.0088;
export const CELL_KM = 56;

const KM_PER_DEGREE_LAT = (Math.PI * EARTH_RADIUS_KM) / 180;
const ROW_DEGREES = CELL_KM / KM_PER_DEGREE_LAT;
const ROWS = Math.ceil(180 / ROW_DEGREES);

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: LatLon, b: LatLon): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const rowOf = (lat: number) => Math.min(ROWS - 1, Math.max(0, Math.floor((lat + 90) / ROW_DEGREES)));

function columnsIn(row: number): number {
  const southEdge = -90 + row * ROW_DEGREES;
  const northEdge = Math.min(90, southEdge + ROW_DEGREES);
  const widestLat = southEdge <= 0 && northEdge >= 0 ? 0 : Math.min(Math.abs(southEdge), Math.abs(northEdge));
  const circumferenceKm = 2 * Math.PI * EARTH_RADIUS_KM * Math.cos(toRadians(widestLat));
  return Math.max(1, Math.floor(circumferenceKm / CELL_KM));
}

const normaliseLon = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;

function columnOf(row: number, lon: number): number {
  const columns = columnsIn(row);
  return Math.min(columns - 1, Math.floor(((normaliseLon(lon) + 180) / 360) * columns));
}

const cellId = (row: number, column: number) => `${row}.${column}`;

/** The index cell a point lies in. */
export function cellOf(point: LatLon): string {
  const row = rowOf(point.lat);
  return cellId(row, columnOf(row, point.lon));
}

/** Every cell that holds a point within radiusKm of the centre (a superset: filter by distance). */
export function cellsWithin(centre: LatLon, radiusKm: number): string[] {
  const latDelta = radiusKm / KM_PER_DEGREE_LAT;
  const firstRow = rowOf(centre.lat - latDelta);
  const lastRow = rowOf(centre.lat + latDelta);
  const cells: string[] = [];
  for (let row = firstRow; row <= lastRow; row++) {
    const columns = columnsIn(row);
    const southEdge = -90 + row * ROW_DEGREES;
    const northEdge = southEdge + ROW_DEGREES;
    const low = Math.max(southEdge, centre.lat - latDelta);
    const high = Math.min(northEdge, centre.lat + latDelta);
    const polewardLat = Math.max(Math.abs(low), Math.abs(high));
    const cosLat = Math.cos(toRadians(Math.min(89.9, polewardLat)));
    const lonDelta = radiusKm / (KM_PER_DEGREE_LAT * Math.max(cosLat, 1e-6));
    if (lonDelta >= 180) {
      for (let column = 0; column < columns; column++) cells.push(cellId(row, column));
      continue;
    }
    const first = columnOf(row, centre.lon - lonDelta);
    const last = columnOf(row, centre.lon + lonDelta);
    const span = (last - first + columns) % columns;
    for (let step = 0; step <= span; step++) cells.push(cellId(row, (first + step) % columns));
  }
  return cells;
}

/** The latitude and longitude bounds of an index cell, so a search can bound the distance to what it holds. */
export function cellBox(cell: string): { south: number; north: number; west: number; east: number } {
  const [row, column] = cell.split('.').map(Number) as [number, number];
  const south = -90 + row * ROW_DEGREES;
  const width = 360 / columnsIn(row);
  return {
    south,
    north: Math.min(90, south + ROW_DEGREES),
    west: -180 + column * width,
    east: -180 + (column + 1) * width,
  };
}
