// The HTTP error vocabulary: `{error:{code,message}}` bodies, one ApiError class, one onError mapping.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from './views';

/** A refusal we mean to send: the message is ours and safe to show. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

/**
 * Maps any thrown value to a JSON error response. Only ApiError messages reach the client; anything
 * else gets a generic text, so stack traces and whatever a port's error carried stay in the log.
 */
export function toErrorResponse(err: unknown, c: Context, onUnexpected?: (err: unknown) => void): Response {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status);
  if (err instanceof HTTPException && err.status < 500) {
    const status = err.status as ContentfulStatusCode;
    const code = CODE_BY_STATUS[status] ?? 'bad_request';
    return c.json(errorBody(code, code.replaceAll('_', ' ')), status);
  }
  onUnexpected?.(err);
  return c.json(errorBody('internal_error', 'internal error'), 500);
}
