// Keeps the feed's subscriptions alive on the current client: subscribes the markets in batches (and
// the private channels), hands each new sid's markets to the book store, and resubscribes whatever the
// server declares dead (errors 10 and 25, replays it refused).
import type { KalshiWsClient } from '../../adapters/kalshi/ws';
import type { SidAssignment } from '../../adapters/kalshi/ws-subscriptions';
import type { WsSubscriptionError } from '../../adapters/kalshi/ws-types';
import type { BookStore } from '../../domain/book-store';
import { LiveSubscriptions, ORDERBOOK_CHANNEL } from './live-subscriptions';
import type { StreamCounters, StreamLog } from './orderbook-types';
import type { ResyncController } from './resync-controller';

export const PRIVATE_CHANNELS = ['fill', 'user_orders', 'market_positions'];

export interface KeeperContext {
  store: BookStore;
  resync: ResyncController;
  log: StreamLog;
  counters: Pick<StreamCounters, 'resubscribes'>;
  /** The client subscriptions belong to; answers for any other (replaced) client are ignored. */
  current(): KalshiWsClient | null;
  /** Every wanted orderbook subscription has its sid on this connection. */
  onComplete(): void;
  forceReconnect(reason: string): void;
}

const errorKind = (err: unknown): string | undefined => (err as { kind?: string } | null)?.kind;

export class SubscriptionKeeper {
  readonly live = new LiveSubscriptions();

  constructor(private readonly ctx: KeeperContext) {}

  /** A new client: registers every subscription (they go out on open and are replayed on reconnects). */
  open(client: KalshiWsClient, batches: readonly string[][], withPrivate: boolean): void {
    this.live.reset(batches.length);
    for (const batch of batches) this.subscribeBatch(client, batch);
    if (!withPrivate) return;
    client.subscribe({ channels: PRIVATE_CHANNELS }).catch((err: unknown) => {
      if (this.ctx.current() === client) this.ctx.log.warn({ err }, 'private channels not subscribed');
    });
  }

  /** A sid announcement (before any frame of it): its books start waiting for their snapshot. */
  onChange(client: KalshiWsClient, change: SidAssignment): void {
    const { store, resync } = this.ctx;
    // After a reconnect the store was reset wholesale; only a resubscribe retires one old sid.
    if (change.reason === 'resubscribe' && change.previousSid !== null) {
      store.unsubscribe(change.previousSid);
      resync.forget(change.previousSid);
    }
    const tickers = this.live.assign(change, () => client.subscriptions());
    if (tickers === null) return;
    store.subscribe(change.sid, tickers);
    if (this.live.complete) this.ctx.onComplete();
  }

  onError(client: KalshiWsClient, event: WsSubscriptionError): void {
    const { log, store, resync, counters } = this.ctx;
    const { logicalId } = event;
    const context = { sid: event.sid, channel: event.channel, code: event.code, reason: event.message };
    const state = client.subscriptions().find((v) => v.logicalId === logicalId)?.state;
    if (logicalId === null || (!event.terminal && state !== 'dead')) {
      log.warn(context, 'subscription error');
      return;
    }
    log.warn(context, 'subscription dead on the server; resubscribing');
    if (event.sid !== null && event.channel === ORDERBOOK_CHANNEL) {
      this.live.retire(event.sid);
      store.unsubscribe(event.sid);
      resync.forget(event.sid);
    }
    counters.resubscribes++;
    client.resubscribe(logicalId).catch((err: unknown) => {
      // A socket that closed meanwhile replays the subscription by itself.
      if (this.ctx.current() === client && errorKind(err) !== 'closed') {
        this.ctx.forceReconnect(`resubscribe after error ${event.code} failed`);
      }
    });
  }

  private subscribeBatch(client: KalshiWsClient, tickers: string[]): void {
    const params = { channels: [ORDERBOOK_CHANNEL], marketTickers: tickers, useYesPrice: false };
    client.subscribe(params).catch((err: unknown) => {
      if (this.ctx.current() !== client) return;
      if (errorKind(err) === 'timeout') {
        this.subscribeBatch(client, tickers); // unanswered, not refused: ask again
        return;
      }
      this.ctx.log.error({ err, markets: tickers.length, first: tickers[0] }, 'orderbook subscribe refused');
      this.live.giveUp();
      if (client.state === 'open' && this.live.complete) this.ctx.onComplete();
    });
  }
}
