// /v3/status built only when what it reads has changed: the root machine's and the trading actor's
// snapshots (immutable, so compared by identity) and a time bucket, which covers what moves with time
// or with every frame: uptime, the feed's counters and ages, positions marked to the books. Between changes every reader (the route,
// /v3/health, each trader_status frame) gets the same view object, which the server serialises once.
// The view itself is still the one pure toStatusView over fresh reads: nothing here copies state.
import type { FeedStatus } from '../actors/orderbook/stream-views';
import type { TradingState } from '../actors/trading/trading-types';
import type { StatusView } from '../server/views';
import { type StatusSources, toStatusView } from './status-view';

/** How long the feed's counters and the uptime in a served view may lag: well under a console refresh. */
export const STATUS_BUCKET_MS = 250;

export interface StatusMemoDeps {
  trader: { getSnapshot(): StatusSources['trader'] };
  trading: { getSnapshot(): { context: TradingState } };
  feed: { status(): FeedStatus };
  now(): number;
  /** Storage's counters and reconciliation (null without history), read when a view is built. */
  storage?(): StatusSources['storage'];
  /** Passed through as they are; `marks` (the books' prices) is read when a view is built. */
  fixed: Pick<StatusSources, 'marks' | 'startedMs' | 'apiUrl' | 'wsUrl' | 'strategy'>;
  bucketMs?: number;
}

export function memoStatus(deps: StatusMemoDeps): () => StatusView {
  const bucketMs = deps.bucketMs ?? STATUS_BUCKET_MS;
  let trader: unknown = null;
  let trading: unknown = null;
  let bucket = Number.NaN;
  let view: StatusView | null = null;
  return () => {
    const nowMs = deps.now();
    const nowBucket = Math.floor(nowMs / bucketMs);
    const traderSnapshot = deps.trader.getSnapshot();
    const tradingSnapshot = deps.trading.getSnapshot();
    if (view !== null && traderSnapshot === trader && tradingSnapshot === trading && nowBucket === bucket) {
      return view;
    }
    view = toStatusView({
      ...deps.fixed,
      trader: traderSnapshot,
      trading: tradingSnapshot.context,
      feed: deps.feed.status(),
      storage: deps.storage?.() ?? null,
      nowMs,
    });
    trader = traderSnapshot;
    trading = tradingSnapshot;
    bucket = nowBucket;
    return view;
  };
}
