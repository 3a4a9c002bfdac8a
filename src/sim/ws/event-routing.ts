// Which frames one client gets for an engine event: public data to every matching subscription (lifecycle
// and event_lifecycle to every market_lifecycle_v2 one), private data (fills, orders, positions, own
// client_order_id on deltas) only to the user it belongs to.
import type { ExchangeEvent, SimExchange } from '../engine/types';
import { deltaMsg, fillMsg, positionMsg, tradeMsg, userOrderMsg } from './frames';
import { eventLifecycleMsg, lifecycleMsg } from './lifecycle-frames';
import type { Outbox } from './outbox';
import type { Channel } from './protocol';
import type { SubscriptionSet } from './subscriptions';

/** Shared: one options object per frame was garbage on the hottest path. */
const UPDATE = { update: true } as const;

export interface RoutingTarget {
  userId: string;
  subs: SubscriptionSet;
  exchange: SimExchange;
  outbox: Outbox;
}

export function routeEvent(target: RoutingTarget, event: ExchangeEvent): void {
  const { userId, exchange } = target;
  switch (event.kind) {
    case 'book': {
      const subs = target.subs.matching('orderbook_delta', event.ticker);
      if (subs.length === 0) return;
      // Not getMarket: a copy of the market per delta per client was a steady stream of garbage.
      const market = exchange.peekMarket(event.ticker);
      if (market === undefined) return;
      const owned = event.userId === userId;
      for (const sub of subs) {
        const msg = deltaMsg(market, event, sub.useYesPrice, owned);
        target.outbox.data(sub, 'orderbook_delta', msg, UPDATE);
      }
      return;
    }
    case 'trade':
      fan(target, 'trade', event.trade.ticker, 'trade', () => tradeMsg(event.trade));
      return;
    case 'fill':
      if (event.fill.userId === userId)
        fan(target, 'fill', event.fill.ticker, 'fill', () => fillMsg(event.fill));
      return;
    case 'order':
      if (event.order.userId === userId) {
        fan(target, 'user_orders', event.order.ticker, 'user_order', () => userOrderMsg(event.order));
      }
      return;
    case 'position':
      if (event.position.userId === userId) {
        fan(target, 'market_positions', event.position.ticker, 'market_position', () =>
          positionMsg(event.position),
        );
      }
      return;
    case 'lifecycle':
      fan(target, 'market_lifecycle_v2', event.ticker, 'market_lifecycle_v2', () => lifecycleMsg(event));
      return;
    case 'event':
      // The lifecycle channel ignores market filters, so the event ticker stands in for one.
      fan(target, 'market_lifecycle_v2', event.event.eventTicker, 'event_lifecycle', () =>
        eventLifecycleMsg(event.event),
      );
      return;
    case 'removed':
      return;
  }
}

/** One body built lazily and shared by every matching subscription (each still gets its own sid/seq). */
export function fan(
  target: RoutingTarget,
  channel: Channel,
  ticker: string,
  type: string,
  build: () => Record<string, unknown>,
): void {
  let msg: Record<string, unknown> | undefined;
  for (const sub of target.subs.matching(channel, ticker)) {
    msg ??= build();
    target.outbox.data(sub, type, msg, UPDATE);
  }
}
