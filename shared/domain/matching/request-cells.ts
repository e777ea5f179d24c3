import { CELL_KM, grid, type LatLon } from '../geo.ts';
import type { RequestRecord } from '../records.ts';

/**
 * Where an open request sits in the pool's index (gsi1), so that a changed offer reads only the
 * requests that could reach it, not its country's every open request (in a scarce surge each
 * offer's run read thousands, most of them in other cities). A request whose radius is at most
 * NEAR_REQUEST_KM sits in its cell of the requests' grid: it reaches an offer only within that
 * radius, so its cell is among those within NEAR_REQUEST_KM of the offer. A request with a wider
 * radius sits in its country's WIDE cell, one without a city (it reaches every offer of its
 * country) in the ANY cell; every offer reads both.
 */
export const NEAR_REQUEST_KM = CELL_KM;

/**
 * The requests' cells: twice a record cell a side, so that NEAR_REQUEST_KM around an offer
 * touches four of them, up to six (near the poles, or a circle's edge on a row's). In record cells it touched nine, most of them empty, and an
 * offer's run made twice the queries of its country's one read (DynamoDB Local answers each).
 */
const requestGrid = grid(2 * CELL_KM, 'q');

/** The pool cell of a request that names no city. */
const ANYWHERE = 'ANY';
/** The pool cell of a request whose radius is wider than NEAR_REQUEST_KM. */
const WIDE = 'WIDE';

export function requestPoolCell(request: Pick<RequestRecord, 'lat' | 'lon' | 'maxDistanceKm'>): string {
  const { lat, lon } = request;
  if (lat === undefined || lon === undefined) return ANYWHERE;
  return request.maxDistanceKm <= NEAR_REQUEST_KM ? requestGrid.cellOf({ lat, lon }) : WIDE;
}

/**
 * How far past NEAR_REQUEST_KM the cells are read: cellsWithin spans d/(R·cos φ) of longitude, where
 * a circle's exact span is a little wider (metres at 70°, under 100 m to 85°). Its row's poleward
 * latitude covers that in the cases tried; the margin costs an occasional extra cell.
 */
const EDGE_KM = 0.5;

/** Every pool cell that can hold a request reaching an offer at this place (a superset: filter by the rules). */
export const requestCellsReaching = (offer: LatLon): string[] => [
  ...requestGrid.cellsWithin(offer, NEAR_REQUEST_KM + EDGE_KM),
  WIDE,
  ANYWHERE,
];
