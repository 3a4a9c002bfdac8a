// Fast path for the feed's bulk: orderbook_delta and orderbook_snapshot frames read straight from the
// socket's bytes into the parser's integer frames, with no text and no object tree in between.
//
// It recognises only frames it can read exactly: keys in any order and JSON whitespace, but no escape
// anywhere, no duplicate key, no nested value under a key it does not know, numbers only where a plain
// digit run is meant, and values the slow path would accept. For anything else (another type, odd
// spellings, bad values, broken JSON) it answers null and the caller runs parseOrderbookFrame on the
// text, so every rejection, count and log stays exactly the slow path's.
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
        case TICKER: {
          if (!c.string(true)) return false;
          const len = c.strEnd - c.strStart;
          if (len === 0 || len > MAX_TICKER_LENGTH) return false;
          this.ticker = this.tickers.get(bytes, c.strStart, c.strEnd);
          break;
        }
        case SIDE:
          if (!c.string(true)) return false;
          if (c.stringIs(YES_WORD)) this.side = 'yes';
          else if (c.stringIs(NO_WORD)) this.side = 'no';
          else return false;
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
