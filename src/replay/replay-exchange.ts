// The replay exchange: the recorded WS connections and REST answers served at the daemon's transport
// seams on the simulated clock, plus the recorded session's own draws (ids, jitter).
import type { TraderRuntime } from '../app/trader-runtime';
import type { Recording, RestEntry, WsEntry } from '../record/recording-format';
import type { VirtualClock } from '../runtime/virtual-clock';
import { replayDraws } from './replay-draws';
import { replayRest, type Unanswered } from './replay-rest';
import { replaySockets } from './replay-socket';

export interface ReplayExchangeOptions {
  /** A different strategy: draw fresh ids, and answer what the recording cannot with `unanswered`. */
  ownOrders: boolean;
  unanswered?: Unanswered;
}

const notRecorded: Unanswered = async (method, path) =>
  new Response(
    JSON.stringify({ error: { code: 'not_recorded', message: `${method} ${path} not in the recording` } }),
    {
      status: 503,
      headers: { 'content-type': 'application/json' },
    },
  );

const isWs = (e: Recording['entries'][number]): e is WsEntry => e.k.startsWith('ws');
const isRest = (e: Recording['entries'][number]): e is RestEntry => e.k === 'rest';

export function createReplayExchange(recording: Recording, clock: VirtualClock, opts: ReplayExchangeOptions) {
  const rest = replayRest(clock, recording.entries.filter(isRest), opts.unanswered ?? notRecorded);
  const draws = replayDraws(opts.ownOrders ? [] : recording.entries);
  const runtime: Partial<TraderRuntime> = {
    fetch: rest.fetch,
    createSocket: replaySockets(clock, recording.entries.filter(isWs)),
    randomUUID: draws.randomUUID,
    random: draws.random,
  };
  return { runtime, rest };
}
