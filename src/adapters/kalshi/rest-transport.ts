// One Kalshi REST exchange: pace, sign, send with a timeout, classify the answer, validate the body.
import type { z } from 'zod';
import { REAL_TIMERS, type Timers } from '../../runtime/timers';
import { authHeaders, type KalshiCredentials } from './auth';
import { DEFAULT_REQUEST_COST } from './constants';
import {
  KalshiError,
  KalshiHttpError,
  KalshiNetworkError,
  KalshiResponseError,
  KalshiUnknownOutcomeError,
  type WriteOperation,
} from './errors';
import { type BucketKind, type RateLimiterOptions, TokenBucketLimiter } from './rate-limiter';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy, retryDelay, withRetry } from './retry';

/** The slice of pino we use; only endpoint, status and timings are ever logged. */
export interface KalshiLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface RestTransportOptions {
  /** e.g. `http://127.0.0.1:port/trade-api/v2`; the path part is signed with every request path. */
  baseUrl: string;
  credentials?: KalshiCredentials;
  fetch?: typeof fetch;
  now?: () => number;
  /** The per-attempt timeout's timer; real timers by default. */
  timers?: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Per attempt, covering the response body too. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  limiter?: TokenBucketLimiter;
  /** Metrics hook; `status` is 0 when no HTTP answer arrived. */
  onRequest?: (endpoint: string, status: number, durationMs: number) => void;
  /** A 2xx body the schema refused (thrown as KalshiResponseError); counted apart from its status. */
  onInvalidBody?: (endpoint: string) => void;
  /** Metrics hook of the default limiter: a request waited `waitedMs` for `kind` tokens. */
  onRateLimitWait?: RateLimiterOptions['onWait'];
  logger?: KalshiLogger;
}

export interface RequestSpec<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path template below the base URL, e.g. `/markets/{ticker}`; it names the endpoint in errors/metrics. */
  path: string;
  params?: Record<string, string>;
  query?: object;
  body?: unknown;
  schema: S;
  /** Token cost; defaults to the endpoint's cost from `/account/endpoint_costs`, else 10. */
  cost?: number;
}

export interface WriteSpec<S extends z.ZodType> extends RequestSpec<S> {
  operation: WriteOperation;
  ids: { clientOrderId?: string; orderId?: string };
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** `{order_id}` and `{ticker}` compare equal: only the position of a parameter matters for costs. */
const costKey = (method: string, path: string): string =>
  `${method.toUpperCase()} ${path.replace(/^\/trade-api\/v2/, '').replace(/\{[^}]*\}/g, '{}')}`;

export class RestTransport {
  readonly limiter: TokenBucketLimiter;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private defaultCost = DEFAULT_REQUEST_COST;
  private costs = new Map<string, number>();

  constructor(private readonly options: RestTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.limiter =
      options.limiter ??
      new TokenBucketLimiter({
        now: this.now,
        sleep: this.sleep,
        ...(options.onRateLimitWait ? { onWait: options.onRateLimitWait } : {}),
      });
  }

  /** Applies `/account/endpoint_costs` so the limiter spends what Kalshi will charge. */
  setEndpointCosts(
    defaultCost: number,
    costs: readonly { method: string; path: string; cost: number }[],
  ): void {
    this.defaultCost = defaultCost;
    this.costs = new Map(costs.map((c) => [costKey(c.method, c.path), c.cost]));
  }

  costOf(method: string, path: string): number {
    return this.costs.get(costKey(method, path)) ?? this.defaultCost;
  }

  /** Idempotent request: retried on 429, 5xx and network errors. */
  read<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
    return withRetry(() => this.send(spec, 'read'), this.policy, {
      sleep: this.sleep,
      random: this.random,
      onRetry: (error, attempt, delayMs) =>
        this.options.logger?.warn(
          { endpoint: endpointOf(spec), attempt, delayMs, status: statusOf(error) },
          'kalshi request retrying',
        ),
    });
  }

