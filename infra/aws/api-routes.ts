/**
 * Which requests API Gateway throttles apart. Every route goes to the same function and hono
 * routes inside it; these routes exist so that each group gets its own rate: API Gateway keeps
 * a separate token bucket per route, so a flood on the public intake routes runs out of its own
 * tokens and never the coordinators'. Everything else shares the `$default` route's limit.
 * Route keys use API Gateway's syntax (`{proxy+}` is the rest of the path); a test holds each to
 * a route the app really serves.
 */
export interface ThrottledRoutes {
  readonly routeKeys: readonly string[];
  /** Requests per second a route sustains, and how many it takes at once. */
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** Pages, assets, confirm/manage/check-in/availability links: generous, a cap on floods and runaway scripts. */
export const DEFAULT_ROUTE_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

export const THROTTLED_ROUTES = {
  /** New offers and requests, by form and by API: each sends a confirmation mail. */
  intake: {
    routeKeys: ['POST /offers', 'POST /requests', 'POST /api/v1/offers', 'POST /api/v1/requests'],
    rateLimit: 5,
    burstLimit: 10,
  },
  /** The city autocomplete: one call per keystroke pause, a search of the gazetteer each. */
  placeSearch: { routeKeys: ['GET /api/v1/places'], rateLimit: 20, burstLimit: 40 },
  /** Asking for a sign-in link sends a mail to a coordinator. */
  coordinatorSignIn: { routeKeys: ['POST /coordinator/sign-in'], rateLimit: 1, burstLimit: 5 },
  /** Coordinators approving and declining, by mail link or in the workspace. */
  decisions: {
    routeKeys: ['ANY /proposals/{proxy+}', 'ANY /coordinator', 'ANY /coordinator/{proxy+}'],
    rateLimit: 20,
    burstLimit: 40,
  },
} as const satisfies Record<string, ThrottledRoutes>;
