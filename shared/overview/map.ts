import { readFileSync } from 'node:fs';
import { geoCentroid, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPoint } from 'geojson';

/**
 * A country's map for the overview: its outline (Natural Earth 1:50m via world-atlas, written
 * per country by generate-outlines.ts into outlines/<CC>.json and read from disk the first
 * time) and the city marks, projected on the server. Nothing is fetched by the browser, so
 * no third party learns who looks at which country.
 */
const OUTLINES = new URL('./outlines/', import.meta.url);
const outlines = new Map<string, Feature<Geometry> | null>();

function outlineOf(country: string): Feature<Geometry> | null {
  if (!/^[A-Z]{2}$/.test(country)) return null;
  if (!outlines.has(country)) {
    try {
      const geometry = JSON.parse(readFileSync(new URL(`${country}.json`, OUTLINES), 'utf8')) as Geometry;
      outlines.set(country, { type: 'Feature', properties: {}, geometry });
    } catch {
      // A country Natural Earth draws with another (or not at all) gets the marks alone.
      outlines.set(country, null);
    }
  }
  return outlines.get(country) ?? null;
}

export interface MapPoint {
  readonly lat: number;
  readonly lon: number;
}

export interface ProjectedMap {
  readonly width: number;
  readonly height: number;
  /** The outline's SVG path; undefined when we have none for the country. */
  readonly outline: string | undefined;
  readonly project: (point: MapPoint) => readonly [number, number];
}

/**
 * A country's projection and outline path by country and size, once per process: fitting the
 * outline is most of a map's cost, and it does not depend on the marks.
 */
const fitted = new Map<string, ProjectedMap>();

/** Projects a country to `width`, as high as its shape asks (at most `maxHeight`), the outline (or else the points) filling it. */
export function countryMap(
  country: string,
  points: readonly MapPoint[],
  width: number,
  maxHeight: number,
): ProjectedMap {
  const outline = outlineOf(country);
  if (!outline) return project(pointsFeature(points), undefined, width, maxHeight);
  const key = `${country}|${width}|${maxHeight}`;
  let map = fitted.get(key);
  if (!map) {
    map = project(outline, outline, width, maxHeight);
    fitted.set(key, map);
  }
  return map;
}

const pointsFeature = (points: readonly MapPoint[]): Feature<MultiPoint> => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'MultiPoint', coordinates: points.map((p) => [p.lon, p.lat]) },
});

function project(
  subject: Feature<Geometry> | FeatureCollection,
  outline: Feature<Geometry> | undefined,
  width: number,
  maxHeight: number,
): ProjectedMap {
  const [lon] = geoCentroid(subject);
  // Rotated to the country's own meridian, so one that crosses 180° is drawn in one piece.
  const projection = geoMercator()
    .rotate([-lon, 0])
    .fitWidth(width - 16, subject);
  const [[, top], [, bottom]] = geoPath(projection).bounds(subject);
  const height = Math.min(maxHeight, Math.max(120, Math.ceil(bottom - top) + 16));
  projection.fitExtent(
    [
      [8, 8],
      [width - 8, height - 8],
    ],
    subject,
  );
  return {
    width,
    height,
    outline: outline ? (geoPath(projection)(outline) ?? undefined) : undefined,
    project: (point) => {
      const [x, y] = projection([point.lon, point.lat]) ?? [width / 2, height / 2];
      return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
    },
  };
}
