// Shared set-up for REST tests: an engine with fixed clock, two registered users with real RSA keys, and
// a `call` helper that signs exactly like the daemon's client (src/adapters/kalshi/auth.ts).
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { authHeaders } from '../../../src/adapters/kalshi/auth';
import { createSimKeyRegistry } from '../../../src/sim/auth-verify';
import { createSimExchange, type SimExchangeOptions } from '../../../src/sim/engine';
import { createSimRestApp, type SimRestDeps } from '../../../src/sim/rest/app';

export const PREFIX = '/trade-api/v2';
export const T0 = Date.UTC(2026, 5, 1, 12);
export const TICKER = 'KXSIM-26DEC31-T50';

export interface TestUser {
  keyId: string;
  userId: string;
  privateKey: KeyObject;
  publicPem: string;
}

function makeUser(keyId: string, userId: string): TestUser {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    keyId,
    userId,
    privateKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

// Key generation is slow; one pair per user per test file is plenty.
export const alice = makeUser('key-alice-0001', 'alice');
export const bob = makeUser('key-bob-0002', 'bob');

export function makeRestFixture(
  opts: {
    limits?: SimRestDeps['limits'];
    exchange?: SimExchangeOptions;
    onRequest?: SimRestDeps['onRequest'];
  } = {},
) {
  let nowMs = T0;
  const now = () => nowMs;
  const exchange = createSimExchange({
    now,
    seed: 3,
    marketSpecs: [
      {
        ticker: TICKER,
        eventTicker: 'KXSIM-26DEC31',
        seriesTicker: 'KXSIM',
        priceLevelStructure: 'linear_cent',
      },
      {
        ticker: 'KXSIM-26DEC31-T60',
        eventTicker: 'KXSIM-26DEC31',
        seriesTicker: 'KXSIM',
        priceLevelStructure: 'deci_cent',
      },
    ],
    ...opts.exchange,
  });
  const keys = createSimKeyRegistry();
  for (const u of [alice, bob]) keys.register(u.keyId, u.publicPem, u.userId);
  const app = createSimRestApp({
    exchange,
    keys,
    now,
    limits: opts.limits ?? false,
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
  });

  /** One request; signs when `user` is given. `path` is relative to /trade-api/v2 and may carry a query. */
  async function call(
    user: TestUser | null,
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = { ...extraHeaders };
    if (user)
      Object.assign(
        headers,
        authHeaders({ keyId: user.keyId, privateKey: user.privateKey }, method, PREFIX + path, now),
      );
    if (body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await app.request(PREFIX + path, init);
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field in tests
    const json: any = text === '' ? null : JSON.parse(text);
    return { status: res.status, body: json, headers: res.headers };
  }

  return {
    exchange,
    keys,
    app,
    call,
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}
