// Kalshi WebSocket error codes and the typed error the WS client rejects and reports with.

/** Codes of the `error` frame's `msg.code` (Kalshi AsyncAPI). 6, 16 and 17 are retired. */
export const WS_ERROR = {
  UNABLE_TO_PROCESS: 1,
  PARAMS_REQUIRED: 2,
  CHANNELS_REQUIRED: 3,
  SIDS_REQUIRED: 4,
  UNKNOWN_COMMAND: 5,
  UNKNOWN_SID: 7,
  UNKNOWN_CHANNEL: 8,
  AUTHENTICATION_REQUIRED: 9,
  CHANNEL_ERROR: 10,
  INVALID_PARAMETER: 11,
  EXACTLY_ONE_SID_REQUIRED: 12,
  UNSUPPORTED_ACTION: 13,
  MARKET_TICKER_REQUIRED: 14,
  ACTION_REQUIRED: 15,
  COMMAND_TIMEOUT: 18,
  SHARD_FACTOR_NOT_POSITIVE: 19,
  SHARD_FACTOR_REQUIRED: 20,
  SHARD_KEY_OUT_OF_RANGE: 21,
  SHARD_FACTOR_TOO_LARGE: 22,
  MATCH_IDS_REQUIRED: 23,
  INDEX_IDS_REQUIRED: 24,
  SUBSCRIPTION_BUFFER_OVERFLOW: 25,
  SUBSCRIPTION_MARKET_LIMIT: 26,
  TOO_MANY_REQUESTS: 27,
  UNDERLYING_TICKERS_REQUIRED: 28,
} as const;

/** Errors after which the subscription is dead on the server and must be resubscribed. */
export function isTerminalSubscriptionError(code: number): boolean {
  return code === WS_ERROR.CHANNEL_ERROR || code === WS_ERROR.SUBSCRIPTION_BUFFER_OVERFLOW;
}

/**
 * - `server`: an `error` frame answered a command (see `code`).
 * - `timeout`: no answer within the command timeout.
 * - `closed`: the socket closed (or `close()` was called) before the answer.
 * - `not_connected`: the command needs an open socket and there is none.
 * - `invalid_request`: the caller's arguments were rejected before anything was sent.
 */
export type KalshiWsErrorKind = 'server' | 'timeout' | 'closed' | 'not_connected' | 'invalid_request';

export class KalshiWsError extends Error {
  override readonly name = 'KalshiWsError';
  readonly kind: KalshiWsErrorKind;
  /** Kalshi's error code for `server` errors, else null. */
  readonly code: number | null;
  readonly commandId: number | null;
  readonly sid: number | null;

  constructor(
    kind: KalshiWsErrorKind,
    message: string,
    details: { code?: number; commandId?: number; sid?: number } = {},
  ) {
    super(message);
    this.kind = kind;
    this.code = details.code ?? null;
    this.commandId = details.commandId ?? null;
    this.sid = details.sid ?? null;
  }

  /** True for codes 10 and 25: the consumer should resubscribe. */
  get terminal(): boolean {
    return this.code !== null && isTerminalSubscriptionError(this.code);
  }
}
