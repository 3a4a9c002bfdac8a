// Option and filter types of the domain Kalshi client (client.ts), in domain vocabulary.
import type { OrderIntent } from './order-commands';
import type { BucketConfig } from './rate-limiter';
import type { GetOrdersQuery, MarketStatusFilter } from './rest';
import type { KalshiLogger } from './rest-transport';

/** Called with the client_order_id before the create leaves: persist it here. If it throws, nothing is sent. */
export type BeforeSendHook = (clientOrderId: string, intent: OrderIntent) => void | Promise<void>;

export interface KalshiClientOptions {
  randomUUID?: () => string;
  onBeforeSend?: BeforeSendHook;
  /** Page size for list calls; Kalshi's maximum by default (every page costs the same tokens). */
  pageSize?: number;
  /** Where a refused row (one no conversion can read) is told, once per row. */
  logger?: Pick<KalshiLogger, 'warn'>;
}

export interface MarketFilter {
  status?: MarketStatusFilter;
  eventTicker?: string;
  seriesTicker?: string;
  tickers?: readonly string[];
  /** Stop after this many markets. */
  max?: number;
}

export interface OrderFilter {
  ticker?: string;
  eventTicker?: string;
  status?: GetOrdersQuery['status'];
  minTs?: number;
  maxTs?: number;
}

export interface PositionFilter {
  ticker?: string;
  eventTicker?: string;
  /** Kalshi's `count_filter`: only rows with non-zero `position` and/or `total_traded`. */
  countFilter?: readonly ('position' | 'total_traded')[];
}

export interface FillFilter {
  ticker?: string;
  orderId?: string;
  /** Unix seconds. */
  minTs?: number;
  maxTs?: number;
  max?: number;
}

export interface AccountLimitsResult {
  source: 'account' | 'default';
  read: BucketConfig;
  write: BucketConfig;
}
