// Fast path for the feed's bulk: orderbook_delta and orderbook_snapshot frames read straight from the
// socket's bytes into the parser's integer frames, with no text and no object tree in between.
//
// It recognises only frames it can read exactly: keys in any order and JSON whitespace, but no escape
// anywhere, no duplicate key, no nested value under a key it does not know, numbers only where a plain
// digit run is meant, and values the slow path would accept. For anything else (another type, odd
// spellings, bad values, broken JSON) it answers null and the caller runs parseOrderbookFrame on the
// text, so every rejection, count and log stays exactly the slow path's.
//
// A delta laid out as Kalshi documents it (the feed's bulk) is read first by matching the runs of keys
// and punctuation between its values whole; any other layout goes through the general key-by-key scan.
import { COUNT_DECIMALS, PRICE_DECIMALS, PRICE_ONE } from '../../domain/fixed-point';
import { ascii, ByteCursor, KeyTable } from './json-bytes';
import {
  MAX_TICKER_LENGTH as MAX_TICKER,
  type OrderbookDeltaFrame,
  type OrderbookSnapshotFrame,
  sortLevels,
} from './orderbook-frame-parser';
import { TickerIntern } from './ticker-intern';

// Codes are 1-based positions in these lists (KeyTable); 0 is any other key.
const TOP = new KeyTable(['type', 'sid', 'seq', 'id', 'msg']);
const TYPE = 1;
const SID = 2;
const SEQ = 3;
const ID = 4;
const MSG = 5;
const MSG_KEYS = new KeyTable([
  'market_ticker',
  'side',
  'price_dollars',
  'delta_fp',
  'ts_ms',
  'client_order_id',
  'yes_dollars_fp',
  'no_dollars_fp',
  // Legacy snapshot sides: their presence is the slow path's `legacy_shape` decision.
  'yes',
  'no',
  // Known but unused: named so they match in one pass like the others (see ByteCursor.key).
  'market_id',
  'ts',
  'subaccount',
]);
const TICKER = 1;
const SIDE = 2;
const PRICE = 3;
const DELTA = 4;
const TS_MS = 5;
const CLIENT_ORDER_ID = 6;
const YES_LEVELS = 7;
const NO_LEVELS = 8;
const MARKET_ID = 11;
const TS = 12;
const SUBACCOUNT = 13;
const YES_WORD = ascii('yes');
const NO_WORD = ascii('no');
const DELTA_TYPE = ascii('orderbook_delta');
const SNAPSHOT_TYPE = ascii('orderbook_snapshot');
// A delta as Kalshi documents it (kalshi-protocol.md §6.5): these keys in this order, no whitespace.
// Such a frame is read by matching the runs between its values whole (see canonicalDelta).
const CANON_HEAD = ascii('{"type":"orderbook_delta","sid":');
const CANON_SEQ = ascii(',"seq":');
const CANON_TICKER = ascii(',"msg":{"market_ticker":');
const CANON_MARKET_ID = ascii(',"market_id":');
const CANON_PRICE = ascii(',"price_dollars":');
const CANON_DELTA = ascii(',"delta_fp":');
const CANON_SIDE = ascii(',"side":');
const CANON_TS = ascii(',"ts":');
const CANON_TS_MS = ascii(',"ts_ms":');
const CANON_END = ascii('}}');
const REQUIRED = (1 << TYPE) | (1 << SID) | (1 << SEQ) | (1 << MSG);
const KIND_DELTA = 1;
const KIND_SNAPSHOT = 2;
// Read once: under tsx every use of an imported binding is a getter call (see json-bytes.ts).
const ONE = PRICE_ONE;
const PRICE_PLACES = PRICE_DECIMALS;
const COUNT_PLACES = COUNT_DECIMALS;
const MAX_TICKER_LENGTH = MAX_TICKER;

type BookFrame = OrderbookDeltaFrame | OrderbookSnapshotFrame;

