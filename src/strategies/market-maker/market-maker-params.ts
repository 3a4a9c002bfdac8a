// The market maker's parameters (V3_STRATEGY_PARAMS, JSON): each with its default and meaning, so
// --help, the README and the config error messages all come from this one schema.
import { z } from 'zod';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const MarketMakerParamsSchema = z
  .object({
    fair_value: z
      .enum(['mid', 'microprice'])
      .default('mid')
      .describe('the price quotes are centred on: the mid, or the size-weighted microprice'),
    spread_ticks: int(1, 1_000)
      .default(2)
      .describe("spread floor: least distance between our bid and ask, in the market's price ticks"),
    size: int(1, 100_000).default(1).describe('contracts per quote'),
    skew_ticks_per_contract: int(0, 100)
      .default(1)
      .describe('inventory skew: both quotes move this many ticks against each contract held'),
    max_position: int(1, 1_000_000)
      .default(5)
      .describe(
        'per-market position cap in contracts, inside the risk gate’s: the side that would pass it stops',
      ),
    requote_ticks: int(1, 1_000)
      .default(1)
      .describe('a quote moves (by an amend) only when its price is off by at least this many ticks'),
    on_stale: z
      .enum(['cancel', 'leave'])
      .default('cancel')
      .describe('when the feed is down or a book is stale: cancel the quotes, or leave them resting'),
    max_book_age_ms: int(0, 86_400_000)
      .default(0)
      .describe("a book not updated for this long counts as stale (0: only the feed's own stale flag)"),
    close_buffer_seconds: int(0, 86_400)
      .default(60)
      .describe('stop quoting, and cancel the quotes, this many seconds before a market closes'),
    post_only: z.boolean().default(true).describe('quotes never take liquidity'),
    refresh_ms: int(100, 60_000)
      .default(1_000)
      .describe('period of the re-check that catches books going stale without an update'),
  })
  .strict();

export type MarketMakerParams = z.output<typeof MarketMakerParamsSchema>;
