// The REST error envelope {"error":{code,message,details?}} and the codes the simulator's REST layer uses.
// Engine codes (engine-errors.ts) pass through unchanged; the HTTP layer adds:
//   400 invalid_parameters     malformed JSON, schema violations, bad query values (details say which)
//   401 authentication_error   missing/unknown key, stale timestamp or bad signature   [observed body]
//   404 not_found              unknown route under /trade-api/v2, unknown order
//   429 too_many_requests      token bucket empty (no Retry-After, as observed)
//   500 internal_error         a bug in the simulator; never a crash of the process
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { EngineError } from '../engine/types';

export interface ErrorBody {
  code: string;
  message: string;
  details?: string;
  service?: string;
}

/** A failure a handler throws; the app's onError turns it into the envelope. */
export class SimHttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly body: ErrorBody,
  ) {
    super(body.message);
    this.name = 'SimHttpError';
  }
}

export const badRequest = (details: string): SimHttpError =>
  new SimHttpError(400, { code: 'invalid_parameters', message: 'invalid parameters', details });

export const notFound = (): SimHttpError =>
  new SimHttpError(404, { code: 'not_found', message: 'not found' });

export const tooManyRequests = (): SimHttpError =>
  new SimHttpError(429, { code: 'too_many_requests', message: 'too many requests' });

export function fromEngine(error: EngineError): SimHttpError {
  const body: ErrorBody = { code: error.code, message: error.message };
  if (error.details !== undefined) body.details = error.details;
  if (error.status === 503) body.service = 'exchange';
  return new SimHttpError(error.status as ContentfulStatusCode, body);
}

/** The per-item `error` of batch responses, same fields as the envelope. */
export function engineErrorBody(error: EngineError): ErrorBody {
  return fromEngine(error).body;
}

export function errorResponse(c: Context, error: unknown): Response {
  if (error instanceof SimHttpError) return c.json({ error: error.body }, error.status);
  return c.json({ error: { code: 'internal_error', message: 'internal error' } }, 500);
}
