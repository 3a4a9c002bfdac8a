// Operator commands the server accepts (WS `command` frames) and their results, validated with zod.
import { z } from 'zod';
import { CountFpSchema, PriceDollarsSchema } from './views';

const Ticker = z.string().min(1).max(128);

export const DaemonCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('kill_switch'), on: z.boolean() }),
  z.object({ type: z.literal('cancel_all') }),
  z.object({ type: z.literal('strategy'), paused: z.boolean() }),
  z.object({ type: z.literal('resync_market'), ticker: Ticker }),
  // Stops the daemon as SIGTERM does (strategy first; resting orders per V3_CANCEL_ON_SHUTDOWN).
  z.object({ type: z.literal('shutdown') }),
  // Manual orders are part of the vocabulary but not wired yet: the server answers not_supported.
  z.object({
    type: z.literal('place_order'),
    ticker: Ticker,
    side: z.enum(['bid', 'ask']),
    price_dollars: PriceDollarsSchema,
    count_fp: CountFpSchema,
  }),
]);
export type DaemonCommand = z.infer<typeof DaemonCommandSchema>;

/** Commands the server refuses itself, without reaching the daemon. */
export const UNSUPPORTED_COMMANDS: ReadonlySet<DaemonCommand['type']> = new Set(['place_order']);

export const CommandResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string().optional() }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type CommandResult = z.infer<typeof CommandResultSchema>;
