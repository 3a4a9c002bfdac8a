// zod schemas for Kalshi REST bodies (markets, orderbook, exchange, account) and the shared field types.
// Objects strip unknown keys (Kalshi adds fields often); the fields we read are checked strictly.
import { z } from 'zod';
import { COUNT_DECIMALS, MONEY_DECIMALS, PRICE_DECIMALS, parseFixed } from '../../domain/fixed-point';

// Kalshi documents fixed-point values as strings but has been seen sending JSON numbers.
const decimalText = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()));

/** A decimal that our integer unit can hold exactly; the check lives here so parse.ts cannot fail. */
const fixed = (decimals: number, what: string) =>
  decimalText.refine((s) => !Number.isNaN(parseFixed(s, decimals)), {
    message: `expected ${what} with at most ${decimals} decimals`,
  });

export const priceField = fixed(PRICE_DECIMALS, 'a dollar price');
export const countField = fixed(COUNT_DECIMALS, 'a contract count');
export const moneyField = fixed(MONEY_DECIMALS, 'a dollar amount');

/**
 * Absent, null and "" all mean "no value" (e.g. no bid on an empty book). The value comes first: a union
 * stops at its first match, and a failed branch builds its issues (a 1,000-market page took 5× longer).
 */
const blank = z.union([z.null(), z.literal('')]);
export const optionalPrice = z.union([priceField, blank]).optional();
export const optionalCount = z.union([countField, blank]).optional();
export const optionalMoney = z.union([moneyField, blank]).optional();
/** ISO-8601 text, or null; parsed to epoch ms in parse.ts. */
export const optionalTime = z.string().nullish();

export const cursorField = z.string().nullish();

export const priceRangeSchema = z.object({ start: priceField, end: priceField, step: priceField });

export const marketSchema = z.object({
  ticker: z.string().min(1),
  event_ticker: z.string(),
  title: z.string().nullish(),
  status: z.string().min(1),
  price_level_structure: z.string().nullish(),
  price_ranges: z.array(priceRangeSchema),
  yes_bid_dollars: optionalPrice,
  yes_ask_dollars: optionalPrice,
  no_bid_dollars: optionalPrice,
  no_ask_dollars: optionalPrice,
  last_price_dollars: optionalPrice,
  volume_fp: optionalCount,
  volume_24h_fp: optionalCount,
  open_interest_fp: optionalCount,
  close_time: optionalTime,
});
export type WireMarket = z.infer<typeof marketSchema>;

export const getMarketsResponseSchema = z.object({ markets: z.array(marketSchema), cursor: cursorField });

export const getMarketResponseSchema = z.object({ market: marketSchema });

const levelSchema = z.tuple([priceField, countField]);
// Kalshi omits (or nulls) a side that has no levels.
const levelsSchema = z
  .array(levelSchema)
  .nullish()
  .transform((v) => v ?? []);

export const orderbookFpSchema = z.object({ yes_dollars: levelsSchema, no_dollars: levelsSchema });
export type WireOrderbookFp = z.infer<typeof orderbookFpSchema>;

export const getOrderbookResponseSchema = z.object({ orderbook_fp: orderbookFpSchema });

export const getOrderbooksResponseSchema = z.object({
  orderbooks: z.array(z.object({ ticker: z.string().min(1), orderbook_fp: orderbookFpSchema })),
});

export const exchangeStatusSchema = z.object({
  exchange_active: z.boolean(),
  trading_active: z.boolean(),
  exchange_estimated_resume_time: z.string().nullish(),
});
export type WireExchangeStatus = z.infer<typeof exchangeStatusSchema>;

// Bounded: a rate of 5e-324 tokens/s (found by fuzzing) would make every later request wait forever, and
// a huge cost would put the bucket in a debt it never pays off. An answer out of bounds is refused, and
// the caller keeps the Basic budgets.
const tokens = z.number().int().min(1).max(1_000_000);
const bucketLimitSchema = z.object({
  refill_rate: tokens,
  bucket_capacity: tokens.nullish(),
});

export const accountLimitsSchema = z.object({
  usage_tier: z.string().nullish(),
  read: bucketLimitSchema,
  write: bucketLimitSchema,
});

const cost = z.number().int().min(0).max(10_000);
export const endpointCostsSchema = z.object({
  default_cost: cost,
  endpoint_costs: z
    .array(z.object({ method: z.string(), path: z.string(), cost }))
    .nullish()
    .transform((v) => v ?? []),
});

/** The per-item error in batch responses (same fields as the top-level envelope's `error`). */
export const itemErrorSchema = z.object({
  code: z.string().nullish(),
  message: z.string().nullish(),
  details: z.string().nullish(),
  service: z.string().nullish(),
});
