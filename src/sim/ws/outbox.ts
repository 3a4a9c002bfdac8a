// One connection's outgoing frames: assigns per-sid seq, applies the frame faults (skip, duplicate,
// malformed, reorder, private delay, and the buggy exchange's forged frames) to data frames, drops
// `subscribed` acks on demand, and closes a client whose send buffer outgrows its bound.
import type { FaultController, FaultState, Rng } from '../faults';
import { foreignSnapshot, SEQ_JUMP, unsubscribedDelta, wrongDelta } from './forged-frames';
import { createPrivateLane } from './private-lane';
import { type Channel, PRIVATE, SEQUENCED, WsErrorCode, wsError } from './protocol';

/** The socket as the outbox sees it (the `ws` WebSocket in production, an array in unit tests). */
export interface FrameSink {
  send(text: string): void;
  /** Bytes queued but not yet handed to the kernel. */
  bufferedAmount(): number;
  /** Graceful close; the transport is expected to terminate a peer that never completes it. */
  close(code: number, reason: string): void;
}

export interface WsCounters {
  connectionsAccepted: number;
  connectionsRefused: number;
  connectionsDropped: number;
  pongTimeouts: number;
  overflowCloses: number;
  commands: number;
  commandErrors: number;
  framesSent: number;
  framesSkipped: number;
  framesDuplicated: number;
  framesMalformed: number;
  /** Sequenced frames held back and sent after the next frame of their sid. */
  framesReordered: number;
  privateFramesDelayed: number;
  privateFramesReordered: number;
  /** Error 10/25 frames sent on demand (POST /sim/ws/error). */
  subscriptionErrorsInjected: number;
  /** Forged frames of the buggy-exchange faults, by kind. */
  foreignSnapshots: number;
  seqJumps: number;
  unsubscribedFrames: number;
  wrongDeltas: number;
  acksDropped: number;
}

export const newWsCounters = (): WsCounters => ({
  connectionsAccepted: 0,
  connectionsRefused: 0,
  connectionsDropped: 0,
  pongTimeouts: 0,
  overflowCloses: 0,
  commands: 0,
  commandErrors: 0,
  framesSent: 0,
  framesSkipped: 0,
  framesDuplicated: 0,
  framesMalformed: 0,
  framesReordered: 0,
  privateFramesDelayed: 0,
  privateFramesReordered: 0,
  subscriptionErrorsInjected: 0,
  foreignSnapshots: 0,
  seqJumps: 0,
  unsubscribedFrames: 0,
  wrongDeltas: 0,
  acksDropped: 0,
});

/** The part of a subscription the outbox needs: its sid, its channel, its last used seq, its markets. */
export interface SeqState {
  sid: number;
  channel: Channel;
  seq: number;
  /** null: every market. */
  tickers?: ReadonlySet<string> | null;
}

export interface Outbox {
  /** Command responses: never faulted, except a `subscribed` ack that dropAckRate loses. */
  control(frame: Record<string, unknown>): void;
  /**
   * A data frame on `sub`. `update` marks incremental frames (deltas, trades, lifecycle), the only ones
   * seqSkipRate may drop: a skipped snapshot would leave the client without any baseline.
   */
  data(
    sub: SeqState,
    type: string,
    msg: Record<string, unknown>,
    opts?: { id?: number; update?: boolean },
  ): void;
  /** A subscription-scoped error (10 or 25) for `sub`; never faulted. Drops a frame reorder held for it. */
  subscriptionError(sub: SeqState, code: WsErrorCode): void;
  isClosed(): boolean;
  /** The socket is gone: drop held frames, stop timers, send nothing more. */
  dispose(): void;
}

const NO_EXTRAS: string[] = [];

/** Close code sent after error 25; Kalshi documents none, 1008 (policy violation) says what happened. */
export const OVERFLOW_CLOSE_CODE = 1008;

