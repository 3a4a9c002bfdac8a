// Loads ccxt's in-memory OrderBook (the class its WebSocket "pro" layer keeps per symbol). ccxt's
// package exports map hides js/src/**, and importing the package root would load every exchange, so
// the module is imported by file URL from the installed package.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A ccxt book side: an Array of [price, size] rows sorted best first, updated with absolute sizes. */
export interface CcxtBookSide {
  length: number;
  [index: number]: [number, number];
  /** Sets the absolute size at a price; size 0 deletes the level. */
  store(price: number, size: number): void;
}

export interface CcxtOrderBook {
  bids: CcxtBookSide;
  asks: CcxtBookSide;
  reset(snapshot: { bids: Array<[number, number]>; asks: Array<[number, number]> }): void;
}

export type CcxtOrderBookClass = new (snapshot?: {
  bids?: Array<[number, number]>;
  asks?: Array<[number, number]>;
}) => CcxtOrderBook;

export async function loadCcxtOrderBook(): Promise<{ OrderBook: CcxtOrderBookClass; version: string }> {
  const require = createRequire(import.meta.url);
  const root = dirname(dirname(require.resolve('ccxt'))); // resolves to <root>/dist/ccxt.cjs
  const module = await import(pathToFileURL(join(root, 'js/src/base/ws/OrderBook.js')).href);
  const pkg = await import(pathToFileURL(join(root, 'package.json')).href, { with: { type: 'json' } });
  return { OrderBook: module.OrderBook as CcxtOrderBookClass, version: String(pkg.default.version) };
}
