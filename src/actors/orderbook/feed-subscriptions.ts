// The feed's wanted subscriptions on one WS client: the market batches and the private channels, each
// known by its logical id in the client's own registry (the only sid map there is). Hands each new sid's
// markets to the book store (so only our own sids own books), says whether all are acknowledged and, if
// not, what is missing; sends again whatever is missing; resubscribes at once what the exchange
// declares dead (errors 10, 25); changes the market set in place (rolling discovery).
import type { KalshiWsClient } from '../../adapters/kalshi/ws';
import type { SubscribeParams } from '../../adapters/kalshi/ws-commands';
import type { SidAssignment } from '../../adapters/kalshi/ws-subscriptions';
import type { WsSubscriptionError } from '../../adapters/kalshi/ws-types';
import type { BookStore } from '../../domain/book-store';
import type { FeedEvent } from '../../machines/feed.events';
import type { BookRepair } from './book-repair';
import { type BatchChange, planMarketChange } from './market-change-plan';
import type { StreamCounters, StreamLog } from './orderbook-types';

const ORDERBOOK_CHANNEL = 'orderbook_delta';
/**
 * Each market batch also carries the `ticker` channel (last trade price and volume): one logical
 * subscription, so its markets change, replay and resubscribe together with the books'.
 */
const BATCH_CHANNELS = [ORDERBOOK_CHANNEL, 'ticker'];
/** With the account's own channels, the market lifecycle: the trading side follows closes and settlements. */
const PRIVATE_CHANNELS = ['fill', 'user_orders', 'market_positions', 'market_lifecycle_v2'];

interface Wanted {
  params: SubscribeParams;
  private: boolean;
  /** Its logical subscription on the current client; null before the first subscribe or after a refusal. */
  logicalId: string | null;
}

export interface SubscriptionStatus {
  complete: boolean;
  /** What is missing, for FEED.DOWN and health; empty when complete. */
  gap: string;
  /** 'off' without credentials (no private channels wanted). */
  privateChannels: 'subscribed' | 'missing' | 'off';
}

export interface FeedSubscriptionsContext {
  store: BookStore;
  repair: BookRepair;
  log: StreamLog;
  counters: Pick<StreamCounters, 'resubscribes'>;
  /** Something about the subscriptions changed (an ack, a refusal, an error): re-evaluate. */
  changed(): void;
}

