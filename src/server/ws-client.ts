// One /v3/ws connection: its subscriptions and a non-blocking send that drops it when it falls behind.
import { WebSocket } from 'ws';
import {
  DEFAULT_TOPICS,
  MAX_MARKETS_PER_CLIENT,
  type SubscribeFrame,
  type UnsubscribeFrame,
} from './ws-client-frames';

export class FeedClient {
  /** Cleared at each heartbeat, set by any sign of life (protocol pong, JSON pong, any frame). */
  alive = true;
  topics = new Set<string>(DEFAULT_TOPICS);
  readonly markets = new Set<string>();

  constructor(
    readonly id: string,
    readonly ws: WebSocket,
    private readonly maxBufferedBytes: number,
    private readonly onSlow: (client: FeedClient) => void,
  ) {}

  /**
   * Queues a frame without waiting for the socket. A client whose unsent backlog is over the bound
   * is handed to onSlow (terminated) instead, so one stalled reader never grows memory or stalls others.
   */
  send(json: string): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.onSlow(this);
      return false;
    }
    this.ws.send(json);
    return true;
  }

  /**
   * Applies a subscribe frame; returns the newly added markets, or an error text when the market
   * cap would be exceeded (then nothing changes).
   */
  subscribe(frame: SubscribeFrame): { added: string[] } | { error: string } {
    const wantsBooks = frame.channels === undefined || frame.channels.includes('orderbook');
    const added = wantsBooks ? (frame.markets ?? []).filter((m) => !this.markets.has(m)) : [];
    const unique = [...new Set(added)];
    if (this.markets.size + unique.length > MAX_MARKETS_PER_CLIENT) {
      return { error: `at most ${MAX_MARKETS_PER_CLIENT} orderbook markets per client` };
    }
    if (frame.subscriptions !== undefined) this.topics = new Set(frame.subscriptions);
    for (const m of unique) this.markets.add(m);
    return { added: unique };
  }

  /** Without markets, drops every orderbook market. */
  unsubscribe(frame: UnsubscribeFrame): void {
    if (frame.channels !== undefined && !frame.channels.includes('orderbook')) return;
    if (frame.markets === undefined) this.markets.clear();
    else for (const m of frame.markets) this.markets.delete(m);
  }

  subscriptionData() {
    return {
      channels: this.markets.size > 0 ? ['orderbook'] : [],
      markets: [...this.markets],
      subscriptions: [...this.topics],
    };
  }
}
