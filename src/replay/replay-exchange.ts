// The replay exchange: the recorded WS connections and REST answers served at the daemon's transport
// seams on the simulated clock, plus the recorded session's own draws (ids, jitter). For another strategy
// its account is its own: the portfolio endpoints go to the replay engine, the recorded account's private
// frames are left out, and its ids are fresh.
import type { KeyObject } from 'node:crypto';
import type { TraderRuntime } from '../app/trader-runtime';
import type { Recording, RestEntry, WsEntry } from '../record/recording-format';
import type { VirtualClock } from '../runtime/virtual-clock';
import { replayDraws } from './replay-draws';
import { createReplayEngine, type EngineBooks, recordedPriceGrids } from './replay-engine';
import { replayRest, type Unanswered } from './replay-rest';
import { replaySockets } from './replay-socket';

export interface ReplayExchangeOptions {
  /** A different strategy: its own account on the replay engine, fresh ids. */
  ownOrders: boolean;
  /** The replay daemon's key, which the engine verifies requests with. */
  key: { keyId: string; publicKey: KeyObject };
}

const notRecorded: Unanswered = async (method, path) =>
  new Response(
    JSON.stringify({ error: { code: 'not_recorded', message: `${method} ${path} not in the recording` } }),
    { status: 503, headers: { 'content-type': 'application/json' } },
  );

const isWs = (e: Recording['entries'][number]): e is WsEntry => e.k.startsWith('ws');
const isRest = (e: Recording['entries'][number]): e is RestEntry => e.k === 'rest';
const isPortfolio = (url: string): boolean => new URL(url).pathname.startsWith('/trade-api/v2/portfolio');
const PRIVATE_FRAME = /^\{"type":"(fill|user_order|market_position)"/;

export function createReplayExchange(recording: Recording, clock: VirtualClock, opts: ReplayExchangeOptions) {
  const recorded = recording.entries.filter(isRest);
  const rest = replayRest(clock, recorded, notRecorded);
  const draws = replayDraws(opts.ownOrders ? [] : recording.entries);
  const engine = opts.ownOrders
    ? createReplayEngine(clock, opts.key, recordedPriceGrids(recorded))
    : undefined;
  let ws = recording.entries.filter(isWs);
  if (opts.ownOrders) ws = ws.filter((e) => !(e.k === 'ws' && PRIVATE_FRAME.test(e.d)));

  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (engine === undefined || !isPortfolio(url)) return rest.fetch(input, init);
    const method = init?.method ?? 'GET';
    const { pathname, search } = new URL(url);
    // The exchange's outages were the market's, not the strategy's: they apply to any strategy.
    const failed = rest.failureNear(method, pathname + search);
    if (failed) return failed;
    const body = typeof init?.body === 'string' ? init.body : undefined;
    return engine.answer(method, url, init?.headers, body);
  };
  const runtime: Partial<TraderRuntime> = {
    fetch,
    createSocket: replaySockets(clock, ws),
    randomUUID: draws.randomUUID,
    random: draws.random,
  };
  return {
    runtime,
    rest,
    /** The engine's books follow the replayed ones (another strategy only). */
    follow: (books: EngineBooks) => engine?.follow(books),
  };
}
