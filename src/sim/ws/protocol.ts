// Kalshi WS v2 vocabulary on the simulator side: channel names, which carry seq, and the error codes.

export const SIM_WS_PATH = '/trade-api/ws/v2';

/** Channels the simulator feeds. */
export const DATA_CHANNELS = [
  'orderbook_delta',
  'ticker',
  'trade',
  'fill',
  'user_orders',
  'market_positions',
  'market_lifecycle_v2',
] as const;

/** Real Kalshi channels the simulator acknowledges but never feeds (no RFQs, groups or MVE here). */
export const SILENT_CHANNELS = [
  'order_group_updates',
  'communications',
  'multivariate_market_lifecycle',
] as const;

export type Channel = (typeof DATA_CHANNELS)[number] | (typeof SILENT_CHANNELS)[number];

const ALL_CHANNELS: ReadonlySet<string> = new Set([...DATA_CHANNELS, ...SILENT_CHANNELS]);
export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && ALL_CHANNELS.has(name);

/** Channels whose frames carry a per-sid `seq` (AsyncAPI). */
export const SEQUENCED: ReadonlySet<Channel> = new Set<Channel>([
  'orderbook_delta',
  'trade',
  'market_lifecycle_v2',
  'order_group_updates',
  'communications',
  'multivariate_market_lifecycle',
]);

/** A user's own channels (no seq); Kalshi orders them neither against REST answers nor public channels. */
export const PRIVATE: ReadonlySet<Channel> = new Set<Channel>(['fill', 'user_orders', 'market_positions']);

/** Channels that ignore market filters. */
export const UNFILTERED: ReadonlySet<Channel> = new Set<Channel>([
  'market_lifecycle_v2',
  'order_group_updates',
  'communications',
  'multivariate_market_lifecycle',
]);

export const WsErrorCode = {
  UnableToProcess: 1,
  ParamsRequired: 2,
  ChannelsRequired: 3,
  SidsRequired: 4,
  UnknownCommand: 5,
  UnknownSid: 7,
  UnknownChannel: 8,
  AuthenticationRequired: 9,
  ChannelError: 10,
  InvalidParameter: 11,
  ExactlyOneSid: 12,
  UnsupportedAction: 13,
  MarketTickerRequired: 14,
  ActionRequired: 15,
  BufferOverflow: 25,
} as const;

export type WsErrorCode = (typeof WsErrorCode)[keyof typeof WsErrorCode];

/** The errors that end a subscription (§6.3: terminal, the client must resubscribe). */
export type TerminalErrorCode = typeof WsErrorCode.ChannelError | typeof WsErrorCode.BufferOverflow;

const MESSAGES: Record<WsErrorCode, string> = {
  1: 'Unable to process message',
  2: 'Params required',
  3: 'Channels required',
  4: 'Sids required',
  5: 'Unknown command',
  7: 'Unknown subscription ID',
  8: 'Unknown channel name',
  9: 'Authentication required',
  10: 'Channel error',
  11: 'Invalid parameter',
  12: 'Exactly one subscription ID is required',
  13: 'Unsupported action',
  14: 'Market Ticker required',
  15: 'Action required',
  25: 'Subscription buffer overflow',
};

export interface WsErrorMsg {
  code: WsErrorCode;
  msg: string;
  market_ticker?: string;
  market_tickers?: string[];
}

export function wsError(
  code: WsErrorCode,
  extra: Partial<Omit<WsErrorMsg, 'code' | 'msg'>> = {},
): WsErrorMsg {
  return { code, msg: MESSAGES[code], ...extra };
}
