// The daemon's Prometheus registry: Node defaults (event-loop lag included) plus typed named metrics.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { TRADER_STATES, type TraderState } from './views';

const P = 'kalshi_trader_';
/** Exchange round trips: most under 250 ms, timeouts at tens of seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface DaemonMetrics {
  registry: Registry;
  /** 1 for the current state, 0 for the others. */
  state: Gauge<'state'>;
  setState(state: TraderState): void;
  transitions: Counter<'from' | 'to'>;
  /** Exchange WS frames received, by Kalshi message type. */
  wsMessages: Counter<'type'>;
  orderbookGaps: Counter;
  orderbookResyncs: Counter;
  orderbookDuplicates: Counter;
  orderbookMalformed: Counter;
  /** `endpoint` is the path template (`/portfolio/orders/{id}`), never a concrete id: bounded labels. */
  restRequests: Counter<'endpoint' | 'method' | 'status'>;
  restDuration: Histogram<'endpoint' | 'method'>;
  rateLimitWaits: Counter<'bucket'>;
  rateLimitWaitSeconds: Counter<'bucket'>;
  /** accepted, rejected, unknown, canceled, filled, ... */
  orderOutcomes: Counter<'outcome'>;
  /** Strategy intents dropped before they were sent: `stale`, `superseded`, `paused`. */
  intentsDropped: Counter<'reason'>;
  syncDuration: Histogram<'result'>;
  consoleClients: Gauge;
  consoleSlowClientDrops: Counter;
  consoleBadFrames: Counter<'code'>;
  consoleRefusedUpgrades: Counter<'reason'>;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): DaemonMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const state = new Gauge({
    name: `${P}state`,
    help: 'Current trader state (1 = current)',
    labelNames: ['state'] as const,
    registers,
  });
  // Every state is exported from the start so dashboards see zeros, not gaps.
  for (const s of TRADER_STATES) state.set({ state: s }, 0);
  const counter = <L extends string = string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name: `${P}${name}`, help, labelNames, registers });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Histogram<L>({ name: `${P}${name}`, help, labelNames, buckets: LATENCY_BUCKETS, registers });

  return {
    registry,
    state,
    setState(current) {
      for (const s of TRADER_STATES) state.set({ state: s }, s === current ? 1 : 0);
    },
    transitions: counter('transitions_total', 'State transitions', ['from', 'to'] as const),
    wsMessages: counter('ws_messages_total', 'Exchange WebSocket messages received by type', [
      'type',
    ] as const),
    orderbookGaps: counter('orderbook_gaps_total', 'Orderbook sequence gaps detected'),
    orderbookResyncs: counter('orderbook_resyncs_total', 'Orderbook resyncs requested'),
    orderbookDuplicates: counter('orderbook_duplicates_total', 'Orderbook messages dropped as duplicates'),
    orderbookMalformed: counter('orderbook_malformed_total', 'Orderbook frames dropped as malformed'),
    restRequests: counter('rest_requests_total', 'Exchange REST requests by endpoint and status', [
      'endpoint',
      'method',
      'status',
    ] as const),
    restDuration: histogram('rest_request_duration_seconds', 'Exchange REST request duration', [
      'endpoint',
      'method',
    ] as const),
    rateLimitWaits: counter('rate_limit_waits_total', 'Requests delayed by the rate limiter', [
      'bucket',
    ] as const),
    rateLimitWaitSeconds: counter(
      'rate_limit_wait_seconds_total',
      'Time spent waiting for rate-limit tokens',
      ['bucket'] as const,
    ),
    orderOutcomes: counter('order_outcomes_total', 'Order request outcomes', ['outcome'] as const),
    intentsDropped: counter('intents_dropped_total', 'Strategy intents dropped before they were sent', [
      'reason',
    ] as const),
    syncDuration: histogram('sync_duration_seconds', 'REST reconciliation duration', ['result'] as const),
    consoleClients: new Gauge({ name: `${P}console_clients`, help: 'Connected /v3/ws clients', registers }),
    consoleSlowClientDrops: counter('console_slow_client_drops_total', '/v3/ws clients dropped as too slow'),
    consoleBadFrames: counter('console_bad_frames_total', '/v3/ws client frames refused', ['code'] as const),
    consoleRefusedUpgrades: counter('console_refused_upgrades_total', '/v3/ws upgrades refused', [
      'reason',
    ] as const),
  };
}