export class OrderbookFrameScanner {
  private readonly cur = new ByteCursor();
  private readonly tickers = new TickerIntern();
  // The msg object's fields, as read by the last scan.
  private ticker = '';
  private side: 'yes' | 'no' | '' = '';
  private price = Number.NaN;
  private delta = Number.NaN;
  private tsMs = 0;
  private clientOrderId = '';
  private yes: number[] | null = null;
  private no: number[] | null = null;

  /** The frame when the bytes are one the scanner reads exactly; null means "use the slow path". */
  scan(bytes: Buffer): BookFrame | null {
    const c = this.cur;
    c.reset(bytes);
    const canonical = this.canonicalDelta(bytes);
    if (canonical !== null) return canonical;
    c.reset(bytes);
    if (!c.openObject()) return null;
    let kind = 0;
    let sid = -1;
    let seq = -1;
    let id = 0;
    let seen = 0;
    do {
      const key = c.key(TOP);
      if (key === TYPE) {
        if (!c.string(true)) return null;
        kind = c.stringIs(DELTA_TYPE) ? KIND_DELTA : c.stringIs(SNAPSHOT_TYPE) ? KIND_SNAPSHOT : 0;
        if (kind === 0) return null;
      } else if (key === SID) {
        sid = c.uint();
        if (sid < 0) return null;
      } else if (key === SEQ) {
        seq = c.uint();
        if (seq < 0) return null;
      } else if (key === ID) {
        if (!c.null()) id = c.uint();
        if (id < 0) return null;
      } else if (key === MSG) {
        if (!this.msg(bytes)) return null;
      } else if (key < 0 || !c.skipScalar()) return null;
      // JSON.parse keeps the last of repeated keys: a repeated known key defers to it.
      if ((seen & (1 << key)) > 1) return null;
      seen |= 1 << key;
    } while (c.comma());
    if (!c.closeObject() || !c.atEnd() || (seen & REQUIRED) !== REQUIRED) return null;
    if (kind === KIND_DELTA) return this.deltaFrame(sid, seq);
    return this.snapshotFrame(sid, seq, id);
  }

  /**
   * The common case first: a delta in the documented key order, read by matching the runs of keys
   * and punctuation between its values whole, each value by the same reader the general scan uses.
   * Anything else (another order, whitespace, an extra key such as client_order_id) answers null
   * and the general scan reads the frame from the start, so this accepts only frames it would.
   */
  private canonicalDelta(bytes: Buffer): OrderbookDeltaFrame | null {
    const c = this.cur;
    if (!c.literal(CANON_HEAD)) return null;
    const sid = c.uint();
    if (sid < 0 || !c.literal(CANON_SEQ)) return null;
    const seq = c.uint();
    if (seq < 0 || !c.literal(CANON_TICKER) || !this.tickerValue(bytes)) return null;
    if (!c.literal(CANON_MARKET_ID) || !c.string(false) || !c.literal(CANON_PRICE)) return null;
    this.price = c.decimal(PRICE_PLACES);
    if (!c.literal(CANON_DELTA)) return null;
    this.delta = c.decimal(COUNT_PLACES);
    if (!c.literal(CANON_SIDE) || !this.sideValue() || !c.literal(CANON_TS) || !c.string(false)) return null;
    if (!c.literal(CANON_TS_MS) || !this.timestamp() || !c.literal(CANON_END) || !c.atEnd()) return null;
    this.clientOrderId = '';
    return this.deltaFrame(sid, seq);
  }

  private tickerValue(bytes: Buffer): boolean {
    const c = this.cur;
    if (!c.string(true)) return false;
    const len = c.strEnd - c.strStart;
    if (len === 0 || len > MAX_TICKER_LENGTH) return false;
    this.ticker = this.tickers.get(bytes, c.strStart, c.strEnd);
    return true;
  }

  private sideValue(): boolean {
    const c = this.cur;
    if (!c.string(true)) return false;
    if (c.stringIs(YES_WORD)) this.side = 'yes';
    else if (c.stringIs(NO_WORD)) this.side = 'no';
    else return false;
    return true;
  }

