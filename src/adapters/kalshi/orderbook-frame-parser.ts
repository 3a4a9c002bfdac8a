// Hot-path parser for Kalshi WS text frames: orderbook snapshots and deltas to integer units, any
// other frame classified by `type` for the caller to route. Hand-written checks, no zod, never throws.
import { COUNT_DECIMALS, PRICE_DECIMALS, PRICE_ONE, parseFixedLoose } from '../../domain/fixed-point';

/** A decoded JSON object frame as it came off the wire. */
export type WireFrame = Record<string, unknown>;

export interface OrderbookSnapshotFrame {
  kind: 'snapshot';
  sid: number;
  seq: number;
  ticker: string;
  /** Set when the snapshot answers an `update_subscription` `get_snapshot` command. */
  commandId?: number;
  /** Flat [price ticks, size centi, price, size, ...], ascending by price. Empty when the side is absent. */
  yes: number[];
  no: number[];
}

export interface OrderbookDeltaFrame {
  kind: 'delta';
  sid: number;
  seq: number;
  ticker: string;
  /** Which bid ladder changes. */
  side: 'yes' | 'no';
  price: number; // ticks
  /** Signed change of the resting size at (side, price), centi-contracts. */
  delta: number;
  /** Exchange time of the change; 0 when the frame carries no timestamp. */
  tsMs: number;
  /** Present only when one of our own orders caused the change. */
  clientOrderId?: string;
}

/** A well-formed frame of a known non-orderbook type; `frame` is the decoded object, so nobody parses twice. */
export interface OtherFrame {
  kind: 'other';
  type: string;
  frame: WireFrame;
}

export type FrameErrorReason =
  | 'bad_json'
  | 'not_an_object'
  | 'missing_type'
  | 'unknown_type'
  | 'bad_sid'
  | 'bad_seq'
  | 'bad_id'
  | 'missing_msg'
  | 'missing_ticker'
  | 'bad_ticker'
  | 'legacy_shape'
  | 'bad_levels'
  | 'bad_price'
  | 'bad_size'
  | 'duplicate_price'
  | 'bad_side'
  | 'bad_delta'
  | 'bad_timestamp';

export interface FrameError {
  kind: 'error';
  reason: FrameErrorReason;
  type?: string;
  sid?: number;
  /** Set for `bad_ticker`: only the ticker is unusable, so the frame's seq still counts in its sid. */
  seq?: number;
}

/**
 * Longest market ticker accepted from the wire. Kalshi's run to a few dozen characters; a longer one
 * is junk, refused before anything (a book, a command naming it) is built from it.
 */
export const MAX_TICKER_LENGTH = 128;

export type ParsedFrame = OrderbookSnapshotFrame | OrderbookDeltaFrame | OtherFrame | FrameError;

/** Message types Kalshi documents besides the two orderbook ones; anything else is `unknown_type`. */
export const KNOWN_OTHER_TYPES: ReadonlySet<string> = new Set([
  'subscribed',
  'unsubscribed',
  'ok',
  'error',
  'ticker',
  'trade',
  'fill',
  'user_order',
  'market_position',
  'market_lifecycle_v2',
  'event_lifecycle',
  'event_fee_update',
  'multivariate_market_lifecycle',
  'order_group_updates',
  'rfq_created',
  'rfq_deleted',
  'quote_created',
  'quote_accepted',
  'quote_executed',
  'cfbenchmarks_value',
  'cfbenchmarks_value_5hz',
  'pyth_value',
]);

const SNAPSHOT = 'orderbook_snapshot';
const DELTA = 'orderbook_delta';

/**
 * Parses one text frame. Output objects are freshly allocated and owned by the caller: JSON.parse
 * already allocates the whole frame tree, so recycling one small delta object would save little and
 * would make any retained frame change under its holder's feet.
 */
export function parseOrderbookFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('bad_json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not_an_object');
  const frame = value as WireFrame;
  const type = frame.type;
  if (typeof type !== 'string') return fail('missing_type');
  if (type === DELTA) return parseDelta(frame);
  if (type === SNAPSHOT) return parseSnapshot(frame);
  return KNOWN_OTHER_TYPES.has(type) ? { kind: 'other', type, frame } : fail('unknown_type', type);
}

function parseSnapshot(frame: WireFrame): OrderbookSnapshotFrame | FrameError {
  const sid = frame.sid;
  if (!isUint(sid)) return fail('bad_sid', SNAPSHOT);
  const seq = frame.seq;
  if (!isUint(seq)) return fail('bad_seq', SNAPSHOT, sid);
  const id = frame.id;
  if (id !== undefined && id !== null && !isUint(id)) return fail('bad_id', SNAPSHOT, sid);
  const msg = frame.msg;
  if (!isRecord(msg)) return fail('missing_msg', SNAPSHOT, sid);
  const ticker = msg.market_ticker;
  if (typeof ticker !== 'string' || ticker.length === 0) return fail('missing_ticker', SNAPSHOT, sid);
  if (ticker.length > MAX_TICKER_LENGTH) return { ...fail('bad_ticker', SNAPSHOT, sid), seq };
  const yesRaw = msg.yes_dollars_fp;
  const noRaw = msg.no_dollars_fp;
  // A pre-2026-03 frame would otherwise read as an empty book, which is worse than a dropped frame.
  if (yesRaw == null && noRaw == null && (msg.yes !== undefined || msg.no !== undefined)) {
    return fail('legacy_shape', SNAPSHOT, sid);
  }
  const yes = readLevels(yesRaw);
  if (typeof yes === 'string') return fail(yes, SNAPSHOT, sid);
  const no = readLevels(noRaw);
  if (typeof no === 'string') return fail(no, SNAPSHOT, sid);
  const out: OrderbookSnapshotFrame = { kind: 'snapshot', sid, seq, ticker, yes, no };
  if (typeof id === 'number' && id !== 0) out.commandId = id; // id 0 means "no id" on Kalshi's wire
  return out;
}

