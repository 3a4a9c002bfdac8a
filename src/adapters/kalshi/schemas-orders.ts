// Wire shapes of the V2 order writes (`/portfolio/events/orders*`): request types and response schemas.
import { z } from 'zod';
import { countField, itemErrorSchema, optionalCount } from './schemas';

export type WireBookSide = 'bid' | 'ask';
export type WireTimeInForce = 'fill_or_kill' | 'good_till_canceled' | 'immediate_or_cancel';
export type WireSelfTradePrevention = 'taker_at_cross' | 'maker';

/** `POST /portfolio/events/orders`. Prices are YES prices as dollar strings, counts as "10.00". */
export interface CreateOrderV2Request {
  ticker: string;
  client_order_id?: string;
  side: WireBookSide;
  price: string;
  count: string;
  time_in_force: WireTimeInForce;
  self_trade_prevention_type: WireSelfTradePrevention;
  /** Unix seconds; only with good_till_canceled. */
  expiration_time?: number;
  post_only?: boolean;
  reduce_only?: boolean;
  cancel_order_on_pause?: boolean;
  subaccount?: number;
  order_group_id?: string;
  exchange_index?: number;
}

export interface AmendOrderV2Request {
  ticker: string;
  side: WireBookSide;
  price: string;
  count: string;
  client_order_id?: string;
  updated_client_order_id?: string;
  exchange_index?: number;
}

/** Exactly one of `reduce_by` / `reduce_to`. */
export interface DecreaseOrderV2Request {
  reduce_by?: string;
  reduce_to?: string;
  market_ticker?: string;
  exchange_index?: number;
}

export interface CancelOrderV2Query {
  market_ticker?: string;
  subaccount?: number;
  exchange_index?: number;
}

export interface BatchCancelOrdersV2Request {
  orders: { order_id: string; market_ticker?: string; subaccount?: number; exchange_index?: number }[];
}

export const createOrderV2ResponseSchema = z.object({
  order_id: z.string().min(1),
  client_order_id: z.string().nullish(),
  fill_count: countField,
  remaining_count: countField,
  ts_ms: z.number().nullish(),
});

export const cancelOrderV2ResponseSchema = z.object({
  order_id: z.string().min(1),
  client_order_id: z.string().nullish(),
  reduced_by: countField,
  ts_ms: z.number().nullish(),
});

export const amendOrderV2ResponseSchema = z.object({
  order_id: z.string().min(1),
  client_order_id: z.string().nullish(),
  fill_count: optionalCount,
  remaining_count: optionalCount,
  ts_ms: z.number().nullish(),
});

export const decreaseOrderV2ResponseSchema = z.object({
  order_id: z.string().min(1),
  client_order_id: z.string().nullish(),
  remaining_count: countField,
  ts_ms: z.number().nullish(),
});

export const batchCreateOrdersV2ResponseSchema = z.object({
  orders: z.array(
    z.object({
      order_id: z.string().nullish(),
      client_order_id: z.string().nullish(),
      fill_count: optionalCount,
      remaining_count: optionalCount,
      error: itemErrorSchema.nullish(),
    }),
  ),
});

export const batchCancelOrdersV2ResponseSchema = z.object({
  orders: z.array(
    z.object({
      order_id: z.string(),
      client_order_id: z.string().nullish(),
      reduced_by: optionalCount,
      error: itemErrorSchema.nullish(),
    }),
  ),
});

/** `DELETE /portfolio/events/orders` documents no body; accept anything (including none). */
export const cancelAllOrdersResponseSchema = z.unknown();
