import { describe, expect, it } from 'vitest';
import {
  isAuthError,
  isNotFound,
  isOrderAlreadyExists,
  isRateLimited,
  isRetryable,
  isTradingPaused,
  KalshiHttpError,
  KalshiNetworkError,
  KalshiResponseError,
  KalshiUnknownOutcomeError,
  parseErrorEnvelope,
} from '../../../src/adapters/kalshi/errors';

const EP = 'POST /portfolio/events/orders';

// Verbatim bodies from kalshi-protocol.md §2.4 and §4.8/§4.12.
const AUTH_401 =
  '{"error":{"code":"authentication_error","message":"authentication_error","details":"rpc error: code = Unauthenticated desc = INCORRECT_API_KEY_SIGNATURE"}}';
const EXISTS_409 =
  '{"error":{"code":"order_already_exists","message":"order already exists","service":"exchange"}}';
const PAUSED_409 =
  '{"error":{"code":"trading_is_paused","message":"trading is paused","service":"exchange"}}';
const UNAVAILABLE_503 =
  '{"error":{"code":"service_unavailable","message":"service unavailable","service":"exchange"}}';

describe('KalshiHttpError.fromBody', () => {
  it('classifies the verbatim 401 authentication_error', () => {
    const e = KalshiHttpError.fromBody('GET /portfolio/balance', 401, AUTH_401);
    expect(e).toMatchObject({ status: 401, code: 'authentication_error', retryable: false });
    expect(e.details).toContain('INCORRECT_API_KEY_SIGNATURE');
    expect(e.endpoint).toBe('GET /portfolio/balance');
    expect(isAuthError(e)).toBe(true);
    expect(isRetryable(e)).toBe(false);
  });

  it('tells the two 409s apart by code', () => {
    const exists = KalshiHttpError.fromBody(EP, 409, EXISTS_409);
    const paused = KalshiHttpError.fromBody(EP, 409, PAUSED_409);
    expect(exists.service).toBe('exchange');
    expect([isOrderAlreadyExists(exists), isTradingPaused(exists)]).toEqual([true, false]);
    expect([isOrderAlreadyExists(paused), isTradingPaused(paused)]).toEqual([false, true]);
    expect(exists.retryable || paused.retryable).toBe(false);
  });

  it('marks 429 and 5xx retryable and keeps Retry-After', () => {
    const limited = KalshiHttpError.fromBody(
      EP,
      429,
      '{"error":{"code":"too_many_requests","message":"slow down"}}',
      2000,
    );
    expect(isRateLimited(limited)).toBe(true);
    expect(limited).toMatchObject({ retryable: true, retryAfterMs: 2000 });
    const unavailable = KalshiHttpError.fromBody(EP, 503, UNAVAILABLE_503);
    expect(unavailable).toMatchObject({ code: 'service_unavailable', retryable: true });
    expect(isRateLimited(unavailable)).toBe(false);
  });

  it('tolerates non-JSON and non-envelope bodies', () => {
    const html = KalshiHttpError.fromBody('GET /markets', 502, `<html>${'x'.repeat(1000)}</html>`);
    expect(html).toMatchObject({ status: 502, code: 'http_502', retryable: true });
    expect(html.message.length).toBeLessThan(300);
    const empty = KalshiHttpError.fromBody('GET /markets/{ticker}', 404, '');
    expect(empty.code).toBe('http_404');
    expect(isNotFound(empty)).toBe(true);
    expect(KalshiHttpError.fromBody('GET /x', 400, '{"message":"flat"}').code).toBe('http_400');
  });

  it('names the endpoint, status and code in the message', () => {
    expect(KalshiHttpError.fromBody(EP, 409, EXISTS_409).message).toBe(
      'POST /portfolio/events/orders failed with 409 order_already_exists: order already exists',
    );
  });
});

describe('parseErrorEnvelope', () => {
  it('reads optional fields only when they are strings', () => {
    expect(parseErrorEnvelope('{"error":{"code":"x","message":"m","details":7}}')).toEqual({
      code: 'x',
      message: 'm',
    });
    expect(parseErrorEnvelope('{"error":"nope"}')).toBeUndefined();
    expect(parseErrorEnvelope('null')).toBeUndefined();
  });
});

describe('other error classes', () => {
  it('network errors are retryable and name the socket error code', () => {
    const cause = new TypeError('fetch failed', {
      cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    });
    const e = new KalshiNetworkError('GET /markets', 'network', cause);
    expect(e.message).toBe('GET /markets network error (ECONNREFUSED)');
    expect(isRetryable(e)).toBe(true);
    expect(isRetryable(new KalshiNetworkError('GET /markets', 'timeout'))).toBe(true);
  });

  it('unknown outcomes carry the client order id and are not retryable', () => {
    const cause = KalshiHttpError.fromBody(EP, 503, UNAVAILABLE_503);
    const e = new KalshiUnknownOutcomeError(EP, 'create', { clientOrderId: 'c-1' }, cause);
    expect(e).toMatchObject({ clientOrderId: 'c-1', operation: 'create', endpoint: EP });
    expect(e.cause).toBe(cause);
    expect(isRetryable(e)).toBe(false);
  });

  it('response errors keep the issue summary', () => {
    const e = new KalshiResponseError('GET /markets', 'markets.0.ticker: Invalid input');
    expect(e.issues).toBe('markets.0.ticker: Invalid input');
    expect(e.name).toBe('KalshiResponseError');
  });
});
