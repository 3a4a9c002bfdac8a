// Stopping the trader from outside (signal, operator command, a test): SHUTDOWN to the root machine,
// which runs the shutdown procedure as a state; or, when the root is not running (crashed, never
// started) and would ignore SHUTDOWN, the procedure run directly, so resting orders are still
// cancelled when asked. Either way it resolves when done, or after the bound.
import type { AnyActorRef } from 'xstate';
import { runShutdown, type ShutdownDeps } from './shutdown-procedure';
import { type ActorLog, silentLog } from './trading/trading-ports';

/** How long a shutdown may take (signals, operator command) before the caller goes on regardless. */
export const SHUTDOWN_BOUND_MS = 20_000;

export interface ShutdownRequest {
  reason: string;
  cancelOrders: boolean;
  boundMs: number;
}

export async function requestShutdown(
  root: Pick<AnyActorRef, 'getSnapshot' | 'send' | 'subscribe'>,
  procedure: ShutdownDeps,
  { reason, cancelOrders, boundMs }: ShutdownRequest,
  log: ActorLog = silentLog,
): Promise<void> {
  const status = root.getSnapshot().status;
  if (status !== 'active') {
    log.warn({ status }, 'root actor not running: shutting down directly');
    await runShutdown(procedure, { reason, cancelOrders }).catch((err: unknown) =>
      log.error({ err }, 'shutdown procedure failed'),
    );
    return;
  }
  root.send({ type: 'SHUTDOWN', reason, cancelOrders });
  await untilDone(root, boundMs);
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