  /**
   * Order mutation: never retried once the exchange may have acted on it. The one exception is 429,
   * resent as the same request (same client_order_id, so at most one order can ever exist) after a
   * backoff: our token bucket can disagree with the exchange's by the latency of a burst. When every
   * attempt got 429 the outcome is unknown, not a rejection (STYLE §7: reconciliation settles it,
   * finding the order by its client_order_id). Another explicit 4xx is thrown as KalshiHttpError.
   * Anything else after the request may have left (timeout, network error, 5xx, an unreadable 2xx)
   * is KalshiUnknownOutcomeError too.
   */
  async write<S extends z.ZodType>(spec: WriteSpec<S>): Promise<z.output<S>> {
    const attempts = Math.max(1, Math.floor(this.policy.maxAttempts));
    for (let i = 0; ; i++) {
      try {
        return await this.send(spec, 'write');
      } catch (error) {
        if (error instanceof KalshiHttpError && error.status === 429 && i + 1 < attempts) {
          const delayMs = retryDelay(error, i, this.policy, this.random);
          this.options.logger?.warn(
            { endpoint: endpointOf(spec), attempt: i + 1, delayMs, status: 429 },
            'kalshi write refused by the rate limit; resending the same request',
          );
          await this.sleep(delayMs);
          continue;
        }
        if (error instanceof KalshiHttpError && error.status < 500 && error.status !== 429) throw error;
        if (error instanceof KalshiError) {
          throw new KalshiUnknownOutcomeError(endpointOf(spec), spec.operation, spec.ids, error);
        }
        throw error;
      }
    }
  }

  private async send<S extends z.ZodType>(spec: RequestSpec<S>, kind: BucketKind): Promise<z.output<S>> {
    const endpoint = endpointOf(spec);
    await this.limiter.acquire(kind, spec.cost ?? this.costOf(spec.method, spec.path));
    const url = this.baseUrl + fillPath(spec.path, spec.params) + queryString(spec.query);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.credentials) {
      // Signed over the URL's pathname (base path included, query excluded), fresh per attempt.
      Object.assign(headers, authHeaders(this.options.credentials, spec.method, url, this.now));
    }
    const controller = new AbortController();
    const timers = this.options.timers ?? REAL_TIMERS;
    const timer = timers.setTimeout(() => controller.abort(), this.timeoutMs);
    const started = this.now();
    let status = 0;
    let text: string;
    let retryAfter: string | null = null;
    try {
      const res = await this.fetchImpl(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: controller.signal,
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      text = await res.text();
    } catch (cause) {
      this.report(endpoint, status, started);
      throw new KalshiNetworkError(endpoint, controller.signal.aborted ? 'timeout' : 'network', cause);
    } finally {
      timers.clearTimeout(timer);
    }
    this.report(endpoint, status, started);
    if (status < 200 || status >= 300) {
      throw KalshiHttpError.fromBody(endpoint, status, text, parseRetryAfter(retryAfter, this.now()));
    }
    try {
      return validate(endpoint, spec.schema, text);
    } catch (error) {
      this.options.onInvalidBody?.(endpoint);
      throw error;
    }
  }

  private report(endpoint: string, status: number, started: number): void {
    const durationMs = this.now() - started;
    this.options.onRequest?.(endpoint, status, durationMs);
    this.options.logger?.debug({ endpoint, status, durationMs }, 'kalshi request');
  }
}

function validate<S extends z.ZodType>(endpoint: string, schema: S, text: string): z.output<S> {
  let json: unknown;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw new KalshiResponseError(endpoint, 'body is not JSON');
    }
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const summary = issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new KalshiResponseError(
    endpoint,
    issues.length > 5 ? `${summary}; +${issues.length - 5} more` : summary,
  );
}

const endpointOf = (spec: { method: string; path: string }): string => `${spec.method} ${spec.path}`;
const statusOf = (error: unknown): number => (error instanceof KalshiHttpError ? error.status : 0);

function fillPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/** Arrays become Kalshi's comma-separated lists; undefined/null are left out. */
function queryString(query: object | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
