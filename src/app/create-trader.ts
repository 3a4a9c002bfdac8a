// The composition root: builds the exchange adapters, the actors and the ports the server reads, and
// provides the real effects to the pure root statechart. The only module that wires everything.
import { randomUUID } from 'node:crypto';
import { type Actor, type AnyStateMachine, createActor } from 'xstate';
import { createHealthLoopActor } from '../actors/health-loop';
import { createInitializeActor } from '../actors/initialize';
import { createOrderbookStream } from '../actors/orderbook/orderbook-stream';
import { createShutdownProcedureActor, runShutdown } from '../actors/shutdown-procedure';
import { HOLD_STRATEGY } from '../actors/strategy/hold-strategy';
import { createStrategyActor } from '../actors/strategy/strategy-actor';
import type { Strategy } from '../actors/strategy/strategy-types';
import { createSyncLoopActor } from '../actors/sync-loop';
import { createConnectTradingActor, createInitialSyncActor } from '../actors/trading/trading-actors';
import { createTradingProbe } from '../actors/trading/trading-health';
import { tradingLogic } from '../actors/trading/trading-logic';
import { createTradingService } from '../actors/trading/trading-service';
import type { KalshiCredentials } from '../adapters/kalshi/auth';
import { createKalshiClient } from '../adapters/kalshi/client';
import type { DataMessage } from '../adapters/kalshi/messages';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { clockActions } from '../machines/trader.actions';
import { traderMachine } from '../machines/trader.machine';
import { publicStateOf, toTraderView } from '../machines/trader.view';
import type { DaemonMetrics } from '../server/metrics';
import { toBookUpdate, toFillView } from '../server/view-mappers';
import { activityOf, createEventHub, healthChanges, tradingChanges } from './daemon-events';
import { createDaemonPorts } from './daemon-ports';
import { orderOutcomeRecorder, rateLimitRecorder, timedSync } from './metrics-wiring';

/** How long an operator-requested shutdown may take when nobody else owns the process. */
const SHUTDOWN_BOUND_MS = 20_000;

export interface TraderDeps {
  config: Config;
  log: Logger;
  metrics: DaemonMetrics;
  apiUrl: string;
  wsUrl: string;
  credentials: KalshiCredentials;
  now?: () => number;
  strategy?: Strategy;
  /** Passed to every actor this root creates (the inspector relay). */
  inspect?: Parameters<typeof createActor>[1] extends infer O
    ? O extends { inspect?: infer I }
      ? I
      : never
    : never;
  /** What an operator's `shutdown` command does; by default the machine shuts down in-process. */
  onShutdownRequested?: (reason: string) => void;
  /** Storage flush seam for shutdown (no storage yet). */
  flush?: () => Promise<void>;
}

