// What the daemon says about itself over its HTTP API: its state, markets, open orders, positions and
// books. The chaos suite only ever compares these with the simulator's records.
import type { DaemonView } from './chaos-checks';

const TIMEOUT_MS = 5_000;

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok && res.status !== 404) throw new Error(`GET ${new URL(url).pathname} answered ${res.status}`);
  return (res.status === 404 ? null : await res.json()) as T;
}

/** The public state, `acting` read as what it runs over (`ready`, or `degraded` when the feed is down). */
export async function readState(daemonUrl: string): Promise<string> {
  const { state, degraded } = await json<{ state: string; degraded: boolean }>(`${daemonUrl}/v3/status`);
  return state === 'acting' ? (degraded ? 'degraded' : 'ready') : state;
}

/** The markets the daemon follows now (a recovery runs discovery again, which may pick others). */
export async function readMarkets(daemonUrl: string): Promise<string[]> {
  return (await json<{ markets: string[] }>(`${daemonUrl}/v3/status`)).markets;
}

/** Orders, positions and the books of `tickers`. */
export async function readDaemonView(daemonUrl: string, tickers: readonly string[]): Promise<DaemonView> {
  const [orders, positions, ...books] = await Promise.all([
    json<{ orders: DaemonView['orders'] }>(`${daemonUrl}/v3/orders`),
    json<{ positions: DaemonView['positions'] }>(`${daemonUrl}/v3/positions`),
    ...tickers.map((t) =>
      json<DaemonView['books'][string]>(`${daemonUrl}/v3/orderbook/${encodeURIComponent(t)}`),
    ),
  ]);
  return {
    orders: orders.orders,
    positions: positions.positions,
    books: Object.fromEntries(tickers.map((t, i) => [t, books[i] ?? null])),
  };
}
