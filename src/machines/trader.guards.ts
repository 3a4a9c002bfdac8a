// Named guards of the root statechart and the reason text recorded with each public transition.

import type { ExchangeStatus } from '../domain/trading-types';
import type { ComponentsHealth, PublicState, TraderContext } from './trader.events';

type Components = { components: ComponentsHealth };

/**
 * The public state the machine is in, as its own transition history says (the last record's `to`):
 * what actions running on the way into the next state compare against.
 */
export const currentState = (context: TraderContext): PublicState =>
  context.transitions.at(-1)?.to ?? 'startup';

export const traderGuards = {
  feedIsUp: ({ context }: { context: TraderContext }) => context.feedUp,
  /** True when this failure would be the N-th in a row (the counter is bumped by the same transition). */
  tooManySyncFailures: ({ context }: { context: TraderContext }) =>
    context.syncFailures + 1 >= context.maxSyncFailures,
  exchangeInactive: (_: unknown, status: ExchangeStatus) => !status.exchangeActive || !status.tradingActive,
  // A component missing from a report says nothing either way: only an explicit flag decides.
  tradingUnhealthy: (_: unknown, { components }: Components) => components.trading?.healthy === false,
};

/** Human reason for entering `to`, read from the context the transition has just updated. */
export function transitionReason(to: PublicState, context: TraderContext): string | undefined {
  const from = currentState(context);
  switch (to) {
    case 'initializing':
      return from === 'error' ? `recovery attempt ${context.recoveryAttempts}` : undefined;
    case 'trading_client_connect':
      return context.feedUp ? undefined : (context.feedDetail ?? 'feed unavailable');
    case 'degraded':
      return context.feedDetail ?? 'feed unavailable';
    case 'ready':
      return from === 'degraded' ? 'feed restored' : undefined;
    case 'error':
      return context.lastError?.message;
    case 'shutdown':
      return context.shutdown?.reason;
    default:
      return undefined;
  }
}

export function componentDetail(components: ComponentsHealth, name: string): string {
  const detail = components[name]?.detail;
  return detail ? `${name} unhealthy: ${detail}` : `${name} unhealthy`;
}