export function createOutbox(
  sink: FrameSink,
  faults: FaultController,
  counters: WsCounters,
  maxBufferedBytes: number,
): Outbox {
  let closed = false;
  const lane = createPrivateLane(faults, counters);
  /** Per sid, the frame reorderRate is holding until the sid's next frame has gone out. */
  const held = new Map<number, () => void>();

  const errorFrame = (sub: SeqState | undefined, code: WsErrorCode) => {
    const frame: Record<string, unknown> = { type: 'error' };
    if (sub !== undefined) {
      frame.sid = sub.sid;
      if (SEQUENCED.has(sub.channel)) frame.seq = sub.seq;
    }
    frame.msg = wsError(code);
    return JSON.stringify(frame);
  };

  const overflow = (sub: SeqState | undefined) => {
    closed = true;
    counters.overflowCloses++;
    sink.send(errorFrame(sub, WsErrorCode.BufferOverflow));
    sink.close(OVERFLOW_CLOSE_CODE, 'subscription buffer overflow');
  };

  const write = (text: string, sub: SeqState | undefined) => {
    if (closed) return;
    sink.send(text);
    counters.framesSent++;
    if (sink.bufferedAmount() > maxBufferedBytes) overflow(sub);
  };

  /** A data frame as the faults left it: the frame, its duplicate if any, then any forged frames. */
  const deliver = (text: string, duplicate: boolean, extras: readonly string[], sub: SeqState) => {
    write(text, sub);
    if (duplicate) write(text, sub);
    for (const extra of extras) write(extra, sub);
  };

  /** A `subscribed` ack lost on the way (the subscription exists; the client never hears of it). */
  const loseAck = (frame: Record<string, unknown>, f: Readonly<FaultState>): boolean => {
    if (frame.type !== 'subscribed') return false;
    const channel = (frame.msg as { channel?: string } | undefined)?.channel ?? '';
    if (f.dropAckChannels.length > 0 && !f.dropAckChannels.includes(channel)) return false;
    if (!faults.roll(f.dropAckRate)) return false;
    counters.acksDropped++;
    return true;
  };

  /** The buggy exchange on an orderbook delta: the frame made wrong, and forged frames to follow it. */
  const forge = (sub: SeqState, frame: Record<string, unknown>, f: Readonly<FaultState>): string[] => {
    const msg = frame.msg as Record<string, unknown>;
    if (faults.roll(f.wrongDeltaRate)) {
      counters.wrongDeltas++;
      const others = sub.tickers ? [...sub.tickers].filter((t) => t !== msg.market_ticker) : [];
      frame.msg = wrongDelta(msg, others, faults.rng, f.wrongDeltaKinds);
    }
    if (faults.roll(f.seqJumpRate)) {
      counters.seqJumps++;
      frame.seq = (frame.seq as number) + SEQ_JUMP;
    }
    // Made only when a forged frame follows: almost every delta has none.
    let extras: string[] = NO_EXTRAS;
    if (faults.roll(f.foreignSnapshotRate)) {
      counters.foreignSnapshots++;
      extras = [JSON.stringify(foreignSnapshot(sub.sid, sub.seq, msg))];
    }
    if (faults.roll(f.unsubscribedMarketRate)) {
      counters.unsubscribedFrames++;
      const junk = {
        type: 'orderbook_delta',
        sid: sub.sid,
        seq: ++sub.seq,
        msg: unsubscribedDelta(msg, faults.rng),
      };
      extras = [...extras, JSON.stringify(junk)];
    }
    return extras;
  };

  return {
    control(frame) {
      if (loseAck(frame, faults.get())) return;
      write(JSON.stringify(frame), undefined);
    },
    data(sub, type, msg, opts = {}) {
      if (closed) return;
      const sequenced = SEQUENCED.has(sub.channel);
      const update = opts.update === true;
      const frame: Record<string, unknown> = {};
      if (opts.id !== undefined) frame.id = opts.id;
      frame.type = type;
      frame.sid = sub.sid;
      if (sequenced) frame.seq = ++sub.seq;
      frame.msg = msg;
      const f = faults.get();
      // Whatever happens to this frame, a frame held back for the sid goes out right after it.
      const release = held.get(sub.sid);
      held.delete(sub.sid);
      if (sequenced && update && faults.roll(f.seqSkipRate)) {
        counters.framesSkipped++;
        release?.();
        return;
      }
      const extras = sequenced && update && type === 'orderbook_delta' ? forge(sub, frame, f) : NO_EXTRAS;
      let text = JSON.stringify(frame);
      if (faults.roll(f.malformedRate)) {
        counters.framesMalformed++;
        text = malform(frame, text, faults.rng);
      }
      const duplicate = faults.roll(f.duplicateRate);
      if (duplicate) counters.framesDuplicated++;
      // Only updates: a held snapshot would leave the client without a baseline for what follows.
      if (sequenced && update && release === undefined && faults.roll(f.reorderRate)) {
        counters.framesReordered++;
        held.set(sub.sid, () => deliver(text, duplicate, extras, sub));
        return;
      }
      // A closure only for the private lane: public frames, nearly all of them, go out directly.
      if (!PRIVATE.has(sub.channel)) deliver(text, duplicate, extras, sub);
      else {
        const later = () => deliver(text, duplicate, extras, sub);
        if (!lane.offer({ type, orderId: msg.order_id, write: later })) later();
      }
      release?.();
    },
    subscriptionError(sub, code) {
      held.delete(sub.sid);
      write(errorFrame(sub, code), undefined);
    },
    isClosed: () => closed,
    dispose() {
      closed = true;
      held.clear();
      lane.dispose();
    },
  };
}

/** Either truncated JSON, or valid JSON with a field of the wrong type (`seq` or `sid` as a string). */
export function malform(frame: Record<string, unknown>, text: string, rng: Rng): string {
  if (rng() < 0.5) return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  const broken = { ...frame };
  if (typeof broken.seq === 'number') broken.seq = String(broken.seq);
  else broken.sid = String(broken.sid);
  return JSON.stringify(broken);
}
