// One authenticated WS client: answers its commands (§6.2/§6.3) against its subscriptions and hands
// engine events to the router with this client's identity.
import type { ExchangeEvent, SimBook, SimExchange, SimMarket } from '../engine/types';
import type { Command, MarketFilter } from './commands';
import { parseCommand } from './commands';
import { fan, type RoutingTarget, routeEvent } from './event-routing';
import { snapshotMsg } from './frames';
import type { Outbox, WsCounters } from './outbox';
import {
  SEQUENCED,
  type TerminalErrorCode,
  UNFILTERED,
  WsErrorCode,
  type WsErrorMsg,
  wsError,
} from './protocol';
import { killSubscriptions } from './subscription-errors';
import { type Subscription, SubscriptionSet, type SubscriptionView } from './subscriptions';

export interface SessionDeps {
  exchange: SimExchange;
  outbox: Outbox;
  counters: WsCounters;
  /** The current ticker frame body of a market (for send_initial_snapshot). */
  tickerMsg(ticker: string): Record<string, unknown> | undefined;
}

export interface SessionView {
  id: number;
  userId: string;
  subscriptions: SubscriptionView[];
}

export class Session {
  private readonly subs = new SubscriptionSet();
  private readonly target: RoutingTarget;

  constructor(
    readonly id: number,
    readonly userId: string,
    private readonly deps: SessionDeps,
  ) {
    this.target = { userId, subs: this.subs, exchange: deps.exchange, outbox: deps.outbox };
  }

  handleText(text: string): void {
    this.deps.counters.commands++;
    const parsed = parseCommand(text);
    if (!parsed.ok) {
      this.fail(parsed.id, parsed.error);
      return;
    }
    this.run(parsed.command);
  }

  onEvent(event: ExchangeEvent): void {
    routeEvent(this.target, event);
  }

  onTicker(ticker: string, msg: Record<string, unknown>): void {
    fan(this.target, 'ticker', ticker, 'ticker', () => msg);
  }

  /** Sends error `code` on `sid` (or on every orderbook sid) and ends those subscriptions; returns how many. */
  killSubscriptions(code: TerminalErrorCode, sid?: number): number {
    return killSubscriptions(this.subs, this.deps.outbox, code, sid);
  }

  subscriptionCount(): number {
    return this.subs.size;
  }

  view(): SessionView {
    return { id: this.id, userId: this.userId, subscriptions: this.subs.view() };
  }

  private run(command: Command): void {
    switch (command.cmd) {
      case 'subscribe':
        this.subscribe(command);
        return;
      case 'unsubscribe':
        for (const sid of command.sids) this.unsubscribe(command.id, sid);
        return;
      case 'update_subscription':
        this.update(command);
        return;
      case 'list_subscriptions':
        this.deps.outbox.control({
          id: command.id,
          type: 'ok',
          msg: this.subs.all().map((s) => ({ channel: s.channel, sid: s.sid })),
        });
        return;
    }
  }

  private subscribe(command: Extract<Command, { cmd: 'subscribe' }>): void {
    const tickers = this.resolve(command.filter);
    if (!Array.isArray(tickers) && tickers !== null) {
      this.fail(command.id, tickers);
      return;
    }
    // Books are read before the subscription exists: reading one may expire orders, and those deltas
    // must not reach a subscription whose snapshot (which already includes them) is not yet sent.
    const books = command.channels.includes('orderbook_delta') ? this.books(tickers ?? []) : [];
    for (const channel of command.channels) {
      const sub = this.subs.add(channel, tickers, {
        useYesPrice: command.useYesPrice,
        skipTickerAck: command.skipTickerAck,
      });
      this.deps.outbox.control({ id: command.id, type: 'subscribed', msg: { channel, sid: sub.sid } });
      if (channel === 'orderbook_delta') this.snapshots(sub, books);
      if (channel === 'ticker' && command.sendInitialSnapshot) {
        // "All markets" means the open ones, not every settled market still kept for REST reads.
        const all = sub.tickers ?? this.deps.exchange.listMarkets({ status: 'active' }).map((m) => m.ticker);
        for (const ticker of all) {
          const msg = this.deps.tickerMsg(ticker);
          if (msg !== undefined) this.deps.outbox.data(sub, 'ticker', msg);
        }
      }
    }
  }

