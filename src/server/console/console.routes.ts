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
  'render-markets.js',
  'render-depth.js',
  'price-chart.js',
  'control-commands.js',
  'controls.js',
  'history-api.js',
  'history-store.js',
  'render-history.js',
  'pnl-chart.js',
  'order-ticket.js',
  'format.js',
] as const;

export function createConsoleRoutes(): Hono {
  const assets: Record<string, StaticAsset> = {
    '/': asset('index.html'),
    '/console/theme.css': asset('theme.css'),
    '/console/app.css': asset('app.css'),
    '/console/order-ticket.css': asset('order-ticket.css'),
    '/console/history.css': asset('history.css'),
    '/console/favicon.svg': asset('favicon.svg'),
  };
  for (const name of CONSOLE_MODULES) assets[`/console/${name}`] = asset(name);
  return staticRoutes(assets);
}
