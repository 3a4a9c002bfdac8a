import { describe, expect, it } from 'vitest';
import { alice, makeRestFixture, PREFIX } from './rest-fixture';

describe('REST authentication', () => {
  it('requires signed headers on portfolio and account routes', async () => {
    const { call } = makeRestFixture();
    for (const path of ['/portfolio/balance', '/portfolio/orders', '/account/limits']) {
      const res = await call(null, 'GET', path);
      expect(res.status, path).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'authentication_error', message: 'authentication_error' });
    }
    expect((await call(alice, 'GET', '/portfolio/balance')).status).toBe(200);
  });

  it('answers a bad signature with the observed 401 body', async () => {
    const { app } = makeRestFixture();
    const res = await app.request(`${PREFIX}/portfolio/balance`, {
      headers: {
        'KALSHI-ACCESS-KEY': alice.keyId,
        'KALSHI-ACCESS-TIMESTAMP': String(Date.UTC(2026, 5, 1, 12)),
        'KALSHI-ACCESS-SIGNATURE': Buffer.from('not a signature').toString('base64'),
      },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: {
        code: 'authentication_error',
        message: 'authentication_error',
        details: 'rpc error: code = Unauthenticated desc = INCORRECT_API_KEY_SIGNATURE',
      },
    });
  });

  it('varies the details for missing headers, unknown keys and stale timestamps', async () => {
    const { call, app } = makeRestFixture();
    const missing = await call(null, 'GET', '/portfolio/balance');
    expect(missing.body.error.details).toContain('MISSING');
    const unknown = await call({ ...alice, keyId: 'nobody' }, 'GET', '/portfolio/balance');
    expect(unknown.body.error.details).toContain('INVALID_API_KEY');
    // A timestamp from 1970 is far outside the skew window.
    const stale = await app.request(`${PREFIX}/portfolio/balance`, {
      headers: {
        'KALSHI-ACCESS-KEY': alice.keyId,
        'KALSHI-ACCESS-TIMESTAMP': '1000',
        'KALSHI-ACCESS-SIGNATURE': 'AAAA',
      },
    });
    expect(stale.status).toBe(401);
    expect((await stale.json()).error.details).toContain('TIMESTAMP');
  });

  it('signs the path without the query string', async () => {
    const { call } = makeRestFixture();
    expect((await call(alice, 'GET', '/portfolio/orders?limit=2&status=resting')).status).toBe(200);
  });
});
