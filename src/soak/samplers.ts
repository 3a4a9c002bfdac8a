// Reads the daemon's own figures during a soak: memory and event-loop lag from its Prometheus /metrics
// (prom-client resets the lag histogram at every scrape, so p99 is over the last interval), its state
// from /v3/status, and what the embedded simulator holds from /sim/state.

export interface DaemonReading {
  rssBytes: number;
  heapUsedBytes: number;
  /** Heap in use after the last major GC (0 before the first): the leak signal. */
  heapLiveBytes: number;
  /** Major GCs so far: a new one means a fresh live-heap reading. */
  majorGcs: number;
  /** p99 event-loop lag over the interval since the last scrape, in ms. */
  lagP99Ms: number;
  /** Exchange WS frames the daemon has received so far. */
  exchangeFrames: number;
  state: string;
}

/** Sum of the series of `name` in Prometheus text whose labels contain `label` (all when absent); NaN if none. */
export function metricValue(text: string, name: string, label?: string): number {
  let total = Number.NaN;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || (line[name.length] !== ' ' && line[name.length] !== '{')) continue;
    if (label !== undefined && !line.slice(name.length, line.lastIndexOf(' ')).includes(label)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total = (Number.isNaN(total) ? 0 : total) + value;
  }
  return total;
}

async function text(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return res.text();
}

export async function readDaemon(daemonUrl: string): Promise<DaemonReading> {
  const [metrics, status] = await Promise.all([
    text(`${daemonUrl}/metrics`),
    text(`${daemonUrl}/v3/status`).then((body) => JSON.parse(body) as { state?: string }),
  ]);
  const value = (name: string, label?: string) => {
    const v = metricValue(metrics, name, label);
    return Number.isNaN(v) ? 0 : v;
  };
  return {
    rssBytes: value('process_resident_memory_bytes'),
    heapUsedBytes: value('nodejs_heap_size_used_bytes'),
    heapLiveBytes: value('kalshi_trader_heap_live_bytes'),
    majorGcs: value('nodejs_gc_duration_seconds_count', 'kind="major"'),
    lagP99Ms: value('nodejs_eventloop_lag_p99_seconds') * 1_000,
    exchangeFrames: value('kalshi_trader_ws_messages_total'),
    state: status.state ?? 'unknown',
  };
}

export interface SimReading {
  retention: Record<string, number>;
  ws: Record<string, number>;
}

/** Everything the simulator's engine retains, as one number. */
export const retainedRecords = (r: SimReading): number =>
  (r.retention.orders ?? 0) +
  (r.retention.clientOrderIds ?? 0) +
  (r.retention.historyOrders ?? 0) +
  (r.retention.historyFills ?? 0);

export async function readSimulator(simUrl: string): Promise<SimReading> {
  const state = JSON.parse(await text(`${simUrl}/sim/state`)) as { memory?: Partial<SimReading> };
  return { retention: state.memory?.retention ?? {}, ws: state.memory?.ws ?? {} };
}

/** The markets the daemon follows, for the crowd to subscribe to. */
export async function readMarkets(daemonUrl: string): Promise<string[]> {
  const status = JSON.parse(await text(`${daemonUrl}/v3/status`)) as { markets?: unknown };
  return Array.isArray(status.markets)
    ? status.markets.filter((m): m is string => typeof m === 'string')
    : [];
}
