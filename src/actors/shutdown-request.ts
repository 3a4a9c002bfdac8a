// Stopping the trader from outside (signal, operator command, a test): SHUTDOWN to the root machine,
// which runs the shutdown procedure as a state; or, when the root is not running (crashed, never
// started) and would ignore SHUTDOWN, the procedure run directly, so resting orders are still
// cancelled when asked. Either way it resolves with how it ended, once done or after the bound.
import type { AnyActorRef } from 'xstate';
import type { TraderContext } from '../machines/trader.events';
import { runShutdown, type ShutdownDeps } from './shutdown-procedure';
import { type ActorLog, silentLog } from './trading/trading-ports';

/** How long a shutdown may take (signals, operator command) before the caller goes on regardless. */
export const SHUTDOWN_BOUND_MS = 20_000;

export interface ShutdownRequest {
  reason: string;
  cancelOrders: boolean;
  boundMs: number;
}

/** How the trader's shutdown ended: the machine's own outcome, or `unfinished` when the bound came first. */
export type ShutdownEnd = 'done' | 'failed' | 'timeout' | 'unfinished';

export async function requestShutdown(
  root: Pick<AnyActorRef, 'getSnapshot' | 'send' | 'subscribe'>,
  procedure: ShutdownDeps,
  { reason, cancelOrders, boundMs }: ShutdownRequest,
  log: ActorLog = silentLog,
): Promise<ShutdownEnd> {
  const status = root.getSnapshot().status;
  if (status !== 'active') {
    log.warn({ status }, 'root actor not running: shutting down directly');
    // runShutdown bounds and reports each step itself; it does not throw.
    await runShutdown(procedure, { reason, cancelOrders });
    return 'done';
  }
  root.send({ type: 'SHUTDOWN', reason, cancelOrders });
  await untilDone(root, boundMs);
  const after = root.getSnapshot() as { status: string; context: Pick<TraderContext, 'shutdown'> };
  if (after.status !== 'done') return 'unfinished';
  const outcome = after.context.shutdown?.outcome;
  return outcome === undefined || outcome === 'pending' ? 'unfinished' : outcome;
}

/** Resolves when the actor reaches its final state, or after `boundMs`. */
function untilDone(actor: Pick<AnyActorRef, 'getSnapshot' | 'subscribe'>, boundMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (actor.getSnapshot().status === 'done') return resolve();
    const timer = setTimeout(finish, boundMs);
    const sub = actor.subscribe((s: { status: string }) => {
      if (s.status === 'done') finish();
    });
    function finish() {
      clearTimeout(timer);
      sub.unsubscribe();
      resolve();
    }
  });
}
