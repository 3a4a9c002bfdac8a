// zod schemas for Kalshi WS control frames (subscribed, ok, unsubscribed, error), mapped to small typed objects.
import { z } from 'zod';

export interface ChannelSid {
  channel: string;
  sid: number;
}

export type ControlFrame =
  | { type: 'subscribed'; id: number | null; channel: string; sid: number }
  | {
      type: 'ok';
      id: number | null;
      sid: number | null;
      seq: number | null;
      /** update_subscription add/delete_markets: the sid's market list afterwards. */
      marketTickers: string[] | null;
      /** list_subscriptions: every live subscription of the connection. */
      subscriptions: ChannelSid[] | null;
    }
  | { type: 'unsubscribed'; id: number | null; sid: number | null; seq: number | null }
  | {
      type: 'error';
      id: number | null;
      sid: number | null;
      seq: number | null;
      code: number;
      message: string;
      marketTickers: string[] | null;
    };

export type ControlFrameType = ControlFrame['type'];

const uint = z.number().int().nonnegative();
// Kalshi uses id 0 for "no id"; both become null so callers test one thing.
const commandId = uint.nullish().transform((v) => (v === undefined || v === null || v === 0 ? null : v));
const optionalUint = uint.nullish().transform((v) => v ?? null);
const channelSid = z.object({ channel: z.string().min(1), sid: uint });

const subscribedSchema = z
  .object({ type: z.literal('subscribed'), id: commandId, msg: channelSid })
  .transform((f) => ({ type: 'subscribed' as const, id: f.id, channel: f.msg.channel, sid: f.msg.sid }));

const okSchema = z
  .object({
    type: z.literal('ok'),
    id: commandId,
    sid: optionalUint,
    seq: optionalUint,
    msg: z
      .union([z.array(channelSid), z.looseObject({ market_tickers: z.array(z.string()).optional() })])
      .optional(),
  })
  .transform((f) => ({
    type: 'ok' as const,
    id: f.id,
    sid: f.sid,
    seq: f.seq,
    marketTickers: f.msg !== undefined && !Array.isArray(f.msg) ? (f.msg.market_tickers ?? null) : null,
    subscriptions: Array.isArray(f.msg) ? f.msg : null,
  }));

const unsubscribedSchema = z
  .object({ type: z.literal('unsubscribed'), id: commandId, sid: optionalUint, seq: optionalUint })
  .transform((f) => ({ type: 'unsubscribed' as const, id: f.id, sid: f.sid, seq: f.seq }));

const errorSchema = z
  .object({
    type: z.literal('error'),
    id: commandId,
    sid: optionalUint,
    seq: optionalUint,
    msg: z.object({
      code: z.number().int(),
      msg: z.string().optional(),
      market_ticker: z.string().optional(),
      market_tickers: z.array(z.string()).optional(),
    }),
  })
  .transform((f) => ({
    type: 'error' as const,
    id: f.id,
    sid: f.sid,
    seq: f.seq,
    code: f.msg.code,
    message: f.msg.msg ?? '',
    marketTickers: f.msg.market_tickers ?? (f.msg.market_ticker !== undefined ? [f.msg.market_ticker] : null),
  }));

const SCHEMAS = {
  subscribed: subscribedSchema,
  ok: okSchema,
  unsubscribed: unsubscribedSchema,
  error: errorSchema,
} as const;

export const isControlFrameType = (type: string): type is ControlFrameType => Object.hasOwn(SCHEMAS, type);

export type ControlParseResult = { ok: true; frame: ControlFrame } | { ok: false; issues: string };

/** Validates a decoded frame whose `type` is one of the four control types. */
export function parseControlFrame(frame: unknown): ControlParseResult {
  const type = (frame as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !isControlFrameType(type)) {
    return { ok: false, issues: 'not a control frame type' };
  }
  const result = SCHEMAS[type].safeParse(frame);
  return result.success
    ? { ok: true, frame: result.data }
    : { ok: false, issues: z.prettifyError(result.error) };
}
