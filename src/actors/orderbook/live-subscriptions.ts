// Which orderbook subscriptions serve us on the current connection: logical id → live sid, the
// markets of each, and whether all of them are subscribed (only then can the feed be up).
import type { SidAssignment, SubscriptionView } from '../../adapters/kalshi/ws-subscriptions';

export const ORDERBOOK_CHANNEL = 'orderbook_delta';

export class LiveSubscriptions {
  /** Orderbook batches still wanted on this client (a batch the server refused for good is dropped). */
  private expected = 0;
  private readonly liveSid = new Map<string, number>();
  private readonly logicalBySid = new Map<number, string>();
  private readonly tickersByLogical = new Map<string, readonly string[]>();

  /** A new client: `batches` orderbook subscriptions are on their way. */
  reset(batches: number): void {
    this.expected = batches;
    this.disconnected();
    this.tickersByLogical.clear();
  }

  /** The socket is gone: no sid is live any more. */
  disconnected(): void {
    this.liveSid.clear();
    this.logicalBySid.clear();
  }

  /** A batch failed for good: stop waiting for it. */
  giveUp(): void {
    this.expected = Math.max(0, this.expected - 1);
  }

  /** Every wanted orderbook subscription has a sid on this connection. */
  get complete(): boolean {
    return this.liveSid.size >= this.expected;
  }

  /**
   * Records a sid announcement; returns the markets it serves, or null for other channels. `views`
   * is only read the first time a logical subscription is seen.
   */
  assign(change: SidAssignment, views: () => SubscriptionView[]): readonly string[] | null {
    if (change.channel !== ORDERBOOK_CHANNEL) return null;
    const old = this.liveSid.get(change.logicalId);
    if (old !== undefined) this.logicalBySid.delete(old);
    this.liveSid.set(change.logicalId, change.sid);
    this.logicalBySid.set(change.sid, change.logicalId);
    let tickers = this.tickersByLogical.get(change.logicalId);
    if (tickers === undefined) {
      tickers = views().find((v) => v.logicalId === change.logicalId)?.marketTickers ?? [];
      this.tickersByLogical.set(change.logicalId, tickers);
    }
    return tickers;
  }

  /** The sid is dead or being replaced (resubscribe): not live until its successor is announced. */
  retire(sid: number): void {
    const logicalId = this.logicalBySid.get(sid);
    if (logicalId === undefined) return;
    this.logicalBySid.delete(sid);
    if (this.liveSid.get(logicalId) === sid) this.liveSid.delete(logicalId);
  }

  /** Live orderbook sids of this connection. */
  sids(): number[] {
    return [...this.logicalBySid.keys()];
  }

  isOrderbook(logicalId: string): boolean {
    return this.tickersByLogical.has(logicalId);
  }

  /** The live sid whose subscription covers `ticker`, if any. */
  sidOf(ticker: string): number | undefined {
    for (const [logicalId, sid] of this.liveSid) {
      if (this.tickersByLogical.get(logicalId)?.includes(ticker)) return sid;
    }
    return undefined;
  }
}
