// Domain Kalshi client: the REST endpoints in domain types, lists paged to the end, order outcomes as unions.
import { randomUUID } from 'node:crypto';
import type {
  Balance,
  ExchangeStatus,
  Fill,
  MarketInfo,
  Order,
  Position,
  Settlement,
} from '../../domain/trading-types';
import type {
  AccountLimitsResult,
  BeforeSendHook,
  FillFilter,
  KalshiClientOptions,
  MarketFilter,
  OrderFilter,
  PositionFilter,
} from './client-types';
import { MAX_PAGE_LIMIT } from './constants';
import { isAuthError, isNotFound, KalshiHttpError } from './errors';
import {
  type AmendIntent,
  type AmendResult,
  amendOrder,
  type CancelResult,
  cancelOrder,
  type DecreaseIntent,
  type DecreaseResult,
  decreaseOrder,
  type OrderIntent,
  type SubmitResult,
  submitOrder,
  toCreateOrderBody,
} from './order-commands';
import { collect, paginate } from './paginate';
import {
  type OrderbookLevels,
  parseBalance,
  parseExchangeStatus,
  parseFill,
  parseMarket,
  parseOrder,
  parseOrderbook,
  parsePosition,
  parseSettlement,
} from './parse';
import type { BucketConfig } from './rate-limiter';
import { KalshiRest, type KalshiRestOptions } from './rest';
import type { WireSettlement } from './schemas-portfolio';

export type * from './client-types';

/** Refused rows remembered so each is logged once (the daily settlement window re-reads them every sync). */
const REFUSALS_REMEMBERED = 1_000;

export class KalshiClient {
  private readonly uuid: () => string;
  private readonly pageSize: number;
  private readonly refusedKeys = new Set<string>();
  /** Rows read but refused because a field could not be converted (every read of one counts). */
  readonly refused = { settlements: 0 };

  constructor(
    readonly rest: KalshiRest,
    private readonly options: KalshiClientOptions = {},
  ) {
    this.uuid = options.randomUUID ?? randomUUID;
    this.pageSize = Math.min(MAX_PAGE_LIMIT, Math.max(1, options.pageSize ?? MAX_PAGE_LIMIT));
  }

  async getExchangeStatus(): Promise<ExchangeStatus> {
    return parseExchangeStatus(await this.rest.getExchangeStatus());
  }

  iterateMarkets(filter: MarketFilter = {}): AsyncGenerator<MarketInfo, void, undefined> {
    const limit = Math.min(this.pageSize, filter.max ?? this.pageSize);
    const query = {
      limit,
      status: filter.status,
      event_ticker: filter.eventTicker,
      series_ticker: filter.seriesTicker,
      tickers: filter.tickers,
    };
    const pages = paginate(
      'GET /markets',
      async (cursor) => {
        const res = await this.rest.getMarkets({ ...query, cursor });
        return { items: res.markets, cursor: res.cursor };
      },
      { maxItems: filter.max },
    );
    return mapAsync(pages, parseMarket);
  }

  listMarkets(filter: MarketFilter = {}): Promise<MarketInfo[]> {
    return collect(this.iterateMarkets(filter));
  }

  async getMarket(ticker: string): Promise<MarketInfo> {
    return parseMarket((await this.rest.getMarket(ticker)).market);
  }

  async getOrderbook(ticker: string, depth?: number): Promise<OrderbookLevels> {
    return parseOrderbook((await this.rest.getMarketOrderbook(ticker, depth)).orderbook_fp);
  }

  /** Books of up to MAX_ORDERBOOKS_PER_REQUEST markets by ticker, from one read. */
  async getOrderbooks(tickers: string[]): Promise<Map<string, OrderbookLevels>> {
    const { orderbooks } = await this.rest.getMarketOrderbooks(tickers);
    return new Map(orderbooks.map((o) => [o.ticker, parseOrderbook(o.orderbook_fp)]));
  }

  async getBalance(): Promise<Balance> {
    return parseBalance(await this.rest.getBalance());
  }

  async listPositions(filter: PositionFilter = {}): Promise<Position[]> {
    const query = {
      limit: this.pageSize,
      ticker: filter.ticker,
      event_ticker: filter.eventTicker,
      count_filter: filter.countFilter?.join(','),
    };
    const rows = paginate('GET /portfolio/positions', async (cursor) => {
      const res = await this.rest.getPositions({ ...query, cursor });
      return { items: res.market_positions, cursor: res.cursor };
    });
    return collect(mapAsync(rows, parsePosition));
  }

  async listOrders(filter: OrderFilter = {}): Promise<Order[]> {
    const query = {
      limit: this.pageSize,
      ticker: filter.ticker,
      event_ticker: filter.eventTicker,
      status: filter.status,
      min_ts: filter.minTs,
      max_ts: filter.maxTs,
    };
    const rows = paginate('GET /portfolio/orders', async (cursor) => {
      const res = await this.rest.getOrders({ ...query, cursor });
      return { items: res.orders, cursor: res.cursor };
    });
    return collect(mapAsync(rows, parseOrder));
  }

  async getOrder(orderId: string): Promise<Order> {
    return parseOrder((await this.rest.getOrder(orderId)).order);
  }

