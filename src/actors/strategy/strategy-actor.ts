// Runs a Strategy inside the root machine: feeds it books, fills, feed news, market set changes and timer
// ticks, stamps its intents with their time and book seq, and sends them one at a time through the trading
// service (risk gate included) as decisions the root sees as `acting`, unless the operator paused it.
//
// The pause lives in the trading actor's state (the `strategy` command sets it), not here: an error →
// recovery restarts this actor, and a closure flag would come back unpaused and trade again.
import { type EventObject, fromCallback } from 'xstate';
import type { OrderbookView } from '../../domain/orderbook';
import type { RiskLimits } from '../../domain/risk-gate';
import type { MarketInfo } from '../../domain/trading-types';
import type { StrategyInput } from '../../machines/trader.events';
import { startGridTicker } from '../../runtime/grid-ticker';
import { REAL_TIMERS, type Timers } from '../../runtime/timers';
import { type DecisionTracker, untrackedDecisions } from '../decision-tracker';
import { type ActorLog, silentLog, type TradingService } from '../trading/trading-ports';
import { createIntentExecutor } from './intent-executor';
import { IntentQueue, type QueuedIntent } from './intent-queue';
import { createStrategyContext } from './strategy-context';
import type {
  BookSubscription,
  DropReason,
  FillSubscription,
  IntentOutcome,
  Intents,
  Strategy,
  StrategyIntent,
} from './strategy-types';

/** A place or amend older than this when its turn comes is dropped (V3_INTENT_MAX_AGE_MS). */
export const DEFAULT_INTENT_MAX_AGE_MS = 1_000;

const UNBOUNDED: RiskLimits = {
  maxOpenOrders: Number.MAX_SAFE_INTEGER,
  maxPositionPerMarket: Number.MAX_SAFE_INTEGER,
  maxNotional: Number.MAX_SAFE_INTEGER,
  maxDailyLoss: Number.MAX_SAFE_INTEGER,
};

export interface StrategyActorDeps {
  now: () => number;
  /** The strategy's own timer (onTimer); real timers by default. */
  timers?: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
  subscribeBooks?: BookSubscription;
  subscribeFills?: FillSubscription;
  loadMarkets?: (tickers: readonly string[]) => Promise<MarketInfo[]>;
  decisions?: Pick<DecisionTracker, 'run'>;
  maxIntentAgeMs?: number;
  /** The gate's limits, for the strategy to plan within (none: unbounded). */
  limits?: RiskLimits;
  /** Intents dropped before they were sent, by reason (a metric and a collapsed activity line). */
  onDropped?: (reason: DropReason) => void;
  log?: ActorLog;
}

/** The root's word that rolling discovery changed the market set. */
interface MarketsSetEvent extends EventObject {
  type: 'MARKETS.SET';
  markets: readonly string[];
}

const tickerOf = (intent: StrategyIntent): string | undefined =>
  'ticker' in intent ? intent.ticker : undefined;

