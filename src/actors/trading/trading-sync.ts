// One full REST reconciliation: positions, every open order, balance, the fills since the last one seen,
// and the recent-order lookups that settle (or prove missing) our open orders the exchange no longer lists.
import type { Fill, Order } from '../../domain/trading-types';
import { fillsSinceMs } from './trading-backfill';
import { type SyncResult, silentLog, type TradingServiceDeps } from './trading-ports';
import type { TrackedOrder } from './trading-types';

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
  const positionsAskedMs = now();
  // Sequential on purpose: the client's limiter paces them anyway, and a failure stops the rest.
  const positions = await client.listPositions();
  // After positions on purpose: every fill their rows count is then in this batch or an earlier one.
  const fills = await fetchFills(deps);
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
    positionsAskedMs,
    positions,
    orders: open,
    balance,
    recentOrders,
    lookedUp,
    ...(fills ? { fills } : {}),
  });
  // The trading actor is a root actor: send is processed synchronously, so its snapshot already holds the diff.
  const { lastSync, lastSyncSeq } = trading.getSnapshot().context;
  const applied = seq === undefined ? lastSync?.atMs === atMs : lastSyncSeq === seq;
  const details = applied && lastSync ? lastSync.changes : [];
  return { atMs, changes: details.length, details, ...(applied ? {} : { superseded: true }) };
}
