// One replay: the daemon's own trader (root statechart, actors, adapters) built on simulated time and
// the replay exchange, driven through the recording from its first entry to its last, then shut down.
// `--speed max` fires the next timer as soon as the last one's work has settled; `--speed N` paces the
// simulated clock at N times real time.
import { generateKeyPairSync } from 'node:crypto';
import type { Strategy } from '../actors/strategy/strategy-types';
import { createTrader, type Trader } from '../app/create-trader';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { bookChecksums } from '../record/book-checksum';
import type { Recording } from '../record/recording-format';
import { tapStrategy } from '../record/strategy-tap';
import { VirtualClock } from '../runtime/virtual-clock';
import type { InspectionRelay } from '../server/inspector/inspection-relay';
import { createMetrics, type DaemonMetrics } from '../server/metrics';
import { REPLAY_API_URL, REPLAY_WS_URL } from './replay-config';
import { createReplayExchange } from './replay-exchange';
import { createOutputLog, type ReplayOutputs } from './replay-outputs';
import { createReportCollector, type ReplayReport } from './replay-report';

export type ReplaySpeed = number | 'max';

export interface ReplaySessionOptions {
  recording: Recording;
  config: Config;
  strategy: Strategy;
  log: Logger;
  speed?: ReplaySpeed;
  /** The strategy differs from the recorded one: its ids are its own, its orders go to the engine. */
  ownOrders?: boolean;
  relay?: InspectionRelay;
  /** Called once the trader exists (the server is attached here), before it starts. */
  onTrader?(trader: Trader, metrics: DaemonMetrics): void;
}

export interface ReplayResult {
  outputs: ReplayOutputs;
  report: ReplayReport;
  trader: Trader;
  exchange: ReturnType<typeof createReplayExchange>;
  clock: VirtualClock;
  startMs: number;
  endMs: number;
}

/** Every promise chain a fired timer started runs to its end before the next timer fires. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};
const realWait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long past the recording's end the shutdown may take on the simulated clock. */
const SHUTDOWN_GRACE_MS = 30_000;

export async function runReplay(opts: ReplaySessionOptions): Promise<ReplayResult> {
  const { recording, config, log } = opts;
  const startMs = recording.header.startedMs;
  const endMs = recording.entries.reduce((max, e) => Math.max(max, e.t), startMs);
  const clock = new VirtualClock(startMs);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = { keyId: 'replay', publicKey };
  const exchange = createReplayExchange(recording, clock, { ownOrders: opts.ownOrders === true, key });
  const out = createOutputLog(startMs, clock.now);
  const strategy = tapStrategy(opts.strategy, { intents: out.intents, outcome: out.outcome });
  const metrics = createMetrics({ defaultMetrics: false });
  const trader = createTrader({
    config,
    log,
    metrics,
    apiUrl: REPLAY_API_URL,
    wsUrl: REPLAY_WS_URL,
    credentials: { keyId: 'replay', privateKey },
    strategy,
    runtime: { now: clock.now, timers: clock, ...exchange.runtime },
    ...(opts.relay ? { inspect: opts.relay.inspector.inspect } : {}),
  });
  trader.actor.on('transition', (t) => {
    out.transition(t);
    if (t.to === 'shutdown') out.outputs.books = bookChecksums(trader.feed.books);
  });
  exchange.follow(trader.feed.books);
  const collector = createReportCollector(trader, startMs, clock.now);
  opts.onTrader?.(trader, metrics);

  const pace = pacer(opts.speed ?? 'max', startMs, collector.step);
  trader.start();
  await settle();
  // The live session's shutdown came at its recorded time; what it still received after is served too.
  const shutdownAt = shutdownTime(recording) ?? endMs;
  await pump(clock, shutdownAt, pace);
  clock.advanceTo(shutdownAt);
  let stopped = false;
  const done = trader.shutdown(shutdownReason(recording), SHUTDOWN_GRACE_MS).finally(() => {
    stopped = true;
  });
  await settle();
  await pump(clock, endMs + SHUTDOWN_GRACE_MS, pace, () => stopped);
  await done;
  // The books as the shutdown began, like the recording's (or at the end, had it never begun).
  if (Object.keys(out.outputs.books).length === 0) out.outputs.books = bookChecksums(trader.feed.books);
  const report = collector.report(opts.strategy.name, out.outputs);
  return { outputs: out.outputs, report, trader, exchange, clock, startMs, endMs };
}

function shutdownTime(recording: Recording): number | undefined {
  for (let i = recording.entries.length - 1; i >= 0; i--) {
    const e = recording.entries[i];
    if (e?.k === 'transition' && e.to === 'shutdown') return e.t;
  }
  return undefined;
}

/** The recorded session's own shutdown reason, so a faithful replay ends on the same transition. */
function shutdownReason(recording: Recording): string {
  for (let i = recording.entries.length - 1; i >= 0; i--) {
    const e = recording.entries[i];
    if (e?.k === 'transition' && e.to === 'shutdown') return e.reason;
  }
  return 'replay finished';
}

/** Fires timers in time order up to `limitMs` (or until `stop`), settling after each. */
async function pump(
  clock: VirtualClock,
  limitMs: number,
  pace: (atMs: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  for (;;) {
    if (stop()) return;
    const next = clock.nextAt();
    if (next === undefined || next > limitMs) return;
    await pace(next);
    clock.fireNext(next);
    await settle();
  }
}

/** Before each step: the report's sampling, then (below max speed) waiting for the step's real time. */
function pacer(speed: ReplaySpeed, startMs: number, step: () => void): (atMs: number) => Promise<void> {
  if (speed === 'max') {
    return async () => step();
  }
  const realStart = Date.now();
  return async (atMs) => {
    step();
    const due = realStart + (atMs - startMs) / speed;
    const wait = due - Date.now();
    if (wait > 0) await realWait(wait);
  };
}
