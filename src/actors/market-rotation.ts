// Keeps the market set current while operating. It registers each followed market's phase and close time
// with the trading actor (from REST), and with DISCOVERY replaces markets that closed by the busiest open
// ones: as soon as one closes (its close time passes, or the trading actor hears it end) and every
// discovery interval. The root then changes the feed's subscriptions and the strategy's set in place.
// An explicit ticker list is kept as configured; each of its markets that closes is reported once.
import { type EventObject, fromCallback } from 'xstate';
import type { MarketsConfig } from '../config/config-types';
import { isEnded, phaseAt, phaseOfStatus } from '../domain/market-phase';
import type { MarketInfo } from '../domain/trading-types';
import type { StreamInput, TraderEvent } from '../machines/trader.events';
import { REAL_TIMERS, type Timers } from '../runtime/timers';
import { fetchMarkets, type MarketClient, openMarketsRanked } from './initialize';
import { type ActorLog, silentLog, type TradingRef } from './trading/trading-ports';
import type { MarketUpdate } from './trading/trading-types';

/** setTimeout cannot wait longer than this (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface MarketRotationDeps {
  client: MarketClient;
  trading: Pick<TradingRef, 'send' | 'getSnapshot'> & {
    on(type: 'market', listener: (news: { ticker: string }) => void): { unsubscribe(): void };
  };
  config: { markets: MarketsConfig };
  /** V3_DISCOVERY_INTERVAL_SECONDS in ms. */
  intervalMs: number;
  now: () => number;
  /** The clock's timers, injected with `now` (a replay or a test drives both); real ones by default. */
  timers?: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
  log?: ActorLog;
  scanLimit?: number;
}

export interface MarketSetChange {
  markets: string[];
  added: string[];
  removed: string[];
}

/** The ended markets out, the busiest candidates not already held in, up to `max`; order kept. */
export function nextMarketSet(
  current: readonly string[],
  ended: ReadonlySet<string>,
  ranked: readonly string[],
  max: number,
): MarketSetChange {
  const kept = current.filter((t) => !ended.has(t));
  // Sets, not includes(): at 10,000 markets a nested scan per roll is 10^8 comparisons.
  const held = new Set(current);
  const added = ranked.filter((t) => !held.has(t)).slice(0, Math.max(0, max - kept.length));
  return { markets: [...kept, ...added], added, removed: current.filter((t) => ended.has(t)) };
}

export function marketUpdateOf(m: MarketInfo): MarketUpdate {
  const phase = phaseOfStatus(m.status);
  return phase === null
    ? { ticker: m.ticker, closeTimeMs: m.closeTimeMs }
    : { ticker: m.ticker, closeTimeMs: m.closeTimeMs, phase };
}

export function createMarketRotationActor(deps: MarketRotationDeps) {
  const { trading, now } = deps;
  const timers = deps.timers ?? REAL_TIMERS;
  const log = deps.log ?? silentLog;
  const discovery = deps.config.markets.tickers === 'DISCOVERY';
  const register = (infos: readonly MarketInfo[]) => {
    if (infos.length > 0)
      trading.send({ type: 'MARKETS.UPDATE', updates: infos.map(marketUpdateOf), atMs: now() });
  };

  return fromCallback<EventObject, StreamInput>(({ input, sendBack }) => {
    const tell = (event: TraderEvent) => sendBack(event);
    let markets = [...input.markets];
    let stopped = false;
    let running = false;
    let again = false;
    const reported = new Set<string>();
    let closeTimer: unknown;
    let intervalTimer: unknown;

    const ended = (): string[] =>
      markets.filter((t) => {
        const market = trading.getSnapshot().context.markets[t];
        return market !== undefined && isEnded(phaseAt(market, now()));
      });

    async function replace(closed: string[]): Promise<void> {
      const open = (await openMarketsRanked({ client: deps.client, scanLimit: deps.scanLimit })).filter(
        (m) => m.closeTimeMs === null || m.closeTimeMs > now(),
      );
      if (stopped) return;
      const change = nextMarketSet(
        markets,
        new Set(closed),
        open.map((m) => m.ticker),
        deps.config.markets.maxMarkets,
      );
      if (change.added.length === 0 && change.removed.length === 0) return;
      const joined = new Set(change.added);
      register(open.filter((m) => joined.has(m.ticker)));
      markets = change.markets;
      log.info({ added: change.added, removed: change.removed, markets }, 'markets rolled');
      tell({ type: 'MARKETS.CHANGED', ...change });
    }

    async function rotate(why: string): Promise<void> {
      if (running) {
        again = true;
        return;
      }
      running = true;
      let closed: string[] = [];
      try {
        closed = ended();
        if (discovery) await replace(closed);
        else {
          const fresh = closed.filter((t) => !reported.has(t));
          for (const t of fresh) reported.add(t);
          if (fresh.length > 0) tell({ type: 'MARKETS.ENDED', tickers: fresh });
        }
      } catch (err) {
        log.warn({ err, why }, 'market discovery failed; tried again at the next interval');
      } finally {
        running = false;
        if (!stopped) armClose(new Set(closed));
        if (again && !stopped) {
          again = false;
          void rotate('closed meanwhile');
        }
      }
    }

    /**
     * A timer at the next close time among the followed markets: Kalshi says nothing at close. A market
     * that ended while a rotation ran (its close time passed during discovery's REST reads) rotates at
     * once; one the rotation just handled (`handled`) or already reported waits for the next interval,
     * so a failing discovery is not retried in a loop.
     */
    function armClose(handled: ReadonlySet<string> = new Set()): void {
      timers.clearTimeout(closeTimer);
      const state = trading.getSnapshot().context.markets;
      const at = now();
      let next = Number.POSITIVE_INFINITY;
      for (const t of markets) {
        const market = state[t];
        if (market === undefined) continue;
        if (isEnded(phaseAt(market, at))) {
          if (!handled.has(t) && !reported.has(t)) next = at;
          continue;
        }
        // A close time already past ends nothing more: an unopened market past it is not `closed` by
        // phaseAt, and arming for it would fire a 0 ms timer again after every rotation.
        if (market.closeTimeMs !== null && market.closeTimeMs > at) next = Math.min(next, market.closeTimeMs);
      }
      if (next === Number.POSITIVE_INFINITY) return;
      closeTimer = timers.setTimeout(() => void rotate('close time'), Math.min(MAX_TIMER_MS, next - at));
    }

    const tick = () => {
      intervalTimer = timers.setTimeout(() => {
        if (discovery) void rotate('interval');
        tick();
      }, deps.intervalMs);
    };

    // A followed market ended (lifecycle frame), or its close time moved (close_date_updated).
    const news = trading.on('market', ({ ticker }) => {
      if (stopped || !markets.includes(ticker)) return;
      const market = trading.getSnapshot().context.markets[ticker];
      if (market !== undefined && isEnded(phaseAt(market, now()))) void rotate('market ended');
      else if (!running) armClose();
    });
    fetchMarkets(deps.client, markets)
      .then((infos) => {
        if (stopped) return;
        register(infos);
        void rotate('start');
      })
      .catch((err: unknown) =>
        log.warn({ err }, 'could not read the markets; their close times stay unknown'),
      );
    tick();

    return () => {
      stopped = true;
      news.unsubscribe();
      timers.clearTimeout(closeTimer);
      timers.clearTimeout(intervalTimer);
    };
  });
}
