// Builds the trading side of the daemon: the signed exchange client, the trading actor (a root actor of
// its own, so orders and the ledger outlive the root machine's error recoveries) and the trading service
// that drives it, with REST and sync timings reported to the metrics, and the prompt settlement read a
// lifecycle frame asks for.
import { createActor } from 'xstate';
import { tradingLogic } from '../actors/trading/trading-logic';
import type { OrderJournal } from '../actors/trading/trading-ports';
import { createTradingService } from '../actors/trading/trading-service';
import { settleNow } from '../actors/trading/trading-settlements';
import type { KalshiCredentials } from '../adapters/kalshi/auth';
import { createKalshiClient } from '../adapters/kalshi/client';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { DaemonMetrics } from '../server/metrics';
import { restMetrics, timedSync } from './metrics-wiring';
import { sleepOn, type TraderRuntime } from './trader-runtime';

export interface TradingSideDeps {
  config: Config;
  log: Logger;
  metrics: DaemonMetrics;
  apiUrl: string;
  credentials: KalshiCredentials;
  runtime: TraderRuntime;
  inspect: { inspect?: NonNullable<Parameters<typeof createActor>[1]>['inspect'] };
  /** Where intents and order rows are kept (storage), if anywhere. */
  journal?: OrderJournal;
  /** The markets the root follows now (its context): syncs let go of the others' finished state. */
  followed?: () => readonly string[];
}

export function createTradingSide(deps: TradingSideDeps) {
  const { config, log, metrics, runtime } = deps;
  const { now, timers, random, randomUUID } = runtime;
  const client = createKalshiClient({
    baseUrl: deps.apiUrl,
    credentials: deps.credentials,
    now,
    timers,
    sleep: sleepOn(timers),
    random,
    randomUUID,
    ...(runtime.fetch ? { fetch: runtime.fetch } : {}),
    ...restMetrics(metrics),
    logger: log.child({ actor: 'rest' }),
  });
  const trading = createActor(tradingLogic, {
    id: 'trading',
    systemId: 'trading',
    input: {},
    clock: timers,
    ...deps.inspect,
  });
  const serviceDeps = {
    client,
    trading,
    limits: config.risk,
    now,
    randomUUID,
    log: log.child({ actor: 'trading' }),
    ...(deps.journal ? { journal: deps.journal } : {}),
    ...(deps.followed ? { followed: deps.followed } : {}),
  };
  const base = createTradingService(serviceDeps);
  const service = { ...base, fullSync: timedSync(metrics, now, base.fullSync) };
  /** A lifecycle frame said a followed market settled: book it and re-read the balance now. */
  const onSettled = () => void settleNow(serviceDeps);
  return { client, trading, service, onSettled };
}
