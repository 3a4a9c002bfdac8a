// One /v3/ws connection: its subscriptions, liveness, frame budget, and a non-blocking send that drops
// it when it falls behind.
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import { FrameBudget, type FrameBudgetOptions } from './frame-budget';
import {
  DEFAULT_TOPICS,
  MAX_MARKETS_PER_CLIENT,
  type SubscribeFrame,
  type UnsubscribeFrame,
} from './ws-client-frames';
import { Liveness } from './ws-peer';
import type { SharedFrame } from './ws-shared-frame';

/** Every frame is JSON text, also when it comes as an encoded Buffer. */
const TEXT = { binary: false } as const;

export interface FeedClientOptions {
  maxBufferedBytes: number;
  /** Remote address and browser origin; undefined for a client that sent no Origin (not a page). */
  peer?: string | undefined;
  budget: FrameBudgetOptions;
  now: number;
}

export class FeedClient {
  /** Cleared at each heartbeat, set by any sign of life (protocol pong, JSON pong, any frame). */
  alive = true;
  topics = new Set<string>(DEFAULT_TOPICS);
  /** Markets whose whole book this client gets at every publication (`orderbook`). */
  readonly markets = new Set<string>();
  /** Markets this client follows as a snapshot, then deltas (`orderbook_delta`). */
  readonly deltaMarkets = new Set<string>();
  /** Delta markets whose frames were skipped while this client was behind: each owes it a snapshot. */
  readonly resync = new Set<string>();
  readonly liveness: Liveness;
  readonly budget: FrameBudget;
  /** A protocol error of this connection was logged already (the rest are only counted). */
  badFrameLogged = false;
  readonly peer: string | undefined;
  private readonly maxBufferedBytes: number;

  constructor(
    readonly id: string,
    readonly ws: WebSocket,
    opts: FeedClientOptions,
    private readonly onSlow: (client: FeedClient) => void,
    /** The upgraded socket under `ws`, so a broadcast can batch its writes (see ws-cork). */
    readonly socket: Duplex | null = null,
  ) {
    this.maxBufferedBytes = opts.maxBufferedBytes;
    this.peer = opts.peer;
    this.liveness = new Liveness(opts.now);
    this.budget = new FrameBudget(opts.budget, opts.now);
  }

  /** Any frame or pong from the peer. */
  heard(now: number): void {
    this.alive = true;
    this.liveness.heard(now);
  }

  /**
   * Queues a frame without waiting for the socket (broadcasts use sendShared). A client whose unsent
   * backlog is over the bound is handed to onSlow (terminated) instead, so one stalled reader never
   * grows memory or stalls others.
   */
  send(json: string | Buffer): boolean {
    if (!this.writable()) return false;
    this.ws.send(json, TEXT);
    return true;
  }

  /** `send` for a broadcast frame framed once (see ws-shared-frame): one buffered socket write. */
  sendShared(frame: SharedFrame): boolean {
    if (this.socket === null) return this.send(frame.payload);
    if (!this.writable()) return false;
    this.socket.write(frame.framed);
    return true;
  }

  /** Open and within its backlog bound; a client over the bound is handed to onSlow. */
  private writable(): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.onSlow(this);
      return false;
    }
    return true;
  }

  /**
   * Applies a subscribe frame; returns the newly added markets of each form, or an error text when the
   * market cap would be exceeded (then nothing changes).
   */
  subscribe(frame: SubscribeFrame): { added: string[]; addedDeltas: string[] } | { error: string } {
    const markets = frame.markets ?? [];
    const fresh = (set: Set<string>, wanted: boolean) =>
      wanted ? [...new Set(markets.filter((m) => !set.has(m)))] : [];
    const added = fresh(this.markets, frame.channels === undefined || frame.channels.includes('orderbook'));
    const addedDeltas = fresh(this.deltaMarkets, frame.channels?.includes('orderbook_delta') === true);
    if (this.marketCount + added.length + addedDeltas.length > MAX_MARKETS_PER_CLIENT) {
      return { error: `at most ${MAX_MARKETS_PER_CLIENT} orderbook markets per client` };
    }
    if (frame.subscriptions !== undefined) this.topics = new Set(frame.subscriptions);
    for (const m of added) this.markets.add(m);
    for (const m of addedDeltas) this.deltaMarkets.add(m);
    return { added, addedDeltas };
  }

  /** Without markets, drops every market of the channels named (both without channels); returns them. */
  unsubscribe(frame: UnsubscribeFrame): string[] {
    const drop = (set: Set<string>, channel: 'orderbook' | 'orderbook_delta') => {
      if (frame.channels !== undefined && !frame.channels.includes(channel)) return [];
      const removed = frame.markets === undefined ? [...set] : frame.markets.filter((m) => set.has(m));
      for (const m of removed) set.delete(m);
      return removed;
    };
    const removed = [...drop(this.markets, 'orderbook'), ...drop(this.deltaMarkets, 'orderbook_delta')];
    for (const m of removed) if (!this.deltaMarkets.has(m)) this.resync.delete(m);
    return [...new Set(removed)];
  }

  /** Orderbook markets of both forms (the per-client cap counts both). */
  get marketCount(): number {
    return this.markets.size + this.deltaMarkets.size;
  }

  /**
   * The answer to a subscription change: the change itself and the totals, never the whole set (a
   * client with 256 markets would otherwise get ~34 KB back for every 34-byte request).
   */
  subscriptionChange(change: { added?: string[]; removed?: string[]; topics?: boolean }) {
    return {
      channels: [
        ...(this.markets.size > 0 ? ['orderbook'] : []),
        ...(this.deltaMarkets.size > 0 ? ['orderbook_delta'] : []),
      ],
      ...(change.added === undefined ? {} : { added: change.added }),
      ...(change.removed === undefined ? {} : { removed: change.removed }),
      market_count: this.marketCount,
      ...(change.topics === true ? { subscriptions: [...this.topics] } : {}),
    };
  }
}
