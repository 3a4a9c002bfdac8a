// PnL rows and totals for view tests: a fold with no mark unless given, and a PnL view of nothing yet.
import type { PositionPnl } from '../../../src/domain/position-pnl';
import type { Position } from '../../../src/domain/trading-types';
import { toPnlView } from '../../../src/server/view-mappers';

export const pnlRow = (position: Position, over: Partial<PositionPnl> = {}): PositionPnl => ({
  position,
  markPrice: null,
  unrealizedPnl: position.position === 0 ? 0 : null,
  unverified: false,
  exchange: null,
  ...over,
});

export const NO_PNL = toPnlView({
  realizedPnl: 0,
  feesPaid: 0,
  unrealizedPnl: 0,
  unmarked: 0,
  exposure: 0,
  unverified: 0,
  ledgerEntries: 0,
});
