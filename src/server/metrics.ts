// The daemon's Prometheus registry: Node defaults (event-loop lag included) plus typed named metrics.
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
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
  /** Frames on a sid our own subscriptions do not hold (or that does not own the frame's market). */
  orderbookForeign: Counter;
  /** Orderbook frames for markets the daemon never subscribed. */
  orderbookUnsubscribed: Counter;
  /** Books the REST audit found different from the exchange on two fetches (then resnapshotted). */
  bookAuditMismatches: Counter;
  /** `endpoint` is the path template (`/portfolio/orders/{id}`), never a concrete id: bounded labels. */
  restRequests: Counter<'endpoint' | 'method' | 'status'>;
  restDuration: Histogram<'endpoint' | 'method'>;
  /** 2xx answers whose body the schema refused (they also count under their status in restRequests). */
  restInvalidBodies: Counter<'endpoint' | 'method'>;
  rateLimitWaits: Counter<'bucket'>;
  rateLimitWaitSeconds: Counter<'bucket'>;
  /** accepted, rejected, unknown, canceled, filled, ... */
  orderOutcomes: Counter<'outcome'>;
  /** Strategy intents dropped before they were sent: `stale`, `superseded`, `paused`, `stopped`. */
  intentsDropped: Counter<'reason'>;
  syncDuration: Histogram<'result'>;
  consoleClients: Gauge;
  consoleSlowClientDrops: Counter;
  /** Book frames skipped for `orderbook_delta` clients that were behind (each later resynced by a snapshot). */
  consoleDeltaSkips: Counter;
  consoleBadFrames: Counter<'code'>;
  consoleRefusedUpgrades: Counter<'reason'>;
  /**
   * Clients closed to make room at the cap; `reason` is why that one (`abandoned`: never answered a ping;
   * `same_peer`: the newcomer's own older connection, same remote address and origin).
   */
  consoleEvictions: Counter<'reason'>;
  consoleRateLimitCloses: Counter;
  /** /v3/inspect protocol errors (invalid UTF-8, oversized frames), by `ws` error code. */
  inspectorBadFrames: Counter<'code'>;
  inspectorEvictions: Counter<'reason'>;
  // What an operator alerts on: the controls left on, and a sync gone quiet.
  /** 1 while the kill switch is on. */
  killSwitch: Gauge;
  /** 1 while the operator has the strategy paused. */
  strategyPaused: Gauge;
  /** Unix seconds of the last REST sync applied; 0 until the first. */
  lastSyncSeconds: Gauge;
}

/** Heap in use just after the last major GC: the live set, whose trend (unlike heap used) is a leak. */
let liveHeapBytes = 0;
let watchingGc = false;

function watchMajorGc(): void {
  if (watchingGc) return; // one observer per process, however many registries
  watchingGc = true;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) liveHeapBytes = getHeapStatistics().used_heap_size;
    }
  }).observe({ entryTypes: ['gc'] });
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): DaemonMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (opts.defaultMetrics !== false) {
    collectDefaultMetrics({ register: registry });
    watchMajorGc();
    new Gauge({
      name: `${P}heap_live_bytes`,
      help: 'V8 heap in use right after the last major GC (0 before the first one)',
      registers,
      collect() {
        this.set(liveHeapBytes);
      },
    });
  }

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
  const gauge = (name: string, help: string) => new Gauge({ name: `${P}${name}`, help, registers });

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
    orderbookForeign: counter(
      'orderbook_foreign_total',
      'Exchange WebSocket frames dropped because their sid is not the one our subscription holds',
    ),
    orderbookUnsubscribed: counter(
      'orderbook_unsubscribed_total',
      'Orderbook frames dropped because their market was never subscribed',
    ),
    bookAuditMismatches: counter(
      'book_audit_mismatches_total',
      'Books found different from the exchange REST book on two fetches, then resnapshotted',
    ),
    restRequests: counter('rest_requests_total', 'Exchange REST requests by endpoint and status', [
      'endpoint',
      'method',
      'status',
    ] as const),
    restDuration: histogram('rest_request_duration_seconds', 'Exchange REST request duration', [
      'endpoint',
      'method',
    ] as const),
    restInvalidBodies: counter(
      'rest_invalid_bodies_total',
      'Exchange REST 2xx bodies refused by the schemas',
      ['endpoint', 'method'] as const,
    ),
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
    consoleDeltaSkips: counter(
      'console_delta_skips_total',
      '/v3/ws orderbook_delta frames skipped for clients that were behind (resynced by a snapshot)',
    ),
    consoleBadFrames: counter('console_bad_frames_total', '/v3/ws client frames refused', ['code'] as const),
    consoleRefusedUpgrades: counter('console_refused_upgrades_total', '/v3/ws upgrades refused', [
      'reason',
    ] as const),
    consoleEvictions: counter('console_evictions_total', '/v3/ws clients closed to make room', [
      'reason',
    ] as const),
    consoleRateLimitCloses: counter(
      'console_rate_limit_closes_total',
      '/v3/ws clients closed (1008) for sending frames too fast',
    ),
    inspectorBadFrames: counter('inspector_bad_frames_total', '/v3/inspect frames refused', [
      'code',
    ] as const),
    inspectorEvictions: counter('inspector_evictions_total', '/v3/inspect viewers closed to make room', [
      'reason',
    ] as const),
    killSwitch: gauge('kill_switch', 'Kill switch: 1 while on (every new order is refused), else 0'),
    strategyPaused: gauge('strategy_paused', 'Strategy paused by the operator: 1 while paused, else 0'),
    lastSyncSeconds: gauge(
      'last_sync_timestamp_seconds',
      'Unix time of the last successful REST sync (positions, orders, balance); 0 before the first',
    ),
  };
}
