import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Geometry, Position } from 'geojson';
import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';

/**
 * Writes outlines/<CC>.json, each country's outline for the overview map, from Natural Earth's
 * 1:50m countries as world-atlas ships them (public domain), keyed by ISO 3166-1 alpha-2.
 * Coordinates keep two decimals (about a kilometre), enough for a map a phone's width across.
 * Run with `npx tsx shared/overview/generate-outlines.ts` after upgrading world-atlas.
 */
const require = createRequire(import.meta.url);
const topology = JSON.parse(
  readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
) as Topology<{ countries: { type: 'GeometryCollection'; geometries: GeometryObject[] } }>;
const out = new URL('./outlines/', import.meta.url);
mkdirSync(out, { recursive: true });

const round = (ring: Position[]): Position[] => {
  const kept: Position[] = [];
  for (const [lon = 0, lat = 0] of ring) {
    const point = [Math.round(lon * 100) / 100, Math.round(lat * 100) / 100];
    const last = kept.at(-1);
    if (!last || last[0] !== point[0] || last[1] !== point[1]) kept.push(point);
  }
  return kept;
};

const rounded = (geometry: Geometry): Geometry | undefined => {
  if (geometry.type === 'Polygon') {
    const rings = geometry.coordinates.map(round).filter((ring) => ring.length >= 4);
    return rings.length > 0 ? { type: 'Polygon', coordinates: rings } : undefined;
  }
  if (geometry.type === 'MultiPolygon') {
    const polygons = geometry.coordinates
      .map((polygon) => polygon.map(round).filter((ring) => ring.length >= 4))
      .filter((polygon) => polygon.length > 0);
    return polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : undefined;
  }
  return undefined;
};

let written = 0;
for (const geometry of topology.objects.countries.geometries) {
  const code = geometry.id === undefined ? undefined : countries.numericToAlpha2(String(geometry.id));
  if (!code) continue;
  const shape = feature(topology, geometry);
  const kept = 'geometry' in shape && shape.geometry ? rounded(shape.geometry) : undefined;
  if (!kept) continue;
  writeFileSync(new URL(`${code}.json`, out), JSON.stringify(kept));
  written++;
}
console.log(`${written} outlines written to ${out.pathname}`);
