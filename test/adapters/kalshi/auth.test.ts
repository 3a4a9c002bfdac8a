import { constants, generateKeyPairSync, type KeyObject, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authHeaders, loadPrivateKey, signingPath } from '../../../src/adapters/kalshi/auth';
import { HEADER_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../../src/adapters/kalshi/constants';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const NOW = 1_703_123_456_789;

/** Kalshi's verifier: salt length exactly 32 (the digest length), not "auto". */
function verifyStrict(message: string, signatureB64: string, key: KeyObject = publicKey): boolean {
  return verify(
    'sha256',
    Buffer.from(message),
    {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    },
    Buffer.from(signatureB64, 'base64'),
  );
}

describe('signingPath', () => {
  it('drops the query and fragment and keeps the API prefix', () => {
    expect(signingPath('/trade-api/v2/portfolio/orders?limit=5')).toBe('/trade-api/v2/portfolio/orders');
    expect(signingPath('https://x.example/trade-api/v2/markets/A#frag')).toBe('/trade-api/v2/markets/A');
    expect(signingPath('ws://127.0.0.1:9/trade-api/ws/v2')).toBe('/trade-api/ws/v2');
  });
});

describe('authHeaders', () => {
  const creds = { keyId: 'key-123', privateKey: loadPrivateKey({ pem: pkcs1 }) };

  it('uses the injected clock for a deterministic timestamp header', () => {
    const headers = authHeaders(creds, 'get', '/trade-api/v2/portfolio/orders', () => NOW);
    expect(headers[HEADER_KEY]).toBe('key-123');
    expect(headers[HEADER_TIMESTAMP]).toBe('1703123456789');
  });

  it('signs timestamp + METHOD + path (query excluded) with RSA-PSS salt 32', () => {
    const headers = authHeaders(creds, 'get', '/trade-api/v2/portfolio/orders?limit=5', () => NOW);
    const signature = headers[HEADER_SIGNATURE];
    expect(verifyStrict('1703123456789GET/trade-api/v2/portfolio/orders', signature)).toBe(true);
    expect(verifyStrict('1703123456789GET/trade-api/v2/portfolio/orders?limit=5', signature)).toBe(false);
    expect(verifyStrict('1703123456789get/trade-api/v2/portfolio/orders', signature)).toBe(false);
  });

  it('signs the pathname of a full URL', () => {
    const url = 'http://127.0.0.1:1/trade-api/v2/markets/KX-1/orderbook?depth=3';
    const headers = authHeaders(creds, 'GET', url, () => NOW);
    expect(verifyStrict(`${NOW}GET/trade-api/v2/markets/KX-1/orderbook`, headers[HEADER_SIGNATURE])).toBe(
      true,
    );
  });

  it('fails strict verification under a different key', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const headers = authHeaders(creds, 'GET', '/trade-api/v2/x', () => NOW);
    expect(verifyStrict(`${NOW}GET/trade-api/v2/x`, headers[HEADER_SIGNATURE], other)).toBe(false);
  });
});

describe('loadPrivateKey', () => {
  const message = `${NOW}POST/trade-api/v2/portfolio/events/orders`;
  const signWith = (pem: string) =>
    authHeaders(
      { keyId: 'k', privateKey: loadPrivateKey({ pem }) },
      'POST',
      '/trade-api/v2/portfolio/events/orders',
      () => NOW,
    );

  it('reads PKCS#1 ("RSA PRIVATE KEY") PEMs', () => {
    expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
    expect(verifyStrict(message, signWith(pkcs1)[HEADER_SIGNATURE])).toBe(true);
  });

  it('reads PKCS#8 ("PRIVATE KEY") PEMs', () => {
    expect(pkcs8).toContain('BEGIN PRIVATE KEY');
    expect(verifyStrict(message, signWith(pkcs8)[HEADER_SIGNATURE])).toBe(true);
  });

  it('reads a PEM whose newlines arrive as literal \\n (env vars)', () => {
    const escaped = pkcs8.replace(/\n/g, '\\n');
    expect(escaped).not.toContain('\n');
    expect(verifyStrict(message, signWith(escaped)[HEADER_SIGNATURE])).toBe(true);
  });

  it('rejects junk and non-RSA keys without echoing key material', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    for (const pem of ['-----BEGIN PRIVATE KEY-----\nSECRETSTUFF\n-----END PRIVATE KEY-----', ec]) {
      let message = '';
      try {
        loadPrivateKey({ pem });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/not a readable RSA PEM/);
      expect(message).not.toContain('SECRETSTUFF');
      expect(message).not.toContain('BEGIN');
    }
  });
});
