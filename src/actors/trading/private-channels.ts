// The exchange's private WS channels into the trading actor: fills and order updates keep it current
// between REST syncs, and lifecycle frames of the markets it follows move their phase and close time. A
// fill delivered twice (a replay after a reconnect) is booked, and told, once by the actor's ledger. A
// fill's post-fill position is left out: the ledger's fold is the position, and `market_position` frames
// are left to the sync's check.
import type { DataMessage, MarketLifecycleUpdate } from '../../adapters/kalshi/messages';
import type { TradingRef } from './trading-ports';
import type { MarketUpdate } from './trading-types';

/**
 * A lifecycle frame as a market update; null for event types that change nothing we track (metadata,
 * price level structure). Kalshi closes at close_time silently, so no frame says `closed`.
 */
export function lifecycleUpdate(u: MarketLifecycleUpdate, nowMs: number): MarketUpdate | null {
  const ticker = u.ticker;
  switch (u.eventType) {
    case 'created': {
      const opened = u.openTsMs === null || u.openTsMs <= nowMs;
      return { ticker, phase: opened ? 'open' : 'unopened', closeTimeMs: u.closeTsMs };
    }
    // `is_deactivated` true means paused. It is optional on the wire: a `deactivated` frame without it
    // still pauses the market (opening it on a missing field would let orders into a halted market).
    case 'activated':
      return { ticker, phase: u.isDeactivated === true ? 'paused' : 'open' };
    case 'deactivated':
      return { ticker, phase: u.isDeactivated === false ? 'open' : 'paused' };
    case 'close_date_updated':
      return u.closeTsMs === null ? null : { ticker, closeTimeMs: u.closeTsMs };
    case 'determined':
      return { ticker, phase: 'determined', result: u.result };
    case 'settled':
      return { ticker, phase: 'settled' };
    default:
      return null;
  }
}

export interface PrivateRouting {
  /** A followed market settled: read its settlement and the balance now. */
  onSettled?(ticker: string): void;
}

export function routePrivateMessages(
  trading: Pick<TradingRef, 'send' | 'getSnapshot'>,
  now: () => number,
  routing: PrivateRouting = {},
) {
  return (_type: string, message: DataMessage): void => {
    if (message.type === 'fill') {
      const { postPosition: _, ...fill } = message.data;
      trading.send({ type: 'FILL', fill, atMs: now() });
    } else if (message.type === 'user_order')
      trading.send({ type: 'ORDER.UPDATE', order: message.data, atMs: now() });
    else if (message.type === 'market_lifecycle_v2') {
      // The channel carries every market of the exchange: only those the daemon follows are kept.
      if (trading.getSnapshot().context.markets[message.data.ticker] === undefined) return;
      const update = lifecycleUpdate(message.data, now());
      if (update === null) return;
      trading.send({ type: 'MARKETS.UPDATE', updates: [update], atMs: now() });
      if (update.phase === 'settled') routing.onSettled?.(update.ticker);
    }
  };
}
