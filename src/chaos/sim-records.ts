// What the simulator says happened, the chaos suite's only source of truth: its admin API (faults,
// flow, one-shot WS errors) and its REST views of the daemon's own account (orders, positions, books),
// read with the daemon's key as any Kalshi client would.
import { authHeaders, loadPrivateKey } from '../adapters/kalshi/auth';
import type { SimBook, SimOrderRecord, SimPositionRecord } from './chaos-checks';

export interface SimRecords {
  /** Every order of the account (any status), oldest first. */
  orders: SimOrderRecord[];
  positions: SimPositionRecord[];
  books: Record<string, SimBook>;
}

export interface SimAdmin {
  faults(patch: Record<string, unknown> | null): Promise<void>;
  flow(running: boolean): Promise<void>;
  wsError(code: 10 | 25): Promise<void>;
  /** The daemon's account as the exchange holds it, and the books of `tickers`. */
  records(tickers: readonly string[]): Promise<SimRecords>;
}

const TIMEOUT_MS = 10_000;

async function call(url: string, method: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await res.text();
  if (!res.ok)
    throw new Error(`${method} ${new URL(url).pathname} answered ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

export function simAdmin(opts: {
  url: string;
  restUrl: string;
  keyId: string;
  privateKeyPath: string;
}): SimAdmin {
  const creds = { keyId: opts.keyId, privateKey: loadPrivateKey({ path: opts.privateKeyPath }) };
  const signed = async (path: string) => {
    const url = `${opts.restUrl}${path}`;
    const res = await fetch(url, {
      headers: authHeaders(creds, 'GET', new URL(url).pathname, Date.now),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const allOrders = async () => {
    const orders: SimOrderRecord[] = [];
    for (let cursor = ''; ; ) {
      const page = await signed(`/portfolio/orders?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
      orders.push(...(page.orders as SimOrderRecord[]));
      cursor = String(page.cursor ?? '');
      if (cursor === '') return orders.sort((a, b) => a.created_time.localeCompare(b.created_time));
    }
  };
  return {
    async faults(patch) {
      await call(`${opts.url}/sim/faults`, patch === null ? 'DELETE' : 'POST', patch ?? undefined);
    },
    async flow(running) {
      await call(`${opts.url}/sim/flow`, 'POST', { running });
    },
    async wsError(code) {
      await call(`${opts.url}/sim/ws/error`, 'POST', { code });
    },
    async records(tickers) {
      const [orders, positions, ...books] = await Promise.all([
        allOrders(),
        signed('/portfolio/positions?limit=1000').then((p) => p.market_positions as SimPositionRecord[]),
        ...tickers.map((t) =>
          signed(`/markets/${encodeURIComponent(t)}/orderbook`).then((b) => b.orderbook_fp as SimBook),
        ),
      ]);
      return {
        orders,
        positions,
        books: Object.fromEntries(tickers.map((t, i) => [t, books[i] as SimBook])),
      };
    },
  };
}
