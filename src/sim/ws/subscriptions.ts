// One connection's subscriptions: sid allocation, each sid's channel, market filter and seq, and the
// lookup of which subscriptions an event for a market reaches.
import type { SeqState } from './outbox';
import { type Channel, SEQUENCED, UNFILTERED } from './protocol';

export interface Subscription extends SeqState {
  /** null: every market. */
  tickers: Set<string> | null;
  useYesPrice: boolean;
  skipTickerAck: boolean;
}

export interface SubscriptionView {
  sid: number;
  channel: Channel;
  market_tickers: string[] | null;
  seq?: number;
}

export class SubscriptionSet {
  private readonly subs = new Map<number, Subscription>();
  private nextSid = 1;

  add(
    channel: Channel,
    tickers: readonly string[] | null,
    opts: { useYesPrice: boolean; skipTickerAck: boolean },
  ): Subscription {
    const sub: Subscription = {
      sid: this.nextSid++,
      channel,
      seq: 0,
      // Lifecycle-like channels ignore market filters (AsyncAPI).
      tickers: UNFILTERED.has(channel) || tickers === null ? null : new Set(tickers),
      ...opts,
    };
    this.subs.set(sub.sid, sub);
    return sub;
  }

  get size(): number {
    return this.subs.size;
  }

  get(sid: number): Subscription | undefined {
    return this.subs.get(sid);
  }

  delete(sid: number): boolean {
    return this.subs.delete(sid);
  }

  all(): Subscription[] {
    return [...this.subs.values()];
  }

  *matching(channel: Channel, ticker: string): Generator<Subscription> {
    for (const sub of this.subs.values()) {
      if (sub.channel === channel && (sub.tickers === null || sub.tickers.has(ticker))) yield sub;
    }
  }

  view(): SubscriptionView[] {
    return this.all().map((s) => ({
      sid: s.sid,
      channel: s.channel,
      market_tickers: s.tickers === null ? null : [...s.tickers],
      ...(SEQUENCED.has(s.channel) ? { seq: s.seq } : {}),
    }));
  }
}
