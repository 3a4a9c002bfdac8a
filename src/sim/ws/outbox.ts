// One connection's outgoing frames: assigns per-sid seq, applies the frame faults (skip, duplicate,
// malformed) to data frames only, and closes a client whose send buffer outgrows its bound.
import type { FaultController, Rng } from '../faults';
import { type Channel, SEQUENCED, WsErrorCode, wsError } from './protocol';

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
});

/** The part of a subscription the outbox needs: its sid, its channel and its last used seq. */
export interface SeqState {
  sid: number;
  channel: Channel;
  seq: number;
}

export interface Outbox {
  /** Command responses: never faulted. */
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
  isClosed(): boolean;
}

/** Close code sent after error 25; Kalshi documents none, 1008 (policy violation) says what happened. */
export const OVERFLOW_CLOSE_CODE = 1008;

export function createOutbox(
  sink: FrameSink,
  faults: FaultController,
  counters: WsCounters,
  maxBufferedBytes: number,
): Outbox {
  let closed = false;

  const overflow = (sub: SeqState | undefined) => {
    closed = true;
    counters.overflowCloses++;
    const frame: Record<string, unknown> = { type: 'error' };
    if (sub !== undefined) {
      frame.sid = sub.sid;
      if (SEQUENCED.has(sub.channel)) frame.seq = sub.seq;
    }
    frame.msg = wsError(WsErrorCode.BufferOverflow);
    sink.send(JSON.stringify(frame));
    sink.close(OVERFLOW_CLOSE_CODE, 'subscription buffer overflow');
  };

  const write = (text: string, sub: SeqState | undefined) => {
    if (closed) return;
    sink.send(text);
    counters.framesSent++;
    if (sink.bufferedAmount() > maxBufferedBytes) overflow(sub);
  };

  return {
    control(frame) {
      write(JSON.stringify(frame), undefined);
    },
    data(sub, type, msg, opts = {}) {
      if (closed) return;
      const sequenced = SEQUENCED.has(sub.channel);
      const frame: Record<string, unknown> = {};
      if (opts.id !== undefined) frame.id = opts.id;
      frame.type = type;
      frame.sid = sub.sid;
      if (sequenced) frame.seq = ++sub.seq;
      frame.msg = msg;
      const f = faults.get();
      if (sequenced && opts.update === true && faults.roll(f.seqSkipRate)) {
        counters.framesSkipped++;
        return;
      }
      let text = JSON.stringify(frame);
      if (faults.roll(f.malformedRate)) {
        counters.framesMalformed++;
        text = malform(frame, text, faults.rng);
      }
      write(text, sub);
      if (faults.roll(f.duplicateRate)) {
        counters.framesDuplicated++;
        write(text, sub);
      }
    },
    isClosed: () => closed,
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
