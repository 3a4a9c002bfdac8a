// One connection's subscriptions: sid allocation, each sid's channel, market filter and seq, and the
// lookup of which subscriptions an event for a market reaches. The lookup is indexed per channel and
// market: a client subscribed to 10,000 markets in batches holds a hundred sids per channel, and testing
// every sid's filter for every event was a sixth of the simulator's CPU.
import type { SeqState } from './outbox';
import { type Channel, SEQUENCED, UNFILTERED } from './protocol';

export interface Subscription extends SeqState {
  /** null: every market. Changed only through SubscriptionSet, which indexes it. */
  readonly tickers: ReadonlySet<string> | null;
  useYesPrice: boolean;
  skipTickerAck: boolean;
}

interface MutableSubscription extends Subscription {
  readonly tickers: Set<string> | null;
}

export interface SubscriptionView {
  sid: number;
  channel: Channel;
  market_tickers: string[] | null;
  seq?: number;
}

/** One channel's subscriptions: those for every market, and those per market; each list in sid order. */
interface ChannelIndex {
  all: Subscription[];
  byTicker: Map<string, Subscription[]>;
}

const NONE: readonly Subscription[] = [];

/** Inserts keeping sid order (sids only grow, so this is almost always a push). */
function insertBySid(list: Subscription[], sub: Subscription): void {
  let i = list.length;
  while (i > 0 && (list[i - 1] as Subscription).sid > sub.sid) i--;
  list.splice(i, 0, sub);
}

function remove(list: Subscription[], sub: Subscription): void {
  const i = list.indexOf(sub);
  if (i !== -1) list.splice(i, 1);
}

export class SubscriptionSet {
  private readonly subs = new Map<number, MutableSubscription>();
  private readonly index = new Map<Channel, ChannelIndex>();
  private nextSid = 1;

  add(
    channel: Channel,
    tickers: readonly string[] | null,
    opts: { useYesPrice: boolean; skipTickerAck: boolean },
  ): Subscription {
    const sub: MutableSubscription = {
      sid: this.nextSid++,
      channel,
      seq: 0,
      // Lifecycle-like channels ignore market filters (AsyncAPI).
      tickers: UNFILTERED.has(channel) || tickers === null ? null : new Set(tickers),
      ...opts,
    };
    this.subs.set(sub.sid, sub);
    const index = this.channelIndex(channel);
    if (sub.tickers === null) insertBySid(index.all, sub);
    else for (const ticker of sub.tickers) this.indexTicker(index, ticker, sub);
    return sub;
  }

  get size(): number {
    return this.subs.size;
  }

  get(sid: number): Subscription | undefined {
    return this.subs.get(sid);
  }

  delete(sid: number): boolean {
    const sub = this.subs.get(sid);
    if (sub === undefined) return false;
    this.subs.delete(sid);
    const index = this.channelIndex(sub.channel);
    if (sub.tickers === null) remove(index.all, sub);
    else for (const ticker of sub.tickers) this.unindexTicker(index, ticker, sub);
    return true;
  }

  /** Adds markets to a filtered subscription (no-op for one on every market). */
  addTickers(sub: Subscription, tickers: readonly string[]): void {
    const own = this.subs.get(sub.sid);
    if (own?.tickers == null) return;
    const index = this.channelIndex(own.channel);
    for (const ticker of tickers) {
      if (own.tickers.has(ticker)) continue;
      own.tickers.add(ticker);
      this.indexTicker(index, ticker, own);
    }
  }

  /** Removes markets from a filtered subscription. */
  deleteTickers(sub: Subscription, tickers: readonly string[]): void {
    const own = this.subs.get(sub.sid);
    if (own?.tickers == null) return;
    const index = this.channelIndex(own.channel);
    for (const ticker of tickers) {
      if (own.tickers.delete(ticker)) this.unindexTicker(index, ticker, own);
    }
  }

  all(): Subscription[] {
    return [...this.subs.values()];
  }

  /**
   * The subscriptions on `channel` that an event for `ticker` reaches, in sid order. The list may be the
   * index's own: read it before changing the subscriptions.
   */
  matching(channel: Channel, ticker: string): readonly Subscription[] {
    const index = this.index.get(channel);
    if (index === undefined) return NONE;
    const filtered = index.byTicker.get(ticker) ?? NONE;
    if (index.all.length === 0) return filtered;
    if (filtered.length === 0) return index.all;
    return [...index.all, ...filtered].sort((a, b) => a.sid - b.sid);
  }

  view(): SubscriptionView[] {
    return this.all().map((s) => ({
      sid: s.sid,
      channel: s.channel,
      market_tickers: s.tickers === null ? null : [...s.tickers],
      ...(SEQUENCED.has(s.channel) ? { seq: s.seq } : {}),
    }));
  }

  private channelIndex(channel: Channel): ChannelIndex {
    let index = this.index.get(channel);
    if (index === undefined) {
      index = { all: [], byTicker: new Map() };
      this.index.set(channel, index);
    }
    return index;
  }

  private indexTicker(index: ChannelIndex, ticker: string, sub: Subscription): void {
    const list = index.byTicker.get(ticker);
    if (list === undefined) index.byTicker.set(ticker, [sub]);
    else insertBySid(list, sub);
  }

  private unindexTicker(index: ChannelIndex, ticker: string, sub: Subscription): void {
    const list = index.byTicker.get(ticker);
    if (list === undefined) return;
    remove(list, sub);
    if (list.length === 0) index.byTicker.delete(ticker);
  }
}
