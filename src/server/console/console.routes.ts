// GET / (the web console) and its assets under /console/: plain HTML, vanilla JS modules and CSS.
import type { Hono } from 'hono';
import { loadAsset, type StaticAsset, staticRoutes } from './static-assets';

const asset = (name: string) => loadAsset(new URL(`./assets/${name}`, import.meta.url));

/** Module files the page imports; each is served at /console/<name>. */
export const CONSOLE_MODULES = [
  'app.js',
  'reconnecting-socket.js',
  'console-store.js',
  'status-store.js',
  'trading-store.js',
  'dom.js',
  'render-status.js',
  'feed-health.js',
  'render-tables.js',
  'price-chart.js',
  'kill-switch.js',
  'order-ticket.js',
  'format.js',
] as const;

export function createConsoleRoutes(): Hono {
  const assets: Record<string, StaticAsset> = {
    '/': asset('index.html'),
    '/console/theme.css': asset('theme.css'),
    '/console/app.css': asset('app.css'),
    '/console/order-ticket.css': asset('order-ticket.css'),
    '/console/favicon.svg': asset('favicon.svg'),
  };
  for (const name of CONSOLE_MODULES) assets[`/console/${name}`] = asset(name);
  return staticRoutes(assets);
}
