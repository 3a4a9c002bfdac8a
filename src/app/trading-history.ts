// The session's trading history for consoles that open or reload: the last fills as they were relayed,
// and the PnL totals sampled over time (when they changed, at most every few seconds), both in rings.
// Storage (when configured) keeps the full record; this is what a console shows without it.
import type { DaemonEvent } from '../server/events';
import type { FillView, PnlView } from '../server/views';
import { RingBuffer } from './ring-buffer';

/** [unix ms, realized PnL net of fees, unrealized PnL] as the daemon's dollar strings. */
export type PnlSample = readonly [number, string, string];

export const FILL_HISTORY_SIZE = 500;
/** Ten hours of samples at the most frequent. */
export const PNL_HISTORY_SIZE = 720;
export const PNL_SAMPLE_MS = 5_000;

export function createTradingHistory(
  subscribe: (listener: (e: DaemonEvent) => void) => unknown,
  pnl: () => PnlView,
  now: () => number,
) {
  const fills = new RingBuffer<FillView>(FILL_HISTORY_SIZE);
  const samples = new RingBuffer<PnlSample>(PNL_HISTORY_SIZE);
  let sampledMs = Number.NEGATIVE_INFINITY;
  const sample = () => {
    const t = now();
    // Status news comes many times a second: the totals are computed at most once per period.
    if (t - sampledMs < PNL_SAMPLE_MS) return;
    sampledMs = t;
    const p = pnl();
    const last = samples.last;
    if (last?.[1] === p.realized_pnl_net_dollars && last[2] === p.unrealized_pnl_dollars) return;
    samples.push([t, p.realized_pnl_net_dollars, p.unrealized_pnl_dollars]);
  };
  subscribe((e) => {
    if (e.type === 'fill') fills.push(e.fill);
    else if (e.type === 'status') sample();
  });
  return {
    /** Oldest first. */
    fills: () => fills.toArray(),
    /** Oldest first. */
    pnl: () => samples.toArray(),
  };
}
