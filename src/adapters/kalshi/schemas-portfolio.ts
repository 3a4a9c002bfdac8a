// zod schemas for Kalshi portfolio reads: balance, positions, orders, fills and settlements.
import { z } from 'zod';
import { countField, cursorField, moneyField, optionalMoney, optionalTime, priceField } from './schemas';

/**
 * Direction: `book_side` is current; the deprecated `side` + `action` pair is accepted as a fallback
 * so an order or fill is never unreadable while Kalshi finishes the migration.
 */
const direction = {
  book_side: z.enum(['bid', 'ask']).optional(),
  outcome_side: z.string().optional(),
  side: z.string().optional(),
  action: z.string().optional(),
};

const hasDirection = (o: { book_side?: string; side?: string; action?: string }): boolean =>
  o.book_side !== undefined ||
  ((o.side === 'yes' || o.side === 'no') && (o.action === 'buy' || o.action === 'sell'));

const directionIssue = { message: 'missing book_side (or legacy side + action)', path: ['book_side'] };

export const balanceResponseSchema = z.object({
  /** Integer cents (still, in 2026). */
  balance: z.number().int(),
  balance_dollars: moneyField.optional(),
  portfolio_value: z.number().int(),
  /** Unix seconds. */
  updated_ts: z.number().nullish(),
});
export type GetBalanceResponse = z.infer<typeof balanceResponseSchema>;

export const marketPositionSchema = z.object({
  ticker: z.string().min(1),
  /** Signed: > 0 long YES, < 0 long NO. */
  position_fp: countField,
  market_exposure_dollars: optionalMoney,
  total_traded_dollars: optionalMoney,
  realized_pnl_dollars: optionalMoney,
  fees_paid_dollars: optionalMoney,
  // ISO-8601 text despite the `_ts` suffix; accept a number in case that changes.
  last_updated_ts: z.union([z.string(), z.number()]).nullish(),
});
export type WireMarketPosition = z.infer<typeof marketPositionSchema>;

export const getPositionsResponseSchema = z.object({
  market_positions: z
    .array(marketPositionSchema)
    .nullish()
    .transform((v) => v ?? []),
  cursor: cursorField,
});

export const orderSchema = z
  .object({
    order_id: z.string().min(1),
    client_order_id: z.string().nullish(),
    ticker: z.string().min(1),
    ...direction,
    // Kept as text: parse.ts maps anything unfamiliar to `unknown` for reconciliation to settle.
    status: z.string(),
    yes_price_dollars: priceField,
    initial_count_fp: countField,
    fill_count_fp: countField,
    remaining_count_fp: countField,
    created_time: optionalTime,
    last_update_time: optionalTime,
  })
  .refine(hasDirection, directionIssue);
export type WireOrder = z.infer<typeof orderSchema>;

export const getOrdersResponseSchema = z.object({ orders: z.array(orderSchema), cursor: cursorField });

export const getOrderResponseSchema = z.object({ order: orderSchema });

export const fillSchema = z
  .object({
    fill_id: z.string().nullish(),
    trade_id: z.string().min(1),
    order_id: z.string().min(1),
    client_order_id: z.string().nullish(),
    ticker: z.string().nullish(),
    market_ticker: z.string().nullish(),
    ...direction,
    count_fp: countField,
    yes_price_dollars: priceField,
    is_taker: z.boolean(),
    fee_cost: moneyField,
    created_time: optionalTime,
    /** Unix seconds. */
    ts: z.number().nullish(),
    ts_ms: z.number().nullish(),
  })
  .refine(hasDirection, directionIssue)
  .refine((f) => Boolean(f.ticker || f.market_ticker), { message: 'missing ticker', path: ['ticker'] });
export type WireFill = z.infer<typeof fillSchema>;

export const getFillsResponseSchema = z.object({ fills: z.array(fillSchema), cursor: cursorField });

/** kalshi-typescript `Settlement`: `revenue` and `value` are integer cents (value: of one YES contract). */
export const settlementSchema = z.object({
  ticker: z.string().min(1),
  market_result: z.string(),
  revenue: z.number().int(),
  value: z.number().nullish(),
  settled_time: z.string().min(1),
  fee_cost: optionalMoney,
});
export type WireSettlement = z.infer<typeof settlementSchema>;

export const getSettlementsResponseSchema = z.object({
  settlements: z.array(settlementSchema),
  cursor: cursorField,
});
