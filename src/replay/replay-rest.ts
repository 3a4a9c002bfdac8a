// The replay exchange's REST side: a `fetch` for the daemon's real REST transport that answers each
// request with an unused recorded answer to the same method and path (same body first, then same query,
// then any; the one sent nearest in time), after the recorded latency on the simulated clock. Reads the
// recording ran out of get the nearest answer again; writes it cannot answer go to `unanswered`.
import type { RestEntry } from '../record/recording-format';
import type { VirtualClock } from '../runtime/virtual-clock';

export type Unanswered = (method: string, path: string, body: string | undefined) => Promise<Response>;

interface Slot {
  entry: RestEntry;
  used: boolean;
}

/** A recorded request further ahead than this is not the one being replayed: no catching up to it. */
const MAX_CATCH_UP_MS = 1_000;

const pathname = (p: string): string => p.split('?')[0] as string;

export interface ReplayRest {
  fetch: typeof fetch;
  /** Requests answered from the recording, and those that were not. */
  counts(): { answered: number; reused: number; unanswered: number };
  /** The exchange was failing this endpoint at this moment: the recorded failure nearest in time. */
  failureNear(method: string, path: string): Promise<Response> | undefined;
}

/** How close in time a recorded failure must be to stand for the exchange's state now. */
const FAILURE_WINDOW_MS = 1_000;

export function replayRest(
  clock: VirtualClock,
  entries: readonly RestEntry[],
  unanswered: Unanswered,
): ReplayRest {
  const byEndpoint = new Map<string, Slot[]>();
  for (const entry of entries) {
    const key = `${entry.m} ${pathname(entry.p)}`;
    const slots = byEndpoint.get(key) ?? [];
    byEndpoint.set(key, slots);
    slots.push({ entry, used: false });
  }
  let answered = 0;
  let reused = 0;
  let missed = 0;

  /** The unused slot nearest in time among the first kind that has one: same body, same query, same path. */
  function pick(method: string, path: string, body: string | undefined): RestEntry | undefined {
    const slots = byEndpoint.get(`${method} ${pathname(path)}`);
    if (slots === undefined) return undefined;
    const now = clock.now();
    const nearest = (ok: (s: Slot) => boolean): Slot | undefined => {
      let best: Slot | undefined;
      for (const s of slots) {
        if (!ok(s)) continue;
        if (best === undefined || Math.abs(s.entry.t0 - now) < Math.abs(best.entry.t0 - now)) best = s;
      }
      return best;
    };
    const slot =
      (body === undefined ? undefined : nearest((s) => !s.used && s.entry.q === body)) ??
      nearest((s) => !s.used && s.entry.p === path) ??
      nearest((s) => !s.used);
    if (slot !== undefined) {
      slot.used = true;
      answered++;
      return slot.entry;
    }
    if (method !== 'GET') return undefined;
    reused++;
    return nearest(() => true)?.entry;
  }

  const later = <T>(ms: number, signal: AbortSignal | null | undefined, value: () => T): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = clock.setTimeout(
        () => {
          try {
            resolve(value());
          } catch (err) {
            reject(err);
          }
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', () => {
        clock.clearTimeout(timer);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });

  const replayFetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? 'GET';
    const path = url.pathname + url.search;
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const entry = pick(method, path, body);
    if (entry === undefined) {
      missed++;
      return unanswered(method, path, body);
    }
    // The live daemon sent this later than the replay does: it was busy for that long. Catching the clock
    // up makes the timers due meanwhile fire late, as they did live, so their phases stay the recorded ones.
    const lag = entry.t0 - clock.now();
    if (lag > 0 && lag <= MAX_CATCH_UP_MS) clock.advanceTo(entry.t0);
    const latency = Math.min(entry.t - clock.now(), entry.t - entry.t0);
    const signal = init?.signal;
    if (entry.e !== undefined) {
      // A recorded timeout hangs until the daemon's own timer aborts it; a network error fails.
      if (entry.e === 'timeout') return later(Number.MAX_SAFE_INTEGER, signal, () => new Response(null));
      return later(latency, signal, () => {
        throw new TypeError('fetch failed (recorded network error)');
      });
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (entry.ra !== undefined) headers['retry-after'] = entry.ra;
    return later(latency, signal, () => new Response(entry.b ?? '', { status: entry.s, headers }));
  };

  function failureNear(method: string, path: string): Promise<Response> | undefined {
    const slots = byEndpoint.get(`${method} ${pathname(path)}`) ?? [];
    const now = clock.now();
    let best: RestEntry | undefined;
    for (const { entry } of slots)
      if (best === undefined || Math.abs(entry.t0 - now) < Math.abs(best.t0 - now)) best = entry;
    if (best === undefined || Math.abs(best.t0 - now) > FAILURE_WINDOW_MS) return undefined;
    if (best.s !== 0 && best.s < 500) return undefined;
    return replayFetch(`http://replay${best.p}`, { method });
  }

  return { fetch: replayFetch, counts: () => ({ answered, reused, unanswered: missed }), failureNear };
}
