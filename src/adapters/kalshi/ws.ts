// Kalshi WS v2 client: one socket with reconnects (ws-connection), commands (ws-command-channel),
// logical subscriptions replayed with new sids (ws-subscriber), frames parsed once (ws-frame-router).
import type { OrderbookDeltaFrame, OrderbookSnapshotFrame } from './orderbook-frame-parser';
import { CommandChannel, isSnapshotReply, quiet } from './ws-command-channel';
import {
  listSubscriptionsCommand,
  REAL_TIMERS,
  type SubscribeParams,
  type UpdateAction,
  unsubscribeCommand,
  updateSubscriptionCommand,
} from './ws-commands';
import { WsConnection } from './ws-connection';
import type { ChannelSid, ControlFrame } from './ws-control-frames';
import { KalshiWsError } from './ws-errors';
import { FrameRouter } from './ws-frame-router';
import { Subscriber } from './ws-subscriber';
import { applyMarketChange, type SubscribeResult, type SubscriptionView } from './ws-subscriptions';
import type { KalshiWsClientOptions, KalshiWsHandlers, WsConnectionState, WsStats } from './ws-types';

const MAX_ENDED_FOREIGN = 64;

export class KalshiWsClient {
  private handlers: KalshiWsHandlers;
  private readonly connection: WsConnection;
  private readonly commands: CommandChannel;
  private readonly subscriber: Subscriber;
  private readonly router: FrameRouter;
  private handlerErrors = 0;
  private unmatchedReplies = 0;
  /** Foreign sids already asked to end on this socket (bounded: forged sids must not grow it). */
  private readonly endedForeign = new Set<number>();

  constructor(options: KalshiWsClientOptions) {
    this.handlers = options.handlers ?? {};
    this.connection = new WsConnection(options, {
      onState: (state, info) => this.call(() => this.handlers.onStateChange?.(state, info)),
      onOpen: () => this.subscriber.replayAll(),
      // Routing reaches command replies and their callers: a throw there must not escape the socket.
      onFrame: (bytes) => this.call(() => this.router.routeBytes(bytes)),
      onDown: () => {
        this.commands.failAll((id, cmd) => closed(`${cmd} ${id}: socket closed before the answer`, id));
        this.subscriber.disconnected();
        this.endedForeign.clear(); // sids are per socket
      },
    });
    const timers = options.timers ?? REAL_TIMERS;
    this.commands = new CommandChannel(this.connection, timers, options.commandTimeoutMs ?? 10_000);
    this.subscriber = new Subscriber(this.commands, {
      onChange: (change) => this.call(() => this.handlers.onSubscriptionChange?.(change)),
      onError: (event) => this.call(() => this.handlers.onSubscriptionError?.(event)),
      onReplayed: () => this.connection.resetBackoff(),
    });
    this.router = new FrameRouter({
      book: (frame) => this.onBook(frame),
      control: (frame) => this.onControl(frame),
      data: (type, message) => this.call(() => this.handlers.onMessage?.(type, message)),
      ticker: (frame) => this.call(() => this.handlers.onTicker?.(frame)),
      protocolError: (err) => this.call(() => this.handlers.onProtocolError?.(err)),
      owns: (sid) => typeof sid === 'number' && this.subscriber.registry.forSid(sid) !== undefined,
      foreign: (sid) => this.endForeign(sid),
    });
  }

  get state(): WsConnectionState {
    return this.connection.state;
  }

  setHandlers(handlers: KalshiWsHandlers): void {
    this.handlers = handlers;
  }

  /** Starts connecting (and reconnecting until close()); resolves at the next `open`. */
  connect(): Promise<void> {
    return quiet(this.connection.connect());
  }

  /**
   * Registers a logical subscription; resolves with its sids (one `subscribed` per channel). Made
   * while not connected, it goes out on the next open. Every reconnect replays it under new sids,
   * announced through `onSubscriptionChange` before their first frame.
   */
  subscribe(params: SubscribeParams): Promise<SubscribeResult> {
    return this.register(params).acked;
  }

  /** subscribe(), also naming the logical subscription at once (null when refused before sending). */
  register(params: SubscribeParams): { logicalId: string | null; acked: Promise<SubscribeResult> } {
    if (this.connection.isClosing) {
      return { logicalId: null, acked: quiet(Promise.reject(closed('client is closed'))) };
    }
    return this.subscriber.subscribe(params);
  }

  /** Subscribes `logicalId` afresh (after error 10/25, or a resync that failed): new sids, clear books. */
  resubscribe(logicalId: string): Promise<SubscribeResult> {
    return this.subscriber.resubscribe(logicalId);
  }

  /** Forgets a logical subscription (no more replays) and ends its live sids. */
  removeSubscription(logicalId: string): Promise<void> {
    const live = this.subscriber.remove(logicalId);
    return live.length > 0 && this.connection.isOpen ? this.unsubscribe(live) : Promise.resolve();
  }

