// Contract: failures arrive in Kalshi's envelope `{"error":{code,message}}` with the right status, and
// the domain client classifies them (400 off-tick price, 401 unsigned or mis-signed, 404 unknown).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { KalshiHttpError } from '../../src/adapters/kalshi/errors';
import { formatPrice } from '../../src/domain/fixed-point';
import { clientFor, farBid, makeClient, OrderJanitor, offTickPrice, pickMarkets } from './contract-helpers';
import { describeTargets } from './targets';
import { type RawResponse, rawRequest } from './wire';

const UNKNOWN_TICKER = 'KXCONTRACT-99JAN01-T0';

/** The envelope exactly: one `error` object with string code and message. */
function expectEnvelope(res: RawResponse, status: number): void {
  expect(res.status).toBe(status);
  expect(res.contentType).toContain('application/json');
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(res.body.error).toEqual(
    expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
  );
  expect(res.body.error.code).not.toBe('');
}

async function thrown(promise: Promise<unknown>): Promise<KalshiHttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KalshiHttpError);
  return error as KalshiHttpError;
}

describeTargets('REST errors', { flowRunning: false }, (t) => {
  const janitor = new OrderJanitor(() => clientFor(t.conn));
  afterEach(() => janitor.cancelAll());

  it('refuses an off-tick price with 400 in the error envelope', async () => {
    const [market] = await pickMarkets(clientFor(t.conn), 1);
    const price = offTickPrice(market!.priceRanges);
    expect(price).not.toBeNull();
    const intent = farBid(market!.ticker, { price: price! });
    const result = await clientFor(t.conn).submitOrder(intent);
    if (result.outcome === 'accepted') janitor.track(result.orderId, market!.ticker);
    expect(result.outcome).toBe('rejected');
    if (result.outcome !== 'rejected') return;
    expect(result.error.status).toBe(400);
    expect(result.error.code).not.toBe('http_400'); // the body was an envelope, not free text
    expect(result.error.retryable).toBe(false);
    if (t.isSim) expect(result.error.code).toBe('invalid_price');

    const raw = await rawRequest(t.conn, 'POST', '/portfolio/events/orders', {
      body: {
        ticker: market!.ticker,
        side: 'bid',
        price: formatPrice(price!),
        count: '1.00',
        time_in_force: 'good_till_canceled',
        self_trade_prevention_type: 'taker_at_cross',
        post_only: true,
        client_order_id: `contract-${randomUUID()}`,
      },
    });
    if (raw.status < 300) janitor.track(raw.body.order_id, market!.ticker);
    expectEnvelope(raw, 400);
  });

  it('answers an unsigned portfolio request with 401 authentication_error', async () => {
    const raw = await rawRequest(t.conn, 'GET', '/portfolio/balance', { signed: false });
    expectEnvelope(raw, 401);
    expect(raw.body.error.code).toBe('authentication_error');
    const error = await thrown(makeClient(t.conn, { anonymous: true }).getBalance());
    expect(error).toMatchObject({ status: 401, code: 'authentication_error', retryable: false });
  });

  it('answers a request signed with the wrong private key with 401 authentication_error', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const impostor = { ...t.conn, credentials: { keyId: t.conn.credentials.keyId, privateKey } };
    const error = await thrown(makeClient(impostor).getBalance());
    expect(error).toMatchObject({ status: 401, code: 'authentication_error' });
    // The message names the endpoint and the code, never the key id or a signature.
    expect(error.message).not.toContain(t.conn.credentials.keyId);
  });

  it('answers an unknown market with 404 in the envelope', async () => {
    expectEnvelope(await rawRequest(t.conn, 'GET', `/markets/${UNKNOWN_TICKER}`, { signed: false }), 404);
    const market = await thrown(clientFor(t.conn).getMarket(UNKNOWN_TICKER));
    expect(market.status).toBe(404);
    expect(market.code).not.toBe('http_404');
    const book = await thrown(clientFor(t.conn).getOrderbook(UNKNOWN_TICKER));
    expect(book.status).toBe(404);
  });

  it('answers an unknown order with 404, and cancelling it is not_found', async () => {
    const orderId = randomUUID();
    const error = await thrown(clientFor(t.conn).getOrder(orderId));
    expect(error.status).toBe(404);
    const [market] = await pickMarkets(clientFor(t.conn), 1);
    const cancel = await clientFor(t.conn).cancelOrder(orderId, market!.ticker);
    expect(cancel.outcome).toBe('not_found');
  });
});
