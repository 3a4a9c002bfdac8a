// GET /inspect (the offline statechart inspector page) and its assets under /inspect/.
import type { Hono } from 'hono';
import { loadAsset, type StaticAsset, staticRoutes } from '../console/static-assets';

const own = (name: string) => loadAsset(new URL(`./assets/${name}`, import.meta.url));
/** The console's modules and theme; served again here so /inspect works without the console mounted. */
const shared = (name: string) => loadAsset(new URL(`../console/assets/${name}`, import.meta.url));

export const INSPECTOR_MODULES = ['inspect.js', 'inspector-model.js', 'statechart.js', 'panels.js'] as const;

export function createInspectorRoutes(): Hono {
  const assets: Record<string, StaticAsset> = {
    '/inspect': own('inspect.html'),
    '/inspect/theme.css': shared('theme.css'),
    '/inspect/inspect.css': own('inspect.css'),
    '/inspect/reconnecting-socket.js': shared('reconnecting-socket.js'),
    '/inspect/dom.js': shared('dom.js'),
    '/inspect/favicon.svg': shared('favicon.svg'),
  };
  for (const name of INSPECTOR_MODULES) assets[`/inspect/${name}`] = own(name);
  return staticRoutes(assets);
}