  /** Ends the given sids; their channels are not replayed after a reconnect. */
  unsubscribe(sids: number[]): Promise<void> {
    if (sids.length === 0) return Promise.resolve();
    for (const sid of sids) this.subscriber.registry.dropSid(sid, true);
    const remaining = new Set(sids);
    return this.commands.request(
      'unsubscribe',
      (id) => unsubscribeCommand(id, sids),
      (reply, done: () => void) => {
        if (isSnapshotReply(reply)) return false;
        if (reply.type === 'unsubscribed' && reply.sid !== null) remaining.delete(reply.sid);
        else if (reply.type === 'unsubscribed' || reply.type === 'ok') remaining.clear();
        if (remaining.size > 0) return false;
        done();
        return true;
      },
    );
  }

  /**
   * `add_markets`/`delete_markets` change the sid's markets (and what a reconnect replays);
   * `get_snapshot` re-sends the books of `marketTickers`, resolving once they (or an `ok`) arrived.
   */
  updateSubscription(
    sid: number,
    action: UpdateAction,
    marketTickers: string[],
  ): Promise<{ marketTickers: string[] | null }> {
    const sub = this.subscriber.registry.forSid(sid);
    let snapshotsLeft = marketTickers.length;
    type Result = { marketTickers: string[] | null };
    const build = (id: number) => updateSubscriptionCommand(id, sid, action, marketTickers);
    return this.commands.request('update_subscription', build, (reply, done: (r: Result) => void) => {
      if (isSnapshotReply(reply)) {
        if (--snapshotsLeft > 0) return false;
        done({ marketTickers: null });
        return true;
      }
      if (reply.type !== 'ok') return false;
      if (sub !== undefined) applyMarketChange(sub, action, marketTickers);
      done({ marketTickers: reply.marketTickers });
      return true;
    });
  }

  listSubscriptions(): Promise<ChannelSid[]> {
    return this.commands.request(
      'list_subscriptions',
      listSubscriptionsCommand,
      (reply, done: (r: ChannelSid[]) => void) => {
        if (isSnapshotReply(reply) || reply.type !== 'ok') return false;
        done(reply.subscriptions ?? []);
        return true;
      },
    );
  }

  /** Closes the socket cleanly, fails whatever is pending, and never reconnects again. */
  close(): Promise<void> {
    if (!this.connection.isClosing) {
      this.subscriber.failAll(closed('client closed'));
      this.commands.failAll((id, cmd) => closed(`${cmd} ${id}: client closed`, id));
    }
    return this.connection.close();
  }

  logicalIdForSid(sid: number): string | null {
    return this.subscriber.registry.forSid(sid)?.id ?? null;
  }

  subscription(logicalId: string): SubscriptionView | undefined {
    const registry = this.subscriber.registry;
    const sub = registry.get(logicalId);
    return sub === undefined ? undefined : registry.view(sub);
  }

  /** Just the state of `subscription(logicalId)`, without copying its market list (asked per ack). */
  subscriptionState(logicalId: string): SubscriptionView['state'] | undefined {
    return this.subscriber.registry.get(logicalId)?.state;
  }

  subscriptions(): SubscriptionView[] {
    const registry = this.subscriber.registry;
    return registry.all().map((s) => registry.view(s));
  }

  stats(): WsStats {
    return {
      state: this.connection.state,
      framesByType: this.router.framesByType(),
      malformed: this.router.malformed,
      foreign: this.router.foreign,
      reconnects: this.connection.reconnects,
      watchdogTrips: this.connection.watchdogTrips,
      handlerErrors: this.handlerErrors,
      unmatchedReplies: this.unmatchedReplies,
      lastMessageAt: this.connection.lastMessageAt,
      commandsInFlight: this.commands.inFlight,
    };
  }

  private onBook(frame: OrderbookSnapshotFrame | OrderbookDeltaFrame): void {
    const handler = this.handlers.onOrderbookFrame;
    if (handler !== undefined) {
      try {
        handler(frame);
      } catch (err) {
        this.handlerFailed(err);
      }
    }
    // After the consumer saw it, so a resolved get_snapshot means the book is already rebuilt.
    if (frame.kind === 'snapshot' && frame.commandId !== undefined)
      this.commands.deliver(frame.commandId, frame);
  }

  private onControl(frame: ControlFrame): void {
    if (frame.id !== null && this.commands.deliver(frame.id, frame)) return;
    if (frame.type === 'error') {
      this.subscriber.onUnclaimedError(frame);
      return;
    }
    this.unmatchedReplies++;
    // A late ack of a subscribe we gave up on: end it rather than leak a stream nobody asked for.
    if (frame.type === 'subscribed') this.commands.fireAndForget((id) => unsubscribeCommand(id, [frame.sid]));
  }

  /**
   * Data on a sid we do not hold is most likely a subscription whose ack was lost: end it rather than
   * receive its stream for the socket's lifetime. Once per sid, and an unknown sid answers error 7.
   */
  private endForeign(sid: unknown): void {
    if (typeof sid !== 'number' || this.endedForeign.has(sid) || this.endedForeign.size >= MAX_ENDED_FOREIGN)
      return;
    this.endedForeign.add(sid);
    this.commands.fireAndForget((id) => unsubscribeCommand(id, [sid]));
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.handlerFailed(err);
    }
  }

  private handlerFailed(err: unknown): void {
    this.handlerErrors++;
    try {
      this.handlers.onHandlerError?.(err);
    } catch {
      // a failing error handler has nowhere left to report to
    }
  }
}

function closed(message: string, commandId?: number): KalshiWsError {
  return new KalshiWsError('closed', message, commandId === undefined ? {} : { commandId });
}
