// Light parser for `ticker` frames (per-market last trade price and volume): hand-written like the
// orderbook parser, on the object the router already decoded; never throws. Low rate, one small object
// per frame; fields the daemon does not show (top of book, open interest) are not read.
import { COUNT_DECIMALS, PRICE_DECIMALS, PRICE_ONE, parseFixedLoose } from '../../domain/fixed-point';
import type { WireFrame } from './orderbook-frame-parser';

export interface TickerFrame {
  sid: number;
  ticker: string;
  /** Last trade price, ticks; null when the frame has none. */
  price: number | null;
  /** Contracts traded in the market so far, centi-contracts; null when the frame has none. */
  volume: number | null;
  /** Exchange time; 0 when the frame carries none. */
  tsMs: number;
}

export type TickerParseResult = { ok: true; frame: TickerFrame } | { ok: false; issues: string };

const fail = (issues: string): TickerParseResult => ({ ok: false, issues });
const isUint = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Absent → null; present but not an exact decimal in range → NaN (the caller rejects it). */
function optionalFixed(value: unknown, decimals: number, max: number): number | null {
  if (value === undefined || value === null) return null;
  const n = parseFixedLoose(value, decimals);
  return n >= 0 && n <= max ? n : Number.NaN;
}

export function parseTickerFrame(frame: WireFrame): TickerParseResult {
  const { sid, msg } = frame;
  if (!isUint(sid)) return fail('sid: not a non-negative integer');
  if (typeof msg !== 'object' || msg === null) return fail('msg: not an object');
  const m = msg as Record<string, unknown>;
  const ticker = m.market_ticker;
  if (typeof ticker !== 'string' || ticker.length === 0) return fail('market_ticker: missing');
  // A last price is a trade's: strictly inside $0–$1 except "0.0000", Kalshi's "no trade yet".
  const price = optionalFixed(m.price_dollars, PRICE_DECIMALS, PRICE_ONE - 1);
  if (Number.isNaN(price)) return fail('price_dollars: not a price');
  const volume = optionalFixed(m.volume_fp, COUNT_DECIMALS, Number.MAX_SAFE_INTEGER);
  if (Number.isNaN(volume)) return fail('volume_fp: not a count');
  const tsMs = isUint(m.ts_ms) ? m.ts_ms : isUint(m.ts) ? m.ts * 1000 : 0;
  return { ok: true, frame: { sid, ticker, price: price === 0 ? null : price, volume, tsMs } };
}
