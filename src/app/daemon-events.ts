// The daemon's event hub for the server: actor news (transitions, notices, trading changes, books)
// turned into DaemonEvents. Derived from snapshots as they change; it keeps no state of its own
// beyond the previous snapshot reference needed to see what changed.
import { openOrders } from '../actors/trading/trading-logic';
import type { TradingState } from '../actors/trading/trading-types';
import { formatCount, formatPrice, moneyToCents } from '../domain/fixed-point';
import type { Order, Position } from '../domain/trading-types';
import type { ComponentsHealth, PublicState, Severity, TraderEmitted } from '../machines/trader.events';
import type { DaemonEvent } from '../server/events';
import { toOrderView, toPositionView } from '../server/view-mappers';
import type { TradingStateView } from '../server/views';

export type DaemonListener = (event: DaemonEvent) => void;

export interface DaemonEventHub {
  publish(event: DaemonEvent): void;
  subscribe(listener: DaemonListener): () => void;
  /** Listener failures so far (a listener must not break the publisher). */
  errors(): number;
}

export function createEventHub(onListenerError?: (err: unknown) => void): DaemonEventHub {
  const listeners = new Set<DaemonListener>();
  let errors = 0;
  return {
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (err) {
          errors++;
          onListenerError?.(err);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    errors: () => errors,
  };
}

/** A root-machine emission as a console activity line. */
export function activityOf(emitted: TraderEmitted, state: PublicState): DaemonEvent {
  if (emitted.type === 'transition') {
    return {
      type: 'activity',
      activity_type: 'state_transition',
      message: `${emitted.from} → ${emitted.to}`,
      severity: emitted.severity,
      state: emitted.to,
      from_state: emitted.from,
      to_state: emitted.to,
      metadata: {
        severity: emitted.severity,
        from_state: emitted.from,
        to_state: emitted.to,
        ...(emitted.reason === undefined ? {} : { reason: emitted.reason }),
      },
    };
  }
  return {
    type: 'activity',
    activity_type: 'system',
    message: emitted.message,
    severity: emitted.severity,
    state,
    metadata: { severity: emitted.severity },
  };
}

/** One console line, stamped with the trader's current state. */
const activity = (
  activity_type: string,
  message: string,
  severity: Severity,
  state: PublicState,
  metadata: Record<string, unknown> = {},
): DaemonEvent => ({
  type: 'activity',
  activity_type,
  message,
  severity,
  state,
  metadata: { severity, ...metadata },
});

/**
 * What changed between two trading snapshots: order / position events, `order` and `sync` activity
 * lines, and a status nudge. The trading reducer shares structure, so an unchanged order or position
 * is the same object.
 */
export function tradingChanges(
  prev: TradingState | null,
  next: TradingState,
  state: PublicState,
): DaemonEvent[] {
  if (prev === next) return [];
  const events: DaemonEvent[] = [];
  if (prev?.orders !== next.orders) {
    for (const [key, order] of Object.entries(next.orders)) {
      const before = prev?.orders[key];
      // A sync rebuilds orders it only re-confirmed (new lastSeen): that is no news for the console.
      if (before === order || (before && sameOrderView(before, order))) continue;
      events.push({ type: 'order', order: toOrderView(order) });
      if (before?.status !== order.status) {
        const what = `${order.side} ${order.ticker} ${formatPrice(order.price)} × ${formatCount(order.initialCount)}`;
        const severity = order.status === 'rejected' || order.status === 'unknown' ? 'warning' : 'info';
        const note = order.note ? ` (${order.note})` : '';
        events.push(
          activity(
            'order',
            `order ${what}: ${before?.status ?? 'new'} → ${order.status}${note}`,
            severity,
            state,
            {
              client_order_id: order.clientOrderId,
              order_id: order.orderId,
            },
          ),
        );
      }
    }
  }
  if (prev?.positions !== next.positions) {
    for (const [ticker, position] of Object.entries(next.positions)) {
      const before = prev?.positions[ticker];
      if (before !== position && !(before && samePosition(before, position)))
        events.push({ type: 'position', position: toPositionView(position) });
    }
  }
  if (next.lastSync && prev?.lastSync !== next.lastSync) {
    events.push({ type: 'trading_state', trading_state: toTradingStateView(next) });
    const changes = next.lastSync.changes;
    // A sync that changed nothing is routine; one that did is news.
    if (changes.length > 0) {
      events.push(
        activity(
          'sync',
          `sync: ${changes.length} change(s): ${changes.slice(0, 3).join('; ')}`,
          'info',
          state,
          { changes },
        ),
      );
    }
  }
  events.push({ type: 'status' });
  return events;
}

/** The fields an order view shows; bookkeeping fields (last seen, missed syncs) are not news. */
const sameOrderView = (a: Order, b: Order): boolean =>
  a.orderId === b.orderId &&
  a.status === b.status &&
  a.price === b.price &&
  a.initialCount === b.initialCount &&
  a.fillCount === b.fillCount &&
  a.remainingCount === b.remainingCount;

const samePosition = (a: Position, b: Position): boolean =>
  a.position === b.position &&
  a.exposure === b.exposure &&
  a.realizedPnl === b.realizedPnl &&
  a.feesPaid === b.feesPaid &&
  a.totalTraded === b.totalTraded;

/** Components whose health flipped between two reports, as `health` activity lines. */
export function healthChanges(
  prev: ComponentsHealth | undefined,
  next: ComponentsHealth | undefined,
  state: PublicState,
): DaemonEvent[] {
  if (!next || prev === next) return [];
  const events: DaemonEvent[] = [];
  for (const [name, h] of Object.entries(next)) {
    if (prev?.[name]?.healthy === h.healthy) continue;
    const detail = h.detail ? `: ${h.detail}` : '';
    events.push(
      activity(
        'health',
        `${name} ${h.healthy ? 'healthy' : 'unhealthy'}${detail}`,
        h.healthy ? 'info' : 'warning',
        state,
        {
          component: name,
        },
      ),
    );
  }
  return events;
}

/** The original console's `trading_state` frame: the state after a sync, and what that sync changed. */
export function toTradingStateView(state: TradingState): TradingStateView {
  const positions = Object.values(state.positions).filter((p) => p.position !== 0);
  const open = openOrders(state);
  const atMs = state.lastSync?.atMs ?? 0;
  return {
    version: atMs,
    balance: state.balance ? moneyToCents(state.balance.balance) : 0,
    portfolio_value: state.balance ? moneyToCents(state.balance.portfolioValue) : 0,
    position_count: positions.length,
    order_count: open.length,
    positions: positions.map(toPositionView),
    open_orders: open.map(toOrderView),
    sync_timestamp: atMs / 1000,
    changes: state.lastSync ? { details: state.lastSync.changes } : null,
    order_group: null,
  };
}
