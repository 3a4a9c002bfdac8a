// Raw Kalshi REST v2: one method per endpoint, wire types in and out (see schemas*.ts).
import type { TokenBucketLimiter } from './rate-limiter';
import { RestTransport, type RestTransportOptions } from './rest-transport';
import {
  accountLimitsSchema,
  endpointCostsSchema,
  exchangeStatusSchema,
  getMarketResponseSchema,
  getMarketsResponseSchema,
  getOrderbookResponseSchema,
  getOrderbooksResponseSchema,
} from './schemas';
import {
  type AmendOrderV2Request,
  amendOrderV2ResponseSchema,
  type BatchCancelOrdersV2Request,
  batchCancelOrdersV2ResponseSchema,
  batchCreateOrdersV2ResponseSchema,
  type CancelOrderV2Query,
  type CreateOrderV2Request,
  cancelAllOrdersResponseSchema,
  cancelOrderV2ResponseSchema,
  createOrderV2ResponseSchema,
  type DecreaseOrderV2Request,
  decreaseOrderV2ResponseSchema,
} from './schemas-orders';
import {
  balanceResponseSchema,
  getFillsResponseSchema,
  getOrderResponseSchema,
  getOrdersResponseSchema,
  getPositionsResponseSchema,
  getSettlementsResponseSchema,
} from './schemas-portfolio';

export type KalshiRestOptions = RestTransportOptions;

/** Filter vocabulary differs from Market.status values (`open` here, `active` in responses). */
export type MarketStatusFilter = 'unopened' | 'open' | 'paused' | 'closed' | 'settled';

export interface CursorQuery {
  limit?: number;
  cursor?: string;
}
export interface GetMarketsQuery extends CursorQuery {
  event_ticker?: string;
  series_ticker?: string;
  tickers?: string | readonly string[];
  status?: MarketStatusFilter;
  min_close_ts?: number;
  max_close_ts?: number;
  mve_filter?: 'only' | 'exclude';
}
export interface GetPositionsQuery extends CursorQuery {
  ticker?: string;
  event_ticker?: string;
  count_filter?: string;
  subaccount?: number;
}
export interface GetOrdersQuery extends CursorQuery {
  ticker?: string;
  event_ticker?: string;
  status?: 'resting' | 'canceled' | 'executed';
  min_ts?: number;
  max_ts?: number;
  subaccount?: number;
}
export interface GetFillsQuery extends CursorQuery {
  ticker?: string;
  order_id?: string;
  min_ts?: number;
  max_ts?: number;
  subaccount?: number;
}

export interface GetSettlementsQuery extends CursorQuery {
  ticker?: string;
  min_ts?: number;
  max_ts?: number;
}

const ORDERS = '/portfolio/events/orders';
const ORDER = '/portfolio/events/orders/{order_id}';
const BATCH = '/portfolio/events/orders/batched';
/** Kalshi charges batch cancels 2 tokens per order (0.2 of a request). */
const BATCH_CANCEL_ITEM_COST = 2;

export class KalshiRest {
  private readonly t: RestTransport;

  constructor(options: KalshiRestOptions) {
    this.t = new RestTransport(options);
  }

  get limiter(): TokenBucketLimiter {
    return this.t.limiter;
  }

  setEndpointCosts(
    defaultCost: number,
    costs: readonly { method: string; path: string; cost: number }[],
  ): void {
    this.t.setEndpointCosts(defaultCost, costs);
  }

  getExchangeStatus() {
    return this.t.read({ method: 'GET', path: '/exchange/status', schema: exchangeStatusSchema });
  }

  getMarkets(query: GetMarketsQuery = {}) {
    return this.t.read({ method: 'GET', path: '/markets', query, schema: getMarketsResponseSchema });
  }

  getMarket(ticker: string) {
    const params = { ticker };
    return this.t.read({ method: 'GET', path: '/markets/{ticker}', params, schema: getMarketResponseSchema });
  }

  /** `depth` 0 or absent = all levels. */
  getMarketOrderbook(ticker: string, depth?: number) {
    return this.t.read({
      method: 'GET',
      path: '/markets/{ticker}/orderbook',
      params: { ticker },
      query: { depth },
      schema: getOrderbookResponseSchema,
    });
  }

