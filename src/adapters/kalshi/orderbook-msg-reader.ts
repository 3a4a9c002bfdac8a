// The msg object of an orderbook frame read from its bytes, for the frame scanner: its fields, the
// readers of each value (shared by the scanner's documented-layout path and its general scan), the
// general key-by-key read of the object, and the integer frames built from what was read. Each reader
// answers false (or null) where the slow path would refuse or read differently; see the scanner.
import { COUNT_DECIMALS, PRICE_DECIMALS, PRICE_ONE } from '../../domain/fixed-point';
import { ascii, type ByteCursor, KeyTable } from './json-bytes';
import {
  MAX_TICKER_LENGTH as MAX_TICKER,
  type OrderbookDeltaFrame,
  type OrderbookSnapshotFrame,
  sortLevels,
} from './orderbook-frame-parser';
import { TickerIntern } from './ticker-intern';

// Codes are 1-based positions in this list (KeyTable); 0 is any other key.
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
// Read once: under tsx every use of an imported binding is a getter call (see json-bytes.ts).
const ONE = PRICE_ONE;
const PRICE_PLACES = PRICE_DECIMALS;
const COUNT_PLACES = COUNT_DECIMALS;
const MAX_TICKER_LENGTH = MAX_TICKER;

export class OrderbookMsgReader {
  private readonly tickers = new TickerIntern();
  // The msg object's fields, as read by the last scan.
  ticker = '';
  side: 'yes' | 'no' | '' = '';
  price = Number.NaN;
  delta = Number.NaN;
  tsMs = 0;
  clientOrderId = '';
  yes: number[] | null = null;
  no: number[] | null = null;

  constructor(private readonly cur: ByteCursor) {}

  /** The delta read, when its fields hold one the slow path would accept; else null. */
  deltaFrame(sid: number, seq: number): OrderbookDeltaFrame | null {
    const { ticker, side, price, delta, tsMs } = this;
    if (ticker === '' || side === '' || !(price > 0 && price < ONE) || Number.isNaN(delta)) return null;
    const out: OrderbookDeltaFrame = { kind: 'delta', sid, seq, ticker, side, price, delta, tsMs };
    if (this.clientOrderId !== '') out.clientOrderId = this.clientOrderId;
    return out;
  }

  snapshotFrame(sid: number, seq: number, id: number): OrderbookSnapshotFrame | null {
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

  /** The whole msg object, keys in any order. */
  read(bytes: Buffer): boolean {
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
          this.priceValue();
          break;
        case DELTA:
          this.deltaValue();
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

  /** price_dollars; NaN (consuming nothing) when unreadable, which deltaFrame refuses. */
  priceValue(): void {
    this.price = this.cur.decimal(PRICE_PLACES);
  }

  /** delta_fp; NaN (consuming nothing) when unreadable, which deltaFrame refuses. */
  deltaValue(): void {
    this.delta = this.cur.decimal(COUNT_PLACES);
  }

  /** market_ticker: plain ASCII, 1..MAX_TICKER_LENGTH characters, interned. */
  tickerValue(bytes: Buffer): boolean {
    const c = this.cur;
    if (!c.string(true)) return false;
    const len = c.strEnd - c.strStart;
    if (len === 0 || len > MAX_TICKER_LENGTH) return false;
    this.ticker = this.tickers.get(bytes, c.strStart, c.strEnd);
    return true;
  }

  /** side: exactly "yes" or "no". */
  sideValue(): boolean {
    const c = this.cur;
    if (!c.string(true)) return false;
    if (c.stringIs(YES_WORD)) this.side = 'yes';
    else if (c.stringIs(NO_WORD)) this.side = 'no';
    else return false;
    return true;
  }

  /** ts_ms as the slow path reads it when valid: a safe integer, a digit string, or null (0). */
  timestamp(): boolean {
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
