// Order writes in domain terms: intents in, outcome unions out; exchange failures never throw.
import { formatCount, formatPrice, PRICE_ONE, parseCount } from '../../domain/fixed-point';
import type { BookSide, SelfTradePrevention, TimeInForce } from '../../domain/trading-types';
import { KalshiHttpError, KalshiInputError, KalshiUnknownOutcomeError } from './errors';
import type { KalshiRest } from './rest';
import type { CreateOrderV2Request } from './schemas-orders';

/** A desired order in domain units. */
export interface OrderIntent {
  ticker: string;
  side: BookSide;
  /** YES price in ticks ($0.0001). */
  price: number;
  /** Centi-contracts. */
  count: number;
  timeInForce?: TimeInForce;
  selfTradePrevention?: SelfTradePrevention;
  postOnly?: boolean;
  reduceOnly?: boolean;
  cancelOrderOnPause?: boolean;
  /** Unix seconds; good_till_canceled only. */
  expirationTs?: number;
  /** Generated (UUID) when absent. */
  clientOrderId?: string;
  subaccount?: number;
  orderGroupId?: string;
}

/** Explicit exchange refusal (a 4xx; a 429 is resent, and one that never clears is unknown). */
export type Rejected = { outcome: 'rejected'; error: KalshiHttpError };
/** The request may or may not have acted; reconciliation settles it. */
export type Unknown = {
  outcome: 'unknown';
  clientOrderId?: string;
  orderId?: string;
  cause: KalshiUnknownOutcomeError;
};
/** 404 on an existing-order command: gone, which may well mean already filled. */
export type NotFound = { outcome: 'not_found'; error: KalshiHttpError };

export type SubmitResult =
  | { outcome: 'accepted'; orderId: string; clientOrderId: string; fillCount: number; remainingCount: number }
  | Rejected
  | (Unknown & { clientOrderId: string });

export type CancelResult =
  | { outcome: 'canceled'; orderId: string; clientOrderId: string | null; reducedBy: number }
  | NotFound
  | Rejected
  | Unknown;

export interface AmendIntent {
  ticker: string;
  side: BookSide;
  price: number;
  /** New total count, centi-contracts. */
  count: number;
  clientOrderId?: string;
  updatedClientOrderId?: string;
}

export type AmendResult =
  | {
      outcome: 'accepted';
      orderId: string;
      clientOrderId: string | null;
      fillCount: number | null;
      remainingCount: number | null;
    }
  | NotFound
  | Rejected
  | Unknown;

/** Exactly one of reduceBy / reduceTo, in centi-contracts. */
export type DecreaseIntent = { ticker?: string } & ({ reduceBy: number } | { reduceTo: number });

export type DecreaseResult =
  | { outcome: 'accepted'; orderId: string; remainingCount: number }
  | NotFound
  | Rejected
  | Unknown;

/** Kalshi's FIX ClOrdID rules, assumed for REST too: ≤ 64 chars of [A-Za-z0-9+=_-:/]. */
const CLIENT_ORDER_ID = /^[A-Za-z0-9+=_\-:/]{1,64}$/;

export function checkClientOrderId(id: string, endpoint: string): void {
  if (!CLIENT_ORDER_ID.test(id))
    throw new KalshiInputError(endpoint, 'client_order_id must be 1-64 of [A-Za-z0-9+=_-:/]');
}

export function checkPriceAndCount(price: number, count: number, endpoint: string): void {
  if (!Number.isSafeInteger(price) || price <= 0 || price >= PRICE_ONE) {
    throw new KalshiInputError(
      endpoint,
      'price must be an integer number of ticks strictly between $0 and $1',
    );
  }
  if (!Number.isSafeInteger(count) || count <= 0) {
    throw new KalshiInputError(endpoint, 'count must be a positive integer number of centi-contracts');
  }
}

/** Validates an intent and builds the V2 create body; throws KalshiInputError (nothing sent). */
export function toCreateOrderBody(intent: OrderIntent, clientOrderId: string): CreateOrderV2Request {
  const endpoint = 'POST /portfolio/events/orders';
  if (!intent.ticker) throw new KalshiInputError(endpoint, 'ticker is required');
  if (intent.side !== 'bid' && intent.side !== 'ask')
    throw new KalshiInputError(endpoint, 'side must be bid or ask');
  checkPriceAndCount(intent.price, intent.count, endpoint);
  checkClientOrderId(clientOrderId, endpoint);
  const timeInForce = intent.timeInForce ?? 'good_till_canceled';
  if (intent.expirationTs !== undefined && timeInForce !== 'good_till_canceled') {
    throw new KalshiInputError(endpoint, 'expiration_time needs good_till_canceled');
  }
  const body: CreateOrderV2Request = {
    ticker: intent.ticker,
    client_order_id: clientOrderId,
    side: intent.side,
    price: formatPrice(intent.price),
    count: formatCount(intent.count),
    time_in_force: timeInForce,
    self_trade_prevention_type: intent.selfTradePrevention ?? 'taker_at_cross',
  };
  if (intent.postOnly !== undefined) body.post_only = intent.postOnly;
  if (intent.reduceOnly !== undefined) body.reduce_only = intent.reduceOnly;
  if (intent.cancelOrderOnPause !== undefined) body.cancel_order_on_pause = intent.cancelOrderOnPause;
  if (intent.expirationTs !== undefined) body.expiration_time = intent.expirationTs;
  if (intent.subaccount !== undefined) body.subaccount = intent.subaccount;
  if (intent.orderGroupId !== undefined) body.order_group_id = intent.orderGroupId;
  return body;
}

