import { constants, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authHeaders } from '../../src/adapters/kalshi/auth';
import { createSimKeyRegistry, verifyKalshiRequest } from '../../src/sim/auth-verify';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const NOW = 1_780_000_000_000;
const now = () => NOW;
const PATH = '/trade-api/v2/portfolio/orders';

function registry() {
  const keys = createSimKeyRegistry();
  keys.register('key-1', pem, 'user-1');
  return keys;
}
const signed = (path = PATH, clock = now) => authHeaders({ keyId: 'key-1', privateKey }, 'GET', path, clock);

describe('verifyKalshiRequest', () => {
  it('accepts a digest-salt signature and maps the key to its user', () => {
    expect(verifyKalshiRequest(registry(), signed(), 'GET', PATH, now)).toEqual({
      ok: true,
      userId: 'user-1',
    });
  });

  it('ignores the query string on both sides', () => {
    const headers = signed(`${PATH}?limit=5`);
    expect(verifyKalshiRequest(registry(), headers, 'GET', `${PATH}?limit=5&cursor=x`, now).ok).toBe(true);
  });

  it('accepts a max-length salt (Node without saltLength), as Kalshi production does', () => {
    const ts = String(NOW);
    const signature = sign('sha256', Buffer.from(`${ts}GET${PATH}`), {
      key: privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
    }).toString('base64');
    const headers = {
      'KALSHI-ACCESS-KEY': 'key-1',
      'KALSHI-ACCESS-TIMESTAMP': ts,
      'KALSHI-ACCESS-SIGNATURE': signature,
    };
    expect(verifyKalshiRequest(registry(), headers, 'GET', PATH, now).ok).toBe(true);
  });

  it('strictSalt accepts the digest salt only, refusing the max-length one as a bad signature', () => {
    const ts = String(NOW);
    const maxSalt = {
      'KALSHI-ACCESS-KEY': 'key-1',
      'KALSHI-ACCESS-TIMESTAMP': ts,
      'KALSHI-ACCESS-SIGNATURE': sign('sha256', Buffer.from(`${ts}GET${PATH}`), {
        key: privateKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
      }).toString('base64'),
    };
    const strict = { strictSalt: true };
    expect(verifyKalshiRequest(registry(), maxSalt, 'GET', PATH, now, strict)).toMatchObject({
      ok: false,
      kind: 'bad_signature',
    });
    expect(verifyKalshiRequest(registry(), signed(), 'GET', PATH, now, strict).ok).toBe(true);
  });

  it('reads node-style lower-case header records and fetch Headers alike', () => {
    const lower = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verifyKalshiRequest(registry(), lower, 'GET', PATH, now).ok).toBe(true);
    expect(verifyKalshiRequest(registry(), new Headers(signed()), 'GET', PATH, now).ok).toBe(true);
  });

  it('classifies failures and never echoes key material', () => {
    const keys = registry();
    const cases: Array<[string, ReturnType<typeof verifyKalshiRequest>]> = [
      ['missing_headers', verifyKalshiRequest(keys, {}, 'GET', PATH, now)],
      [
        'unknown_key',
        verifyKalshiRequest(keys, { ...signed(), 'KALSHI-ACCESS-KEY': 'other' }, 'GET', PATH, now),
      ],
      [
        'bad_timestamp',
        verifyKalshiRequest(keys, { ...signed(), 'KALSHI-ACCESS-TIMESTAMP': 'soon' }, 'GET', PATH, now),
      ],
      [
        'stale_timestamp',
        verifyKalshiRequest(
          keys,
          signed(PATH, () => NOW - 60_000),
          'GET',
          PATH,
          now,
        ),
      ],
      ['bad_signature', verifyKalshiRequest(keys, signed(), 'POST', PATH, now)],
      ['bad_signature', verifyKalshiRequest(keys, signed(), 'GET', '/trade-api/v2/portfolio/fills', now)],
    ];
    for (const [kind, result] of cases) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.kind).toBe(kind);
      expect(result.reason).toMatch(/^rpc error: code = Unauthenticated desc = [A-Z_]+$/);
      expect(result.reason).not.toContain('key-1');
    }
    expect(
      verifyKalshiRequest(
        keys,
        signed(PATH, () => NOW - 60_000),
        'GET',
        PATH,
        now,
        { maxSkewMs: 120_000 },
      ).ok,
    ).toBe(true);
  });
});