  /** Full-depth books of up to MAX_ORDERBOOKS_PER_REQUEST markets in one read. */
  getMarketOrderbooks(tickers: string[]) {
    return this.t.read({
      method: 'GET',
      path: '/markets/orderbooks',
      query: { tickers },
      schema: getOrderbooksResponseSchema,
    });
  }

  getBalance(query: { subaccount?: number } = {}) {
    return this.t.read({ method: 'GET', path: '/portfolio/balance', query, schema: balanceResponseSchema });
  }

  getPositions(query: GetPositionsQuery = {}) {
    return this.t.read({
      method: 'GET',
      path: '/portfolio/positions',
      query,
      schema: getPositionsResponseSchema,
    });
  }

  getOrders(query: GetOrdersQuery = {}) {
    return this.t.read({ method: 'GET', path: '/portfolio/orders', query, schema: getOrdersResponseSchema });
  }

  getOrder(orderId: string) {
    const params = { order_id: orderId };
    return this.t.read({
      method: 'GET',
      path: '/portfolio/orders/{order_id}',
      params,
      schema: getOrderResponseSchema,
    });
  }

  getFills(query: GetFillsQuery = {}) {
    return this.t.read({ method: 'GET', path: '/portfolio/fills', query, schema: getFillsResponseSchema });
  }

  getSettlements(query: GetSettlementsQuery = {}) {
    const schema = getSettlementsResponseSchema;
    return this.t.read({ method: 'GET', path: '/portfolio/settlements', query, schema });
  }

  getAccountLimits() {
    return this.t.read({ method: 'GET', path: '/account/limits', schema: accountLimitsSchema });
  }

  getAccountEndpointCosts() {
    return this.t.read({ method: 'GET', path: '/account/endpoint_costs', schema: endpointCostsSchema });
  }

  createOrderV2(body: CreateOrderV2Request) {
    return this.t.write({
      method: 'POST',
      path: ORDERS,
      body,
      schema: createOrderV2ResponseSchema,
      operation: 'create',
      ids: { clientOrderId: body.client_order_id },
    });
  }

  cancelOrderV2(orderId: string, query: CancelOrderV2Query = {}) {
    return this.t.write({
      method: 'DELETE',
      path: ORDER,
      params: { order_id: orderId },
      query,
      schema: cancelOrderV2ResponseSchema,
      operation: 'cancel',
      ids: { orderId },
    });
  }

  amendOrderV2(orderId: string, body: AmendOrderV2Request) {
    return this.t.write({
      method: 'POST',
      path: `${ORDER}/amend`,
      params: { order_id: orderId },
      body,
      schema: amendOrderV2ResponseSchema,
      operation: 'amend',
      ids: { orderId, clientOrderId: body.updated_client_order_id ?? body.client_order_id },
    });
  }

  decreaseOrderV2(orderId: string, body: DecreaseOrderV2Request) {
    return this.t.write({
      method: 'POST',
      path: `${ORDER}/decrease`,
      params: { order_id: orderId },
      body,
      schema: decreaseOrderV2ResponseSchema,
      operation: 'decrease',
      ids: { orderId },
    });
  }

  /** Each item counts as one order create against the write budget. */
  batchCreateOrdersV2(body: { orders: CreateOrderV2Request[] }) {
    return this.t.write({
      method: 'POST',
      path: BATCH,
      body,
      schema: batchCreateOrdersV2ResponseSchema,
      cost: Math.max(1, body.orders.length) * this.t.costOf('POST', ORDERS),
      operation: 'batch_create',
      ids: {},
    });
  }

  batchCancelOrdersV2(body: BatchCancelOrdersV2Request) {
    return this.t.write({
      method: 'DELETE',
      path: BATCH,
      body,
      schema: batchCancelOrdersV2ResponseSchema,
      cost: Math.max(1, body.orders.length) * BATCH_CANCEL_ITEM_COST,
      operation: 'batch_cancel',
      ids: {},
    });
  }

  /** Cancels every resting order (of one subaccount). */
  cancelAllOrders(query: { subaccount?: number } = {}) {
    return this.t.write({
      method: 'DELETE',
      path: ORDERS,
      query,
      schema: cancelAllOrdersResponseSchema,
      operation: 'cancel_all',
      ids: {},
    });
  }
}
