// The shutdown procedure: stop the strategy, close the order gate and wait for creates in flight,
// optionally sync then cancel our resting orders, flush storage, close sockets. Each step is
// time-bounded; a failing or slow step is logged and the next one still runs.
import { fromPromise } from 'xstate';
import type { ShutdownInput } from '../machines/trader.events';
import { type ActorLog, silentLog, type TradingService } from './trading/trading-ports';

export const DEFAULT_STEP_TIMEOUT_MS = 5_000;

export interface ShutdownDeps {
  /** `close` and `fullSync` are optional so a bare canceller still works (older wiring, tests). */
  service: Pick<TradingService, 'cancelAll'> & Partial<Pick<TradingService, 'close' | 'fullSync'>>;
  stopStrategy?: () => void | Promise<void>;
  /** The storage seam: a no-op until storage exists. */
  flush?: () => void | Promise<void>;
  closeSockets?: () => void | Promise<void>;
  log?: ActorLog;
  stepTimeoutMs?: number;
}

export type StepOutcome = 'done' | 'skipped' | 'failed' | 'timeout';

class StepTimeout extends Error {}

async function bounded(step: () => void | Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout()), ms);
  });
  try {
    await Promise.race([Promise.resolve().then(step), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runShutdown(
  deps: ShutdownDeps,
  input: ShutdownInput,
): Promise<Record<string, StepOutcome>> {
  const log = deps.log ?? silentLog;
  const ms = deps.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const { close, fullSync } = deps.service;
  const steps: [string, (() => void | Promise<void>) | undefined][] = [
    ['stopStrategy', deps.stopStrategy],
    // No new orders from here on, and a create in flight may still produce a resting order to cancel.
    [
      'closeGate',
      close
        ? async () => {
            const { pending } = await close({ timeoutMs: ms });
            if (pending > 0) log.warn({ pending }, 'order submits still in flight at shutdown');
          }
        : undefined,
    ],
    // Settles `unknown` and `pending` orders, so orders whose create answer was lost get canceled too.
    [
      'syncOrders',
      input.cancelOrders && fullSync
        ? async () => {
            await fullSync();
          }
        : undefined,
    ],
    [
      'cancelOrders',
      input.cancelOrders
        ? async () => {
            const result = await deps.service.cancelAll({ onlyDaemonPlaced: true });
            log.info({ ...result }, 'resting orders canceled for shutdown');
          }
        : undefined,
    ],
    ['flush', deps.flush],
    ['closeSockets', deps.closeSockets],
  ];
  const outcomes: Record<string, StepOutcome> = {};
  for (const [name, step] of steps) {
    if (!step) {
      outcomes[name] = 'skipped';
      continue;
    }
    try {
      await bounded(step, ms);
      outcomes[name] = 'done';
    } catch (error) {
      const timedOut = error instanceof StepTimeout;
      outcomes[name] = timedOut ? 'timeout' : 'failed';
      log.error(
        { step: name, ...(timedOut ? { timeoutMs: ms } : { err: error }) },
        `shutdown step ${outcomes[name]}`,
      );
    }
  }
  log.info({ reason: input.reason, steps: outcomes }, 'shutdown procedure finished');
  return outcomes;
}

export function createShutdownProcedureActor(deps: ShutdownDeps) {
  return fromPromise<void, ShutdownInput>(async ({ input }) => {
    await runShutdown(deps, input);
  });
}
