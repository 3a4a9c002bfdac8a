// Drives logical subscriptions over the command channel: first subscribe, replay after a reconnect,
// resubscribe after a terminal error, and the sid announcements a consumer clears its books on.
import { type CommandChannel, type CommandReply, isSnapshotReply, quiet } from './ws-command-channel';
import { type SubscribeParams, subscribeCommand, unsubscribeCommand } from './ws-commands';
import type { ControlFrame } from './ws-control-frames';
import { isTerminalSubscriptionError, KalshiWsError } from './ws-errors';
import {
  type LogicalSubscription,
  type SidAssignment,
  type SidReason,
  type SubscribeResult,
  SubscriptionRegistry,
  validateSubscribe,
} from './ws-subscriptions';
import type { WsSubscriptionError } from './ws-types';

export interface SubscriberHooks {
  onChange(change: SidAssignment): void;
  onError(event: WsSubscriptionError): void;
  /** Every replay on the current socket was answered: the server serves us again. */
  onReplayed(): void;
}

type ErrorFrame = Extract<ControlFrame, { type: 'error' }>;

export class Subscriber {
  readonly registry = new SubscriptionRegistry();
  private replaysLeft = 0;

  constructor(
    private readonly commands: CommandChannel,
    private readonly hooks: SubscriberHooks,
  ) {}

  /** Registers and (if a socket is open) sends; otherwise the next open replays it. */
  subscribe(params: SubscribeParams): { logicalId: string | null; acked: Promise<SubscribeResult> } {
    const invalid = validateSubscribe(params);
    if (invalid !== null) {
      return { logicalId: null, acked: quiet(Promise.reject(new KalshiWsError('invalid_request', invalid))) };
    }
    const sub = this.registry.create(params);
    const acked = this.waitFor(sub);
    this.send(sub, 'subscribe', false);
    return { logicalId: sub.id, acked };
  }

  resubscribe(logicalId: string): Promise<SubscribeResult> {
    const sub = this.registry.get(logicalId);
    if (sub === undefined) {
      return quiet(Promise.reject(new KalshiWsError('invalid_request', `no subscription ${logicalId}`)));
    }
    const result = this.waitFor(sub);
    this.stopWaiting(sub);
    const old = this.registry.release(sub);
    sub.state = 'pending';
    if (old.length > 0) this.commands.fireAndForget((id) => unsubscribeCommand(id, old));
    this.send(sub, 'resubscribe', false);
    return result;
  }

  /** Forgets `logicalId`; returns its live sids for the caller to unsubscribe. */
  remove(logicalId: string): number[] {
    const sub = this.registry.get(logicalId);
    if (sub === undefined) return [];
    this.stopWaiting(sub);
    const live = this.registry.release(sub);
    this.registry.delete(sub);
    sub.settle(new KalshiWsError('invalid_request', `subscription ${logicalId} was removed`));
    return live;
  }

  /** A socket opened: send every logical subscription again (new sids follow). */
  replayAll(): void {
    const subs = this.registry.all();
    this.replaysLeft = subs.length;
    if (subs.length === 0) this.hooks.onReplayed();
    for (const sub of subs) this.send(sub, sub.everActive ? 'reconnect' : 'subscribe', true);
  }

  /** The socket is gone: every sid is void until the replay. */
  disconnected(): void {
    this.registry.disconnectAll();
  }

  /** close(): nobody will get an answer any more. */
  failAll(err: KalshiWsError): void {
    for (const sub of this.registry.all()) sub.settle(err);
  }

  /** An error frame no pending command claimed: subscription-scoped (10, 25) or stray. */
  onUnclaimedError(frame: ErrorFrame): void {
    const sub = frame.sid !== null ? this.registry.forSid(frame.sid) : undefined;
    const terminal = isTerminalSubscriptionError(frame.code);
    let channel: string | null = null;
    if (sub !== undefined && frame.sid !== null) {
      for (const [c, s] of sub.sids) if (s === frame.sid) channel = c;
      if (terminal) {
        this.registry.dropSid(frame.sid, false);
        sub.state = 'dead';
      }
    }
    const logicalId = sub?.id ?? null;
    this.hooks.onError({
      logicalId,
      channel,
      sid: frame.sid,
      code: frame.code,
      message: frame.message,
      terminal,
    });
  }

  private waitFor(sub: LogicalSubscription): Promise<SubscribeResult> {
    return quiet(new Promise<SubscribeResult>((resolve, reject) => sub.waiters.push({ resolve, reject })));
  }

  private send(sub: LogicalSubscription, reason: SidReason, isReplay: boolean): void {
    const expected = sub.params.channels.length;
    let acked = 0;
    const replayDone = (): void => {
      if (isReplay && --this.replaysLeft === 0) this.hooks.onReplayed();
    };
    const onAck = (reply: CommandReply): boolean => {
      if (isSnapshotReply(reply) || reply.type !== 'subscribed') return false;
      acked++;
      if (this.registry.get(sub.id) !== sub) {
        // Removed while the ack was in flight: end the stream nobody wants any more.
        this.commands.fireAndForget((id) => unsubscribeCommand(id, [reply.sid]));
        return acked >= expected;
      }
      const previousSid = this.registry.assign(sub, reply.channel, reply.sid);
      const complete = acked >= expected;
      if (complete) {
        sub.pendingCommand = null;
        sub.state = 'active';
        sub.everActive = true;
      }
      // Announced before the frame loop moves on, so the consumer knows the sid before its snapshot,
      // and with the subscription's state already current (active on its last ack).
      this.hooks.onChange({ logicalId: sub.id, channel: reply.channel, sid: reply.sid, previousSid, reason });
      if (!complete) return false;
      sub.settle();
      replayDone();
      return true;
    };
    const onFail = (err: KalshiWsError): void => {
      sub.pendingCommand = null;
      if (err.kind === 'closed') return; // the replay on the next socket carries it on
      replayDone();
      this.fail(sub, err);
    };
    sub.state = 'pending';
    sub.pendingCommand = this.commands.send((id) => subscribeCommand(id, sub.params), onAck, onFail);
  }

  /** A late ack of the abandoned command is unmatched, and the client unsubscribes its sid. */
  private stopWaiting(sub: LogicalSubscription): void {
    if (sub.pendingCommand !== null) this.commands.cancel(sub.pendingCommand);
    sub.pendingCommand = null;
  }

  private fail(sub: LogicalSubscription, err: KalshiWsError): void {
    const partial = this.registry.release(sub);
    if (partial.length > 0) this.commands.fireAndForget((id) => unsubscribeCommand(id, partial));
    const someoneWaits = sub.waiters.length > 0;
    sub.settle(err);
    if (!sub.everActive && err.kind !== 'timeout') {
      this.registry.delete(sub); // refused: the caller has the rejection, nothing to replay
      return;
    }
    // Unanswered is not refused: kept (replayed on reconnect) for the consumer to resubscribe.
    sub.state = 'dead';
    if (someoneWaits) return;
    const event = { logicalId: sub.id, channel: null, sid: null, code: err.code, terminal: err.terminal };
    this.hooks.onError({ ...event, message: err.message });
  }
}
