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
import { ascii, ByteCursor, KeyTable } from './json-bytes';
import type { OrderbookDeltaFrame, OrderbookSnapshotFrame } from './orderbook-frame-parser';
import { OrderbookMsgReader } from './orderbook-msg-reader';

// Codes are 1-based positions in this list (KeyTable); 0 is any other key.
const TOP = new KeyTable(['type', 'sid', 'seq', 'id', 'msg']);
const TYPE = 1;
const SID = 2;
const SEQ = 3;
const ID = 4;
const MSG = 5;
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
type BookFrame = OrderbookDeltaFrame | OrderbookSnapshotFrame;

export class OrderbookFrameScanner {
  private readonly cur = new ByteCursor();
  private readonly msg = new OrderbookMsgReader(this.cur);

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
        if (!this.msg.read(bytes)) return null;
      } else if (key < 0 || !c.skipScalar()) return null;
      // JSON.parse keeps the last of repeated keys: a repeated known key defers to it.
      if ((seen & (1 << key)) > 1) return null;
      seen |= 1 << key;
    } while (c.comma());
    if (!c.closeObject() || !c.atEnd() || (seen & REQUIRED) !== REQUIRED) return null;
    if (kind === KIND_DELTA) return this.msg.deltaFrame(sid, seq);
    return this.msg.snapshotFrame(sid, seq, id);
  }

  /**
   * The common case first: a delta in the documented key order, read by matching the runs of keys
   * and punctuation between its values whole, each value by the same reader the general scan uses.
   * Anything else (another order, whitespace, an extra key such as client_order_id) answers null
   * and the general scan reads the frame from the start, so this accepts only frames it would.
   */
  private canonicalDelta(bytes: Buffer): OrderbookDeltaFrame | null {
    const c = this.cur;
    const m = this.msg;
    if (!c.literal(CANON_HEAD)) return null;
    const sid = c.uint();
    if (sid < 0 || !c.literal(CANON_SEQ)) return null;
    const seq = c.uint();
    if (seq < 0 || !c.literal(CANON_TICKER) || !m.tickerValue(bytes)) return null;
    if (!c.literal(CANON_MARKET_ID) || !c.string(false) || !c.literal(CANON_PRICE)) return null;
    m.priceValue();
    if (!c.literal(CANON_DELTA)) return null;
    m.deltaValue();
    if (!c.literal(CANON_SIDE) || !m.sideValue() || !c.literal(CANON_TS) || !c.string(false)) return null;
    if (!c.literal(CANON_TS_MS) || !m.timestamp() || !c.literal(CANON_END) || !c.atEnd()) return null;
    m.clientOrderId = '';
    return m.deltaFrame(sid, seq);
  }
}
