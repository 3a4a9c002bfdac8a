// One full REST reconciliation: positions (the check on the fill ledger), the fills and settlements since
// the last ones seen, every open order, balance, and the recent-order lookups that settle (or prove missing) our open
// orders the exchange no longer lists; then, for each market the check asks for, its fills from the first
// and its settlement.
import { utcDayStart } from '../../domain/fill-ledger';
import type { Fill, Order } from '../../domain/trading-types';
import { type SyncResult, silentLog, type TradingServiceDeps } from './trading-ports';
import { syncMarketSettlement, syncSettlements } from './trading-settlements';
import type { TrackedOrder, TradingState } from './trading-types';

/** Default margin before an order's creation time for its lookup: our clock and the exchange's differ. */
export const DEFAULT_LOOKUP_SLACK_MS = 5 * 60_000;

function isListed(open: readonly Order[]) {
  const clientIds = new Set(open.map((o) => o.clientOrderId).filter(Boolean));
  const ids = new Set(open.map((o) => o.orderId));
  return (o: TrackedOrder) => clientIds.has(o.clientOrderId) || (o.orderId !== '' && ids.has(o.orderId));
}

/** Tracked open orders missing from the listing, grouped by ticker with the earliest time to look from. */
function lookupPlan(orders: Record<string, TrackedOrder>, open: readonly Order[], atMs: number) {
  const listed = isListed(open);
  const plan = new Map<string, { fromMs: number; keys: string[] }>();
  for (const [key, order] of Object.entries(orders)) {
    if (order.status !== 'resting' && order.status !== 'unknown') continue;
    if (listed(order)) continue;
    const fromMs = order.createdMs ?? order.lastSeenMs ?? atMs;
    const entry = plan.get(order.ticker);
    if (entry) {
      entry.fromMs = Math.min(entry.fromMs, fromMs);
      entry.keys.push(key);
    } else {
      plan.set(order.ticker, { fromMs, keys: [key] });
    }
  }
  return plan;
}

/**
 * How far before the newest fill REST has shown us the next backfill starts again: Kalshi stamps fills
 * in whole seconds and its REST views lag the fill channel, so a fill may appear stamped a little earlier
 * than one already seen. Overlap costs nothing but a re-read: the ledger keeps each fill id once.
 */
export const FILL_OVERLAP_MS = 60_000;

/**
 * Where the next backfill starts: a little before the newest REST fill seen, never before today (UTC).
 * After a start (nothing seen yet) all of today's are read: they name the markets traded today, whose
 * history the first check then asks for, so today's realized PnL is right from the first sync.
 */
export function fillsSinceMs(state: Pick<TradingState, 'lastRestFillMs'>, nowMs: number): number {
  const dayStart = utcDayStart(nowMs);
  if (state.lastRestFillMs == null) return dayStart;
  return Math.max(dayStart, state.lastRestFillMs - FILL_OVERLAP_MS);
}

/**
 * Every fill since the last one a backfill saw (today's, after a start), all pages. A failure here leaves
 * the rest of the sync standing: positions and orders are still true, and the next sync reads the same
 * window again because nothing advanced it.
 */
async function fetchFills(deps: TradingServiceDeps): Promise<Fill[] | undefined> {
  const sinceMs = fillsSinceMs(deps.trading.getSnapshot().context, deps.now());
  try {
    return await deps.client.listFills({ minTs: Math.floor(sinceMs / 1000) });
  } catch (err) {
    (deps.log ?? silentLog).warn({ err, sinceMs }, 'fill backfill failed; retried next sync');
    return undefined;
  }
}

/**
 * `seq` is taken by the caller when the sync starts, increasing per service: the trading actor drops
 * an apply older than the last applied one (a slow sync from a stopped loop finishing late).
 */
export async function runFullSync(deps: TradingServiceDeps, seq?: number): Promise<SyncResult> {
  const { client, trading, now } = deps;
  const slack = deps.lookupSlackMs ?? DEFAULT_LOOKUP_SLACK_MS;
  // Sequential on purpose: the client's limiter paces them anyway, and a failure stops the rest.
  // When the listing was asked for: a market first traded after it has no row in it (checkRow).
  const positionsListedMs = now();
  const positions = await client.listPositions();
  // After positions on purpose: every fill their rows count is then in the ledger when they are checked.
  const fills = await fetchFills(deps);
  // Also after positions: a row that already shows a payout has its settlement listed.
  await syncSettlements(deps);
  const open = await client.listOrders({ status: 'resting' });
  const balance = await client.getBalance();

  const plan = lookupPlan(trading.getSnapshot().context.orders, open, now());
  const recentOrders: Order[] = [];
  const lookedUp: string[] = [];
  for (const [ticker, { fromMs, keys }] of plan) {
    // No status filter: executed and canceled orders are the proof we are looking for.
    const minTs = Math.max(0, Math.floor((fromMs - slack) / 1000));
    recentOrders.push(...(await client.listOrders({ ticker, minTs })));
    lookedUp.push(...keys);
  }

  const atMs = now();
  trading.send({
    type: 'SYNC.APPLY',
    atMs,
    ...(seq === undefined ? {} : { seq }),
    positions,
    positionsListedMs,
    orders: open,
    balance,
    recentOrders,
    lookedUp,
    ...(fills ? { fills } : {}),
    ...(deps.followed ? { followed: deps.followed() } : {}),
  });
  // The trading actor is a root actor: send is processed synchronously, so its snapshot already holds the diff.
  const { lastSync, lastSyncSeq } = trading.getSnapshot().context;
  const applied = seq === undefined ? lastSync?.atMs === atMs : lastSyncSeq === seq;
  const details = applied && lastSync ? lastSync.changes : [];
  if (applied) await fetchHistories(deps);
  return { atMs, changes: details.length, details, ...(applied ? {} : { superseded: true }) };
}

/**
 * The fills of each market whose check asks for them, paged from its first (its row read again first),
 * and its settlement of any date, into the ledger (which re-folds the market and checks it again). A failure leaves the market asked for: the next sync tries
 * again, and meanwhile the gate takes the more conservative figures.
 */
async function fetchHistories(deps: TradingServiceDeps): Promise<void> {
  const log = deps.log ?? silentLog;
  const { checks } = deps.trading.getSnapshot().context.ledger;
  for (const [ticker, check] of Object.entries(checks)) {
    if (check.status !== 'refetch') continue;
    // Its settlement first, from any date: LEDGER.HISTORY re-checks the market with it booked.
    await syncMarketSettlement(deps, ticker);
    try {
      // The row again, before the page: the sync's may have missed a fill the ledger already holds,
      // and a row read before the fills is one the ledger can only be ahead of (checkRow allows that).
      const listedMs = deps.now();
      const rows = await deps.client.listPositions({ ticker });
      const row = { position: rows.find((r) => r.ticker === ticker) ?? null, listedMs };
      const fills = await deps.client.listFills({ ticker });
      deps.trading.send({ type: 'LEDGER.HISTORY', ticker, fills, row, atMs: deps.now() });
      const after = deps.trading.getSnapshot().context.ledger.checks[ticker];
      log.info(
        { ticker, fills: fills.length, agrees: after === undefined },
        'market fills paged from the first',
      );
    } catch (err) {
      log.warn({ err, ticker }, "paging a market's fills failed; retried next sync");
    }
  }
}
