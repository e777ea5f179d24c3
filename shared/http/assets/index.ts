import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { CITY_JS } from './city-js.ts';
import { ICON_SVG } from './icon-svg.ts';
import { SITE_CSS } from './site-css.ts';

interface Asset {
  readonly path: string;
  readonly body: string;
  readonly type: string;
}

function hashed(name: string, extension: string, body: string, type: string): Asset {
  const digest = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${digest}.${extension}`, body, type };
}

/** The URLs carry the content hash, so a changed file gets a new URL and old caches never serve it. */
export const ASSETS = {
  css: hashed('site', 'css', SITE_CSS, 'text/css; charset=utf-8'),
  cityJs: hashed('city', 'js', CITY_JS, 'text/javascript; charset=utf-8'),
  icon: hashed('icon', 'svg', ICON_SVG, 'image/svg+xml'),
} as const;

/** Serves the stylesheet and the script under their hashed URLs with a year-long immutable cache. */
export function assetRoutes(): Hono {
  const routes = new Hono();
  for (const asset of Object.values(ASSETS)) {
    routes.get(asset.path, (c) => {
      c.header('Content-Type', asset.type);
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      return c.body(asset.body);
    });
  }
  return routes;
}
