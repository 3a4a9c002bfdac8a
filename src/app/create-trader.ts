// The composition root: builds the trading side, the orderbook stream and the root statechart with every
// effect provided, connects their news to the server's ports, and starts and stops them. It composes
// only: each piece's logic lives with its owner.
import { createActor } from 'xstate';
import { createDecisionTracker } from '../actors/decision-tracker';
import { createOrderbookStream } from '../actors/orderbook/orderbook-stream';
import { requestShutdown, SHUTDOWN_BOUND_MS, type ShutdownEnd } from '../actors/shutdown-request';
import type { Strategy } from '../actors/strategy/strategy-types';
import { routePrivateMessages } from '../actors/trading/private-channels';
import type { KalshiCredentials } from '../adapters/kalshi/auth';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { clockActions } from '../machines/trader.actions';
import { traderMachine } from '../machines/trader.machine';
import { publicStateOf } from '../machines/trader.view';
import type { DaemonMetrics } from '../server/metrics';
import { HOLD_STRATEGY } from '../strategies/hold-strategy';
import { createEventHub } from './daemon-events';
import { createDaemonPorts } from './daemon-ports';
import { createManualOrders } from './manual-orders';
import { feedMetrics } from './metrics-wiring';
import { intentDropHandler, wireNews } from './news-wiring';
import { listenerGuard } from './safe-listeners';
import { createShutdownChecks } from './shutdown-checks';
import { type StorageSession, storageWiring } from './storage-wiring';
import { traderActors, traderInput } from './trader-actors';
import { feedRuntime, resolveRuntime, type TraderRuntime } from './trader-runtime';
import { createTradingSide } from './trading-side';

export interface TraderDeps {
  config: Config;
  log: Logger;
  metrics: DaemonMetrics;
  apiUrl: string;
  wsUrl: string;
  credentials: KalshiCredentials;
  now?: () => number;
  /** Timers, randomness and transports; the real ones unless a replay provides its own. */
  runtime?: Partial<TraderRuntime>;
  strategy?: Strategy;
  /** Passed to every actor this root creates (the inspector relay). */
  inspect?: NonNullable<Parameters<typeof createActor>[1]>['inspect'];
  /** What an operator's `shutdown` command does; by default the machine shuts down in-process. */
  onShutdownRequested?: (reason: string) => void;
  /** Opened storage and this run's session: history, order safety and the restart reconciliation. */
  storage?: StorageSession;
}

export function createTrader(deps: TraderDeps) {
  const { config, log, metrics, apiUrl, wsUrl, credentials } = deps;
  const { timing } = config;
  const runtime = resolveRuntime({ ...(deps.now ? { now: deps.now } : {}), ...deps.runtime });
  const { now, timers } = runtime;
  const startedMs = now();
  const inspect = deps.inspect ? { inspect: deps.inspect } : {};

  const kept = storageWiring(deps.storage);
  // Read at each sync, after start: the root's context holds the markets followed now.
  const followed = () => actor.getSnapshot().context.markets;
  const side = createTradingSide({ ...deps, runtime, inspect, followed, ...kept.journal });
  const { client, trading, service } = side;
  const feed = createOrderbookStream({
    wsUrl,
    credentials,
    now,
    log: log.child({ actor: 'orderbook' }),
    publishIntervalMs: timing.bookPublishIntervalMs,
    staleMs: timing.staleMarketMs,
    audit: { intervalMs: timing.bookAuditIntervalMs, fetchBooks: (tickers) => client.getOrderbooks(tickers) },
    onPrivate: routePrivateMessages(trading, now, { onSettled: side.onSettled }),
    metrics: feedMetrics(metrics),
    ...feedRuntime(runtime),
  });
  const checks = createShutdownChecks(feed);
  const steps = { stopStrategy: checks.stopStrategy, closeSockets: checks.closeSockets };
  const shutdownDeps = { service, ...steps, ...kept.flush, log: log.child({ actor: 'shutdown' }) };
  const hub = createEventHub((err) => log.warn({ err }, 'daemon event listener threw'));
  const decisions = createDecisionTracker((err) => log.warn({ err }, 'decision listener threw'));
  const state = () => publicStateOf(actor.getSnapshot());

  const strategy = deps.strategy ?? HOLD_STRATEGY;
  const onIntentDropped = intentDropHandler(metrics, hub, state);
  const restart = kept.attach({ trading, service, now, log, hub, state });
  const parts = { strategy, client, service, trading, feed, decisions, onIntentDropped };
  const effects = { config, now, timers, log, ...restart, shutdown: shutdownDeps };
  const machine = traderMachine.provide({
    actors: traderActors({ ...parts, ...effects }),
    actions: clockActions(now),
  });
  const input = traderInput(config, deps.storage?.session.uuid ?? runtime.randomUUID(), startedMs);
  const actor = createActor(machine, { systemId: 'trader', input, clock: timers, ...inspect });
  checks.watch(actor);
  const recorded = listenerGuard(log.child({ actor: 'storage' }));
  kept.record({ on: recorded.on(actor) }, { on: recorded.on(trading) }, now);
  const news = { trader: actor, trading, feed, decisions, hub, metrics, state, now, log };
  const { marks, watchCrashes } = wireNews(news);

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
    marks,
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
    ...kept.ports,
  });

  return {
    actor,
    trading,
    feed,
    service,
    ports,
    start() {
      watchCrashes();
      trading.start();
      actor.start();
      metrics.setState(state());
    },
    /** Asks the machine to shut down; resolves with how that ended, once it has or after `boundMs`. */
    shutdown,
  };
}

export type Trader = ReturnType<typeof createTrader>;
