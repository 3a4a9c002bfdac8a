// Operator commands the server accepts (WS `command` frames, and the order routes' bodies) and their
// results, validated with zod.
import { z } from 'zod';
import { PRICE_ONE, parseCount, parsePrice } from '../domain/fixed-point';

const Ticker = z.string().min(1).max(128);
/** A tracked order's key: our client_order_id, or `order:<id>` for an order placed elsewhere. */
const ClientOrderId = z.string().min(1).max(128);
/**
 * Inputs are judged on the integer they parse to, not only their text (the views' output patterns let
 * "00.00" through as 0 and an overlong count through as NaN): anything else would reach the risk gate.
 */
const PositiveCount = z
  .string()
  .regex(/^\d+\.\d{2}$/, 'must be contracts with two decimals, e.g. "1.00"')
  .refine((s) => {
    const count = parseCount(s);
    return Number.isSafeInteger(count) && count > 0;
  }, 'must be more than 0.00 and at most 90071992547409.91');
/** A YES price on the $0.0001 tick grid, strictly between $0 and $1. */
const OrderPrice = z
  .string()
  .regex(/^0\.\d{4}$/, 'must be a YES price with four decimals, e.g. "0.4500"')
  .refine((s) => {
    const price = parsePrice(s);
    return price > 0 && price < PRICE_ONE;
  }, 'must be more than 0.0000 and less than 1.0000');

/** A manual order: the `place_order` command's fields, and the body of `POST /v3/orders`. */
export const PlaceOrderSchema = z
  .object({
    ticker: Ticker,
    side: z.enum(['bid', 'ask']).describe('bid buys YES at the price; ask sells YES (buys NO at 1 − price)'),
    price_dollars: OrderPrice.describe('YES price, e.g. "0.4500"'),
    count_fp: PositiveCount.describe('contracts, e.g. "1.00"'),
    time_in_force: z.enum(['good_till_canceled', 'immediate_or_cancel', 'fill_or_kill']).optional(),
    post_only: z.boolean().optional(),
  })
  .strict();

/** The body of `PATCH /v3/orders/:client_order_id`: a new price, a new resting count, or both. */
export const AmendOrderSchema = z
  .object({
    price_dollars: OrderPrice.optional().describe('new YES price'),
    count_fp: PositiveCount.optional().describe('contracts to rest after the change'),
  })
  .strict()
  .refine((b) => b.price_dollars !== undefined || b.count_fp !== undefined, {
    message: 'give price_dollars, count_fp or both',
  });

const OrderRef = {
  client_order_id: ClientOrderId.optional(),
  order_id: z.string().min(1).max(128).optional(),
};
const hasRef = (c: { client_order_id?: string | undefined; order_id?: string | undefined }) =>
  c.client_order_id !== undefined || c.order_id !== undefined;

export const DaemonCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('kill_switch'), on: z.boolean() }),
  z.object({ type: z.literal('cancel_all') }),
  z.object({ type: z.literal('strategy'), paused: z.boolean() }),
  z.object({ type: z.literal('resync_market'), ticker: Ticker }),
  // Stops the daemon as SIGTERM does (strategy first; resting orders per V3_CANCEL_ON_SHUTDOWN).
  z.object({ type: z.literal('shutdown') }),
  PlaceOrderSchema.extend({ type: z.literal('place_order') }),
  z
    .object({ type: z.literal('cancel_order'), ...OrderRef })
    .refine(hasRef, { message: 'give client_order_id or order_id' }),
  z
    .object({
      type: z.literal('amend_order'),
      ...OrderRef,
      price_dollars: OrderPrice.optional(),
      count_fp: PositiveCount.optional(),
    })
    .refine(hasRef, { message: 'give client_order_id or order_id' })
    .refine((c) => c.price_dollars !== undefined || c.count_fp !== undefined, {
      message: 'give price_dollars, count_fp or both',
    }),
]);
export type DaemonCommand = z.infer<typeof DaemonCommandSchema>;
export type OrderCommand = Extract<DaemonCommand, { type: 'place_order' | 'cancel_order' | 'amend_order' }>;

export const ORDER_OUTCOMES = [
  'accepted',
  'rejected',
  'blocked',
  'unknown',
  'not_found',
  'invalid',
  'refused',
] as const;

/**
 * A manual order's answer: its client_order_id at the top level (null only when none was made) and
 * what became of it: `accepted` (order_id), `rejected` by the exchange (code), `blocked` by the risk
 * gate (rule), `unknown` (no answer: the next sync settles it, and the activity feed tells),
 * `not_found` (gone on the exchange), `invalid` (refused before sending: code), `refused` (the trader
 * is not ready, degraded or acting; or storage could not record the order, code not_recorded).
 */
export const OrderResultSchema = z.object({
  ok: z.boolean().describe('accepted'),
  client_order_id: z.string().nullable(),
  outcome: z.enum(ORDER_OUTCOMES),
  order_id: z.string().optional(),
  code: z.string().optional().describe('the exchange’s error code, or why it was refused'),
  rule: z.string().optional().describe('the risk rule that blocked it'),
  message: z.string(),
});
export type OrderResult = z.infer<typeof OrderResultSchema>;

export const CommandResultSchema = z.union([
  OrderResultSchema,
  z.object({ ok: z.literal(true), message: z.string().optional() }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type CommandResult = z.infer<typeof CommandResultSchema>;
