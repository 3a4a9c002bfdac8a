// The root machine as production runs it: its input from the config, and its named actors, each built
// from the daemon's parts (the Kalshi client, the trading service and actor, the orderbook stream).
// Tests provide fakes instead.
import { createHealthLoopActor } from '../actors/health-loop';
import { createInitializeActor } from '../actors/initialize';
import type { OrderbookStream } from '../actors/orderbook/orderbook-stream';
import { createShutdownProcedureActor, type ShutdownDeps } from '../actors/shutdown-procedure';
import { HOLD_STRATEGY } from '../actors/strategy/hold-strategy';
import { createStrategyActor } from '../actors/strategy/strategy-actor';
import type { Strategy } from '../actors/strategy/strategy-types';
import { createSyncLoopActor } from '../actors/sync-loop';
import { createConnectTradingActor, createInitialSyncActor } from '../actors/trading/trading-actors';
import { createTradingProbe } from '../actors/trading/trading-health';
import type { TradingRef, TradingService } from '../actors/trading/trading-ports';
import type { KalshiClient } from '../adapters/kalshi/client';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { TraderInput } from '../machines/trader.events';

export interface TraderParts {
  client: KalshiClient;
  service: TradingService;
  trading: TradingRef;
  feed: Pick<OrderbookStream, 'logic' | 'books' | 'subscribe'>;
  shutdown: ShutdownDeps;
  strategy?: Strategy;
  config: Config;
  now: () => number;
  log: Logger;
}

export function traderActors(p: TraderParts) {
  const child = (actor: string) => p.log.child({ actor });
  const { service, now } = p;
  return {
    initialize: createInitializeActor({ client: p.client, config: p.config, log: child('initialize') }),
    orderbookStream: p.feed.logic,
    connectTrading: createConnectTradingActor(service),
    initialSync: createInitialSyncActor(service),
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
      subscribeBooks: p.feed.subscribe,
      log: child('strategy'),
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
