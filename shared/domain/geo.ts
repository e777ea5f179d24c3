/**
 * Places on the globe for matching, in square-ish cells: rows are fixed bands of latitude, and
 * each row is cut into as many columns as fit its circumference, so a cell is about as wide as
 * it is high at every latitude. A record's `cell` is about CELL_KM a side (a 50 km radius then
 * touches at most nine of them); the matching pool's index uses finer cells (see poolGrid).
 */
export const EARTH_RADIUS_KM = 6371.0088;
export const CELL_KM = 56;

const KM_PER_DEGREE_LAT = (Math.PI * EARTH_RADIUS_KM) / 180;

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** A point on the unit sphere: a distance between two of them then costs one square root and one arcsine. */
export interface UnitVector {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export function unitVector(point: LatLon): UnitVector {
  const lat = toRadians(point.lat);
  const lon = toRadians(point.lon);
  return { x: Math.cos(lat) * Math.cos(lon), y: Math.cos(lat) * Math.sin(lon), z: Math.sin(lat) };
}

/**
 * Great-circle distance in km between points given as unit vectors, from the chord between
 * them (exact on the sphere, and precise at short range: the coordinates' differences carry it).
 */
export function kmBetween(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const dx = ax - bx;
  const dy = ay - by;
  const dz = az - bz;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2));
}

/** Great-circle distance in km: the one definition the rules, the score and the candidate search share. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const u = unitVector(a);
  const v = unitVector(b);
  return kmBetween(u.x, u.y, u.z, v.x, v.y, v.z);
}

const normaliseLon = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;

export interface Grid {
  /** The cell a point lies in. */
  cellOf(point: LatLon): string;
  /** Every cell that holds a point within radiusKm of the centre (a superset: filter by distance). */
  cellsWithin(centre: LatLon, radiusKm: number): string[];
  /** The latitude and longitude bounds of a cell, so a search can bound the distance to what it holds. */
  cellBox(cell: string): { south: number; north: number; west: number; east: number };
}

/** A grid of cells about `cellKm` a side; `prefix` keeps its cell names apart from other grids'. */
export function grid(cellKm: number, prefix = ''): Grid {
  const rowDegrees = cellKm / KM_PER_DEGREE_LAT;
  const rows = Math.ceil(180 / rowDegrees);
  const rowOf = (lat: number) => Math.min(rows - 1, Math.max(0, Math.floor((lat + 90) / rowDegrees)));
  const columnsIn = (row: number): number => {
    const southEdge = -90 + row * rowDegrees;
    const northEdge = Math.min(90, southEdge + rowDegrees);
    const widestLat =
      southEdge <= 0 && northEdge >= 0 ? 0 : Math.min(Math.abs(southEdge), Math.abs(northEdge));
    const circumferenceKm = 2 * Math.PI * EARTH_RADIUS_KM * Math.cos(toRadians(widestLat));
    return Math.max(1, Math.floor(circumferenceKm / cellKm));
  };
  const columnOf = (row: number, lon: number): number => {
    const columns = columnsIn(row);
    return Math.min(columns - 1, Math.floor(((normaliseLon(lon) + 180) / 360) * columns));
  };
  const cellId = (row: number, column: number) => `${prefix}${row}.${column}`;
  return {
    cellOf(point) {
      const row = rowOf(point.lat);
      return cellId(row, columnOf(row, point.lon));
    },
    cellsWithin(centre, radiusKm) {
      const latDelta = radiusKm / KM_PER_DEGREE_LAT;
      const firstRow = rowOf(centre.lat - latDelta);
      const lastRow = rowOf(centre.lat + latDelta);
      const cells: string[] = [];
      for (let row = firstRow; row <= lastRow; row++) {
        const columns = columnsIn(row);
        const southEdge = -90 + row * rowDegrees;
        const northEdge = southEdge + rowDegrees;
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
    },
    cellBox(cell) {
      const [row, column] = cell.slice(prefix.length).split('.').map(Number) as [number, number];
      const south = -90 + row * rowDegrees;
      const width = 360 / columnsIn(row);
      return {
        south,
        north: Math.min(90, south + rowDegrees),
        west: -180 + column * width,
        east: -180 + (column + 1) * width,
      };
    },
  };
}

/** The cells records carry (`cell`): about CELL_KM a side. */
export const { cellOf, cellsWithin, cellBox } = grid(CELL_KM);

/**
 * The cells the matching pool's index partitions offers by: finer than a record's cell, so a
 * request reads the offers near it first and can leave the far side of its radius unread
 * (a partition's distance bound is only as good as the partition is small). A 50 km radius
 * touches about 70 of them; the search queries them nearest first and stops early.
 */
export const POOL_CELL_KM = 14;
export const poolGrid = grid(POOL_CELL_KM, 'p');

/** A lower bound of the distance from a point to anything in a box (a little under the clamped distance). */
export function minDistanceToBox(
  point: LatLon,
  box: { south: number; north: number; west: number; east: number },
): number {
  const lat = Math.min(box.north, Math.max(box.south, point.lat));
  const inside = point.lon >= box.west && point.lon <= box.east;
  const toWest = (((box.west - point.lon) % 360) + 360) % 360;
  const toEast = (((point.lon - box.east) % 360) + 360) % 360;
  const lon = inside ? point.lon : toWest < toEast ? box.west : box.east;
  return 0.9 * distanceKm(point, { lat, lon });
}
