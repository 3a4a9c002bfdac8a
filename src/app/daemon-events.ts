// The daemon's event hub for the server, fed by the actors' own news: the root machine's transitions,
// notices and health flips, the trading actor's order / fill / position / sync news, and the orderbook
// stream's coalesced book updates. Nothing here compares snapshots: a snapshot change only nudges the
// (throttled) status frame.
import type { Actor } from 'xstate';
import type { DropReason } from '../actors/strategy/strategy-types';
import type { tradingLogic } from '../actors/trading/trading-logic';
import { isManualOrderId } from '../actors/trading/trading-types';
import { formatCount, formatPrice } from '../domain/fixed-point';
import type { PublicState, Severity } from '../machines/trader.events';
import type { traderMachine } from '../machines/trader.machine';
import type { DaemonEvent } from '../server/events';
import { toFillView, toOrderView, toPositionView } from '../server/view-mappers';
import { type Collapser, createCollapser } from './collapsed-lines';
import { type PositionRelay, relayLedgerNews } from './ledger-news';
import { relayMarketNews } from './market-news';
import { flatPosition, type MarkSource, markedPosition } from './pnl-view';
import { toTradingStateView } from './status-view';

/** Bursts of acting transitions and of dropped intents become one activity line per this window. */
export const COLLAPSE_WINDOW_MS = 5_000;
const windowText = `${COLLAPSE_WINDOW_MS / 1000} s`;

type DaemonListener = (event: DaemonEvent) => void;

export interface DaemonEventHub {
  publish(event: DaemonEvent): void;
  subscribe(listener: DaemonListener): () => void;
}

