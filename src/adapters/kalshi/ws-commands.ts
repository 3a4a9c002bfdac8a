// Kalshi WS commands as they go on the wire (exact param shapes), and the timer functions the client uses.

/** Timer functions the WS client uses, injectable so tests control time. */
export interface WsTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: WsTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SubscribeParams {
  channels: string[];
  marketTickers?: string[];
  /** orderbook_delta only; always sent for it (default false) so a server-side default flip cannot invert NO prices. */
  useYesPrice?: boolean;
  /** ticker channel: send the current state right after subscribing. */
  sendInitialSnapshot?: boolean;
}

export type UpdateAction = 'add_markets' | 'delete_markets' | 'get_snapshot';

export interface WsCommand {
  id: number;
  cmd: 'subscribe' | 'unsubscribe' | 'update_subscription' | 'list_subscriptions';
  params?: Record<string, unknown>;
}

export function subscribeCommand(id: number, p: SubscribeParams): WsCommand {
  const params: Record<string, unknown> = { channels: p.channels };
  if (p.marketTickers !== undefined && p.marketTickers.length > 0) params.market_tickers = p.marketTickers;
  if (p.channels.includes('orderbook_delta')) params.use_yes_price = p.useYesPrice ?? false;
  if (p.sendInitialSnapshot !== undefined) params.send_initial_snapshot = p.sendInitialSnapshot;
  return { id, cmd: 'subscribe', params };
}

export const unsubscribeCommand = (id: number, sids: number[]): WsCommand => ({
  id,
  cmd: 'unsubscribe',
  params: { sids },
});

/** `action` lives inside `params`: Kalshi answers a top-level action with error 15. */
export const updateSubscriptionCommand = (
  id: number,
  sid: number,
  action: UpdateAction,
  marketTickers: string[],
): WsCommand => ({
  id,
  cmd: 'update_subscription',
  params: { sids: [sid], action, market_tickers: marketTickers },
});

export const listSubscriptionsCommand = (id: number): WsCommand => ({ id, cmd: 'list_subscriptions' });
