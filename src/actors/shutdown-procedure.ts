// The shutdown procedure: stop the strategy, close the order gate and wait for creates in flight,
// optionally sync then cancel our resting orders, flush storage, close the exchange sockets. Each step is
// time-bounded and reported as it really went (see shutdown-steps); the next one still runs.
import { fromPromise } from 'xstate';
import type { ShutdownInput } from '../machines/trader.events';
import { runSteps, type Step, type StepOutcome, type StepRun, skip } from './shutdown-steps';
import { type ActorLog, silentLog, type TradingService } from './trading/trading-ports';

export const DEFAULT_STEP_TIMEOUT_MS = 5_000;

export interface ShutdownDeps {
  /** `close` and `fullSync` are optional so a bare canceller still works (older wiring, tests). */
  service: Pick<TradingService, 'cancelAll'> & Partial<Pick<TradingService, 'close' | 'fullSync'>>;
  /** Makes sure the strategy no longer runs; resolves `skip(why)` when it was not running. */
  stopStrategy?: StepRun;
  /** The storage seam: absent until storage is wired into the daemon. */
  flush?: StepRun;
  /** Makes sure the exchange sockets are closed; resolves `skip(why)` when none was open. */
  closeSockets?: StepRun;
  log?: ActorLog;
  stepTimeoutMs?: number;
}

const ORDERS_KEPT = skip('resting orders are kept (V3_CANCEL_ON_SHUTDOWN is off)');

export async function runShutdown(
  deps: ShutdownDeps,
  input: ShutdownInput,
): Promise<Record<string, StepOutcome>> {
  const log = deps.log ?? silentLog;
  const ms = deps.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const { close, fullSync, cancelAll } = deps.service;
  const steps: Step[] = [
    ['stopStrategy', deps.stopStrategy ?? skip('no strategy is wired')],
    // No new orders from here on, and a create in flight may still produce a resting order to cancel.
    [
      'closeGate',
      close
        ? async () => {
            const { pending } = await close({ timeoutMs: ms });
            if (pending > 0) throw new Error(`gate closed, but ${pending} order submit(s) still in flight`);
          }
        : skip('the trading service has no order gate'),
    ],
    // Settles `unknown` and `pending` orders, so orders whose create answer was lost get canceled too.
    ['syncOrders', !input.cancelOrders ? ORDERS_KEPT : (fullSync ?? skip('the trading service cannot sync'))],
    [
      'cancelOrders',
      input.cancelOrders
        ? async () => {
            const result = await cancelAll({ onlyDaemonPlaced: true });
            log.info({ ...result }, 'resting orders canceled for shutdown');
            if (result.failed > 0) throw new Error(`${result.failed} of ${result.requested} cancels failed`);
          }
        : ORDERS_KEPT,
    ],
    ['flush', deps.flush ?? skip('no storage is attached')],
    ['closeSockets', deps.closeSockets ?? skip('no exchange sockets are wired')],
  ];
  const outcomes = await runSteps(steps, { timeoutMs: ms, log });
  log.info({ reason: input.reason, steps: outcomes }, 'shutdown procedure finished');
  return outcomes;
}

export function createShutdownProcedureActor(deps: ShutdownDeps) {
  return fromPromise<void, ShutdownInput>(async ({ input }) => {
    await runShutdown(deps, input);
  });
}