function parseDelta(frame: WireFrame): OrderbookDeltaFrame | FrameError {
  const sid = frame.sid;
  if (!isUint(sid)) return fail('bad_sid', DELTA);
  const seq = frame.seq;
  if (!isUint(seq)) return fail('bad_seq', DELTA, sid);
  const msg = frame.msg;
  if (!isRecord(msg)) return fail('missing_msg', DELTA, sid);
  const ticker = msg.market_ticker;
  if (typeof ticker !== 'string' || ticker.length === 0) return fail('missing_ticker', DELTA, sid);
  if (ticker.length > MAX_TICKER_LENGTH) return { ...fail('bad_ticker', DELTA, sid), seq };
  const side = msg.side;
  if (side !== 'yes' && side !== 'no') return fail('bad_side', DELTA, sid);
  const priceRaw = msg.price_dollars;
  if (priceRaw === undefined && msg.price !== undefined) return fail('legacy_shape', DELTA, sid);
  const price = parseFixedLoose(priceRaw, PRICE_DECIMALS);
  if (!(price > 0 && price < PRICE_ONE)) return fail('bad_price', DELTA, sid);
  const delta = parseFixedLoose(msg.delta_fp, COUNT_DECIMALS);
  if (Number.isNaN(delta)) return fail('bad_delta', DELTA, sid);
  const tsMs = readTimestamp(msg.ts_ms);
  if (tsMs < 0) return fail('bad_timestamp', DELTA, sid);
  const out: OrderbookDeltaFrame = { kind: 'delta', sid, seq, ticker, side, price, delta, tsMs };
  const coid = msg.client_order_id;
  if (typeof coid === 'string' && coid.length > 0) out.clientOrderId = coid;
  return out;
}

/** Reads `[[price, size], ...]` into a flat ascending array; a reason string on the first bad level. */
function readLevels(raw: unknown): number[] | FrameErrorReason {
  if (raw == null) return [];
  if (!Array.isArray(raw)) return 'bad_levels';
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const level: unknown = raw[i];
    if (!Array.isArray(level) || level.length < 2) return 'bad_levels';
    const price = parseFixedLoose(level[0], PRICE_DECIMALS);
    if (!(price > 0 && price < PRICE_ONE)) return 'bad_price';
    const size = parseFixedLoose(level[1], COUNT_DECIMALS);
    if (!(size >= 0)) return 'bad_size';
    if (size === 0) continue; // an empty level carries no information
    out.push(price, size);
  }
  return sortLevels(out) ? out : 'duplicate_price';
}

/**
 * Sorts flat (price, size) pairs ascending by price in place; false on a repeated price. Kalshi's
 * snapshot order is unspecified, so ascending and descending input take a fast path.
 */
export function sortLevels(a: number[]): boolean {
  const n = a.length;
  if (n <= 2) return true;
  let ascending = true;
  let descending = true;
  for (let i = 2; i < n; i += 2) {
    const prev = a[i - 2]!;
    const cur = a[i]!;
    if (cur === prev) return false;
    if (cur < prev) ascending = false;
    else descending = false;
  }
  if (ascending) return true;
  if (descending) {
    for (let lo = 0, hi = n - 2; lo < hi; lo += 2, hi -= 2) {
      swapPairs(a, lo, hi);
    }
    return true;
  }
  for (let i = 2; i < n; i += 2) {
    const price = a[i]!;
    const size = a[i + 1]!;
    let j = i - 2;
    while (j >= 0 && a[j]! > price) {
      a[j + 2] = a[j]!;
      a[j + 3] = a[j + 1]!;
      j -= 2;
    }
    a[j + 2] = price;
    a[j + 3] = size;
  }
  for (let i = 2; i < n; i += 2) if (a[i] === a[i - 2]) return false;
  return true;
}

function swapPairs(a: number[], i: number, j: number): void {
  const p = a[i]!;
  const s = a[i + 1]!;
  a[i] = a[j]!;
  a[i + 1] = a[j + 1]!;
  a[j] = p;
  a[j + 1] = s;
}

/** ts_ms as a number or a digit string; 0 when absent, -1 when present but unusable. */
function readTimestamp(raw: unknown): number {
  if (raw === undefined || raw === null) return 0;
  if (typeof raw === 'number') return isUint(raw) ? raw : -1;
  if (typeof raw === 'string') {
    const n = parseFixedLoose(raw, 0);
    return n >= 0 ? n : -1;
  }
  return -1;
}

function isUint(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isRecord(v: unknown): v is WireFrame {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(reason: FrameErrorReason, type?: string, sid?: number): FrameError {
  const err: FrameError = { kind: 'error', reason };
  if (type !== undefined) err.type = type;
  if (sid !== undefined) err.sid = sid;
  return err;
}
