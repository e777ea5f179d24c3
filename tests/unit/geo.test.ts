import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf, cellsWithin, distanceKm } from '../../shared/domain/geo.ts';

const istanbul = { lat: 41.0082, lon: 28.9784 };
const ankara = { lat: 39.9334, lon: 32.8597 };

const point = fc.record({
  lat: fc.double({ min: -85, max: 85, noNaN: true }),
  lon: fc.double({ min: -180, max: 179.999, noNaN: true }),
});

describe('geo', () => {
  it('measures great-circle distance in km', () => {
    expect(distanceKm(istanbul, ankara)).toBeCloseTo(349.4, 0);
    expect(distanceKm(istanbul, istanbul)).toBe(0);
  });

  it('covers the default 50 km radius, or less, with at most nine cells', () => {
    fc.assert(
      fc.property(point, fc.double({ min: 1, max: 50, noNaN: true }), (centre, radius) => {
        expect(cellsWithin(centre, radius).length).toBeLessThanOrEqual(9);
      }),
      { numRuns: 5000 },
    );
  });

  it('never misses a point that lies within the radius (recall 1.0)', () => {
    fc.assert(
      fc.property(
        point,
        fc.double({ min: 1, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        (centre, radius, fraction, bearing) => {
          const km = radius * fraction;
          const lat = centre.lat + (km / 111.2) * Math.cos(bearing);
          const lon = centre.lon + (km / (111.2 * Math.cos((lat * Math.PI) / 180))) * Math.sin(bearing);
          const other = { lat, lon: ((((lon + 180) % 360) + 360) % 360) - 180 };
          fc.pre(Math.abs(lat) < 85 && distanceKm(centre, other) <= radius);
          expect(cellsWithin(centre, radius)).toContain(cellOf(other));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('puts a point in the cell that the radius search around it finds first', () => {
    expect(cellsWithin(istanbul, 1)).toContain(cellOf(istanbul));
  });
});