/** Maps a write failure to its outcome; anything that is not an exchange-edge error is a bug and rethrown. */
function failure(error: unknown, notFound: boolean): NotFound | Rejected | Unknown {
  if (error instanceof KalshiUnknownOutcomeError) {
    return { outcome: 'unknown', clientOrderId: error.clientOrderId, orderId: error.orderId, cause: error };
  }
  if (error instanceof KalshiHttpError) {
    return notFound && error.status === 404
      ? { outcome: 'not_found', error }
      : { outcome: 'rejected', error };
  }
  throw error;
}

export async function submitOrder(rest: KalshiRest, body: CreateOrderV2Request): Promise<SubmitResult> {
  const clientOrderId = body.client_order_id ?? '';
  try {
    const res = await rest.createOrderV2(body);
    return {
      outcome: 'accepted',
      orderId: res.order_id,
      clientOrderId: res.client_order_id || clientOrderId,
      fillCount: parseCount(res.fill_count),
      remainingCount: parseCount(res.remaining_count),
    };
  } catch (error) {
    const result = failure(error, false);
    return result.outcome === 'unknown' ? { ...result, clientOrderId } : (result as Rejected);
  }
}

export async function cancelOrder(
  rest: KalshiRest,
  orderId: string,
  ticker: string,
  subaccount?: number,
): Promise<CancelResult> {
  if (!orderId)
    throw new KalshiInputError('DELETE /portfolio/events/orders/{order_id}', 'orderId is required');
  try {
    const res = await rest.cancelOrderV2(orderId, { market_ticker: ticker, subaccount });
    const reducedBy = parseCount(res.reduced_by);
    return {
      outcome: 'canceled',
      orderId: res.order_id,
      clientOrderId: res.client_order_id || null,
      reducedBy,
    };
  } catch (error) {
    return failure(error, true);
  }
}

export async function amendOrder(
  rest: KalshiRest,
  orderId: string,
  amend: AmendIntent,
): Promise<AmendResult> {
  const endpoint = 'POST /portfolio/events/orders/{order_id}/amend';
  if (!orderId) throw new KalshiInputError(endpoint, 'orderId is required');
  checkPriceAndCount(amend.price, amend.count, endpoint);
  if (amend.updatedClientOrderId !== undefined) checkClientOrderId(amend.updatedClientOrderId, endpoint);
  try {
    const res = await rest.amendOrderV2(orderId, {
      ticker: amend.ticker,
      side: amend.side,
      price: formatPrice(amend.price),
      count: formatCount(amend.count),
      client_order_id: amend.clientOrderId,
      updated_client_order_id: amend.updatedClientOrderId,
    });
    return {
      outcome: 'accepted',
      orderId: res.order_id,
      clientOrderId: res.client_order_id || null,
      fillCount: res.fill_count ? parseCount(res.fill_count) : null,
      remainingCount: res.remaining_count ? parseCount(res.remaining_count) : null,
    };
  } catch (error) {
    return failure(error, true);
  }
}

export async function decreaseOrder(
  rest: KalshiRest,
  orderId: string,
  decrease: DecreaseIntent,
): Promise<DecreaseResult> {
  const endpoint = 'POST /portfolio/events/orders/{order_id}/decrease';
  if (!orderId) throw new KalshiInputError(endpoint, 'orderId is required');
  const by = 'reduceBy' in decrease ? decrease.reduceBy : undefined;
  const to = 'reduceTo' in decrease ? decrease.reduceTo : undefined;
  const amount = by ?? to;
  if (
    (by === undefined) === (to === undefined) ||
    amount === undefined ||
    !Number.isSafeInteger(amount) ||
    amount < 0
  ) {
    throw new KalshiInputError(
      endpoint,
      'exactly one of reduceBy / reduceTo, a non-negative centi-contract count',
    );
  }
  try {
    const res = await rest.decreaseOrderV2(orderId, {
      market_ticker: decrease.ticker,
      ...(by !== undefined ? { reduce_by: formatCount(by) } : { reduce_to: formatCount(amount) }),
    });
    return { outcome: 'accepted', orderId: res.order_id, remainingCount: parseCount(res.remaining_count) };
  } catch (error) {
    return failure(error, true);
  }
}
