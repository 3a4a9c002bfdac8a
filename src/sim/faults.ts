// Fault injection state for the simulator: what to break (sockets, frames, REST) and how often, with a
// seeded rng so a test run replays the same faults. Consumers read it on every use; changes are broadcast.
import { z } from 'zod';
import type { SimExchangeEngine } from './engine';
import type { SimExchange } from './engine/types';

/** How wrongDeltaRate makes a delta wrong: its size changed, its side flipped, or another market's. */
export const WRONG_DELTA_KINDS = ['size', 'side', 'market'] as const;
export type WrongDeltaKind = (typeof WRONG_DELTA_KINDS)[number];

export interface FaultState {
  /** true: terminate every open WS client now and every new one on arrival, until cleared. */
  dropConnections: boolean;
  /** HTTP status the WS upgrade is refused with (e.g. 503), or null to accept. */
  refuseUpgrade: number | null;
  /** Probability a sequenced update frame is not sent although its seq is consumed (a gap). */
  seqSkipRate: number;
  /** Probability a data frame is sent twice. */
  duplicateRate: number;
  /** Probability a data frame is replaced by broken JSON or a frame with a wrong field type. */
  malformedRate: number;
  /** Probability a sequenced update frame is held back and sent after the next frame of its sid. */
  reorderRate: number;
  /** Probability an orderbook delta is followed by a forged snapshot of its market under a sid never subscribed. */
  foreignSnapshotRate: number;
  /** Probability an orderbook delta goes out with its seq far ahead (SEQ_JUMP); its real seq is used up. */
  seqJumpRate: number;
  /** Probability an orderbook delta is followed, on the same sid and in its seq, by a delta for a market not subscribed. */
  unsubscribedMarketRate: number;
  /** Probability an orderbook delta goes out valid-looking but wrong (size, side or market changed). */
  wrongDeltaRate: number;
  /** The kinds wrongDeltaRate picks from, evenly; empty: all of them. */
  wrongDeltaKinds: WrongDeltaKind[];
  /** Probability a `subscribed` ack is not sent (the subscription exists all the same). */
  dropAckRate: number;
  /** Channels dropAckRate applies to; empty: every channel. */
  dropAckChannels: string[];
  /** Private frames (fill, user_order, market_position) are held back this long after the event. */
  privateDelayMs: number;
  /** Within one engine burst, a user_order frame goes out before the fill that caused it. */
  privateReorder: boolean;
  /** Probability a REST request is answered with restErrorStatus. */
  restErrorRate: number;
  /** 429 answers with the rate limiter's own body: a storm of it is Kalshi refusing a client that pushes. */
  restErrorStatus: 429 | 500 | 503;
  /**
   * "before": the error replaces the request (nothing happened). "after": the engine acts, then the answer
   * is replaced by the error, so the client cannot know its order exists (the classic unknown outcome).
   */
  restErrorMode: 'before' | 'after';
  /** Delay added to every REST response. */
  latencyMs: number;
  /** Markets whose trading is halted (engine.setPaused). */
  pauseTrading: string[];
  /** Verify RSA-PSS with a 32-byte salt only (Kalshi's documented choice) instead of any salt length. */
  strictSignatures: boolean;
  /** Every API key is unknown, as if revoked: private REST routes answer 401, WS upgrades are refused. */
  refuseKeys: boolean;
  /**
   * GET /exchange/status `trading_active` (outside trading hours, a halt): false refuses every order
   * creation and amend with 409 trading_is_paused, as a paused market does; cancels still work.
   */
  tradingActive: boolean;
  /**
   * The exchange's clock runs this far ahead (negative: behind) of the host's: what it stamps and how it
   * judges a signature's KALSHI-ACCESS-TIMESTAMP. Pong deadlines keep the host's clock, as a real server's
   * monotonic timers would; a rate-limit bucket takes a jump in its stride (forward refills it, backward
   * waits).
   */
  clockOffsetMs: number;
}

export const NO_FAULTS: Readonly<FaultState> = Object.freeze({
  dropConnections: false,
  refuseUpgrade: null,
  seqSkipRate: 0,
  duplicateRate: 0,
  malformedRate: 0,
  reorderRate: 0,
  foreignSnapshotRate: 0,
  seqJumpRate: 0,
  unsubscribedMarketRate: 0,
  wrongDeltaRate: 0,
  wrongDeltaKinds: [],
  dropAckRate: 0,
  dropAckChannels: [],
  privateDelayMs: 0,
  privateReorder: false,
  restErrorRate: 0,
  restErrorStatus: 503,
  restErrorMode: 'before',
  latencyMs: 0,
  pauseTrading: [],
  strictSignatures: false,
  refuseKeys: false,
  tradingActive: true,
  clockOffsetMs: 0,
});

const rate = z.number().min(0).max(1);
/** A day either way: any skew a host could plausibly have, and no overflow of a timestamp. */
const MAX_CLOCK_OFFSET_MS = 86_400_000;