  private deltaFrame(sid: number, seq: number): OrderbookDeltaFrame | null {
    const { ticker, side, price, delta, tsMs } = this;
    if (ticker === '' || side === '' || !(price > 0 && price < ONE) || Number.isNaN(delta)) return null;
    const out: OrderbookDeltaFrame = { kind: 'delta', sid, seq, ticker, side, price, delta, tsMs };
    if (this.clientOrderId !== '') out.clientOrderId = this.clientOrderId;
    return out;
  }

  private snapshotFrame(sid: number, seq: number, id: number): OrderbookSnapshotFrame | null {
    const ticker = this.ticker;
    if (ticker === '') return null;
    const out: OrderbookSnapshotFrame = {
      kind: 'snapshot',
      sid,
      seq,
      ticker,
      yes: this.yes ?? [],
      no: this.no ?? [],
    };
    if (id !== 0) out.commandId = id;
    return out;
  }

  /** The msg object; fields land in this scanner's fields. */
  private msg(bytes: Buffer): boolean {
    const c = this.cur;
    this.ticker = '';
    this.side = '';
    this.price = Number.NaN;
    this.delta = Number.NaN;
    this.tsMs = 0;
    this.clientOrderId = '';
    this.yes = null;
    this.no = null;
    if (!c.openObject()) return false;
    if (c.closeObject()) return true;
    let seen = 0;
    do {
      const key = c.key(MSG_KEYS);
      switch (key) {
        case TICKER:
          if (!this.tickerValue(bytes)) return false;
          break;
        case SIDE:
          if (!this.sideValue()) return false;
          break;
        case PRICE:
          this.price = c.decimal(PRICE_PLACES);
          break;
        case DELTA:
          this.delta = c.decimal(COUNT_PLACES);
          break;
        case TS_MS:
          if (!this.timestamp()) return false;
          break;
        case CLIENT_ORDER_ID:
          if (c.atString()) {
            if (!c.string(true)) return false;
            this.clientOrderId = bytes.toString('latin1', c.strStart, c.strEnd);
          } else if (!c.skipScalar()) return false; // the slow path ignores a non-string id
          break;
        case YES_LEVELS:
        case NO_LEVELS: {
          const levels = this.bookSide();
          if (levels === undefined) return false;
          if (key === YES_LEVELS) this.yes = levels;
          else this.no = levels;
          break;
        }
        case 0:
        case MARKET_ID:
        case TS:
        case SUBACCOUNT:
          if (!c.skipScalar()) return false;
          break;
        default:
          return false; // unreadable, or a legacy side
      }
      if ((seen & (1 << key)) > 1) return false;
      seen |= 1 << key;
    } while (c.comma());
    return c.closeObject();
  }

  /** ts_ms as the slow path reads it when valid: a safe integer, a digit string, or null (0). */
  private timestamp(): boolean {
    const c = this.cur;
    if (c.atString()) {
      const n = c.decimal(0);
      this.tsMs = n;
      return n >= 0;
    }
    if (c.null()) {
      this.tsMs = 0;
      return true;
    }
    this.tsMs = c.uint();
    return this.tsMs >= 0;
  }

  /** A snapshot side: null when the wire says null (an empty side), undefined when unreadable. */
  private bookSide(): number[] | null | undefined {
    return this.cur.null() ? null : (this.levels() ?? undefined);
  }

  /** `[["price","size"], ...]` as the slow path's flat ascending array; null when not exactly that. */
  private levels(): number[] | null {
    const c = this.cur;
    if (!c.openArray()) return null;
    const out: number[] = [];
    if (c.closeArray()) return out;
    do {
      if (!c.openArray()) return null;
      const price = c.decimal(PRICE_PLACES);
      if (!(price > 0 && price < ONE) || !c.comma()) return null;
      const size = c.decimal(COUNT_PLACES);
      if (!(size >= 0) || !c.closeArray()) return null;
      if (size !== 0) out.push(price, size);
    } while (c.comma());
    return c.closeArray() && sortLevels(out) ? out : null;
  }
}
