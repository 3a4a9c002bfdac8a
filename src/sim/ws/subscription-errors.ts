// Ends subscriptions the way Kalshi's terminal errors do (§6.3, codes 10 and 25): one error frame for the
// sid, then silence on it while the socket stays open; the client must notice and resubscribe.
import type { Outbox } from './outbox';
import type { TerminalErrorCode } from './protocol';
import type { Subscription, SubscriptionSet } from './subscriptions';

/** `sid` absent: every orderbook_delta subscription (the ones whose loss a client must detect). */
export function killSubscriptions(
  subs: SubscriptionSet,
  outbox: Outbox,
  code: TerminalErrorCode,
  sid?: number,
): number {
  const targets: Subscription[] =
    sid === undefined
      ? subs.all().filter((sub) => sub.channel === 'orderbook_delta')
      : [subs.get(sid)].filter((sub): sub is Subscription => sub !== undefined);
  for (const sub of targets) {
    outbox.subscriptionError(sub, code);
    // Deleted, not paused: Kalshi forgets a dead sid, so unsubscribe or update on it answers error 7.
    subs.delete(sub.sid);
  }
  return targets.length;
}