/** A partial FaultState as accepted by POST /sim/faults and the CLI flags; unknown keys are errors. */
export const faultPatchSchema = z
  .object({
    dropConnections: z.boolean(),
    refuseUpgrade: z.number().int().min(400).max(599).nullable(),
    seqSkipRate: rate,
    duplicateRate: rate,
    malformedRate: rate,
    reorderRate: rate,
    foreignSnapshotRate: rate,
    seqJumpRate: rate,
    unsubscribedMarketRate: rate,
    wrongDeltaRate: rate,
    wrongDeltaKinds: z.array(z.enum(WRONG_DELTA_KINDS)),
    dropAckRate: rate,
    dropAckChannels: z.array(z.string().min(1)),
    privateDelayMs: z.number().int().min(0).max(60_000),
    privateReorder: z.boolean(),
    restErrorRate: rate,
    restErrorStatus: z.union([z.literal(429), z.literal(500), z.literal(503)]),
    restErrorMode: z.enum(['before', 'after']),
    latencyMs: z.number().int().min(0).max(60_000),
    pauseTrading: z.array(z.string().min(1)),
    strictSignatures: z.boolean(),
    refuseKeys: z.boolean(),
    tradingActive: z.boolean(),
    clockOffsetMs: z.number().int().min(-MAX_CLOCK_OFFSET_MS).max(MAX_CLOCK_OFFSET_MS),
  })
  .partial()
  .strict();

export type FaultPatch = z.infer<typeof faultPatchSchema>;

/** A seeded [0, 1) source (engine/rng.ts createSeededRandom). */
export type Rng = () => number;

export interface FaultController {
  get(): Readonly<FaultState>;
  /** Shallow-merges a validated patch and returns the new state. */
  set(patch: FaultPatch): Readonly<FaultState>;
  /** Back to no faults, except the start-up baseline (settings that are modes, e.g. strictSignatures). */
  clear(): Readonly<FaultState>;
  /** True with the given probability, drawn from the seeded rng. */
  roll(probability: number): boolean;
  readonly rng: Rng;
  /** Called after every change (also for a re-set to the same value: dropConnections drops again). */
  subscribe(listener: (state: Readonly<FaultState>, previous: Readonly<FaultState>) => void): () => void;
}

export function createFaultController(
  rng: Rng,
  initial: FaultPatch = {},
  baseline: FaultPatch = {},
): FaultController {
  let state: Readonly<FaultState> = { ...NO_FAULTS, ...baseline, ...initial };
  const listeners = new Set<(state: Readonly<FaultState>, previous: Readonly<FaultState>) => void>();
  const replace = (next: FaultState) => {
    const previous = state;
    state = Object.freeze(next);
    for (const listener of listeners) listener(state, previous);
    return state;
  };
  return {
    get: () => state,
    set: (patch) => replace({ ...state, ...patch }),
    clear: () => replace({ ...NO_FAULTS, ...baseline }),
    // Rates 0 and 1 draw nothing, so switching one fault on does not reshuffle the others' luck.
    roll: (probability) => (probability <= 0 ? false : probability >= 1 ? true : rng() < probability),
    rng,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Keeps the engine's trading_active in step with the `tradingActive` fault; returns the unsubscribe function. */
export function bindTradingActive(
  faults: FaultController,
  exchange: Pick<SimExchangeEngine, 'setExchangeStatus'>,
): () => void {
  if (!faults.get().tradingActive) exchange.setExchangeStatus({ tradingActive: false });
  return faults.subscribe((state, previous) => {
    if (state.tradingActive !== previous.tradingActive)
      exchange.setExchangeStatus({ tradingActive: state.tradingActive });
  });
}

/** Keeps engine.setPaused in step with `pauseTrading`; returns the unsubscribe function. */
export function bindPauseTrading(faults: FaultController, exchange: SimExchange): () => void {
  const apply = (next: readonly string[], previous: readonly string[]) => {
    for (const ticker of previous) if (!next.includes(ticker)) exchange.setPaused(ticker, false);
    for (const ticker of next)
      if (!previous.includes(ticker) && exchange.getMarket(ticker)) exchange.setPaused(ticker, true);
  };
  apply(faults.get().pauseTrading, []);
  return faults.subscribe((state, previous) => apply(state.pauseTrading, previous.pauseTrading));
}

export interface ErrorEnvelope {
  error: { code: string; message: string; service?: string; details?: string };
}

const STATUS_CODES: Record<number, string> = {
  401: 'authentication_error',
  403: 'forbidden',
  404: 'not_found',
  429: 'too_many_requests',
  500: 'internal_server_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/**
 * Kalshi's error envelope for an injected failure; the 503 body is the one observed on the real exchange.
 * Only server errors name the service: a 4xx (a 429 above all) has the REST layer's own body.
 */
export function errorEnvelope(status: number): ErrorEnvelope {
  const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal_server_error' : 'bad_request');
  const message = code.replace(/_/g, ' ');
  return { error: status >= 500 ? { code, message, service: 'exchange' } : { code, message } };
}

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

/**
 * Wraps the REST app's fetch. An injected error answers either without touching the engine (mode
 * "before", as an overloaded gateway would) or after the engine has acted (mode "after", a lost answer);
 * latency delays the response after the engine has acted (so a client timeout is a genuinely unknown
 * outcome). `onInjected` counts the injected errors.
 */
export function withRestFaults<F extends Fetch>(
  fetch: F,
  faults: FaultController,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  onInjected: () => void = () => {},
): F {
  const wrapped = async (request: Request, ...rest: never[]): Promise<Response> => {
    const { restErrorRate, restErrorStatus, restErrorMode, latencyMs } = faults.get();
    let response: Response;
    if (!faults.roll(restErrorRate)) response = await fetch(request, ...rest);
    else {
      // "after": the engine acts and its answer is thrown away unread, as behind a gateway that fails late.
      if (restErrorMode === 'after') await (await fetch(request, ...rest)).body?.cancel();
      onInjected();
      response = Response.json(errorEnvelope(restErrorStatus), { status: restErrorStatus });
    }
    if (latencyMs > 0) await sleep(latencyMs);
    return response;
  };
  return wrapped as F;
}
