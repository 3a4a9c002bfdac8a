// The feed machine's named delays from the stream's options. Retries use the WS adapter's own capped,
// jittered backoff, so a fleet of daemons that lost the same exchange does not retry in lock-step.
import { DEFAULT_BACKOFF, fullJitterDelay } from '../../adapters/kalshi/ws-backoff';
import type { FeedContext } from '../../machines/feed.events';
import type { OrderbookStreamDeps } from './orderbook-types';

type Delay = number | ((args: { context: FeedContext }) => number);

export function feedDelays(deps: OrderbookStreamDeps): Record<string, Delay> {
  const random = deps.random ?? Math.random;
  const backoff = deps.wsOptions?.backoff ?? DEFAULT_BACKOFF;
  const subscribeTimeoutMs = deps.subscribeTimeoutMs ?? 5_000;
  return {
    // The ack timeout, then backoff: an ack on its way is not cut short by the first retry.
    SUBSCRIBE_RETRY: ({ context }) =>
      subscribeTimeoutMs + fullJitterDelay(context.subscribeAttempts, backoff, random),
    // reconnectAttempts is counted on entering `reconnecting`, before its delay is armed.
    RECONNECT_BACKOFF: ({ context }) => fullJitterDelay(context.reconnectAttempts - 1, backoff, random),
    RESYNC_TIMEOUT: deps.resyncTimeoutMs ?? 5_000,
    RESUBSCRIBE_TIMEOUT: deps.resubscribeTimeoutMs ?? 10_000,
    STALE_CHECK: deps.staleCheckIntervalMs ?? 1_000,
    AUDIT_INTERVAL: deps.audit?.intervalMs ?? 0,
    AUDIT_CONFIRM: deps.audit?.confirmMs ?? 1_000,
  };
}
