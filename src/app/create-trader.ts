// The composition root: builds the exchange client, the trading actor and service, the orderbook stream
// and the root statechart with every effect provided, connects their news to the server's ports, and
// starts and stops them. It composes only: each piece's logic lives with its owner.
import { randomUUID } from 'node:crypto';
import { createActor } from 'xstate';
import { createDecisionTracker } from '../actors/decision-tracker';
import { createOrderbookStream } from '../actors/orderbook/orderbook-stream';
import { requestShutdown, SHUTDOWN_BOUND_MS, type ShutdownEnd } from '../actors/shutdown-request';
import type { DropReason, Strategy } from '../actors/strategy/strategy-types';
import { routePrivateMessages } from '../actors/trading/private-channels';
import { tradingLogic } from '../actors/trading/trading-logic';
import { createTradingService } from '../actors/trading/trading-service';
import type { KalshiCredentials } from '../adapters/kalshi/auth';
import { createKalshiClient } from '../adapters/kalshi/client';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { clockActions } from '../machines/trader.actions';
import { traderMachine } from '../machines/trader.machine';
import { publicStateOf } from '../machines/trader.view';
import type { DaemonMetrics } from '../server/metrics';
import { HOLD_STRATEGY } from '../strategies/hold-strategy';
import { createEventHub, dropNews, logNews, relayNews } from './daemon-events';
import { createDaemonPorts } from './daemon-ports';
import { createManualOrders } from './manual-orders';
import { actorMetrics, feedMetrics, intentDropMetrics, restMetrics, timedSync } from './metrics-wiring';
import { createShutdownChecks } from './shutdown-checks';
import { traderActors, traderInput } from './trader-actors';

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
  inspect?: NonNullable<Parameters<typeof createActor>[1]>['inspect'];
  /** What an operator's `shutdown` command does; by default the machine shuts down in-process. */
  onShutdownRequested?: (reason: string) => void;
  /** Storage flush seam for shutdown (no storage yet). */
  flush?: () => Promise<void>;
}

export function createTrader(deps: TraderDeps) {
  const { config, log, metrics, apiUrl, wsUrl, credentials } = deps;
  const { timing } = config;
  const now = deps.now ?? Date.now;
  const startedMs = now();
  const inspect = deps.inspect ? { inspect: deps.inspect } : {};
  const child = (actor: string) => log.child({ actor });

  const client = createKalshiClient({
    baseUrl: apiUrl,
    credentials,
    now,
    ...restMetrics(metrics),
    logger: child('rest'),
  });
  // A root actor of its own: trading state must outlive the root machine's error recoveries.
  const trading = createActor(tradingLogic, { id: 'trading', systemId: 'trading', input: {}, ...inspect });
  const base = createTradingService({ client, trading, limits: config.risk, now, log: child('trading') });
  const service = { ...base, fullSync: timedSync(metrics, now, base.fullSync) };
  const feed = createOrderbookStream({
    wsUrl,
    credentials,
    now,
    log: child('orderbook'),
    publishIntervalMs: timing.bookPublishIntervalMs,
    staleMs: timing.staleMarketMs,
    audit: { intervalMs: timing.bookAuditIntervalMs, fetchBooks: (tickers) => client.getOrderbooks(tickers) },
    onPrivate: routePrivateMessages(trading, now),
    metrics: feedMetrics(metrics),
  });
  const checks = createShutdownChecks(feed);
  const shutdownDeps = {
    service,
    stopStrategy: checks.stopStrategy,
    ...(deps.flush ? { flush: deps.flush } : {}),
    closeSockets: checks.closeSockets,
    log: child('shutdown'),
  };
  const hub = createEventHub((err) => log.warn({ err }, 'daemon event listener threw'));
  const decisions = createDecisionTracker((err) => log.warn({ err }, 'decision listener threw'));
  const countDrop = intentDropMetrics(metrics);
  const tellDrop = dropNews(hub, state);

  const strategy = deps.strategy ?? HOLD_STRATEGY;
  const parts = {
    strategy,
    client,
    service,
    trading,
    feed,
    decisions,
    onIntentDropped: (reason: DropReason) => {
      countDrop(reason);
      tellDrop(reason);
    },
    shutdown: shutdownDeps,
    config,
    now,
    log,
  };
  const machine = traderMachine.provide({
    actors: traderActors(parts),
    actions: clockActions(now),
  });
  const actor = createActor(machine, {
    systemId: 'trader',
    input: traderInput(config, randomUUID(), startedMs),
    ...inspect,
  });
  checks.watch(actor);
  function state() {
    return publicStateOf(actor.getSnapshot());
  }
  // Decisions in flight make the root `acting` (a parallel region, so ready/degraded is kept).
  // A decision may still settle after shutdown stopped the root: that end is nobody's news.
  decisions.subscribe((acting) => {
    if (actor.getSnapshot().status === 'active')
      actor.send({ type: acting ? 'DECISION.START' : 'DECISION.END' });
  });

  // The actors' news, as server events, metrics and log lines.
  relayNews({ trader: actor, trading, subscribeBooks: feed.subscribe, state }, hub);
  actorMetrics(metrics, actor, trading);
  logNews(actor, log);

  async function shutdown(reason: string, boundMs: number): Promise<ShutdownEnd> {
    const request = { reason, cancelOrders: config.risk.cancelOnShutdown, boundMs };
    const end = await requestShutdown(actor, shutdownDeps, request, log);
    actor.stop();
    trading.stop();
    return end;
  }
  const requestStop = (reason: string) =>
    deps.onShutdownRequested ? deps.onShutdownRequested(reason) : void shutdown(reason, SHUTDOWN_BOUND_MS);
  const ports = createDaemonPorts({
    trader: actor,
    trading,
    feed,
    hub,
    commands: {
      service,
      resync: (ticker) => feed.resync(ticker),
      requestShutdown: requestStop,
      orders: createManualOrders({ service, decisions, state }),
    },
    metrics,
    server: config.server,
    now,
    startedMs,
    apiUrl,
    wsUrl,
    strategy: { name: strategy.name, params: strategy.params ?? {} },
  });

  return {
    actor,
    trading,
    feed,
    service,
    ports,
    start() {
      // A throwing guard or action stops the root: make that loud instead of silent.
      actor.subscribe({ error: (err) => log.fatal({ err }, 'root actor crashed') });
      trading.subscribe({ error: (err) => log.fatal({ err }, 'trading actor crashed') });
      trading.start();
      actor.start();
      metrics.setState(state());
    },
    /** Asks the machine to shut down; resolves with how that ended, once it has or after `boundMs`. */
    shutdown,
  };
}

export type Trader = ReturnType<typeof createTrader>;