  private unsubscribe(id: number, sid: number): void {
    const sub = this.subs.get(sid);
    if (sub === undefined) {
      this.fail(id, wsError(WsErrorCode.UnknownSid));
      return;
    }
    this.subs.delete(sid);
    // Control frames repeat the sid's current seq rather than consuming one: clients that skip control
    // frames when checking seq then see no gap.
    this.deps.outbox.control({ id, sid, ...this.seqOf(sub), type: 'unsubscribed' });
  }

  private update(command: Extract<Command, { cmd: 'update_subscription' }>): void {
    const { id } = command;
    const sub = this.subs.get(command.sid);
    if (sub === undefined) {
      this.fail(id, wsError(WsErrorCode.UnknownSid));
      return;
    }
    if (UNFILTERED.has(sub.channel)) {
      this.fail(id, wsError(WsErrorCode.UnsupportedAction));
      return;
    }
    const resolved = this.resolve(command.filter);
    if (!Array.isArray(resolved) && resolved !== null) {
      this.fail(id, resolved);
      return;
    }
    if (command.action === 'get_snapshot') {
      if (sub.channel !== 'orderbook_delta') {
        this.fail(id, wsError(WsErrorCode.UnsupportedAction));
        return;
      }
      const wanted = resolved ?? [...(sub.tickers ?? [])];
      const foreign = wanted.filter((t) => !sub.tickers?.has(t));
      if (foreign.length > 0)
        this.fail(id, wsError(WsErrorCode.InvalidParameter, { market_tickers: foreign }));
      else this.snapshots(sub, this.books(wanted), id);
      return;
    }
    const tickers = resolved ?? [];
    if (sub.tickers === null) {
      // An all-markets subscription already covers any addition; deleting from "all" has no meaning.
      if (command.action === 'delete_markets') {
        this.fail(id, wsError(WsErrorCode.InvalidParameter));
        return;
      }
    } else if (command.action === 'add_markets') {
      const added = tickers.filter((t) => !sub.tickers?.has(t));
      const books = sub.channel === 'orderbook_delta' ? this.books(added) : [];
      this.subs.addTickers(sub, added);
      this.ok(id, sub);
      this.snapshots(sub, books);
      return;
    } else {
      this.subs.deleteTickers(sub, tickers);
    }
    this.ok(id, sub);
  }

  private ok(id: number, sub: Subscription): void {
    const msg = sub.skipTickerAck || sub.tickers === null ? {} : { market_tickers: [...sub.tickers] };
    this.deps.outbox.control({ id, sid: sub.sid, ...this.seqOf(sub), type: 'ok', msg });
  }

  private books(tickers: readonly string[]): Array<[SimMarket, SimBook]> {
    const out: Array<[SimMarket, SimBook]> = [];
    for (const ticker of tickers) {
      const market = this.deps.exchange.getMarket(ticker);
      const book = this.deps.exchange.getBook(ticker);
      if (market !== undefined && book !== undefined) out.push([market, book]);
    }
    return out;
  }

  private snapshots(sub: Subscription, books: ReadonlyArray<[SimMarket, SimBook]>, id?: number): void {
    const opts = id === undefined ? {} : { id };
    for (const [market, book] of books) {
      this.deps.outbox.data(sub, 'orderbook_snapshot', snapshotMsg(market, book, sub.useYesPrice), opts);
    }
  }

  /** Tickers for a filter (null: none given), or error 11 naming the markets that do not exist. */
  private resolve(filter: MarketFilter): string[] | null | WsErrorMsg {
    const { exchange } = this.deps;
    if (filter.tickers !== null) {
      const unknown = filter.tickers.filter((t) => exchange.getMarket(t) === undefined);
      if (unknown.length === 0) return filter.tickers;
      return wsError(WsErrorCode.InvalidParameter, { market_tickers: unknown });
    }
    if (filter.marketIds === null) return null;
    const byId = new Map(exchange.listMarkets().map((m) => [m.marketId, m.ticker]));
    const tickers = filter.marketIds.map((mid) => byId.get(mid));
    if (tickers.every((t): t is string => t !== undefined)) return tickers;
    return wsError(WsErrorCode.InvalidParameter);
  }

  private seqOf(sub: Subscription): { seq?: number } {
    return SEQUENCED.has(sub.channel) ? { seq: sub.seq } : {};
  }

  private fail(id: number, error: WsErrorMsg): void {
    this.deps.counters.commandErrors++;
    this.deps.outbox.control({ id, type: 'error', msg: error });
  }
}
