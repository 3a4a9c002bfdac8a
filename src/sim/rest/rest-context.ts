// What every REST route module shares: the app's dependencies, the Hono env, and body/user helpers.
import type { Context } from 'hono';
import type { z } from 'zod';
import type { SimKeyRegistry } from '../auth-verify';
import type { SimExchangeEngine } from '../engine/sim-exchange';
import type { SimRateLimiter, SimRateLimitOptions } from '../rate-limit';
import { badRequest, SimHttpError } from './http-errors';
import { describeIssues } from './schemas';

export interface SimRestDeps {
  exchange: SimExchangeEngine;
  keys: SimKeyRegistry;
  now: () => number;
  /** Token-bucket limits (Basic tier by default); `false` or `{enabled:false}` turns them off. */
  limits?: SimRateLimitOptions | false;
  /** Max clock skew accepted on KALSHI-ACCESS-TIMESTAMP (default 30 s). */
  maxSkewMs?: number;
  /** Read on every request: true accepts only 32-byte PSS salts (see verifyKalshiRequest). */
  strictSignatures?: () => boolean;
  /**
   * Runs first on every /trade-api/v2 request; returning a Response answers with it (fault injection:
   * injected 5xx, or an awaited delay before continuing).
   */
  onRequest?: (request: Request) => Response | undefined | Promise<Response | undefined>;
}

export type SimEnv = { Variables: { userId: string | undefined } };
export type SimContext = Context<SimEnv>;

export interface RouteDeps extends SimRestDeps {
  limiter: SimRateLimiter;
}

/** The authenticated user; the auth middleware guarantees it on private routes. */
export function userOf(c: SimContext): string {
  const userId = c.get('userId');
  if (userId === undefined)
    throw new SimHttpError(401, { code: 'authentication_error', message: 'authentication_error' });
  return userId;
}

/** Parses and validates a JSON body; malformed JSON or schema issues are 400 invalid_parameters. */
export async function readBody<S extends z.ZodType>(c: SimContext, schema: S): Promise<z.infer<S>> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw badRequest('request body must be valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badRequest(describeIssues(parsed.error));
  return parsed.data;
}
