// The hot path: orderbook frames (parsed once inside the WS client) into the book store, and the rare
// consequences: a gap or bad book starts a repair, a snapshot may end one. Also keeps each market's last
// trade and volume from the ticker channel, routes the private channels and counts rejected frames.
//
// Per delta: one store call (seq check, ownership, apply in place, mark dirty) and one identity
// comparison with NO_ACTION. No allocation, no event, no log line; those happen once per episode.
import type { DataMessage, DataMessageType } from '../../adapters/kalshi/messages';
import type {
  OrderbookDeltaFrame,
  OrderbookSnapshotFrame,
} from '../../adapters/kalshi/orderbook-frame-parser';
import type { TickerFrame } from '../../adapters/kalshi/ticker-frame-parser';
import type { KalshiWsHandlers, WsProtocolError } from '../../adapters/kalshi/ws-types';
import { type BookAction, type BookStore, NO_ACTION as NONE } from '../../domain/book-store';
import type { BookRepair } from './book-repair';
import type { MarketTrades } from './market-trades';
import type { OrderbookStreamDeps, PrivateMessageType, StreamCounters, StreamLog } from './orderbook-types';
import { ThrottledLog } from './throttled-log';

// Hot-path bindings read once: under tsx (how the daemon runs) each use of an imported binding is a
// getter call.
const NO_ACTION = NONE;

const PRIVATE_TYPES: ReadonlySet<DataMessageType> = new Set([
  'fill',
  'user_order',
  'market_position',
  'market_lifecycle_v2',
]);

export interface IngestContext {
  store: BookStore;
  repair: BookRepair;
  trades: MarketTrades;
  log: StreamLog;
  now: () => number;
  counters: StreamCounters;
  onPrivate: OrderbookStreamDeps['onPrivate'];
  /** A frame was applied to a book (the publisher may drain at once). */
  changed(): void;
}

export type IngestHandlers = Required<
  Pick<KalshiWsHandlers, 'onOrderbookFrame' | 'onProtocolError' | 'onMessage' | 'onTicker'>
>;

export function createFrameIngest(ctx: IngestContext): IngestHandlers {
  const { store, repair, log, counters } = ctx;
  const badFrames = new ThrottledLog(log, ctx.now);
  const privateErrors = new ThrottledLog(log, ctx.now);

  function act(action: BookAction, context: { ticker: string; seq: number; kind: string }): void {
    if (action.kind === 'none') return;
    const { sid } = action;
    if (!repair.isRepairing(sid)) {
      // Once per episode, with the context needed to find it in the exchange's stream.
      const gap = action.kind === 'resync';
      const stale = gap ? action.tickers.length : 1;
      const what = gap ? 'seq gap; re-snapshotting the sid' : 'bad book; re-snapshotting';
      log.warn({ sid, ...context, stale }, what);
    }
    repair.needs(sid);
  }

  function onSnapshot(frame: OrderbookSnapshotFrame): void {
    const action = store.handleSnapshot(frame);
    if (action !== NO_ACTION) act(action, frame);
    repair.onSnapshot(frame.sid);
  }

  return {
    onOrderbookFrame(frame: OrderbookSnapshotFrame | OrderbookDeltaFrame) {
      if (frame.kind === 'delta') {
        const action = store.handleDelta(frame);
        if (action !== NO_ACTION) act(action, frame);
      } else onSnapshot(frame);
      ctx.changed();
    },

    onTicker(frame: TickerFrame) {
      // Followed markets only (one whose book the store holds); a change republishes the market's book,
      // whose views carry the last trade and volume.
      if (store.get(frame.ticker) === undefined || !ctx.trades.apply(frame)) return;
      store.markDirty(frame.ticker);
      ctx.changed();
    },

    onProtocolError(err: WsProtocolError) {
      if (err.reason === 'bad_ticker' && err.sid !== undefined && err.seq !== undefined) {
        // Junk ticker in an otherwise sound frame: counted as unsubscribed, its seq still consumed.
        const action = store.handleUnusableTicker(err.sid, err.seq);
        if (action !== NO_ACTION) act(action, { ticker: '(unusable)', seq: err.seq, kind: err.type ?? '' });
      } else store.noteMalformed(); // its seq is lost with it: the sid's next frame shows the gap
      badFrames.warn(
        () => ({ reason: err.reason, type: err.type, sid: err.sid, issues: err.issues, sample: err.sample }),
        'malformed frame dropped',
      );
    },

    onMessage(type: DataMessageType, message: DataMessage) {
      if (!PRIVATE_TYPES.has(type)) return;
      counters.privateMessages++;
      try {
        ctx.onPrivate?.(type as PrivateMessageType, message);
      } catch (err) {
        counters.privateErrors++;
        // A bug in our own handler, not an exchange problem: the stack is worth keeping.
        privateErrors.warn(() => ({ err, type }), 'private message handler threw');
      }
    },
  };
}
