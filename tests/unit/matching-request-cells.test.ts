import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf, distanceKm } from '../../shared/domain/geo.ts';
import {
  NEAR_REQUEST_KM,
  requestCellsReaching,
  requestPoolCell,
} from '../../shared/domain/matching/request-cells.ts';

const istanbul = { lat: 41.0082, lon: 28.9784 };

const point = fc.record({
  lat: fc.double({ min: -85, max: 85, noNaN: true }),
  lon: fc.double({ min: -180, max: 179.999, noNaN: true }),
});

describe('a request’s pool cell', () => {
  it('is its cell of the requests’ grid within NEAR_REQUEST_KM, the WIDE cell beyond, and the ANY cell without a city', () => {
    const near = requestPoolCell({ ...istanbul, maxDistanceKm: 50 });
    expect(near).toMatch(/^q\d+\.\d+$/);
    expect(requestPoolCell({ ...istanbul, maxDistanceKm: NEAR_REQUEST_KM })).toBe(near);
    // Coarser than a record's cell: the city's record cells share it.
    expect(near).not.toBe(cellOf(istanbul));
    expect(requestPoolCell({ ...istanbul, maxDistanceKm: NEAR_REQUEST_KM + 1 })).toBe('WIDE');
    expect(requestPoolCell({ lat: undefined, lon: undefined, maxDistanceKm: 50 })).toBe('ANY');
  });

  it('is among the cells an offer reads for every request whose radius reaches the offer', () => {
    fc.assert(
      fc.property(
        point,
        // Mostly radii that keep a request in its own cell, where a cell could be missed.
        fc.oneof(fc.integer({ min: 1, max: NEAR_REQUEST_KM }), fc.integer({ min: 1, max: 1000 })),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        (offer, radius, fraction, bearing) => {
          const km = radius * fraction;
          const lat = offer.lat + (km / 111.2) * Math.cos(bearing);
          const lon = offer.lon + (km / (111.2 * Math.cos((lat * Math.PI) / 180))) * Math.sin(bearing);
          const request = { lat, lon: ((((lon + 180) % 360) + 360) % 360) - 180, maxDistanceKm: radius };
          fc.pre(Math.abs(lat) < 85 && distanceKm(offer, request) <= radius);
          expect(requestCellsReaching(offer)).toContain(requestPoolCell(request));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
