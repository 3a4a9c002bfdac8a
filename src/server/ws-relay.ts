// DaemonEvent → /v3/ws frames: each event is serialised and encoded once, and the same bytes fanned out
// to the clients that want it.
import type { Logger } from 'pino';
import type { DaemonEvent } from './events';
import type { DaemonPorts } from './ports';
import { createThrottle } from './throttle';
import { toBookUpdate } from './view-mappers';
import type { BookDeltas } from './ws-book-deltas';
import type { FeedClient } from './ws-client';
import { CorkBatch } from './ws-cork';
import { activityData, encodeFrame, traderStatusData, transitionActivity } from './ws-frames';
import { type SharedFrame, sharedFrame } from './ws-shared-frame';

export interface RelayDeps {
  clients: ReadonlySet<FeedClient>;
  ports: Pick<DaemonPorts, 'getStatus' | 'getHealth' | 'getBook'>;
  now: () => number;
  statusThrottleMs: number;
  /** The `orderbook_delta` channel's fan-out. */
  deltas: Pick<BookDeltas, 'publish' | 'clear'>;
  log?: Pick<Logger, 'error'>;
}

export interface Relay {
  relay(e: DaemonEvent): void;
  /** The current `trader_status` frame, or undefined while the status ports cannot answer. */
  statusFrame(): string | undefined;
  /** Broadcast `trader_status`, at most once per throttle interval. */
  triggerStatus(): void;
  cancel(): void;
}

export function createRelay({ clients, ports, now, statusThrottleMs, deltas, log }: RelayDeps): Relay {
  const batch = new CorkBatch();
  // Serialised and encoded once: every recipient gets the same bytes, in one write per task.
  const broadcast = (json: string, wants: (c: FeedClient) => boolean = () => true) => {
    let frame: SharedFrame | null = null;
    for (const c of clients) {
      if (!wants(c)) continue;
      frame ??= sharedFrame(json);
      batch.join(c);
      c.sendShared(frame);
    }
  };
  const anyWants = (wants: (c: FeedClient) => boolean) => {
    for (const c of clients) if (wants(c)) return true;
    return false;
  };
  // Ports may throw while the daemon starts or stops; the socket layer must outlive that.
  const statusFrame = (): string | undefined => {
    try {
      const t = now();
      return encodeFrame('trader_status', traderStatusData(ports.getStatus(), ports.getHealth(), t), t);
    } catch (err) {
      log?.error({ err }, 'status port failed');
      return undefined;
    }
  };
  const wantsStatus = (c: FeedClient) => c.topics.has('trader_status');
  const throttle = createThrottle(() => {
    // Built only for someone: with 10,000 markets a status view is tens of ms, and the trading
    // actor's news asks for one every throttle interval.
    if (!anyWants(wantsStatus)) return;
    const json = statusFrame();
    if (json !== undefined) broadcast(json, wantsStatus);
  }, statusThrottleMs);

  // Built only for markets a client subscribed to: nobody else needs the strings. One pass and no
  // closure: this runs for every market at every publication.
  const wholeBook = (ticker: string, t: number) => {
    let frame: SharedFrame | null = null;
    for (const c of clients) {
      if (!c.markets.has(ticker)) continue;
      if (frame === null) {
        const book = ports.getBook(ticker);
        if (book === undefined) return;
        frame = sharedFrame(encodeFrame('orderbook', toBookUpdate(book), t));
      }
      batch.join(c);
      c.sendShared(frame);
    }
  };

  const relay = (e: DaemonEvent) => {
    if (e.type === 'status') return throttle.trigger();
    // One per updated market per publish tick: with no client there is nothing to decide.
    if (e.type === 'book' && clients.size === 0) return deltas.clear();
    const t = now();
    switch (e.type) {
      case 'transition':
        // The original console's `state_transitions` topic gates transitions only.
        return broadcast(encodeFrame('system_activity', transitionActivity(e), t), (c) =>
          c.topics.has('state_transitions'),
        );
      case 'activity':
        return broadcast(encodeFrame('system_activity', activityData(e, t), t));
      case 'book':
        wholeBook(e.ticker, t);
        return deltas.publish(e.ticker);
      case 'order':
        return broadcast(encodeFrame('order_update', e.order, t));
      case 'fill':
        return broadcast(encodeFrame('fill', e.fill, t));
      case 'position':
        return broadcast(encodeFrame('position_update', e.position, t));
      case 'trading_state':
        return broadcast(encodeFrame('trading_state', e.trading_state, t));
    }
  };

  return {
    relay(e) {
      try {
        relay(e);
      } catch (err) {
        log?.error({ err, event: e.type }, 'relaying a daemon event failed');
      }
    },
    statusFrame,
    triggerStatus: () => throttle.trigger(),
    cancel: () => throttle.cancel(),
  };
}
