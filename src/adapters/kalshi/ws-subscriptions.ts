// Logical WS subscriptions: what the consumer asked for (replayed after every reconnect) and which
// sids serve it on the current connection. Sids are per connection; logical ids are stable.
import type { SubscribeParams, UpdateAction } from './ws-commands';
import type { ChannelSid } from './ws-control-frames';
import type { KalshiWsError } from './ws-errors';

/** `pending`: waiting for acks (or for a socket); `active`: every channel has a sid; `dead`: failed, see resubscribe. */
export type SubscriptionState = 'pending' | 'active' | 'dead';

export type SidReason = 'subscribe' | 'reconnect' | 'resubscribe';

/**
 * Logical subscription `logicalId` now receives `channel` on `sid`. With `previousSid` set the old
 * sid is gone: its seq counter and every book it fed must be cleared; a fresh snapshot follows.
 */
export interface SidAssignment {
  logicalId: string;
  channel: string;
  sid: number;
  previousSid: number | null;
  reason: SidReason;
}

export interface SubscribeResult {
  logicalId: string;
  sids: ChannelSid[];
}

export interface SubscriptionView {
  logicalId: string;
  channels: string[];
  marketTickers: string[];
  sids: ChannelSid[];
  state: SubscriptionState;
}

interface Waiter {
  resolve: (result: SubscribeResult) => void;
  reject: (err: KalshiWsError) => void;
}

export class LogicalSubscription {
  readonly sids = new Map<string, number>();
  /** Sids of the previous connection, kept to report `previousSid` on the next assignment. */
  readonly lastSids = new Map<string, number>();
  state: SubscriptionState = 'pending';
  everActive = false;
  /** Id of the subscribe command awaiting its acks, so a resubscribe can stop waiting for it. */
  pendingCommand: number | null = null;
  waiters: Waiter[] = [];
  readonly params: SubscribeParams & { channels: string[]; marketTickers: string[] };

  constructor(
    readonly id: string,
    params: SubscribeParams,
  ) {
    this.params = {
      ...params,
      channels: [...params.channels],
      marketTickers: [...(params.marketTickers ?? [])],
    };
  }

  result(): SubscribeResult {
    return { logicalId: this.id, sids: [...this.sids].map(([channel, sid]) => ({ channel, sid })) };
  }

  settle(err?: KalshiWsError): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (err === undefined) w.resolve(this.result());
      else w.reject(err);
    }
  }
}

export class SubscriptionRegistry {
  private counter = 0;
  private readonly byId = new Map<string, LogicalSubscription>();
  private readonly bySid = new Map<number, LogicalSubscription>();

  create(params: SubscribeParams): LogicalSubscription {
    this.counter++;
    const sub = new LogicalSubscription(`sub-${this.counter}`, params);
    this.byId.set(sub.id, sub);
    return sub;
  }

  get(logicalId: string): LogicalSubscription | undefined {
    return this.byId.get(logicalId);
  }

  forSid(sid: number): LogicalSubscription | undefined {
    return this.bySid.get(sid);
  }

  all(): LogicalSubscription[] {
    return [...this.byId.values()];
  }

  /** Records `channel → sid`; returns the sid it replaces (this or the previous connection), if any. */
  assign(sub: LogicalSubscription, channel: string, sid: number): number | null {
    const current = sub.sids.get(channel);
    const previous = current ?? sub.lastSids.get(channel) ?? null;
    if (current !== undefined) this.bySid.delete(current);
    sub.lastSids.delete(channel);
    sub.sids.set(channel, sid);
    this.bySid.set(sid, sub);
    return previous;
  }

  /** Forgets the live sids of `sub` (they stay known as `lastSids`); returns them. */
  release(sub: LogicalSubscription): number[] {
    const released: number[] = [];
    for (const [channel, sid] of sub.sids) {
      this.bySid.delete(sid);
      sub.lastSids.set(channel, sid);
      released.push(sid);
    }
    sub.sids.clear();
    return released;
  }

  /** Drops one channel's sid for good (unsubscribe or terminal error); deletes the sub when nothing is left. */
  dropSid(sid: number, forget: boolean): LogicalSubscription | undefined {
    const sub = this.bySid.get(sid);
    if (sub === undefined) return undefined;
    this.bySid.delete(sid);
    for (const [channel, s] of sub.sids) {
      if (s !== sid) continue;
      sub.sids.delete(channel);
      if (forget) sub.params.channels = sub.params.channels.filter((c) => c !== channel);
      else sub.lastSids.set(channel, sid);
    }
    if (forget && sub.params.channels.length === 0) this.delete(sub);
    return sub;
  }

  /** The socket is gone: every sid is void, every subscription waits for the replay. */
  disconnectAll(): void {
    for (const sub of this.byId.values()) {
      this.release(sub);
      sub.state = 'pending';
    }
  }

  delete(sub: LogicalSubscription): void {
    for (const sid of sub.sids.values()) this.bySid.delete(sid);
    this.byId.delete(sub.id);
  }

  view(sub: LogicalSubscription): SubscriptionView {
    return {
      logicalId: sub.id,
      channels: [...sub.params.channels],
      marketTickers: [...sub.params.marketTickers],
      sids: sub.result().sids,
      state: sub.state,
    };
  }
}

/** Caller errors caught before anything is sent; null when the params are usable. */
export function validateSubscribe(p: SubscribeParams): string | null {
  if (!Array.isArray(p.channels) || p.channels.length === 0) return 'subscribe needs at least one channel';
  if (p.channels.some((c) => typeof c !== 'string' || c.length === 0))
    return 'channel names must be non-empty';
  if (new Set(p.channels).size !== p.channels.length) return 'channels must not repeat';
  if (p.channels.includes('orderbook_delta') && (p.marketTickers?.length ?? 0) === 0) {
    return 'orderbook_delta needs marketTickers'; // Kalshi requires a market filter on this channel
  }
  return null;
}

/**
 * Keeps the replayed market list in step with add/delete_markets. The list is per logical
 * subscription: with several channels, update every sid of it or a reconnect widens the others.
 */
export function applyMarketChange(sub: LogicalSubscription, action: UpdateAction, tickers: string[]): void {
  const current = sub.params.marketTickers;
  if (action === 'add_markets') {
    sub.params.marketTickers = [...current, ...tickers.filter((t) => !current.includes(t))];
  } else if (action === 'delete_markets') {
    sub.params.marketTickers = current.filter((t) => !tickers.includes(t));
  }
}