export function createStrategyActor(
  strategy: Strategy,
  service: Pick<TradingService, 'submit' | 'change' | 'state'>,
  deps: StrategyActorDeps,
) {
  const log = deps.log ?? silentLog;
  const decisions = deps.decisions ?? untrackedDecisions;
  const maxAgeMs = deps.maxIntentAgeMs ?? DEFAULT_INTENT_MAX_AGE_MS;
  const call = <A extends unknown[], R>(hook: string, fn: (...args: A) => R, ...args: A): R | undefined => {
    try {
      return fn(...args);
    } catch (error) {
      // A strategy bug costs its own decision, not the daemon.
      log.error({ strategy: strategy.name, hook, err: error }, 'strategy hook threw');
      return undefined;
    }
  };

  return fromCallback<EventObject, StrategyInput>(({ input, receive }) => {
    let stopped = false;
    let feedUp = input.feedUp;
    let draining = false;
    const paused = () => service.state().strategyPaused;
    let markets = new Set(input.markets);
    const books = new Map<string, OrderbookView>();

    const report = (intent: StrategyIntent, outcome: IntentOutcome) => {
      if (outcome.outcome === 'dropped') deps.onDropped?.(outcome.reason);
      if (strategy.onOutcome) call('onOutcome', strategy.onOutcome.bind(strategy), intent, outcome);
    };
    const queue = new IntentQueue((item, reason) => report(item.intent, { outcome: 'dropped', reason }));
    const execute = createIntentExecutor({
      service,
      now: deps.now,
      maxAgeMs,
      report,
      superseded: (ticker) => queue.hasDesired(ticker),
      stopped: () => stopped,
    });

    /** One decision: everything queued, one intent at a time, so the gate sees each earlier one. */
    async function drain(): Promise<void> {
      if (draining) return;
      draining = true;
      try {
        await decisions.run(async () => {
          for (let item = queue.shift(); item !== undefined && !stopped; item = queue.shift()) {
            if (paused()) {
              report(item.intent, { outcome: 'dropped', reason: 'paused' });
              queue.clear('paused');
              return;
            }
            await execute(item).catch((err: unknown) =>
              log.error({ strategy: strategy.name, err }, 'intent execution failed'),
            );
          }
        });
      } finally {
        draining = false;
      }
      // An intent queued between the loop's last look and here would otherwise wait for the next one.
      if (queue.size > 0 && !stopped) void drain();
    }

    const run = (hook: string, produce: () => Intents, seq: number | null = null) => {
      if (stopped || paused()) return;
      const intents = call(hook, produce);
      if (!intents || intents.length === 0) return;
      const atMs = deps.now();
      for (const intent of intents) {
        const ticker = tickerOf(intent);
        const bookSeq = seq ?? (ticker === undefined ? null : (books.get(ticker)?.seq ?? null));
        const item: QueuedIntent = { intent, atMs, seq: bookSeq };
        queue.push(item);
      }
      void drain();
    };

    const context = createStrategyContext({
      markets: input.markets,
      now: deps.now,
      service,
      books,
      feedUp: () => feedUp,
      limits: deps.limits ?? UNBOUNDED,
      ...(deps.loadMarkets ? { loadMarkets: deps.loadMarkets } : {}),
      log,
    });
    // start() only hands over the context, so it runs even when paused: a resumed strategy needs it.
    if (strategy.start) call('start', strategy.start.bind(strategy), context);

    const ours = (ticker: string) => markets.size === 0 || markets.has(ticker);
    const onBook = strategy.onBook?.bind(strategy);
    const unsubscribeBooks = deps.subscribeBooks?.((update) => {
      if (!ours(update.ticker)) return;
      books.set(update.ticker, update.book);
      if (onBook) run('onBook', () => onBook(update), update.book.seq);
    });
    const onFill = strategy.onFill?.bind(strategy);
    const unsubscribeFills =
      onFill && deps.subscribeFills
        ? deps.subscribeFills((fill) => {
            // After the trading actor has applied the fill: the strategy then reads its new position.
            if (ours(fill.ticker)) queueMicrotask(() => run('onFill', () => onFill(fill)));
          })
        : undefined;
    const onTimer = strategy.onTimer?.bind(strategy);
    const timer =
      onTimer && strategy.timerIntervalMs
        ? startGridTicker(deps.timers ?? REAL_TIMERS, deps.now, strategy.timerIntervalMs, () =>
            run('onTimer', onTimer),
          )
        : undefined;
    const onMarkets = strategy.onMarkets?.bind(strategy);
    receive((event) => {
      if (event.type === 'MARKETS.SET') {
        const next = (event as MarketsSetEvent).markets;
        const nextSet = new Set(next);
        const added = next.filter((t) => !markets.has(t));
        const removed = [...markets].filter((t) => !nextSet.has(t));
        markets = nextSet;
        for (const ticker of removed) books.delete(ticker);
        context.setMarkets(next);
        if (onMarkets && (added.length > 0 || removed.length > 0))
          run('onMarkets', () => onMarkets({ added, removed }));
        return;
      }
      if (event.type !== 'FEED.UP' && event.type !== 'FEED.DOWN') return;
      feedUp = event.type === 'FEED.UP';
      const onFeed = strategy.onFeed?.bind(strategy);
      if (onFeed) run('onFeed', () => onFeed(feedUp));
    });

    if (paused()) log.info({ strategy: strategy.name }, 'strategy starts paused');

    return () => {
      stopped = true;
      unsubscribeBooks?.();
      unsubscribeFills?.();
      timer?.();
      if (queue.size > 0)
        log.info({ strategy: strategy.name, dropped: queue.size }, 'strategy stopped with intents queued');
      if (strategy.stop) call('stop', strategy.stop.bind(strategy));
    };
  });
}
