// The root machine as production runs it: its input from the config, and its named actors, each built
// from the daemon's parts (the Kalshi client, the trading service and actor, the orderbook stream).
// Tests provide fakes instead.
import type { Actor } from 'xstate';
import type { DecisionTracker } from '../actors/decision-tracker';
import { createHealthLoopActor } from '../actors/health-loop';
import { createInitializeActor, fetchMarkets } from '../actors/initialize';
import { createMarketRotationActor } from '../actors/market-rotation';
import type { OrderbookStream } from '../actors/orderbook/orderbook-stream';
import { createShutdownProcedureActor, type ShutdownDeps } from '../actors/shutdown-procedure';
import { createStrategyActor } from '../actors/strategy/strategy-actor';
import type { DropReason, Strategy } from '../actors/strategy/strategy-types';
import { createSyncLoopActor } from '../actors/sync-loop';
import { createConnectTradingActor, createInitialSyncActor } from '../actors/trading/trading-actors';
import { createTradingProbe } from '../actors/trading/trading-health';
import type { tradingLogic } from '../actors/trading/trading-logic';
import type { TradingRef, TradingService } from '../actors/trading/trading-ports';
import type { KalshiClient } from '../adapters/kalshi/client';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { TraderInput } from '../machines/trader.events';
import type { Timers } from '../runtime/timers';
import { HOLD_STRATEGY } from '../strategies/hold-strategy';

export interface TraderParts {
  client: KalshiClient;
  service: TradingService;
  trading: TradingRef & Pick<Actor<typeof tradingLogic>, 'on'>;
  feed: Pick<OrderbookStream, 'logic' | 'books' | 'subscribe'>;
  /** Counts the decisions in flight: the root is `acting` while any executes. */
  decisions: DecisionTracker;
  /** A strategy intent dropped before it was sent (metric, activity line). */
  onIntentDropped?: (reason: DropReason) => void;
  shutdown: ShutdownDeps;
  strategy?: Strategy;
  /** The initial sync, when something must happen around it (the restart reconciliation); a full sync otherwise. */
  initialSync?: TradingService['fullSync'];
  config: Config;
  now: () => number;
  timers?: Timers;
  log: Logger;
}

export function traderActors(p: TraderParts) {
  const child = (actor: string) => p.log.child({ actor });
  const { service, now } = p;
  return {
    initialize: createInitializeActor({ client: p.client, config: p.config, log: child('initialize') }),
    orderbookStream: p.feed.logic,
    connectTrading: createConnectTradingActor(service),
    initialSync: createInitialSyncActor(p.initialSync ? { fullSync: p.initialSync } : service),
    syncLoop: createSyncLoopActor(service, child('sync')),
    healthLoop: createHealthLoopActor(
      {
        orderbook: () => p.feed.books.health(),
        trading: createTradingProbe({
          trading: p.trading,
          now,
          syncIntervalMs: p.config.timing.syncIntervalMs,
        }),
      },
      now,
    ),
    strategy: createStrategyActor(p.strategy ?? HOLD_STRATEGY, service, {
      now,
      ...(p.timers ? { timers: p.timers } : {}),
      subscribeBooks: p.feed.subscribe,
      subscribeFills: (listener) => {
        const subscription = p.trading.on('fill', ({ fill }) => listener(fill));
        return () => subscription.unsubscribe();
      },
      loadMarkets: (tickers) => fetchMarkets(p.client, tickers),
      decisions: p.decisions,
      maxIntentAgeMs: p.config.strategy.maxIntentAgeMs,
      limits: p.config.risk,
      ...(p.onIntentDropped ? { onDropped: p.onIntentDropped } : {}),
      log: child('strategy'),
    }),
    marketRotation: createMarketRotationActor({
      client: p.client,
      trading: p.trading,
      config: p.config,
      intervalMs: p.config.timing.discoveryIntervalMs,
      now,
      ...(p.timers ? { timers: p.timers } : {}),
      log: child('markets'),
    }),
    shutdownProcedure: createShutdownProcedureActor(p.shutdown),
  };
}

export function traderInput(config: Config, sessionId: string, startedMs: number): TraderInput {
  const { timing } = config;
  return {
    sessionId,
    sessionStartedMs: startedMs,
    timeouts: {
      orderbookConnectMs: timing.orderbookConnectTimeoutMs,
      firstSnapshotMs: timing.firstSnapshotTimeoutMs,
      syncIntervalMs: timing.syncIntervalMs,
      healthIntervalMs: timing.healthCheckIntervalMs,
    },
  };
}
