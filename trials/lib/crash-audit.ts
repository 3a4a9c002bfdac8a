// The SIGKILL trials' audit: the daemon's storage (its data directory, read after the last clean stop)
// against the simulator's own records, read with the daemon's key. One client_order_id ↔ one exchange
// order; every stored order final and equal to the exchange's status and fill count (one the exchange
// never saw ends final with nothing filled); every exchange fill stored once; and, replayed from the
// exchange's records, never more open orders or a larger position than the risk limits allow.
import type { KalshiClient } from '../../src/adapters/kalshi/client';
import { openStorage } from '../../src/adapters/storage';
import type { StoredOrder } from '../../src/domain/storage-records';
import type { Fill, Order } from '../../src/domain/trading-types';

export interface CrashAudit {
  ok: boolean;
  orders: number;
  exchangeOrders: number;
  fills: number;
  differences: string[];
}

export interface Limits {
  maxOpenOrders: number;
  /** Centi-contracts. */
  maxPosition: number;
}

const FINAL = new Set(['executed', 'canceled', 'rejected']);
const PREFIX = 'kt-';

async function readStorage(dataDir: string): Promise<{ orders: StoredOrder[]; fillIds: string[] }> {
  const storage = await openStorage({ dataDir });
  try {
    const orders = await storage.listOrders({ status: 'all', limit: 1000 });
    const fillIds: string[] = [];
    let since: number | undefined;
    for (;;) {
      const page = await storage.listFills({ limit: 1000, ...(since === undefined ? {} : { since }) });
      fillIds.push(...page.fills.map((f) => f.fillId));
      if (page.nextCursor === null) break;
      since = page.nextCursor;
    }
    return { orders, fillIds };
  } finally {
    await storage.close();
  }
}

function checkOrders(stored: StoredOrder[], exchange: Order[], out: string[]): void {
  const byClient = new Map<string, Order[]>();
  for (const o of exchange) {
    if (!o.clientOrderId.startsWith(PREFIX)) continue;
    byClient.set(o.clientOrderId, [...(byClient.get(o.clientOrderId) ?? []), o]);
  }
  for (const [id, orders] of byClient)
    if (orders.length > 1) out.push(`${id}: ${orders.length} exchange orders`);
  const storedIds = new Set(stored.map((o) => o.clientOrderId));
  for (const id of byClient.keys())
    if (!storedIds.has(id)) out.push(`${id}: on the exchange, not in storage`);
  for (const o of stored) {
    const theirs = byClient.get(o.clientOrderId)?.[0];
    if (!FINAL.has(o.status)) out.push(`${o.clientOrderId}: stored ${o.status}, not final`);
    else if (!theirs && o.fillCount !== 0) out.push(`${o.clientOrderId}: never on the exchange but filled`);
    else if (theirs && (theirs.status !== o.status || theirs.fillCount !== o.fillCount))
      out.push(
        `${o.clientOrderId}: stored ${o.status} ${o.fillCount}, exchange ${theirs.status} ${theirs.fillCount}`,
      );
  }
}

/** Most orders open at once on the exchange: each open from its creation to its last update if final. */
function maxConcurrent(orders: Order[]): number {
  const events: [number, number][] = [];
  for (const o of orders) {
    events.push([o.createdMs ?? 0, 1]);
    if (FINAL.has(o.status)) events.push([o.updatedMs ?? o.createdMs ?? 0, -1]);
  }
  // At one instant an end is counted before a start: a cancel-and-replace is not two open orders.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, d] of events) {
    open += d;
    most = Math.max(most, open);
  }
  return most;
}

/** Largest |position| any market reached, the exchange's fills replayed in time order. */
function maxPosition(fills: Fill[]): { ticker: string; position: number } {
  const held = new Map<string, number>();
  let worst = { ticker: '', position: 0 };
  for (const f of [...fills].sort((a, b) => a.tsMs - b.tsMs)) {
    const next = (held.get(f.ticker) ?? 0) + (f.side === 'bid' ? f.count : -f.count);
    held.set(f.ticker, next);
    if (Math.abs(next) > Math.abs(worst.position)) worst = { ticker: f.ticker, position: next };
  }
  return worst;
}

export async function auditCrashes(
  dataDir: string,
  exchange: KalshiClient,
  limits: Limits,
): Promise<CrashAudit> {
  const [{ orders, fillIds }, exchangeOrders, fills] = await Promise.all([
    readStorage(dataDir),
    exchange.listOrders(),
    exchange.listFills(),
  ]);
  const differences: string[] = [];
  checkOrders(orders, exchangeOrders, differences);
  const stored = new Set(fillIds);
  if (stored.size !== fillIds.length)
    differences.push(`${fillIds.length - stored.size} fill(s) stored twice`);
  for (const f of fills) if (!stored.has(f.fillId)) differences.push(`fill ${f.fillId}: not in storage`);
  const concurrent = maxConcurrent(exchangeOrders.filter((o) => o.clientOrderId.startsWith(PREFIX)));
  if (concurrent > limits.maxOpenOrders)
    differences.push(`${concurrent} orders open at once on the exchange (max ${limits.maxOpenOrders})`);
  const worst = maxPosition(fills);
  if (Math.abs(worst.position) > limits.maxPosition)
    differences.push(`position ${worst.position / 100} in ${worst.ticker} (max ${limits.maxPosition / 100})`);
  return {
    ok: differences.length === 0,
    orders: orders.length,
    exchangeOrders: exchangeOrders.length,
    fills: fills.length,
    differences,
  };
}
