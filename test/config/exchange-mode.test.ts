import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KALSHI_ENVIRONMENTS } from '../../src/adapters/kalshi/constants';
import type { ReadFile } from '../../src/config';
import { ConfigError, formatConfigForLog, loadConfig } from '../../src/config';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PKCS1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString().trim();
const PKCS8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();
const ESCAPED = PKCS8.replace(/\n/g, '\\n');
const KEY_ID = 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c';
/** A distinctive line of the key body, to prove it never reaches a message. */
const KEY_BODY_LINE = PKCS1.split('\n')[3] as string;

const noFile: ReadFile = () => {
  throw new Error('no file expected');
};
const load = (env: Record<string, string>, readFile: ReadFile = noFile) => loadConfig(env, [], { readFile });

function errorOf(env: Record<string, string>, readFile: ReadFile = noFile): ConfigError {
  try {
    load(env, readFile);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('exchange mode detection', () => {
  it('uses the simulator with no credentials and no URLs', () => {
    expect(load({}).exchange).toEqual({ mode: 'simulator' });
  });

  it('fills both URLs from KALSHI_ENV', () => {
    const ex = load({
      KALSHI_ENV: 'demo',
      KALSHI_API_KEY_ID: KEY_ID,
      KALSHI_PRIVATE_KEY_CONTENT: PKCS1,
    }).exchange;
    expect(ex).toEqual({
      mode: 'exchange',
      env: 'demo',
      apiUrl: KALSHI_ENVIRONMENTS.demo.apiUrl,
      wsUrl: KALSHI_ENVIRONMENTS.demo.wsUrl,
      keyId: KEY_ID,
      privateKeyPem: PKCS1,
    });
  });

  it('lets an explicit URL win over KALSHI_ENV and drops a trailing slash', () => {
    const ex = load({
      KALSHI_ENV: 'prod',
      KALSHI_API_URL: 'http://127.0.0.1:9000/trade-api/v2/',
      KALSHI_API_KEY_ID: KEY_ID,
      KALSHI_PRIVATE_KEY_CONTENT: PKCS8,
    }).exchange;
    expect(ex.apiUrl).toBe('http://127.0.0.1:9000/trade-api/v2');
    expect(ex.wsUrl).toBe(KALSHI_ENVIRONMENTS.prod.wsUrl);
  });

  it('accepts both URLs without KALSHI_ENV', () => {
    const ex = load({
      KALSHI_API_URL: 'https://h.example/trade-api/v2',
      KALSHI_WS_URL: 'wss://h.example/trade-api/ws/v2',
      KALSHI_API_KEY_ID: KEY_ID,
      KALSHI_PRIVATE_KEY_CONTENT: PKCS8,
    }).exchange;
    expect(ex).toMatchObject({ mode: 'exchange', apiUrl: 'https://h.example/trade-api/v2' });
    expect(ex.env).toBeUndefined();
  });

  it.each([
    [{ KALSHI_API_URL: 'https://h.example/trade-api/v2' }, 'KALSHI_API_URL is set'],
    [{ KALSHI_WS_URL: 'wss://h.example/trade-api/ws/v2' }, 'KALSHI_WS_URL is set'],
    [{ KALSHI_ENV: 'prod' }, 'KALSHI_ENV is set'],
    [{ KALSHI_PRIVATE_KEY_CONTENT: PKCS1 }, 'a private key is set'],
  ])('refuses a target or key without a key id: %#', (env, why) => {
    const err = errorOf(env);
    expect(err.source).toBe('KALSHI_API_KEY_ID');
    expect(err.message).toBe(
      `config: KALSHI_API_KEY_ID: required because ${why} (unset the Kalshi variables to use the simulator)`,
    );
  });

  it('refuses a key id without a private key', () => {
    expect(errorOf({ KALSHI_ENV: 'demo', KALSHI_API_KEY_ID: KEY_ID }).source).toBe(
      'KALSHI_PRIVATE_KEY_CONTENT',
    );
  });

  it('refuses credentials without a named exchange instead of defaulting', () => {
    const err = errorOf({ KALSHI_API_KEY_ID: KEY_ID, KALSHI_PRIVATE_KEY_CONTENT: PKCS1 });
    expect(err.source).toBe('KALSHI_ENV');
    expect(err.message).toContain('KALSHI_ENV=demo');
    expect(err.message).not.toMatch(/[\r\n]/);
  });

  it('refuses one URL without the other', () => {
    const creds = { KALSHI_API_KEY_ID: KEY_ID, KALSHI_PRIVATE_KEY_CONTENT: PKCS1 };
    expect(errorOf({ ...creds, KALSHI_API_URL: 'https://h.example/trade-api/v2' }).source).toBe(
      'KALSHI_WS_URL',
    );
    expect(errorOf({ ...creds, KALSHI_WS_URL: 'wss://h.example/trade-api/ws/v2' }).source).toBe(
      'KALSHI_API_URL',
    );
  });

  it('refuses both key content and key path', () => {
    const env = { KALSHI_ENV: 'demo', KALSHI_API_KEY_ID: KEY_ID, KALSHI_PRIVATE_KEY_CONTENT: PKCS1 };
    expect(errorOf({ ...env, KALSHI_PRIVATE_KEY_PATH: '/k.pem' }).source).toBe('KALSHI_PRIVATE_KEY_PATH');
  });
});

describe('private key content', () => {
  const base = { KALSHI_ENV: 'demo', KALSHI_API_KEY_ID: KEY_ID };

  it('turns literal \\n escapes back into newlines', () => {
    expect(ESCAPED).not.toContain('\n');
    expect(load({ ...base, KALSHI_PRIVATE_KEY_CONTENT: ESCAPED }).exchange.privateKeyPem).toBe(PKCS8);
  });

  it('refuses a non-key without echoing it', () => {
    const err = errorOf({ ...base, KALSHI_PRIVATE_KEY_CONTENT: 'hunter2-not-a-pem' });
    expect(err.message).toBe(
      'config: KALSHI_PRIVATE_KEY_CONTENT: expected an RSA private key in PEM form (PKCS#1 or PKCS#8)',
    );
  });

  it('refuses a non-RSA key without echoing it', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    const err = errorOf({ ...base, KALSHI_PRIVATE_KEY_CONTENT: ec.toString() });
    expect(err.source).toBe('KALSHI_PRIVATE_KEY_CONTENT');
    expect(err.message).not.toContain('PRIVATE KEY-----');
  });
});

describe('private key file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'config-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = { KALSHI_ENV: 'demo', KALSHI_API_KEY_ID: KEY_ID };

  it('reads a PEM file from disk', () => {
    const path = join(dir, 'good.pem');
    writeFileSync(path, `${PKCS1}\n`);
    const c = loadConfig({ ...base, KALSHI_PRIVATE_KEY_PATH: path }, []);
    expect(c.exchange.privateKeyPem).toBe(PKCS1);
  });

  it('names a missing file by path', () => {
    const path = join(dir, 'missing.pem');
    const err = (() => {
      try {
        loadConfig({ ...base, KALSHI_PRIVATE_KEY_PATH: path }, []);
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err?.message).toBe(`config: KALSHI_PRIVATE_KEY_PATH: file not found: ${JSON.stringify(path)}`);
  });

  it.each([
    ['EACCES', 'file is not readable'],
    ['EPERM', 'file is not readable'],
    ['EISDIR', 'is a directory, not a key file'],
    ['EIO', 'cannot read'],
  ])('classifies %s', (code, reason) => {
    const readFile: ReadFile = () => {
      throw Object.assign(new Error(`${code}: contents ${KEY_BODY_LINE}`), { code });
    };
    const err = errorOf({ ...base, KALSHI_PRIVATE_KEY_PATH: '/keys/k.pem' }, readFile);
    expect(err.message).toContain(`config: KALSHI_PRIVATE_KEY_PATH: ${reason}`);
    expect(err.message).toContain('"/keys/k.pem"');
    expect(err.message).not.toContain(KEY_BODY_LINE);
  });

  it('never prints the content of a file that is not a valid key', () => {
    // A truncated key: looks like a PEM, holds key material, but does not load.
    const broken = PKCS1.split('\n').slice(0, 6).join('\n');
    const err = errorOf({ ...base, KALSHI_PRIVATE_KEY_PATH: '/keys/broken.pem' }, () => broken);
    expect(err.message).toBe(
      'config: KALSHI_PRIVATE_KEY_PATH: expected an RSA private key in PEM form (PKCS#1 or PKCS#8) in "/keys/broken.pem"',
    );
    expect(err.message).not.toContain(KEY_BODY_LINE);
    expect(err.message).not.toContain('BEGIN');
  });
});

describe('exchange secrets in logs', () => {
  it('formatConfigForLog and JSON.stringify hide the key id and the key', () => {
    const c = load({ KALSHI_ENV: 'demo', KALSHI_API_KEY_ID: KEY_ID, KALSHI_PRIVATE_KEY_CONTENT: PKCS1 });
    expect(formatConfigForLog(c).exchange).toMatchObject({
      keyId: '[Redacted]',
      privateKeyPem: '[Redacted]',
    });
    for (const text of [
      JSON.stringify(c),
      JSON.stringify(c.exchange),
      JSON.stringify(formatConfigForLog(c)),
    ]) {
      expect(text).not.toContain(KEY_ID);
      expect(text).not.toContain(KEY_BODY_LINE);
    }
    expect(c.exchange.keyId).toBe(KEY_ID);
  });
});
