// Typed Kalshi REST errors, classified once where the response is read; callers branch on class/fields.

/** Kalshi's error envelope body: `{"error":{code,message,details?,service?}}`. */
export interface KalshiErrorBody {
  code: string;
  message: string;
  details?: string;
  service?: string;
}

/** Longest slice of an unexpected (non-envelope) body kept in a message. */
const MAX_BODY_EXCERPT = 200;

/** Base class so callers can tell exchange-edge errors from bugs with one `instanceof`. */
export class KalshiError extends Error {
  /** "METHOD /path-template", e.g. "GET /markets/{ticker}". Never a full URL, never headers. */
  readonly endpoint: string;
  constructor(endpoint: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.endpoint = endpoint;
  }
}

export interface KalshiHttpErrorInit {
  endpoint: string;
  status: number;
  body?: KalshiErrorBody;
  /** The raw body when it was not an envelope; only an excerpt is kept. */
  rawBody?: string;
  retryAfterMs?: number;
}

/** The exchange answered with a non-2xx status. */
export class KalshiHttpError extends KalshiError {
  readonly status: number;
  /** `error.code` from the envelope, or `http_<status>` when the body was not an envelope. */
  readonly code: string;
  readonly details?: string;
  readonly service?: string;
  /** Whether repeating the same request later can succeed (429 and 5xx). */
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(init: KalshiHttpErrorInit) {
    const code = init.body?.code || `http_${init.status}`;
    const text = init.body?.message ?? excerpt(init.rawBody);
    super(init.endpoint, `${init.endpoint} failed with ${init.status} ${code}${text ? `: ${text}` : ''}`);
    this.status = init.status;
    this.code = code;
    this.details = init.body?.details;
    this.service = init.body?.service;
    this.retryable = init.status === 429 || init.status >= 500;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Builds the error from a response body, tolerating bodies that are not JSON or not an envelope. */
  static fromBody(
    endpoint: string,
    status: number,
    bodyText: string,
    retryAfterMs?: number,
  ): KalshiHttpError {
    const body = parseErrorEnvelope(bodyText);
    return new KalshiHttpError({
      endpoint,
      status,
      retryAfterMs,
      ...(body ? { body } : { rawBody: bodyText }),
    });
  }
}

export type NetworkFailure = 'timeout' | 'network';

/** No HTTP answer: connect failure, reset, or the per-request timeout fired. Always retryable. */
export class KalshiNetworkError extends KalshiError {
  readonly reason: NetworkFailure;
  readonly retryable = true;
  constructor(endpoint: string, reason: NetworkFailure, cause?: unknown) {
    const what = reason === 'timeout' ? 'timed out' : `network error (${describeCause(cause)})`;
    super(endpoint, `${endpoint} ${what}`, { cause });
    this.reason = reason;
  }
}

export type WriteOperation =
  | 'create'
  | 'amend'
  | 'decrease'
  | 'cancel'
  | 'batch_create'
  | 'batch_cancel'
  | 'cancel_all';

/**
 * An order write left and we cannot tell whether the exchange acted on it (timeout, dropped
 * connection, 5xx, or a 2xx body we could not read). Reconciliation settles it; it must never be
 * retried blindly, because a retry could double an order.
 */
export class KalshiUnknownOutcomeError extends KalshiError {
  readonly operation: WriteOperation;
  readonly clientOrderId?: string;
  readonly orderId?: string;
  constructor(
    endpoint: string,
    operation: WriteOperation,
    ids: { clientOrderId?: string; orderId?: string },
    cause: KalshiError,
  ) {
    super(endpoint, `${endpoint} outcome unknown: ${cause.message}`, { cause });
    this.operation = operation;
    this.clientOrderId = ids.clientOrderId;
    this.orderId = ids.orderId;
  }
}

/** A 2xx body that did not match the expected schema (or was not JSON). */
export class KalshiResponseError extends KalshiError {
  /** Short, human-readable summary of the validation issues (paths and messages, no values). */
  readonly issues: string;
  readonly retryable = false;
  constructor(endpoint: string, issues: string) {
    super(endpoint, `${endpoint} returned an unexpected body: ${issues}`);
    this.issues = issues;
  }
}

/** A request we refused to send because its input was invalid (nothing left the process). */
export class KalshiInputError extends KalshiError {
  readonly retryable = false;
}

/** Reads `{"error":{...}}`; returns undefined for anything else. */
export function parseErrorEnvelope(bodyText: string): KalshiErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const inner = (parsed as { error?: unknown }).error;
  if (typeof inner !== 'object' || inner === null) return undefined;
  const e = inner as Record<string, unknown>;
  if (typeof e.code !== 'string' && typeof e.message !== 'string') return undefined;
  const body: KalshiErrorBody = {
    code: typeof e.code === 'string' ? e.code : '',
    message: typeof e.message === 'string' ? e.message : '',
  };
  if (typeof e.details === 'string') body.details = e.details;
  if (typeof e.service === 'string') body.service = e.service;
  return body;
}

function excerpt(text: string | undefined): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_BODY_EXCERPT ? `${flat.slice(0, MAX_BODY_EXCERPT)}…` : flat;
}

function describeCause(cause: unknown): string {
  // undici wraps the socket error: TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }).
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
  const code = (inner as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return inner instanceof Error ? inner.name : 'unknown';
}

export const isHttpError = (e: unknown): e is KalshiHttpError => e instanceof KalshiHttpError;
export const isRateLimited = (e: unknown): boolean => isHttpError(e) && e.status === 429;
export const isAuthError = (e: unknown): boolean => isHttpError(e) && (e.status === 401 || e.status === 403);
export const isNotFound = (e: unknown): boolean => isHttpError(e) && e.status === 404;
export const isOrderAlreadyExists = (e: unknown): boolean =>
  isHttpError(e) && e.status === 409 && e.code === 'order_already_exists';
export const isTradingPaused = (e: unknown): boolean =>
  isHttpError(e) && e.status === 409 && e.code === 'trading_is_paused';
export const isRetryable = (e: unknown): boolean =>
  (e instanceof KalshiHttpError || e instanceof KalshiNetworkError) && e.retryable;
