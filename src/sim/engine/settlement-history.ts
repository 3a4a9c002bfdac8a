// API users' settlements, newest first with stable cursors (GET /portfolio/settlements), capped like their
// orders and fills: past the cap the oldest rows are evicted. The synthetic users keep none.

import { type Page, page } from './engine-queries';
import type { EngineState, SettlementRecord } from './engine-state';
import { historyOf } from './retention';
import type { SimSettlement } from './types';

export interface SettlementFilter {
  ticker?: string;
  eventTicker?: string;
  minTsMs?: number;
  maxTsMs?: number;
}

export function recordSettlement(state: EngineState, settlement: SimSettlement): void {
  const history = historyOf(state, settlement.userId);
  const record: SettlementRecord = { ...settlement, seq: history.nextSettlementSeq++ };
  history.settlements?.push(record);
}

export function pageSettlements(
  state: EngineState,
  userId: string,
  filter: SettlementFilter,
  cursor: number | null,
  limit: number,
): Page<SimSettlement> {
  const toPublic = ({ seq: _seq, ...settlement }: SettlementRecord): SimSettlement => settlement;
  const match = (s: SettlementRecord) => matches(s, filter);
  return page(state.users.get(userId)?.settlements, match, cursor, limit, toPublic);
}

function matches(s: SimSettlement, f: SettlementFilter): boolean {
  return (
    (f.ticker === undefined || s.ticker === f.ticker) &&
    (f.eventTicker === undefined || s.eventTicker === f.eventTicker) &&
    (f.minTsMs === undefined || s.settledMs >= f.minTsMs) &&
    (f.maxTsMs === undefined || s.settledMs <= f.maxTsMs)
  );
}
