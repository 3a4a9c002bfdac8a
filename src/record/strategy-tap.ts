// Wraps a strategy so every intent it returns (and the hook that returned it) and every outcome it is
// told are reported: the recording's annotations and the replay's intent log come from here.
import type { IntentOutcome, Intents, Strategy, StrategyIntent } from '../actors/strategy/strategy-types';

export interface StrategyTapSink {
  intents(hook: string, intents: readonly StrategyIntent[]): void;
  outcome(intent: StrategyIntent, outcome: IntentOutcome): void;
}

export function tapStrategy(strategy: Strategy, sink: StrategyTapSink): Strategy {
  const seen = (hook: string, intents: Intents): Intents => {
    if (intents !== undefined && intents.length > 0) sink.intents(hook, intents);
    return intents;
  };
  const tapped: Strategy = {
    name: strategy.name,
    ...(strategy.params ? { params: strategy.params } : {}),
    ...(strategy.timerIntervalMs ? { timerIntervalMs: strategy.timerIntervalMs } : {}),
    ...(strategy.start ? { start: (context) => strategy.start?.(context) } : {}),
    ...(strategy.onBook ? { onBook: (update) => seen('onBook', strategy.onBook?.(update)) } : {}),
    ...(strategy.onTimer ? { onTimer: () => seen('onTimer', strategy.onTimer?.()) } : {}),
    ...(strategy.onFill ? { onFill: (fill) => seen('onFill', strategy.onFill?.(fill)) } : {}),
    ...(strategy.onFeed ? { onFeed: (up) => seen('onFeed', strategy.onFeed?.(up)) } : {}),
    onOutcome: (intent, outcome) => {
      sink.outcome(intent, outcome);
      strategy.onOutcome?.(intent, outcome);
    },
    ...(strategy.stop ? { stop: () => strategy.stop?.() } : {}),
  };
  return tapped;
}
