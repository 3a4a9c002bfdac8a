// Parses client → server WS commands (§6.2) into typed commands, or the exact Kalshi error to answer.
import { z } from 'zod';
import { type Channel, isChannel, WsErrorCode, type WsErrorMsg, wsError } from './protocol';

export type UpdateAction = 'add_markets' | 'delete_markets' | 'get_snapshot';

/** Market filter as sent: tickers, market ids (UUIDs), or none (null). */
export interface MarketFilter {
  tickers: string[] | null;
  marketIds: string[] | null;
}

export type Command =
  | {
      id: number;
      cmd: 'subscribe';
      channels: Channel[];
      filter: MarketFilter;
      useYesPrice: boolean;
      sendInitialSnapshot: boolean;
      skipTickerAck: boolean;
    }
  | { id: number; cmd: 'unsubscribe'; sids: number[] }
  | { id: number; cmd: 'update_subscription'; sid: number; action: UpdateAction; filter: MarketFilter }
  | { id: number; cmd: 'list_subscriptions' };

export type ParseResult = { ok: true; command: Command } | { ok: false; id: number; error: WsErrorMsg };

const envelope = z.object({
  id: z.number().int().nonnegative().optional(),
  cmd: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  action: z.unknown().optional(),
});

const stringList = z.array(z.string().min(1));
const sidList = z.array(z.number().int().positive());
const UPDATE_ACTIONS: ReadonlySet<string> = new Set(['add_markets', 'delete_markets', 'get_snapshot']);

type Params = Record<string, unknown>;
type Fail = { ok: false; id: number; error: WsErrorMsg };

export function parseCommand(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, id: 0, error: wsError(WsErrorCode.UnableToProcess) };
  }
  const parsed = envelope.safeParse(raw);
  if (!parsed.success) return { ok: false, id: idOf(raw), error: wsError(WsErrorCode.UnableToProcess) };
  const { cmd, params, action } = parsed.data;
  const id = parsed.data.id ?? 0;
  const fail = (code: WsErrorCode): Fail => ({ ok: false, id, error: wsError(code) });
  switch (cmd) {
    case 'subscribe':
      return params === undefined ? fail(WsErrorCode.ParamsRequired) : subscribe(id, params, fail);
    case 'unsubscribe': {
      if (params === undefined) return fail(WsErrorCode.ParamsRequired);
      const sids = sidList.min(1).safeParse(params.sids);
      return sids.success
        ? { ok: true, command: { id, cmd, sids: sids.data } }
        : fail(WsErrorCode.SidsRequired);
    }
    case 'update_subscription':
      // Kalshi rejects an `action` outside params with 15 even when the rest is fine.
      if (params === undefined)
        return fail(action === undefined ? WsErrorCode.ParamsRequired : WsErrorCode.ActionRequired);
      return update(id, params, fail);
    case 'list_subscriptions':
      return { ok: true, command: { id, cmd } };
    default:
      return fail(WsErrorCode.UnknownCommand);
  }
}

function subscribe(id: number, params: Params, fail: (code: WsErrorCode) => Fail): ParseResult {
  const channels = params.channels;
  if (!Array.isArray(channels) || channels.length === 0) return fail(WsErrorCode.ChannelsRequired);
  if (!channels.every(isChannel)) return fail(WsErrorCode.UnknownChannel);
  const filter = marketFilter(params);
  if (filter === null) return fail(WsErrorCode.InvalidParameter);
  const flags = ['use_yes_price', 'send_initial_snapshot', 'skip_ticker_ack'].map((key) => params[key]);
  if (flags.some((flag) => flag !== undefined && typeof flag !== 'boolean'))
    return fail(WsErrorCode.InvalidParameter);
  const hasMarkets = filter.tickers !== null || filter.marketIds !== null;
  if (channels.includes('orderbook_delta') && !hasMarkets) return fail(WsErrorCode.MarketTickerRequired);
  if (channels.includes('orderbook_delta') && filter.marketIds !== null)
    return fail(WsErrorCode.InvalidParameter);
  return {
    ok: true,
    command: {
      id,
      cmd: 'subscribe',
      channels: [...new Set(channels)],
      filter,
      useYesPrice: flags[0] === true,
      sendInitialSnapshot: flags[1] === true,
      skipTickerAck: flags[2] === true,
    },
  };
}

function update(id: number, params: Params, fail: (code: WsErrorCode) => Fail): ParseResult {
  if (params.action === undefined) return fail(WsErrorCode.ActionRequired);
  let sid: number | undefined;
  const one = z.number().int().positive();
  if (params.sid !== undefined && params.sids !== undefined) return fail(WsErrorCode.ExactlyOneSid);
  if (params.sid !== undefined) sid = one.safeParse(params.sid).data;
  else if (Array.isArray(params.sids) && params.sids.length === 1) sid = one.safeParse(params.sids[0]).data;
  if (sid === undefined) return fail(WsErrorCode.ExactlyOneSid);
  if (typeof params.action !== 'string' || !UPDATE_ACTIONS.has(params.action))
    return fail(WsErrorCode.UnsupportedAction);
  const filter = marketFilter(params);
  if (filter === null) return fail(WsErrorCode.InvalidParameter);
  const action = params.action as UpdateAction;
  if (action !== 'get_snapshot' && filter.tickers === null && filter.marketIds === null) {
    return fail(WsErrorCode.MarketTickerRequired);
  }
  return { ok: true, command: { id, cmd: 'update_subscription', sid, action, filter } };
}

/** `market_ticker` xor `market_tickers` (same for ids); null when the params are contradictory or mistyped. */
function marketFilter(params: Params): MarketFilter | null {
  const tickers = oneOrMany(params.market_ticker, params.market_tickers);
  const marketIds = oneOrMany(params.market_id, params.market_ids);
  if (tickers === false || marketIds === false) return null;
  if (tickers !== null && marketIds !== null) return null;
  return { tickers, marketIds };
}

function oneOrMany(single: unknown, many: unknown): string[] | null | false {
  if (single !== undefined && many !== undefined) return false;
  if (single !== undefined) return typeof single === 'string' && single.length > 0 ? [single] : false;
  if (many === undefined) return null;
  const list = stringList.min(1).safeParse(many);
  return list.success ? [...new Set(list.data)] : false;
}

function idOf(raw: unknown): number {
  if (typeof raw !== 'object' || raw === null) return 0;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : 0;
}