const noop = (): void => {};
const bookBatch = (marketTickers: string[]): Wanted => ({
  // The initial ticker frames show the last trade at once instead of after the market's next one.
  params: { channels: BATCH_CHANNELS, marketTickers, useYesPrice: false, sendInitialSnapshot: true },
  private: false,
  logicalId: null,
});
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class FeedSubscriptions {
  private readonly wanted: Wanted[] = [];
  /** What the machine was last told (null: nothing yet on this socket). */
  private told: { complete: boolean; gap: string } | null = null;

  constructor(
    markets: readonly string[],
    private readonly batchSize: number,
    withPrivate: boolean,
    private readonly ctx: FeedSubscriptionsContext,
  ) {
    for (let i = 0; i < markets.length; i += batchSize)
      this.wanted.push(bookBatch(markets.slice(i, i + batchSize)));
    if (withPrivate)
      this.wanted.push({ params: { channels: PRIVATE_CHANNELS }, private: true, logicalId: null });
  }

  /** A new client: every subscription is registered (sent on open, replayed on its reconnects). */
  open(client: KalshiWsClient): void {
    for (const wanted of this.wanted) this.register(client, wanted);
  }

  /** A sid announcement (before any frame of it): its books are ours and wait for their snapshots. */
  onChange(client: KalshiWsClient, change: SidAssignment): void {
    const { store, repair } = this.ctx;
    if (change.previousSid !== null) {
      // A resubscribe replaced the sid (after a reconnect the store was reset wholesale already).
      store.unsubscribe(change.previousSid);
      repair.forget(change.previousSid);
    }
    if (change.channel === ORDERBOOK_CHANNEL) {
      store.subscribe(change.sid, client.subscription(change.logicalId)?.marketTickers ?? []);
      repair.loading(change.sid);
    }
    this.ctx.changed();
  }

  /**
   * The subscriptions' news for the machine: SUBSCRIPTIONS.COMPLETE or .INCOMPLETE {what is missing},
   * only when that changed since it was last told; null otherwise.
   */
  news(client: KalshiWsClient): FeedEvent | null {
    const { complete, gap } = this.status(client);
    const told = this.told;
    if (told !== null && told.complete === complete && told.gap === gap) return null;
    this.told = { complete, gap };
    return complete ? { type: 'SUBSCRIPTIONS.COMPLETE' } : { type: 'SUBSCRIPTIONS.INCOMPLETE', reason: gap };
  }

  /** A new socket: nothing told on it yet. */
  reopened(): void {
    this.told = null;
  }

  status(client: KalshiWsClient): SubscriptionStatus {
    let books = 0;
    let privateMissing = false;
    for (const wanted of this.wanted) {
      const active = wanted.logicalId !== null && client.subscriptionState(wanted.logicalId) === 'active';
      if (active) continue;
      if (wanted.private) privateMissing = true;
      else books++;
    }
    const total = this.wanted.length - (this.wantsPrivate ? 1 : 0);
    const gaps: string[] = [];
    if (privateMissing) gaps.push('private channels not subscribed');
    if (books > 0) gaps.push(`${books} of ${total} orderbook subscriptions not acknowledged`);
    return {
      complete: gaps.length === 0,
      gap: gaps.join('; '),
      privateChannels: !this.wantsPrivate ? 'off' : privateMissing ? 'missing' : 'subscribed',
    };
  }

  /** Sends again every subscription that is not active: unanswered, refused, or dead on the server. */
  subscribeMissing(client: KalshiWsClient): void {
    for (const wanted of this.wanted) {
      if (wanted.logicalId !== null && client.subscriptionState(wanted.logicalId) === 'active') continue;
      const view = wanted.logicalId === null ? undefined : client.subscription(wanted.logicalId);
      this.ctx.counters.resubscribes++;
      if (view === undefined) this.register(client, wanted);
      else this.resubscribe(client, view.logicalId);
    }
  }

  /** Errors 10 and 25 end a subscription on the server: subscribe it afresh at once. */
  onError(client: KalshiWsClient, event: WsSubscriptionError): void {
    if (event.terminal && event.sid !== null && event.channel === ORDERBOOK_CHANNEL) {
      this.ctx.store.unsubscribe(event.sid);
      this.ctx.repair.forget(event.sid);
    }
    const context = { sid: event.sid, channel: event.channel, code: event.code, reason: event.message };
    if (event.logicalId === null || !event.terminal) {
      this.ctx.log.warn(context, 'subscription error');
    } else {
      this.ctx.log.warn(context, 'subscription dead on the server; resubscribing');
      this.ctx.counters.resubscribes++;
      this.resubscribe(client, event.logicalId);
    }
    this.ctx.changed();
  }

  /** Resubscribes the logical subscription serving `logicalId`; false when it is not one of ours. */
  resubscribe(client: KalshiWsClient, logicalId: string): boolean {
    if (!this.wanted.some((w) => w.logicalId === logicalId)) return false;
    // A failure leaves the subscription inactive: the machine's SUBSCRIBE_RETRY sends it again.
    client.resubscribe(logicalId).then(this.ctx.changed, this.ctx.changed);
    return true;
  }

  /**
   * Rolling discovery: added markets join the batches with room, removed ones leave theirs, in place on a
   * live subscription (update_subscription add_markets / delete_markets: same socket, same sid). A batch
   * not live is registered afresh with its new list; one left empty is unsubscribed.
   */
  setMarkets(client: KalshiWsClient, added: readonly string[], removed: readonly string[]): void {
    const books = this.wanted.filter((w) => !w.private);
    const lists = books.map((w) => w.params.marketTickers ?? []);
    const plan = planMarketChange(lists, added, removed, this.batchSize);
    for (const change of plan.changes) this.changeBatch(client, books[change.batch] as Wanted, change);
    for (const tickers of plan.newBatches) {
      const wanted = bookBatch(tickers);
      this.wanted.splice(this.wanted.length - (this.wantsPrivate ? 1 : 0), 0, wanted); // private stays last
      this.register(client, wanted);
    }
    this.ctx.changed();
  }

  private changeBatch(client: KalshiWsClient, wanted: Wanted, change: BatchChange): void {
    wanted.params = { ...wanted.params, marketTickers: change.after };
    const view = wanted.logicalId === null ? undefined : client.subscription(wanted.logicalId);
    const sids = view?.state === 'active' ? view.sids : [];
    const sid = sids.find((s) => s.channel === ORDERBOOK_CHANNEL)?.sid;
    if (sid === undefined || change.after.length === 0) {
      this.replace(client, wanted, sid);
      return;
    }
    const failed = (action: string, failedSid: number) => (err: unknown) => {
      if ((err as { kind?: string }).kind === 'closed') return;
      const context = { sid: failedSid, action, reason: errorText(err) };
      this.ctx.log.warn(context, 'market change refused; subscribing afresh');
      // Once per batch change: the other channel's refusal of the same change finds it replaced already.
      const current = wanted.params.marketTickers === change.after && wanted.logicalId === view?.logicalId;
      if (current) this.replace(client, wanted, sid);
    };
    // Every channel's sid of the batch: one left behind would stream, and a reconnect replay, other markets.
    if (change.add.length > 0) {
      // Before the command: the new markets' snapshots follow its ack at once, on this sid.
      this.ctx.store.subscribe(sid, change.add);
      for (const s of sids)
        client.updateSubscription(s.sid, 'add_markets', change.add).catch(failed('add_markets', s.sid));
    }
    if (change.remove.length > 0)
      for (const s of sids)
        client
          .updateSubscription(s.sid, 'delete_markets', change.remove)
          .catch(failed('delete_markets', s.sid));
  }

  /** Ends a batch's subscription and, unless it has no market left, subscribes it afresh. */
  private replace(client: KalshiWsClient, wanted: Wanted, sid: number | undefined): void {
    if (wanted.logicalId !== null) client.removeSubscription(wanted.logicalId).catch(noop);
    if (sid !== undefined) {
      this.ctx.store.unsubscribe(sid);
      this.ctx.repair.forget(sid);
    }
    wanted.logicalId = null;
    if ((wanted.params.marketTickers?.length ?? 0) > 0) this.register(client, wanted);
    else {
      // splice(-1, 1) would drop the last entry, the private channels: only a batch still held goes.
      const at = this.wanted.indexOf(wanted);
      if (at >= 0) this.wanted.splice(at, 1);
    }
    this.ctx.changed();
  }

  private get wantsPrivate(): boolean {
    return this.wanted.at(-1)?.private === true;
  }

  private register(client: KalshiWsClient, wanted: Wanted): void {
    const { logicalId, acked } = client.register(wanted.params);
    wanted.logicalId = logicalId;
    acked.then(noop, (err: unknown) => {
      if ((err as { kind?: string }).kind === 'closed') return; // the client is gone or replaced
      const what = wanted.private ? 'private channels' : `${wanted.params.marketTickers?.length} markets`;
      this.ctx.log.warn({ what, reason: errorText(err) }, 'subscribe not acknowledged; will retry');
      if (client.subscription(logicalId ?? '') === undefined) wanted.logicalId = null; // refused
      this.ctx.changed();
    });
  }
}