export function createEventHub(onListenerError?: (err: unknown) => void): DaemonEventHub {
  const listeners = new Set<DaemonListener>();
  return {
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (err) {
          onListenerError?.(err);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** What the relay listens to: the root and trading actors' emitted news, the stream's book updates. */
export interface NewsSources {
  trader: Pick<Actor<typeof traderMachine>, 'on' | 'subscribe'>;
  trading: Pick<Actor<typeof tradingLogic>, 'on' | 'subscribe' | 'getSnapshot'>;
  subscribeBooks(listener: (update: { ticker: string }) => void): unknown;
  /** The trader's public state now: stamped on every activity line. */
  state(): PublicState;
  /** The books' best bids, to mark positions to. */
  marks: MarkSource;
  now(): number;
}

export const activityLine =
  (hub: DaemonEventHub, state: () => PublicState) =>
  (activity_type: string, message: string, severity: Severity, metadata?: object) =>
    hub.publish({
      type: 'activity',
      activity_type,
      message,
      severity,
      state: state(),
      ...(metadata ? { metadata: { ...metadata } } : {}),
    });

/** The states `acting` runs over and returns to. */
const runsUnder = (state: PublicState) => state === 'ready' || state === 'degraded';

/**
 * Publishes every actor's news on `hub` as the server's DaemonEvents. Transitions to and from `acting`
 * are collapsed: the first of a burst is published, the others counted in one line.
 */
export function relayNews(
  src: NewsSources,
  hub: DaemonEventHub,
  collapser: Collapser = createCollapser({ windowMs: COLLAPSE_WINDOW_MS }),
): void {
  const line = activityLine(hub, src.state);
  const status = () => hub.publish({ type: 'status' });

  // The state acting started from: coming back to another one (the feed dropped or returned while a
  // decision ran, recorded as `acting → degraded`) is news, not a round trip.
  let actingOver: PublicState | null = null;
  src.trader.on('transition', (t) => {
    // Only the round trips between acting and what it runs over come in bursts; a way out of acting into
    // anything else (error, shutdown) is news, and collapsing it hid every failure met while acting.
    const into = t.to === 'acting' && runsUnder(t.from);
    const back = t.from === 'acting' && runsUnder(t.to) && (actingOver === null || actingOver === t.to);
    actingOver = into ? t.from : null;
    if (!into && !back) return hub.publish(t);
    collapser.add(
      'acting',
      () => hub.publish(t),
      (more) =>
        line('acting', `${more} more transitions to and from acting in ${windowText} (collapsed)`, 'info'),
    );
  });
  src.trader.on('notice', (n) => line('system', n.message, n.severity));
  src.trader.on('health', (h) =>
    line(
      'health',
      `${h.component} ${h.healthy ? 'healthy' : 'unhealthy'}${h.detail ? `: ${h.detail}` : ''}`,
      h.healthy ? 'info' : 'warning',
      { component: h.component },
    ),
  );
  src.trader.subscribe(status);

  src.trading.on('order', ({ order, from }) => {
    hub.publish({ type: 'order', order: toOrderView(order) });
    if (from === order.status) return;
    const what = `${order.side} ${order.ticker} ${formatPrice(order.price)} × ${formatCount(order.initialCount)}`;
    const note = order.note ? ` (${order.note})` : '';
    // A manual order is named: its answer may have been `unknown`, and this line is its settlement.
    const who = isManualOrderId(order.clientOrderId) ? `manual order ${order.clientOrderId}` : 'order';
    line(
      'order',
      `${who} ${what}: ${from ?? 'new'} → ${order.status}${note}`,
      order.status === 'rejected' || order.status === 'unknown' ? 'warning' : 'info',
      { client_order_id: order.clientOrderId, order_id: order.orderId },
    );
  });
  src.trading.on('fill', ({ fill }) => hub.publish({ type: 'fill', fill: toFillView(fill) }));
  const position: PositionRelay = (ledger, ticker, exchange) => {
    const fold = ledger ?? flatPosition(ticker);
    hub.publish({ type: 'position', position: toPositionView(markedPosition(fold, src.marks, exchange)) });
  };
  src.trading.on('position', (news) => position(news.position, news.position.ticker, news.exchange));
  relayLedgerNews(src.trading, line, position);
  relayMarketNews(src.trading, line, status);
  src.trading.on('synced', ({ state }) => {
    hub.publish({ type: 'trading_state', trading_state: toTradingStateView(state, src.marks, src.now()) });
    const changes = state.lastSync?.changes ?? [];
    // A sync that changed nothing is routine; one that did is news.
    if (changes.length > 0)
      line('sync', `sync: ${changes.length} change(s): ${changes.slice(0, 3).join('; ')}`, 'info', {
        changes,
      });
  });
  src.trading.subscribe(status);

  src.subscribeBooks(({ ticker }) => hub.publish({ type: 'book', ticker }));
}

/** The strategy's dropped intents as activity lines, collapsed per reason. */
export function dropNews(
  hub: DaemonEventHub,
  state: () => PublicState,
  collapser: Collapser = createCollapser({ windowMs: COLLAPSE_WINDOW_MS }),
): (reason: DropReason) => void {
  const line = activityLine(hub, state);
  return (reason) =>
    collapser.add(
      `dropped:${reason}`,
      () => line('strategy', `strategy intent dropped (${reason})`, 'warning', { reason }),
      (more) =>
        line('strategy', `${more} more strategy intents dropped (${reason}) in ${windowText}`, 'warning', {
          reason,
          count: more,
        }),
    );
}

/** The root machine's transitions and notices in the log, at their severity. */
export function logNews(
  trader: Pick<NewsSources['trader'], 'on'>,
  log: {
    debug(o: object, m: string): void;
    info(o: object, m: string): void;
    warn(o: object, m: string): void;
    error(o: object, m: string): void;
  },
): void {
  trader.on('transition', (t) => {
    // A strategy may act many times a second: those round trips are debug detail.
    const level = t.from === 'acting' || t.to === 'acting' ? 'debug' : 'info';
    log[level]({ from: t.from, to: t.to, reason: t.reason }, `${t.from} → ${t.to}`);
  });
  trader.on('notice', (n) =>
    log[n.severity === 'error' ? 'error' : n.severity === 'warning' ? 'warn' : 'info']({}, n.message),
  );
}
