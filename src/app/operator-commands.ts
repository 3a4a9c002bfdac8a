// Operator commands (WS `command` frames and the HTTP order routes, past the control token and
// validation): each one run against its owner (the trading service, manual orders, the orderbook stream,
// the daemon's shutdown) and announced as a `command` activity line.
import type { TradingService } from '../actors/trading/trading-ports';
import type { Severity } from '../machines/trader.events';
import type { CommandResult, DaemonCommand, OrderCommand, OrderResult } from '../server/commands';
import type { ActivityEvent } from '../server/events';
import type { TraderState } from '../server/views';

export interface CommandDeps {
  service: Pick<TradingService, 'cancelAll' | 'setKillSwitch' | 'setStrategyPaused'>;
  /** Re-snapshots one market; false when no live subscription serves it. */
  resync(ticker: string): boolean;
  /** Starts the daemon's shutdown (the process exits when main owns it). */
  requestShutdown(reason: string): void;
  /** Runs a manual order command (see manual-orders.ts). */
  orders(cmd: OrderCommand): Promise<OrderResult>;
  state(): TraderState;
  publish(event: ActivityEvent): void;
}

export function createCommandRunner(d: CommandDeps) {
  const done = (message: string, severity: Severity = 'warning'): CommandResult => {
    d.publish({ type: 'activity', activity_type: 'command', message, severity, state: d.state() });
    return { ok: true, message };
  };
  return async (cmd: DaemonCommand): Promise<CommandResult> => {
    switch (cmd.type) {
      case 'kill_switch':
        d.service.setKillSwitch(cmd.on);
        return done(`kill switch ${cmd.on ? 'on' : 'off'}`);
      case 'cancel_all': {
        const r = await d.service.cancelAll({ onlyDaemonPlaced: true });
        return done(`cancel all: ${r.canceled} canceled, ${r.notFound} not found, ${r.failed} failed`);
      }
      case 'strategy':
        // The flag lives in the trading actor, so it holds while the strategy is down or restarting.
        d.service.setStrategyPaused(cmd.paused);
        return done(`strategy ${cmd.paused ? 'paused' : 'resumed'}`, 'info');
      case 'resync_market':
        if (!d.resync(cmd.ticker)) {
          return { ok: false, code: 'unknown_market', message: `no live book for ${cmd.ticker}` };
        }
        return done(`resync requested for ${cmd.ticker}`, 'info');
      case 'shutdown': {
        done('shutdown requested by an operator command');
        d.requestShutdown('command');
        return { ok: true, message: 'shutting down' };
      }
      case 'place_order':
      case 'cancel_order':
      case 'amend_order': {
        const result = await d.orders(cmd);
        const id = result.client_order_id ?? cmd.type;
        // A refusal is the daemon's own (not operating, storage down): the line says why in words.
        const detail =
          result.rule ?? (result.outcome === 'refused' ? `${result.code}: ${result.message}` : result.code);
        const line = `manual ${cmd.type.replace('_order', '')} ${id}: ${result.outcome}${detail ? ` (${detail})` : ''}`;
        d.publish({
          type: 'activity',
          activity_type: 'command',
          message: line,
          severity: result.ok ? 'info' : 'warning',
          state: d.state(),
          metadata: { client_order_id: result.client_order_id, outcome: result.outcome },
        });
        return result;
      }
    }
  };
}