  async listFills(filter: FillFilter = {}): Promise<Fill[]> {
    const query = {
      limit: Math.min(this.pageSize, filter.max ?? this.pageSize),
      ticker: filter.ticker,
      order_id: filter.orderId,
      min_ts: filter.minTs,
      max_ts: filter.maxTs,
    };
    const rows = paginate(
      'GET /portfolio/fills',
      async (cursor) => {
        const res = await this.rest.getFills({ ...query, cursor });
        return { items: res.fills, cursor: res.cursor };
      },
      { maxItems: filter.max },
    );
    return collect(mapAsync(rows, parseFill));
  }

  /** The account's settlements since `minTs` (Unix seconds), all pages. */
  async listSettlements(filter: { minTs?: number; ticker?: string } = {}): Promise<Settlement[]> {
    const query = { limit: this.pageSize, min_ts: filter.minTs, ticker: filter.ticker };
    const rows = paginate('GET /portfolio/settlements', async (cursor) => {
      const res = await this.rest.getSettlements({ ...query, cursor });
      return { items: res.settlements, cursor: res.cursor };
    });
    const settlements: Settlement[] = [];
    for await (const row of rows) {
      const settlement = parseSettlement(row);
      if ('refused' in settlement) this.refuseSettlement(row, settlement.refused);
      else settlements.push(settlement);
    }
    return settlements;
  }

  /** A settlement that cannot be booked as it is: counted, and logged once per row. */
  private refuseSettlement(row: WireSettlement, reason: string): void {
    this.refused.settlements++;
    const key = `${row.ticker}|${row.settled_time}`;
    if (this.refusedKeys.has(key)) return;
    this.refusedKeys.add(key);
    if (this.refusedKeys.size > REFUSALS_REMEMBERED)
      this.refusedKeys.delete(this.refusedKeys.values().next().value as string);
    this.options.logger?.warn(
      {
        endpoint: 'GET /portfolio/settlements',
        ticker: row.ticker,
        result: row.market_result,
        settledTime: row.settled_time,
      },
      `settlement refused: ${reason}`,
    );
  }

  /**
   * V2 create. The client_order_id is fixed (generated if absent) and handed to `onBeforeSend`
   * before the request leaves, so the order is tracked even if the process dies mid-request.
   * Exchange outcomes are returned, never thrown; only invalid input (KalshiInputError) or a
   * failing hook throw, and then nothing was sent.
   */
  async submitOrder(
    intent: OrderIntent,
    hooks: { onBeforeSend?: BeforeSendHook } = {},
  ): Promise<SubmitResult> {
    const clientOrderId = intent.clientOrderId ?? this.uuid();
    const body = toCreateOrderBody(intent, clientOrderId);
    const hook = hooks.onBeforeSend ?? this.options.onBeforeSend;
    if (hook) await hook(clientOrderId, intent);
    return submitOrder(this.rest, body);
  }

  /** `not_found` may mean the order already filled or was canceled: reconcile, don't assume. */
  cancelOrder(orderId: string, ticker: string, subaccount?: number): Promise<CancelResult> {
    return cancelOrder(this.rest, orderId, ticker, subaccount);
  }

  amendOrder(orderId: string, amend: AmendIntent): Promise<AmendResult> {
    return amendOrder(this.rest, orderId, amend);
  }

  decreaseOrder(orderId: string, decrease: DecreaseIntent): Promise<DecreaseResult> {
    return decreaseOrder(this.rest, orderId, decrease);
  }

  /**
   * Sizes the limiter from `/account/limits`. 404/403 (endpoint absent, or a key without that
   * scope) keep the Basic defaults; other failures propagate.
   */
  async loadAccountLimits(): Promise<AccountLimitsResult> {
    try {
      const limits = await this.rest.getAccountLimits();
      const bucket = (b: typeof limits.read): BucketConfig => ({
        refillRate: b.refill_rate,
        bucketCapacity: b.bucket_capacity ?? b.refill_rate,
      });
      this.rest.limiter.configure({ read: bucket(limits.read), write: bucket(limits.write) });
    } catch (error) {
      if (!tolerable(error)) throw error;
      const { read, write } = this.rest.limiter.stats();
      return { source: 'default', read: read.config, write: write.config };
    }
    const { read, write } = this.rest.limiter.stats();
    return { source: 'account', read: read.config, write: write.config };
  }

  /** Loads per-endpoint token costs; returns false (costs unchanged) on 404/403. */
  async loadEndpointCosts(): Promise<boolean> {
    try {
      const costs = await this.rest.getAccountEndpointCosts();
      this.rest.setEndpointCosts(costs.default_cost, costs.endpoint_costs);
      return true;
    } catch (error) {
      if (!tolerable(error)) throw error;
      return false;
    }
  }
}

const tolerable = (error: unknown): boolean =>
  error instanceof KalshiHttpError && (isNotFound(error) || (isAuthError(error) && error.status === 403));

async function* mapAsync<A, B>(items: AsyncIterable<A>, fn: (a: A) => B): AsyncGenerator<B, void, undefined> {
  for await (const item of items) yield fn(item);
}

/** Builds the raw REST layer and the domain client over it in one go. */
export function createKalshiClient(options: KalshiRestOptions & KalshiClientOptions): KalshiClient {
  return new KalshiClient(new KalshiRest(options), options);
}
