// Test helper: a whole simulator on 127.0.0.1:0 with one registered user, signed REST calls (digest salt,
// like the daemon, or Node's default max salt), the admin API, and a signed WS client.
import { constants, sign } from 'node:crypto';
import { authHeaders } from '../../src/adapters/kalshi/auth';
import { type SimulatorHandle, type SimulatorOptions, startSimulator } from '../../src/sim/server';
import { connect, type Frame, type TestClient, type TestKey } from './ws/ws-client';

export const USER = 'tester';

export type Salt = 'digest' | 'max';

export interface SimRig {
  sim: SimulatorHandle;
  tickers: string[];
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Frame }>;
  /** A signed request to a /trade-api/v2 path; `salt: 'max'` signs the way Node does without saltLength. */
  rest(
    method: string,
    path: string,
    body?: unknown,
    salt?: Salt,
  ): Promise<{ status: number; body: Frame | null }>;
  ws(): Promise<TestClient>;
}

/** The three Kalshi headers with a PSS salt of the given length. */
export function signedHeaders(
  key: TestKey,
  method: string,
  path: string,
  salt: Salt,
): Record<string, string> {
  if (salt === 'digest') return authHeaders(key.creds, method, path, Date.now);
  const timestamp = String(Date.now());
  const signature = sign('sha256', Buffer.from(timestamp + method + path), {
    key: key.creds.privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
  }).toString('base64');
  return {
    'KALSHI-ACCESS-KEY': key.keyId,
    'KALSHI-ACCESS-TIMESTAMP': timestamp,
    'KALSHI-ACCESS-SIGNATURE': signature,
  };
}

export async function startRig(key: TestKey, opts: SimulatorOptions = {}): Promise<SimRig> {
  const sim = await startSimulator({
    port: 0,
    markets: 2,
    seed: 4,
    flowRunning: false,
    keys: [{ keyId: key.keyId, publicKeyPem: key.publicKeyPem, userId: USER }],
    ...opts,
  });
  const json = async (res: Response) => {
    const text = await res.text();
    return text === '' ? null : (JSON.parse(text) as Frame);
  };
  return {
    sim,
    tickers: sim.exchange.listMarkets().map((m) => m.ticker),
    async admin(method, path, body) {
      const res = await fetch(`${sim.url}/sim/${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await json(res)) as Frame };
    },
    async rest(method, path, body, salt = 'digest') {
      const full = `/trade-api/v2${path}`;
      const headers: Record<string, string> = signedHeaders(key, method, full.split('?')[0] as string, salt);
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${sim.url}${full}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await json(res) };
    },
    ws: () => connect(sim.wsUrl, key),
  };
}

/** A V2 limit order body (price and count in Kalshi's fixed-point strings). */
export const orderBody = (ticker: string, side: 'bid' | 'ask', price: string, clientOrderId: string) => ({
  ticker,
  side,
  price,
  count: '1.00',
  client_order_id: clientOrderId,
  time_in_force: 'good_till_canceled',
  self_trade_prevention_type: 'taker_at_cross',
});
