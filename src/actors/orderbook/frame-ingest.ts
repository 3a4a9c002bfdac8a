// The hot path: orderbook frames (parsed once inside the WS client) into the book store, and the rare
// consequences: a gap or bad book starts a recovery, the first good snapshot is news. Also routes the
// private channels and counts frames the parser rejected.
//
// Per delta: one store call (seq check, apply in place, mark dirty) and one identity comparison with
// NO_ACTION. No allocation, no event, no log line; those happen once per episode.
import type { DataMessage, DataMessageType } from '../../adapters/kalshi/messages';
import type {
  OrderbookDeltaFrame,
  OrderbookSnapshotFrame,
} from '../../adapters/kalshi/orderbook-frame-parser';
import type { KalshiWsHandlers, WsProtocolError } from '../../adapters/kalshi/ws-types';
import { type BookAction, type BookStore, NO_ACTION } from '../../domain/book-store';
import type { FeedNews } from './feed-news';
import type { OrderbookStreamDeps, PrivateMessageType, StreamCounters, StreamLog } from './orderbook-types';
import type { ResyncController } from './resync-controller';
import { ThrottledLog } from './throttled-log';

const PRIVATE_TYPES: ReadonlySet<DataMessageType> = new Set(['fill', 'user_order', 'market_position']);

export interface IngestContext {
  store: BookStore;
  news: FeedNews;
  resync: ResyncController;
  log: StreamLog;
  now: () => number;
  counters: StreamCounters;
  onPrivate: OrderbookStreamDeps['onPrivate'];
  /** A book became fresh while a down/stale episode is open: maybe the feed is up again. */
  maybeUp(): void;
}

export type IngestHandlers = Required<
  Pick<KalshiWsHandlers, 'onOrderbookFrame' | 'onProtocolError' | 'onMessage'>
>;

export function createFrameIngest(ctx: IngestContext): IngestHandlers {
  const { store, news, resync, log, counters } = ctx;
  const badFrames = new ThrottledLog(log, ctx.now);
  const privateErrors = new ThrottledLog(log, ctx.now);

  function act(action: BookAction, frame: OrderbookSnapshotFrame | OrderbookDeltaFrame): void {
    if (action.kind === 'none') return;
    const { sid } = action;
    if (!resync.isRecovering(sid)) {
      // Once per episode, with the context needed to find it in the exchange's stream.
      const gap = action.kind === 'resync';
      const stale = gap ? action.tickers.length : 1;
      const what = gap ? 'seq gap; re-snapshotting the sid' : 'bad book; re-snapshotting';
      log.warn({ sid, ticker: frame.ticker, seq: frame.seq, kind: frame.kind, stale }, what);
    }
    if (action.kind === 'resync') news.gap(sid, frame.ticker);
    resync.request(sid);
  }

  function onSnapshot(frame: OrderbookSnapshotFrame): void {
    const action = store.handleSnapshot(frame);
    if (action !== NO_ACTION) act(action, frame);
    if (store.isStale(frame.ticker)) return;
    news.snapshot(frame.ticker);
    resync.onSnapshot(frame.sid);
    if (news.upPending) ctx.maybeUp();
  }

  return {
    onOrderbookFrame(frame) {
      if (frame.kind === 'delta') {
        const action = store.handleDelta(frame);
        if (action !== NO_ACTION) act(action, frame);
      } else onSnapshot(frame);
    },

    onProtocolError(err: WsProtocolError) {
      // Its seq is lost with it: the sid's next frame shows the gap and starts the resync.
      store.noteMalformed();
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
        privateErrors.warn(() => ({ err, type }), 'private message handler threw');
      }
    },
  };
}
