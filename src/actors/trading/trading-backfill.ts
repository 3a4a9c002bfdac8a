// Fills fetched by REST during a sync: books the ones no WS frame delivered (PnL, fees, counter, daily PnL).
//
// While the feed is down (degraded) or across a reconnect, WS fill frames are lost; without this the
// daily-loss rule would never see those fills. Positions are not moved here: the same SYNC.APPLY brings
// them absolute from REST. The fills only run through a scratch copy so each one's realized PnL is taken
// against the position it actually reduced.
import { complementPrice, notional } from '../../domain/fixed-point';
import type { Fill, Position } from '../../domain/trading-types';
import { RECENT_FILLS, rollDay } from './trading-fills';
import { applyFillToPosition, emptyPosition, utcDay } from './trading-positions';
import type { SyncApplyEvent, TradingState } from './trading-types';

/**
 * How far before the newest fill REST has shown us the next backfill starts again: Kalshi stamps fills
 * in whole seconds and its REST views lag the fill channel, so a fill may appear stamped a little earlier
 * than one already seen. Overlap costs nothing but a re-read: ids already booked are skipped.
 */
export const FILL_OVERLAP_MS = 60_000;

const DAY_MS = 86_400_000;
const startOfUtcDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/**
 * Where the next backfill starts: a little before the newest REST fill seen, never before today (UTC).
 * Only today's fills count toward the daily-loss figure, and after a restart (nothing seen yet) all of
 * today's are read so that figure is right from the first sync.
 */
export function fillsSinceMs(state: Pick<TradingState, 'lastRestFillMs'>, nowMs: number): number {
  const dayStart = startOfUtcDay(nowMs);
  if (state.lastRestFillMs == null) return dayStart;
  return Math.max(dayStart, state.lastRestFillMs - FILL_OVERLAP_MS);
}

const signed = (f: Fill): number => (f.side === 'bid' ? f.count : -f.count);

/**
 * The position before this batch, rebuilt from REST's row when ours cannot be trusted as a basis (first
 * sync after a start, or a market we never held): the row minus the batch's fills it already counts
 * (those stamped no later than the row). The average entry is the row's when the side is unchanged;
 * otherwise it is unknown and set to the first fill's price, so closing it realizes nothing but fees
 * rather than a made-up gain.
 */
function rewound(row: Position | undefined, ticker: string, fills: readonly Fill[]): Position {
  const now = row ?? emptyPosition(ticker);
  const counted = fills.filter((f) => now.updatedMs == null || f.tsMs <= now.updatedMs);
  const before = now.position - counted.reduce((sum, f) => sum + signed(f), 0);
  const held = Math.abs(before);
  let exposure = 0;
  if (held > 0 && Math.sign(before) === Math.sign(now.position)) {
    exposure = Math.round((now.exposure * held) / Math.abs(now.position));
  } else if (held > 0 && fills[0]) {
    exposure = notional(before > 0 ? fills[0].price : complementPrice(fills[0].price), held);
  }
  return { ...emptyPosition(ticker), position: before, exposure };
}

/** Books the batch's unseen fills into `state` (positions untouched); `booked` says how many. */
export function bookBackfill(
  state: TradingState,
  e: Pick<SyncApplyEvent, 'atMs' | 'fills' | 'positions'>,
): { state: TradingState; booked: number } {
  if (!e.fills || e.fills.length === 0) return { state, booked: 0 };
  const next = rollDay(state, e.atMs);
  const seen = new Set(state.recentFillIds);
  // Oldest first, so each realized PnL is taken against the position as it stood at that fill.
  const fills = [...e.fills].sort((a, b) => a.tsMs - b.tsMs);
  const rows = new Map(e.positions.map((p) => [p.ticker, p]));
  const scratch = new Map<string, { position: Position; replaySeen: boolean }>();
  const baseOf = (ticker: string) => {
    let entry = scratch.get(ticker);
    const local = state.positions[ticker];
    if (!entry) {
      // Ours already includes the fills WS booked; a rebuilt one is from before every fill of the batch.
      entry =
        state.lastSync !== null && local
          ? { position: local, replaySeen: false }
          : {
              position: rewound(
                rows.get(ticker),
                ticker,
                fills.filter((f) => f.ticker === ticker),
              ),
              replaySeen: true,
            };
      scratch.set(ticker, entry);
    }
    return entry;
  };

  let pnl = 0;
  let booked = 0;
  let newest = state.lastRestFillMs;
  const ids: string[] = [];
  for (const fill of fills) {
    newest = newest == null ? fill.tsMs : Math.max(newest, fill.tsMs);
    const fresh = !fill.fillId || !seen.has(fill.fillId);
    const entry = baseOf(fill.ticker);
    if (!fresh && !entry.replaySeen) continue;
    const { position, realizedNet } = applyFillToPosition(entry.position, fill, fill.tsMs);
    entry.position = position;
    if (!fresh) continue;
    if (fill.fillId) {
      seen.add(fill.fillId);
      ids.push(fill.fillId);
    }
    booked++;
    if (utcDay(fill.tsMs) === next.pnlDay) pnl += realizedNet;
  }
  return {
    booked,
    state: {
      ...next,
      dailyRealizedPnl: next.dailyRealizedPnl + pnl,
      counters: { ...next.counters, fills: next.counters.fills + booked },
      recentFillIds:
        ids.length > 0 ? [...next.recentFillIds, ...ids].slice(-RECENT_FILLS) : next.recentFillIds,
      lastRestFillMs: newest,
    },
  };
}
