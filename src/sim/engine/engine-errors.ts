// Engine rejections as Kalshi-style {status, code, message}. Codes seen verbatim on Kalshi are marked
// [observed]; the rest are our plausible names (Kalshi does not publish its full code list).
//
//   400 invalid_price          price off the market's tick grid or outside ($0, $1)
//   400 invalid_count          count <= 0, more than 2 decimals, or above MAX_ORDER_COUNT
//   400 invalid_parameters     inconsistent fields (IOC with expiration, reduce_by and reduce_to, ...)
//   400 invalid_order          amend of an order that is not resting, or whose ticker/side differ
//   400 insufficient_balance   cash minus resting-order holds does not cover the order
//   404 market_not_found       unknown ticker
//   404 not_found              unknown order, or another user's order
//   409 order_already_exists   client_order_id reused by the same user, any status   [observed]
//   409 trading_is_paused      market (or exchange trading) halted                    [observed]
//   409 market_closed          market not in the `active` state or past its close time
//   503 service_unavailable    exchange inactive (maintenance)                       [observed]
import type { EngineError, EngineResult } from './types';

const make = (status: number, code: string, message: string, details?: string): EngineError =>
  details === undefined ? { status, code, message } : { status, code, message, details };

export const engineErrors = {
  invalidPrice: (details?: string) => make(400, 'invalid_price', 'invalid price', details),
  invalidCount: (details?: string) => make(400, 'invalid_count', 'invalid count', details),
  invalidParameters: (details?: string) => make(400, 'invalid_parameters', 'invalid parameters', details),
  invalidOrder: (details?: string) => make(400, 'invalid_order', 'invalid order', details),
  insufficientBalance: () => make(400, 'insufficient_balance', 'insufficient balance'),
  marketNotFound: () => make(404, 'market_not_found', 'market not found'),
  orderNotFound: () => make(404, 'not_found', 'order not found'),
  orderAlreadyExists: () => make(409, 'order_already_exists', 'order already exists'),
  tradingPaused: () => make(409, 'trading_is_paused', 'trading is paused'),
  marketClosed: () => make(409, 'market_closed', 'market is not open for trading'),
  exchangeUnavailable: () => make(503, 'service_unavailable', 'service unavailable'),
};

export const ok = <T>(value: T): EngineResult<T> => ({ ok: true, value });
export const fail = <T>(error: EngineError): EngineResult<T> => ({ ok: false, error });