export function createTrader(deps: TraderDeps) {
  const { config, log, metrics } = deps;
  const now = deps.now ?? Date.now;
  const startedMs = now();
  const sessionId = randomUUID();
  const hub = createEventHub((err) => log.warn({ err }, 'daemon event listener threw'));

  const client = createKalshiClient({
    baseUrl: deps.apiUrl,
    credentials: deps.credentials,
    now,
    onRequest: (endpoint, status, durationMs) => {
      recordRateLimits();
      const [method = 'GET', path = endpoint] = endpoint.split(' ');
      metrics.restRequests.inc({ endpoint: path, method, status: String(status) });
      metrics.restDuration.observe({ endpoint: path, method }, durationMs / 1000);
    },
    onInvalidBody: (endpoint) => {
      const [method = 'GET', path = endpoint] = endpoint.split(' ');
      metrics.restInvalidBodies.inc({ endpoint: path, method });
    },
    logger: log.child({ actor: 'rest' }),
  });

  const recordRateLimits = rateLimitRecorder(metrics, () => client.rest.limiter.stats());
  const recordOutcomes = orderOutcomeRecorder(metrics);

  // A root actor of its own: trading state must outlive the root machine's error recoveries.
  const trading = createActor(tradingLogic, {
    id: 'trading',
    systemId: 'trading',
    input: {},
    ...(deps.inspect ? { inspect: deps.inspect } : {}),
  });
  const baseService = createTradingService({
    client,
    trading,
    limits: config.risk,
    now,
    log: log.child({ actor: 'trading' }),
  });
  const service = {
    ...baseService,
    // Connecting proves the key; the account's own rate-limit budgets then replace the Basic defaults.
    async connect() {
      const status = await baseService.connect();
      const limits = await client.loadAccountLimits().catch((err: unknown) => {
        log.warn({ err }, 'could not read /account/limits; keeping Basic-tier budgets');
        return null;
      });
      if (limits) log.info({ source: limits.source, read: limits.read, write: limits.write }, 'rate limits');
      return status;
    },
    fullSync: timedSync(metrics, now, () => baseService.fullSync()),
  };

  const feed = createOrderbookStream({
    wsUrl: deps.wsUrl,
    credentials: deps.credentials,
    now,
    log: log.child({ actor: 'orderbook' }),
    publishIntervalMs: config.timing.bookPublishIntervalMs,
    staleMs: config.timing.staleMarketMs,
    audit: {
      intervalMs: config.timing.bookAuditIntervalMs,
      fetchBooks: (tickers) => client.getOrderbooks(tickers),
    },
    onPrivate: (_type, message) => routePrivate(message),
    metrics: {
      onFrame: (type, n) => metrics.wsMessages.inc({ type }, n),
      onGap: (n) => metrics.orderbookGaps.inc(n),
      onResync: (n) => metrics.orderbookResyncs.inc(n),
      onDuplicate: (n) => metrics.orderbookDuplicates.inc(n),
      onMalformed: (n) => metrics.orderbookMalformed.inc(n),
      onForeign: (n) => metrics.orderbookForeign.inc(n),
      onUnsubscribed: (n) => metrics.orderbookUnsubscribed.inc(n),
      onAuditMismatch: (n) => metrics.bookAuditMismatches.inc(n),
    },
  });

  // Private WS channels keep the trading actor current between REST syncs.
  function routePrivate(message: DataMessage): void {
    if (message.type === 'fill') {
      const counted = trading.getSnapshot().context.counters.fills;
      trading.send({ type: 'FILL', fill: message.data, atMs: now() });
      // A fill replayed after a reconnect is dropped by the reducer; the console should not see it twice.
      if (trading.getSnapshot().context.counters.fills > counted) {
        hub.publish({ type: 'fill', fill: toFillView(message.data) });
      }
    } else if (message.type === 'user_order')
      trading.send({ type: 'ORDER.UPDATE', order: message.data, atMs: now() });
  }

  const shutdownDeps = {
    service,
    ...(deps.flush ? { flush: deps.flush } : {}),
    log: log.child({ actor: 'shutdown' }),
  };
  const strategy = deps.strategy ?? HOLD_STRATEGY;
  const machine = traderMachine.provide({
    actors: {
      initialize: createInitializeActor({ client, config, log: log.child({ actor: 'initialize' }) }),
      orderbookStream: feed.logic,
      connectTrading: createConnectTradingActor(service),
      initialSync: createInitialSyncActor(service),
      syncLoop: createSyncLoopActor(service, log.child({ actor: 'sync' })),
      healthLoop: createHealthLoopActor(
        {
          orderbook: () => feed.books.health(),
          trading: createTradingProbe({ trading, now, syncIntervalMs: config.timing.syncIntervalMs }),
        },
        now,
      ),
      strategy: createStrategyActor(strategy, service, {
        now,
        subscribeBooks: (listener) => feed.subscribe((u) => listener({ ticker: u.ticker, book: u.book })),
        log: log.child({ actor: 'strategy' }),
      }),
      shutdownProcedure: createShutdownProcedureActor(shutdownDeps),
    },
    actions: clockActions(now),
  });

  const actor: Actor<typeof machine> = createActor(machine, {
    systemId: 'trader',
    input: {
      sessionId,
      sessionStartedMs: startedMs,
      timeouts: {
        orderbookConnectMs: config.timing.orderbookConnectTimeoutMs,
        firstSnapshotMs: config.timing.firstSnapshotTimeoutMs,
        syncIntervalMs: config.timing.syncIntervalMs,
        healthIntervalMs: config.timing.healthCheckIntervalMs,
      },
    },
    ...(deps.inspect ? { inspect: deps.inspect } : {}),
  });

  // News from the actors, as server events and metrics.
  actor.on('transition', (t) => {
    metrics.transitions.inc({ from: t.from, to: t.to });
    metrics.setState(t.to);
    log.info({ from: t.from, to: t.to, reason: t.reason }, `${t.from} → ${t.to}`);
    hub.publish(activityOf(t, t.to));
    hub.publish({ type: 'status' });
  });
  actor.on('notice', (n) => {
    log[n.severity === 'error' ? 'error' : n.severity === 'warning' ? 'warn' : 'info']({}, n.message);
    hub.publish(activityOf(n, publicState()));
  });
  let lastHealth = actor.getSnapshot().context.lastHealth?.components;
  actor.subscribe((snap) => {
    const health = snap.context.lastHealth?.components;
    if (health === lastHealth) return;
    for (const e of healthChanges(lastHealth, health, publicState())) hub.publish(e);
    lastHealth = health;
    hub.publish({ type: 'status' });
  });
  let lastTrading = trading.getSnapshot().context;
  trading.subscribe({
    next: (snap) => {
      const next = snap.context;
      try {
        recordOutcomes(next.counters);
        for (const e of tradingChanges(lastTrading, next, publicState())) hub.publish(e);
      } catch (err) {
        // Projection for the console only: never let it take the trading actor's subscribers down.
        log.error({ err }, 'projecting a trading change failed');
      }
      lastTrading = next;
    },
    error: (err) => log.fatal({ err }, 'trading actor crashed'),
  });
  // Book views for the console are built only for markets a client subscribed to: the strategy reads
  // the live books directly, and nobody else needs the strings.
  let bookInterest: (ticker: string) => boolean = () => false;
  feed.subscribe((u) => {
    if (!bookInterest(u.ticker)) return;
    const view = ports.getBook(u.ticker);
    if (view) hub.publish({ type: 'book', book: toBookUpdate(view) });
  });

  const publicState = () => publicStateOf(actor.getSnapshot().value) ?? actor.getSnapshot().context.state;

  const ports = createDaemonPorts({
    config,
    metrics,
    hub,
    trader: () => toTraderView(actor.getSnapshot()),
    trading: () => trading.getSnapshot().context,
    feed,
    service,
    now,
    requestShutdown: (reason) =>
      deps.onShutdownRequested
        ? deps.onShutdownRequested(reason)
        : void trader.shutdown(reason, SHUTDOWN_BOUND_MS),
    startedMs,
    apiUrl: deps.apiUrl,
    wsUrl: deps.wsUrl,
    log,
  });

  const trader = {
    sessionId,
    actor,
    trading,
    feed,
    client,
    service,
    ports,
    setBookInterest(wants: (ticker: string) => boolean) {
      bookInterest = wants;
    },
    start() {
      // A throwing guard or action stops the root: make that loud instead of silent.
      actor.subscribe({
        error: (err) => log.fatal({ err }, 'root actor crashed'),
      });
      trading.start();
      actor.start();
      metrics.setState(publicState());
    },
    /** Asks the machine to shut down and resolves once it has (or after `boundMs`). */
    async shutdown(reason: string, boundMs: number): Promise<void> {
      const cancelOrders = config.risk.cancelOnShutdown;
      if (actor.getSnapshot().status !== 'active') {
        // A crashed (or never started) root ignores SHUTDOWN: run the procedure itself, so resting
        // orders are still cancelled when asked.
        log.warn({ status: actor.getSnapshot().status }, 'root actor not running: shutting down directly');
        await runShutdown(shutdownDeps, { reason, cancelOrders }).catch((err: unknown) =>
          log.error({ err }, 'shutdown procedure failed'),
        );
      } else {
        actor.send({ type: 'SHUTDOWN', reason, cancelOrders });
        await waitUntilDone(actor, boundMs);
      }
      actor.stop();
      trading.stop();
    },
  };
  return trader;
}

export type Trader = ReturnType<typeof createTrader>;

/** Resolves when the actor reaches its final state, or after `boundMs`. */
function waitUntilDone(actor: Actor<AnyStateMachine>, boundMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (actor.getSnapshot().status === 'done') return resolve();
    const timer = setTimeout(finish, boundMs);
    const sub = actor.subscribe((s) => {
      if (s.status === 'done') finish();
    });
    function finish() {
      clearTimeout(timer);
      sub.unsubscribe();
      resolve();
    }
  });
}
