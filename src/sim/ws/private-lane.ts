// Holds one connection's private frames (fill, user_order, market_position) while privateDelayMs or
// privateReorder is set: Kalshi orders neither its REST answers nor its public channels against them.
import type { FaultController } from '../faults';
import type { WsCounters } from './outbox';

/** One private frame ready to go out; `write` sends it (and its duplicate, if the fault made one). */
export interface PrivateFrame {
  type: string;
  /** The order a fill or user_order belongs to; pairs a user_order with the fill that caused it. */
  orderId: unknown;
  write(): void;
}

export interface PrivateLane {
  /** Takes the frame (true) or declines it (false: no private fault is on and nothing is held, send now). */
  offer(frame: PrivateFrame): boolean;
  /** Frames taken but not yet written. */
  held(): number;
  /** Drops everything held and stops the timers (the socket is gone). */
  dispose(): void;
}

interface Burst {
  frames: PrivateFrame[];
  ready: boolean;
}

/**
 * A burst is every frame offered in one synchronous turn (one engine operation). Bursts leave in the order
 * they were sealed, each after its own delay, so a shortened delay never lets a later burst overtake.
 */
export function createPrivateLane(faults: FaultController, counters: WsCounters): PrivateLane {
  let open: PrivateFrame[] | null = null;
  const queue: Burst[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let disposed = false;

  const release = () => {
    while (queue[0]?.ready) {
      const burst = queue.shift() as Burst;
      for (const frame of burst.frames) frame.write();
    }
  };

  const seal = () => {
    if (disposed || open === null) return;
    const { privateDelayMs, privateReorder } = faults.get();
    const burst: Burst = { frames: privateReorder ? reorder(open, counters) : open, ready: false };
    open = null;
    queue.push(burst);
    if (privateDelayMs <= 0) {
      burst.ready = true;
      release();
      return;
    }
    counters.privateFramesDelayed += burst.frames.length;
    const timer = setTimeout(() => {
      timers.delete(timer);
      burst.ready = true;
      release();
    }, privateDelayMs);
    // A held frame must not keep a test runner or a stopping simulator alive.
    timer.unref?.();
    timers.add(timer);
  };

  return {
    offer(frame) {
      if (disposed) return true;
      const { privateDelayMs, privateReorder } = faults.get();
      if (open === null && queue.length === 0 && privateDelayMs <= 0 && !privateReorder) return false;
      if (open === null) {
        open = [];
        queueMicrotask(seal);
      }
      open.push(frame);
      return true;
    },
    held: () => (open?.length ?? 0) + queue.reduce((n, b) => n + b.frames.length, 0),
    dispose() {
      disposed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      queue.length = 0;
      open = null;
    },
  };
}

/** Moves each user_order in front of the first fill of the same order in the burst (the engine sends it after). */
export function reorder(frames: readonly PrivateFrame[], counters: WsCounters): PrivateFrame[] {
  const out: PrivateFrame[] = [];
  for (const frame of frames) {
    const cause =
      frame.type === 'user_order'
        ? out.findIndex((f) => f.type === 'fill' && f.orderId === frame.orderId)
        : -1;
    if (cause === -1) out.push(frame);
    else {
      out.splice(cause, 0, frame);
      counters.privateFramesReordered++;
    }
  }
  return out;
}
