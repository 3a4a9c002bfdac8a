// Runs a Strategy inside the root machine: feeds it books and timer ticks, and sends its intents one at
// a time through the trading service (risk gate included), unless the operator paused it.
//
// The pause lives in the trading actor's state (the `strategy` command sets it), not here: an error →
// recovery restarts this actor, and a closure flag would come back unpaused and trade again.
import { type EventObject, fromCallback } from 'xstate';
import type { StreamInput } from '../../machines/trader.events';
import { type ActorLog, type SubmitIntent, silentLog, type TradingService } from '../trading/trading-ports';
import type { BookSubscription, Intents, Strategy, StrategyContext } from './strategy-types';

export interface StrategyActorDeps {
  now: () => number;
  subscribeBooks?: BookSubscription;
  log?: ActorLog;
}

export function createStrategyActor(
  strategy: Strategy,
  service: Pick<TradingService, 'submit' | 'state'>,
  deps: StrategyActorDeps,
) {
  const log = deps.log ?? silentLog;
  return fromCallback<EventObject, StreamInput>(({ input }) => {
    let stopped = false;
    const paused = () => service.state().strategyPaused;
    // One intent at a time, in order: the gate then sees every earlier intent as an open order.
    let queue: Promise<void> = Promise.resolve();
    const markets = new Set(input.markets);

    const submit = async (intent: SubmitIntent) => {
      if (stopped || paused()) {
        log.info(
          { strategy: strategy.name, ticker: intent.ticker },
          'intent dropped: strategy paused or stopped',
        );
        return;
      }
      const outcome = await service.submit(intent);
      strategy.onOutcome?.(intent, outcome);
    };
    const run = (what: string, produce: () => Intents) => {
      if (stopped || paused()) return;
      let intents: Intents;
      try {
        intents = produce();
      } catch (error) {
        // A strategy bug costs its own decision, not the daemon.
        log.error({ strategy: strategy.name, hook: what, err: error }, 'strategy hook threw');
        return;
      }
      for (const intent of intents ?? []) {
        queue = queue
          .then(() => submit(intent))
          .catch((error) => log.error({ strategy: strategy.name, err: error }, 'intent submission failed'));
      }
    };

    const context: StrategyContext = {
      markets: input.markets,
      now: deps.now,
      trading: () => service.state(),
    };
    // start() only hands over the context, so it runs even when paused: a resumed strategy needs it.
    try {
      strategy.start?.(context);
    } catch (error) {
      log.error({ strategy: strategy.name, hook: 'start', err: error }, 'strategy hook threw');
    }
    const onBook = strategy.onBook?.bind(strategy);
    const unsubscribe =
      onBook && deps.subscribeBooks
        ? deps.subscribeBooks((update) => {
            if (markets.size === 0 || markets.has(update.ticker)) run('onBook', () => onBook(update));
          })
        : undefined;
    const onTimer = strategy.onTimer?.bind(strategy);
    const timer =
      onTimer && strategy.timerIntervalMs
        ? setInterval(() => run('onTimer', onTimer), strategy.timerIntervalMs)
        : undefined;

    if (paused()) log.info({ strategy: strategy.name }, 'strategy starts paused');

    return () => {
      stopped = true;
      unsubscribe?.();
      if (timer !== undefined) clearInterval(timer);
      try {
        strategy.stop?.();
      } catch (error) {
        log.error({ strategy: strategy.name, err: error }, 'strategy stop threw');
      }
    };
  });
}
