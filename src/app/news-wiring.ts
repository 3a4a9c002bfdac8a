// Wires what the actors tell into what people see: server events and activity lines on the hub,
// Prometheus metrics, log lines, and the root's `acting` region driven by decisions in flight.
import type { AnyActorRef, createActor } from 'xstate';
import type { DecisionTracker } from '../actors/decision-tracker';
import type { createOrderbookStream } from '../actors/orderbook/orderbook-stream';
import type { DropReason } from '../actors/strategy/strategy-types';
import type { Logger } from '../logger';
import type { PublicState } from '../machines/trader.events';
import type { traderMachine } from '../machines/trader.machine';
import type { DaemonMetrics } from '../server/metrics';
import { type DaemonEventHub, dropNews, logNews, relayNews } from './daemon-events';
import { logLedgerNews } from './ledger-news';
import { actorMetrics, intentDropMetrics, ledgerMetrics, lifecycleMetrics } from './metrics-wiring';
import { bookMarks } from './pnl-view';
import { listenerGuard } from './safe-listeners';
import type { createTradingSide } from './trading-side';

export interface NewsWiringDeps {
  trader: ReturnType<typeof createActor<typeof traderMachine>>;
  trading: ReturnType<typeof createTradingSide>['trading'];
  feed: ReturnType<typeof createOrderbookStream>;
  decisions: DecisionTracker;
  hub: DaemonEventHub;
  metrics: DaemonMetrics;
  state: () => PublicState;
  now: () => number;
  log: Logger;
}

/** Connects every news source; returns the book marks positions are valued at. */
export function wireNews(deps: NewsWiringDeps) {
  const { feed, hub, metrics, state, now, log } = deps;
  // Every news listener below is guarded: one that throws is logged, never the end of the daemon.
  const listeners = listenerGuard(log.child({ actor: 'news' }));
  const trader = listeners.news(deps.trader);
  const trading = listeners.news(deps.trading);
  // Decisions in flight make the root `acting` (a parallel region, so ready/degraded is kept).
  // A decision may still settle after shutdown stopped the root: that end is nobody's news.
  deps.decisions.subscribe((acting) => {
    if (deps.trader.getSnapshot().status === 'active')
      deps.trader.send({ type: acting ? 'DECISION.START' : 'DECISION.END' });
  });
  // Positions are marked to the best bids of the books the feed keeps.
  const marks = bookMarks(feed.books);
  relayNews({ trader, trading, subscribeBooks: feed.subscribe, state, marks, now }, hub);
  actorMetrics(metrics, trader, trading);
  ledgerMetrics(metrics, trading, marks, now);
  lifecycleMetrics(metrics, trading, trader, now);
  logNews(trader, log);
  logLedgerNews(trading, log.child({ actor: 'trading' }));
  // A throwing guard or action stops an actor: make that loud instead of silent.
  const crashes = (actor: AnyActorRef, name: string) =>
    actor.subscribe({ error: (err) => log.fatal({ err }, `${name} actor crashed`) });
  const watchCrashes = () => {
    crashes(deps.trader, 'root');
    crashes(deps.trading, 'trading');
  };
  return { marks, watchCrashes };
}

/** A strategy's dropped intent is counted and told, collapsed per reason. */
export function intentDropHandler(metrics: DaemonMetrics, hub: DaemonEventHub, state: () => PublicState) {
  const countDrop = intentDropMetrics(metrics);
  const tellDrop = dropNews(hub, state);
  return (reason: DropReason) => {
    countDrop(reason);
    tellDrop(reason);
  };
}
