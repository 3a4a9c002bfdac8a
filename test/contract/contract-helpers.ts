// Shared pieces of the contract suite: clients for a target, market and price choices that are safe on
// the demo API, an order janitor that cancels what a test left resting, and bounded waits.
import { randomUUID } from 'node:crypto';
import { createKalshiClient, type KalshiClient } from '../../src/adapters/kalshi/client';
import { BASIC_READ_TOKENS_PER_SEC, BASIC_WRITE_TOKENS_PER_SEC } from '../../src/adapters/kalshi/constants';
import type { OrderIntent } from '../../src/adapters/kalshi/order-commands';
import { TokenBucketLimiter } from '../../src/adapters/kalshi/rate-limiter';
import { COUNT_ONE } from '../../src/domain/fixed-point';
import type { MarketInfo, PriceRange } from '../../src/domain/trading-types';
import type { Connection } from './targets';

/** $0.01: on every Kalshi price grid, and far below any market we pick (see pickMarkets). */
export const FAR_BID = 100;
/** Orders on the demo API are one contract, far from the market, post-only. */
export const ONE_CONTRACT = COUNT_ONE;
/** The lowest best bid a picked market may have, so FAR_BID stays far from it. */
const MIN_BEST_BID = 1_500;

const shared = new WeakMap<Connection, KalshiClient>();

/**
 * The target's signed client, one per connection like the daemon's, so its token buckets pace every
 * request of a file. Its budget is 80% of Basic on purpose: the default limiter, paced at exactly
 * Kalshi's budget, gets a 429 when a burst runs out (see rate-limits.contract.test.ts), and the other
 * contracts are not about that.
 */
export function clientFor(conn: Connection): KalshiClient {
  let client = shared.get(conn);
  if (client === undefined) {
    const limiter = new TokenBucketLimiter({
      read: { refillRate: 0.8 * BASIC_READ_TOKENS_PER_SEC },
      write: { refillRate: 0.8 * BASIC_WRITE_TOKENS_PER_SEC },
    });
    client = createKalshiClient({ baseUrl: conn.restUrl, credentials: conn.credentials, limiter });
    shared.set(conn, client);
  }
  return client;
}

/** A separate client (own buckets): unsigned, or with a small page size to force pagination. */
export function makeClient(conn: Connection, opts: { pageSize?: number; anonymous?: boolean } = {}) {
  return createKalshiClient({
    baseUrl: conn.restUrl,
    ...(opts.anonymous ? {} : { credentials: conn.credentials }),
    ...(opts.pageSize === undefined ? {} : { pageSize: opts.pageSize }),
  });
}

export const newClientOrderId = (): string => `contract-${randomUUID()}`;

export function onGrid(price: number, ranges: readonly PriceRange[]): boolean {
  return ranges.some((r) => price >= r.start && price <= r.end && (price - r.start) % r.step === 0);
}

/** A price strictly inside a range but between two of its ticks; null when every tick is $0.0001. */
export function offTickPrice(ranges: readonly PriceRange[]): number | null {
  for (const r of ranges) {
    const price = r.start + r.step + 1;
    if (r.step > 1 && price < r.end && price > 0) return price;
  }
  return null;
}

/**
 * Open, two-sided markets where a bid at FAR_BID is on the grid and far below the best bid, best first.
 * Reading at most 200 keeps this one page on the demo API.
 */
export async function pickMarkets(client: KalshiClient, count: number): Promise<MarketInfo[]> {
  const markets = await client.listMarkets({ status: 'open', max: 200 });
  const usable = markets
    .filter((m) => m.status === 'active' && m.yesBid !== null && m.yesAsk !== null)
    .filter((m) => (m.yesBid ?? 0) >= MIN_BEST_BID && onGrid(FAR_BID, m.priceRanges))
    .sort((a, b) => (b.yesBid ?? 0) - (a.yesBid ?? 0));
  if (usable.length < count) throw new Error(`need ${count} usable open markets, found ${usable.length}`);
  return usable.slice(0, count);
}

/** A resting, post-only one-contract bid at FAR_BID: safe on any target. */
export const farBid = (ticker: string, overrides: Partial<OrderIntent> = {}): OrderIntent => ({
  ticker,
  side: 'bid',
  price: FAR_BID,
  count: ONE_CONTRACT,
  timeInForce: 'good_till_canceled',
  postOnly: true,
  clientOrderId: newClientOrderId(),
  ...overrides,
});

/** Remembers the orders a test created and cancels any still resting (call from afterEach). */
export class OrderJanitor {
  private readonly orders: Array<{ orderId: string; ticker: string }> = [];
  constructor(private readonly client: () => KalshiClient) {}

  track(orderId: string, ticker: string): void {
    this.orders.push({ orderId, ticker });
  }

  async cancelAll(): Promise<void> {
    for (const { orderId, ticker } of this.orders.splice(0)) {
      await this.client().cancelOrder(orderId, ticker);
    }
  }
}

/** Places `intent` and fails the test unless the exchange accepted it; the order is tracked. */
export async function place(client: KalshiClient, janitor: OrderJanitor, intent: OrderIntent) {
  const result = await client.submitOrder(intent);
  if (result.outcome !== 'accepted') {
    const why = result.outcome === 'rejected' ? result.error.message : result.cause.message;
    throw new Error(`order not accepted (${result.outcome}): ${why}`);
  }
  janitor.track(result.orderId, intent.ticker);
  return result;
}

/**
 * Resolves with the first defined value of `check`, re-evaluated whenever `onChange` fires; rejects
 * after `timeoutMs` naming what was awaited. A deadline, not a sleep: it never delays a passing test.
 */
export function until<T>(
  onChange: (wake: () => void) => () => void,
  check: () => T | undefined,
  label: string,
  timeoutMs = 5_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let stop = (): void => {};
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${label}`));
    }, timeoutMs);
    const attempt = (): void => {
      let value: T | undefined;
      try {
        value = check();
      } catch (err) {
        clearTimeout(timer);
        stop();
        reject(err);
        return;
      }
      if (value === undefined) return;
      clearTimeout(timer);
      stop();
      resolve(value);
    };
    stop = onChange(attempt);
    attempt();
  });
}
