import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { KalshiHttpError } from '../src/adapters/kalshi/errors';
import { KalshiWsError } from '../src/adapters/kalshi/ws-errors';
import { loadConfig } from '../src/config';
import { createLogger, redactSecrets } from '../src/logger';

/** An in-memory destination; pino writes synchronously to a plain stream, so no waiting is needed. */
function memory() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

const SECRETS = {
  keyId: 'KEYID-3f1c9a77-secret',
  privateKey: '-----BEGIN PRIVATE KEY-----\nMIIsecretkeybody\n-----END PRIVATE KEY-----',
  signature: 'c2lnbmF0dXJlLXNlY3JldA==',
  token: 'control-token-0123456789abcdef',
};

describe('createLogger redaction', () => {
  it('hides key id, private key, auth headers and control tokens, keeps the rest', () => {
    const out = memory();
    const log = createLogger({ level: 'info', pretty: false, destination: out.stream });
    log.info(
      {
        keyId: SECRETS.keyId,
        privateKey: SECRETS.privateKey,
        controlToken: SECRETS.token,
        headers: {
          'KALSHI-ACCESS-KEY': SECRETS.keyId,
          'KALSHI-ACCESS-SIGNATURE': SECRETS.signature,
          'KALSHI-ACCESS-TIMESTAMP': '1700000000000',
        },
        req: {
          method: 'GET',
          headers: { 'kalshi-access-signature': SECRETS.signature, authorization: SECRETS.token },
        },
        command: { type: 'kill_switch', token: SECRETS.token },
        ticker: 'KXBTC',
      },
      'request',
    );
    const text = out.text();
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text).not.toContain('secretkeybody');
    const [line] = out.lines();
    expect(line).toMatchObject({
      msg: 'request',
      keyId: '[Redacted]',
      privateKey: '[Redacted]',
      controlToken: '[Redacted]',
      headers: {
        'KALSHI-ACCESS-KEY': '[Redacted]',
        'KALSHI-ACCESS-SIGNATURE': '[Redacted]',
        'KALSHI-ACCESS-TIMESTAMP': '1700000000000',
      },
      req: {
        method: 'GET',
        headers: { 'kalshi-access-signature': '[Redacted]', authorization: '[Redacted]' },
      },
      command: { type: 'kill_switch', token: '[Redacted]' },
      ticker: 'KXBTC',
    });
  });

  it('redacts in child loggers, which carry their actor name', () => {
    const out = memory();
    const child = createLogger({ level: 'info', pretty: false, destination: out.stream }).child({
      actor: 'orderbook',
    });
    child.warn({ private_key: SECRETS.privateKey, signature: SECRETS.signature }, 'gap');
    expect(out.lines()[0]).toMatchObject({
      actor: 'orderbook',
      private_key: '[Redacted]',
      signature: '[Redacted]',
    });
  });

  it('logs a whole Config without its secrets', () => {
    const out = memory();
    const log = createLogger({ level: 'info', pretty: false, destination: out.stream });
    const config = loadConfig({ V3_CONTROL_TOKEN: SECRETS.token }, []);
    log.info({ config }, 'config');
    expect(out.text()).not.toContain(SECRETS.token);
    expect(out.lines()[0]).toMatchObject({ config: { server: { port: 8005 } } });
  });

  it('serialises errors under err and scrubs known secrets from message and stack', () => {
    const out = memory();
    const log = createLogger({
      level: 'info',
      pretty: false,
      destination: out.stream,
      secrets: [SECRETS.keyId],
    });
    log.error(
      { err: new Error(`auth failed for ${SECRETS.keyId} with ${SECRETS.privateKey}`) },
      'rest failed',
    );
    const [line] = out.lines();
    const err = line?.err as { type: string; message: string; stack: string };
    expect(err.type).toBe('Error');
    expect(err.message).toBe('auth failed for [Redacted] with [Redacted]');
    expect(err.stack).not.toContain(SECRETS.keyId);
    expect(out.text()).not.toContain('secretkeybody');
  });

  it('logs a string under err as scrubbed text instead of throwing', () => {
    const out = memory();
    const log = createLogger({
      level: 'info',
      pretty: false,
      destination: out.stream,
      secrets: [SECRETS.keyId],
    });
    expect(() => log.warn({ err: `lost ${SECRETS.keyId}` }, 'idle connection lost')).not.toThrow();
    expect(out.lines()[0]?.err).toBe('lost [Redacted]');
  });

  it('logs the exchange errors it handles without a stack, and bugs with one', () => {
    const out = memory();
    const log = createLogger({ level: 'info', pretty: false, destination: out.stream });
    const refused = new KalshiHttpError({ endpoint: 'GET /portfolio/balance', status: 503 });
    log.warn({ err: refused }, 'sync failed');
    log.warn(
      { err: new KalshiWsError('timeout', 'subscribe 3 got no answer in 10000 ms') },
      'not acknowledged',
    );
    log.error({ err: new TypeError('x is undefined') }, 'bug');
    const [http, ws, bug] = out
      .lines()
      .map((l) => l.err as { type: string; message: string; stack?: string });
    expect(http).toMatchObject({
      type: 'KalshiHttpError',
      message: 'GET /portfolio/balance failed with 503 http_503',
    });
    expect(http?.stack).toBeUndefined();
    expect(ws).toMatchObject({ type: 'KalshiWsError', message: 'subscribe 3 got no answer in 10000 ms' });
    expect(ws?.stack).toBeUndefined();
    expect(bug?.stack).toContain('TypeError: x is undefined');
  });

  it('respects the level', () => {
    const out = memory();
    const log = createLogger({ level: 'warn', pretty: false, destination: out.stream });
    log.info('hidden');
    log.warn('shown');
    expect(out.lines().map((l) => l.msg)).toEqual(['shown']);
  });

  it('writes human-readable lines when pretty, still redacted', () => {
    const out = memory();
    const log = createLogger({ level: 'info', pretty: true, destination: out.stream });
    log.info({ keyId: SECRETS.keyId }, 'hello pretty');
    const text = out.text();
    expect(text).toContain('INFO');
    expect(text).toContain('hello pretty');
    expect(text).toContain('[Redacted]');
    expect(text).not.toContain(SECRETS.keyId);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('defaults to JSON for a destination that is not a terminal', () => {
    const out = memory();
    createLogger({ level: 'info', destination: out.stream }).info('plain');
    expect(out.lines()[0]).toMatchObject({ msg: 'plain', level: 30 });
  });
});

describe('redactSecrets', () => {
  it('replaces each secret and any PEM private key block', () => {
    const text = `key ${SECRETS.keyId} sig ${SECRETS.signature} pem ${SECRETS.privateKey} end`;
    expect(redactSecrets(text, [SECRETS.keyId, SECRETS.signature])).toBe(
      'key [Redacted] sig [Redacted] pem [Redacted] end',
    );
  });

  it('handles escaped PEMs, overlapping secrets, and ignores empty or tiny ones', () => {
    const escaped = SECRETS.privateKey.replace(/\n/g, '\\n');
    expect(redactSecrets(`x ${escaped} y`)).toBe('x [Redacted] y');
    expect(redactSecrets('abcdefgh', ['abcd', 'abcdefgh'])).toBe('[Redacted]');
    expect(redactSecrets('a b', ['', 'a', undefined])).toBe('a b');
  });
});
