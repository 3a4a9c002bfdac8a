// Sends one queued intent through the trading service (so through the risk gate): a place or a change
// as it is; a desired set as the steps of its diff against what rests *now*, one at a time. A place or
// an amend whose intent is older than the max age when its turn comes is dropped, never sent; so are
// the remaining steps of a desired set once a newer set for its market waits, or once the actor stopped.
import { type DiffStep, diffOrders } from '../../domain/order-diff';
import type { ChangeOutcome, TradingService } from '../trading/trading-ports';
import { isStale, type QueuedIntent } from './intent-queue';
import { liveOrders } from './strategy-orders';
import type { DesiredIntent, DropReason, IntentOutcome, StrategyIntent } from './strategy-types';

export interface ExecutorDeps {
  service: Pick<TradingService, 'submit' | 'change' | 'state'>;
  now: () => number;
  maxAgeMs: number;
  /** Every intent's outcome, drops included (a desired set reports each of its steps). */
  report(intent: StrategyIntent, outcome: IntentOutcome): void;
  /** A newer desired set for this market is waiting. */
  superseded(ticker: string): boolean;
  /** The strategy actor was stopped: its diff is stale, whatever is left of it must not be sent. */
  stopped(): boolean;
}

function send(service: ExecutorDeps['service'], intent: StrategyIntent): Promise<ChangeOutcome> {
  switch (intent.kind) {
    case 'cancel':
    case 'decrease':
    case 'amend':
      return service.change(intent);
    case 'desired':
      throw new Error('a desired set is sent as its steps');
    default: {
      const { kind: _place, ...order } = intent;
      return service.submit(order);
    }
  }
}

function stepIntent(step: DiffStep, set: DesiredIntent): StrategyIntent {
  const reason = set.reason ?? 'desired orders';
  switch (step.kind) {
    case 'place':
      return { kind: 'place', ticker: set.ticker, ...set.placeOptions, ...stepShape(step), reason };
    case 'cancel':
      return { kind: 'cancel', clientOrderId: step.key, reason };
    case 'decrease':
      return { kind: 'decrease', clientOrderId: step.key, count: step.remainingCount, reason };
    case 'amend':
      return {
        kind: 'amend',
        clientOrderId: step.key,
        price: step.price,
        count: step.remainingCount,
        reason,
      };
  }
}

const stepShape = (step: Extract<DiffStep, { kind: 'place' }>) => ({
  side: step.side,
  price: step.price,
  count: step.count,
});

export function createIntentExecutor(deps: ExecutorDeps) {
  const drop = (intent: StrategyIntent, reason: DropReason) =>
    deps.report(intent, { outcome: 'dropped', reason });

  async function one(item: QueuedIntent, intent: StrategyIntent): Promise<void> {
    if (deps.stopped()) return drop(intent, 'stopped');
    if (isStale({ ...item, intent }, deps.now(), deps.maxAgeMs)) return drop(intent, 'stale');
    deps.report(intent, await send(deps.service, intent));
  }

  async function desired(item: QueuedIntent, set: DesiredIntent): Promise<void> {
    const steps = diffOrders(set.orders, liveOrders(deps.service.state(), set.ticker));
    for (const [i, step] of steps.entries()) {
      // Stopped: a new strategy instance (error recovery) diffs against what rests then. Superseded: the
      // newer set's own diff, computed when its turn comes, takes it from here.
      const why = deps.stopped() ? 'stopped' : deps.superseded(set.ticker) ? 'superseded' : null;
      if (why !== null) {
        for (const rest of steps.slice(i)) drop(stepIntent(rest, set), why);
        return;
      }
      await one(item, stepIntent(step, set));
    }
  }

  return (item: QueuedIntent): Promise<void> =>
    item.intent.kind === 'desired' ? desired(item, item.intent) : one(item, item.intent);
}
