// Fault injection state for the simulator: what to break (sockets, frames, REST) and how often, with a
// seeded rng so a test run replays the same faults. Consumers read it on every use; changes are broadcast.
import { z } from 'zod';
import type { SimExchange } from './engine/types';

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
  /** Probability a REST request is answered with restErrorStatus instead of being processed. */
  restErrorRate: number;
  restErrorStatus: 500 | 503;
  /** Delay added to every REST response. */
  latencyMs: number;
  /** Markets whose trading is halted (engine.setPaused). */
  pauseTrading: string[];
}

export const NO_FAULTS: Readonly<FaultState> = Object.freeze({
  dropConnections: false,
  refuseUpgrade: null,
  seqSkipRate: 0,
  duplicateRate: 0,
  malformedRate: 0,
  restErrorRate: 0,
  restErrorStatus: 503,
  latencyMs: 0,
  pauseTrading: [],
});

const rate = z.number().min(0).max(1);

/** A partial FaultState as accepted by POST /sim/faults and the CLI flags; unknown keys are errors. */
export const faultPatchSchema = z
  .object({
    dropConnections: z.boolean(),
    refuseUpgrade: z.number().int().min(400).max(599).nullable(),
    seqSkipRate: rate,
    duplicateRate: rate,
    malformedRate: rate,
    restErrorRate: rate,
    restErrorStatus: z.union([z.literal(500), z.literal(503)]),
    latencyMs: z.number().int().min(0).max(60_000),
    pauseTrading: z.array(z.string().min(1)),
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
  clear(): Readonly<FaultState>;
  /** True with the given probability, drawn from the seeded rng. */
  roll(probability: number): boolean;
  readonly rng: Rng;
  /** Called after every change (also for a re-set to the same value: dropConnections drops again). */
  subscribe(listener: (state: Readonly<FaultState>, previous: Readonly<FaultState>) => void): () => void;
}

export function createFaultController(rng: Rng, initial: FaultPatch = {}): FaultController {
  let state: Readonly<FaultState> = { ...NO_FAULTS, ...initial };
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
    clear: () => replace({ ...NO_FAULTS }),
    // Rates 0 and 1 draw nothing, so switching one fault on does not reshuffle the others' luck.
    roll: (probability) => (probability <= 0 ? false : probability >= 1 ? true : rng() < probability),
    rng,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
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

/** Kalshi's error envelope for an injected failure; the 503 body is the one observed on the real exchange. */
export function errorEnvelope(status: number): ErrorEnvelope {
  const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal_server_error' : 'bad_request');
  return { error: { code, message: code.replace(/_/g, ' '), service: 'exchange' } };
}

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

/**
 * Wraps the REST app's fetch: an injected error answers without touching the engine (as an overloaded
 * gateway would), latency delays the response after the engine has acted (so a client timeout is a
 * genuinely unknown outcome).
 */
export function withRestFaults<F extends Fetch>(
  fetch: F,
  faults: FaultController,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): F {
  const wrapped = async (request: Request, ...rest: never[]): Promise<Response> => {
    const { restErrorRate, restErrorStatus, latencyMs } = faults.get();
    const response = faults.roll(restErrorRate)
      ? Response.json(errorEnvelope(restErrorStatus), { status: restErrorStatus })
      : await fetch(request, ...rest);
    if (latencyMs > 0) await sleep(latencyMs);
    return response;
  };
  return wrapped as F;
}
