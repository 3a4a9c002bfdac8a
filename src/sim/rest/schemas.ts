// zod schemas of the V2 order request bodies (shapes from Kalshi's OpenAPI 3.30.0). Unknown fields are
// ignored, as a generated client may send newer optional ones; amounts stay strings until the handler.
import { z } from 'zod';

/** Kalshi's FIX docs limit ClOrdID to 64 chars of this set; we assume REST matches. */
const clientOrderId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9+=_\-:/]+$/, 'client_order_id may use letters, digits and + = _ - : /');

const subaccount = z.number().int().min(0).max(63);

export const createOrderSchema = z.object({
  ticker: z.string().min(1),
  client_order_id: clientOrderId.optional(),
  side: z.enum(['bid', 'ask']),
  count: z.string(),
  price: z.string(),
  expiration_time: z.number().int().positive().nullable().optional(),
  time_in_force: z.enum(['fill_or_kill', 'good_till_canceled', 'immediate_or_cancel']),
  post_only: z.boolean().optional(),
  self_trade_prevention_type: z.enum(['taker_at_cross', 'maker']),
  cancel_order_on_pause: z.boolean().optional(),
  reduce_only: z.boolean().optional(),
  subaccount: subaccount.optional(),
  order_group_id: z.string().optional(),
  exchange_index: z.number().int().optional(),
});
export type CreateOrderBody = z.infer<typeof createOrderSchema>;

export const amendOrderSchema = z.object({
  ticker: z.string().min(1),
  side: z.enum(['bid', 'ask']),
  price: z.string(),
  count: z.string(),
  client_order_id: z.string().optional(),
  updated_client_order_id: clientOrderId.optional(),
  exchange_index: z.number().int().optional(),
});

export const decreaseOrderSchema = z.object({
  reduce_by: z.string().optional(),
  reduce_to: z.string().optional(),
  exchange_index: z.number().int().optional(),
  market_ticker: z.string().optional(),
});

export const batchCreateSchema = z.object({ orders: z.array(createOrderSchema).min(1) });

export const batchCancelSchema = z.object({
  orders: z
    .array(
      z.object({
        order_id: z.string().min(1),
        subaccount: subaccount.optional(),
        exchange_index: z.number().int().optional(),
        market_ticker: z.string().optional(),
      }),
    )
    .min(1),
});

/** "path: message; path: message" for the envelope's `details`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
}
