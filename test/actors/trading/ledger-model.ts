// A one-market exchange for the ledger's property test: its fills in execution order, booked by the
// simulator's own accounting (the exchange's records), and the REST views the trading service reads,
// each a prefix of that history that may lag (positions and fills apart), or fail.
import type { TradingClient } from '../../../src/actors/trading/trading-ports';
import { notional, PRICE_ONE } from '../../../src/domain/fixed-point';
import type { Fill, Position } from '../../../src/domain/trading-types';
import { Ledger } from '../../../src/sim/engine/ledger';
import { balance } from './trading-fixtures';

export const TICKER = 'KXPROP-26JUN01';
const USER = 'daemon';

export interface Settlement {
  result: 'yes' | 'no';
  tsMs: number;
}

/** The exchange's position row after each prefix of its history, and what each step realized net of fees. */
export interface ExchangeRecords {
  /** rows[k]: after the first k events (the fills, then the settlement if any). */
  rows: Position[];
  /** Realized PnL net of fees of each event, with its time. */
  realized: Array<{ tsMs: number; net: number }>;
}

export function exchangeRecords(fills: readonly Fill[], settlement: Settlement | null): ExchangeRecords {
  let nowMs = 0;
  const ledger = new Ledger(0, () => nowMs);
  const empty: Position = {
    ticker: TICKER,
    position: 0,
    exposure: 0,
    totalTraded: 0,
    realizedPnl: 0,
    feesPaid: 0,
    updatedMs: null,
  };
  const rows: Position[] = [empty];
  const realized: ExchangeRecords['realized'] = [];
  for (const f of fills) {
    nowMs = f.tsMs;
    const before = rows.at(-1)?.realizedPnl ?? 0;
    const { position: p } = ledger.applyFill(USER, TICKER, f.side, f.count, f.price, f.fee);
    const row = { ...empty, ...pick(p), totalTraded: p.totalTraded, updatedMs: p.updatedMs };
    rows.push(row);
    realized.push({ tsMs: f.tsMs, net: row.realizedPnl - before - f.fee });
  }
  if (settlement !== null) {
    const last = rows.at(-1) as Position;
    const value = settlement.result === 'yes' ? PRICE_ONE : 0;
    const payout =
      last.position >= 0 ? notional(value, last.position) : notional(PRICE_ONE - value, -last.position);
    const net = payout - last.exposure;
    rows.push({
      ...last,
      position: 0,
      exposure: 0,
      realizedPnl: last.realizedPnl + net,
      updatedMs: settlement.tsMs,
    });
    realized.push({ tsMs: settlement.tsMs, net });
  }
  return { rows, realized };
}

const pick = (p: Pick<Position, 'position' | 'exposure' | 'realizedPnl' | 'feesPaid'>) => ({
  position: p.position,
  exposure: p.exposure,
  realizedPnl: p.realizedPnl,
  feesPaid: p.feesPaid,
});

/** The figures the ledger must reproduce, from a position (or zeros for none). */
export const figuresOf = (p: Position | undefined) =>
  pick(p ?? { position: 0, exposure: 0, realizedPnl: 0, feesPaid: 0 });

/** What the REST views show right now: prefixes of the history, and whether the fills request fails. */
export interface RestView {
  /** Events the position rows count (fills, then the settlement). */
  rows: number;
  /** Fills the fills endpoint lists. */
  fills: number;
  fillsFail: boolean;
  /** Whether GET /portfolio/settlements lists the settlement (it may lag the position rows). */
  settled: boolean;
}

/** The TradingClient slice over the model: positions, fills and the settlement from `view()`, no orders. */
export function modelClient(
  fills: readonly Fill[],
  records: ExchangeRecords,
  view: () => RestView,
  settlement: Settlement | null = null,
): TradingClient {
  const refuse = async (): Promise<never> => {
    throw new Error('the ledger model takes no orders');
  };
  return {
    getExchangeStatus: async () => ({ exchangeActive: true, tradingActive: true }),
    getBalance: async () => balance(100_000_000),
    loadAccountLimits: async () => {
      const basic = { refillRate: 20, bucketCapacity: 20 };
      return { source: 'default', read: basic, write: basic };
    },
    listPositions: async () => {
      const row = records.rows[view().rows] as Position;
      return row.updatedMs === null ? [] : [{ ...row }];
    },
    listOrders: async () => [],
    listFills: async (filter = {}) => {
      const v = view();
      if (v.fillsFail) throw new Error('fills request cut short');
      const minMs = (filter.minTs ?? 0) * 1000;
      return fills
        .slice(0, v.fills)
        .filter((f) => f.tsMs >= minMs && (filter.ticker === undefined || f.ticker === filter.ticker))
        .map((f) => ({ ...f }));
    },
    listSettlements: async (filter = {}) => {
      if (settlement === null || !view().settled || settlement.tsMs < (filter.minTs ?? 0) * 1000) return [];
      const value = settlement.result === 'yes' ? PRICE_ONE : 0;
      const { tsMs: settledMs, result } = settlement;
      return [{ ticker: TICKER, result, value, fee: 0, revenue: 0, settledMs }];
    },
    submitOrder: refuse,
    cancelOrder: refuse,
    amendOrder: refuse,
    decreaseOrder: refuse,
  };
}
