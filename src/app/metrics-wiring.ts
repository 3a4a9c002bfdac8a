// Prometheus counters advanced one way: each owner reports what happened (a hook, an emitted event)
// with how much, and the counter is advanced by that amount (`inc(labels, n)`) right there. No counter
// is rebuilt by diffing snapshots or by calling a hook n times.
import type { Actor } from 'xstate';
import type { OrderbookMetricsHooks } from '../actors/orderbook/orderbook-types';
import { DROP_REASONS, type DropReason } from '../actors/strategy/strategy-types';
import type { TradingCounters } from '../actors/trading/trading-types';
import type { KalshiRestOptions } from '../adapters/kalshi/rest';
import type { traderMachine } from '../machines/trader.machine';
import { registerLifecycleMetrics } from '../server/lifecycle-metrics';
import type { DaemonMetrics } from '../server/metrics';
import { type PnlSample, registerPnlMetrics } from '../server/pnl-metrics';
import type { NewsSources } from './daemon-events';
import { toMarketLifecycleView } from './market-lifecycle-view';
import { type MarkSource, pnlTotals, positionsPnl } from './pnl-view';

/** `GET /markets` → its labels: the path template and the method. */
const endpointLabels = (endpoint: string) => {
  const [method = 'GET', path = endpoint] = endpoint.split(' ');
  return { endpoint: path, method };
};

/** REST requests by endpoint and status, their duration, bodies the schemas refused, and rate-limit waits. */
export function restMetrics(
  metrics: DaemonMetrics,
): Pick<KalshiRestOptions, 'onRequest' | 'onInvalidBody' | 'onRateLimitWait'> {
  return {
    onRequest: (endpoint, status, durationMs) => {
      const labels = endpointLabels(endpoint);
      metrics.restRequests.inc({ ...labels, status: String(status) });
      metrics.restDuration.observe(labels, durationMs / 1000);
    },
    onInvalidBody: (endpoint) => metrics.restInvalidBodies.inc(endpointLabels(endpoint)),
    onRateLimitWait: (bucket, waitedMs) => {
      metrics.rateLimitWaits.inc({ bucket });
      metrics.rateLimitWaitSeconds.inc({ bucket }, waitedMs / 1000);
    },
  };
}

/** The orderbook stream's counts, told on its publish tick (never from the per-frame path). */
export function feedMetrics(metrics: DaemonMetrics): OrderbookMetricsHooks {
  return {
    onFrame: (type, n) => metrics.wsMessages.inc({ type }, n),
    onGap: (n) => metrics.orderbookGaps.inc(n),
    onResync: (n) => metrics.orderbookResyncs.inc(n),
    onDuplicate: (n) => metrics.orderbookDuplicates.inc(n),
    onMalformed: (n) => metrics.orderbookMalformed.inc(n),
    onForeign: (n) => metrics.orderbookForeign.inc(n),
    onUnsubscribed: (n) => metrics.orderbookUnsubscribed.inc(n),
    onAuditMismatch: (n) => metrics.bookAuditMismatches.inc(n),
  };
}

const OUTCOMES: Record<keyof TradingCounters, string> = {
  submitted: 'submitted',
  accepted: 'accepted',
  rejected: 'rejected',
  unknown: 'unknown',
  blocked: 'blocked_by_risk',
  fills: 'filled',
  canceled: 'canceled',
  amended: 'amended',
  decreased: 'decreased',
};

/**
 * Transitions and the current state from the root machine; from the trading actor, order outcomes, the
 * kill switch and strategy pause as they change, and the time of each sync it applies.
 */
export function actorMetrics(
  metrics: DaemonMetrics,
  trader: Pick<NewsSources['trader'], 'on'>,
  trading: Pick<NewsSources['trading'], 'on'>,
): void {
  trader.on('transition', (t) => {
    metrics.transitions.inc({ from: t.from, to: t.to });
    metrics.setState(t.to);
  });
  trading.on('counted', ({ counter, by }) => metrics.orderOutcomes.inc({ outcome: OUTCOMES[counter] }, by));
  trading.on('controls', ({ killSwitch, strategyPaused }) => {
    metrics.killSwitch.set(killSwitch ? 1 : 0);
    metrics.strategyPaused.set(strategyPaused ? 1 : 0);
  });
  trading.on('synced', ({ state }) => {
    if (state.lastSync) metrics.lastSyncSeconds.set(state.lastSync.atMs / 1000);
  });
}

/** A strategy intent dropped before it was sent, by reason (every reason exported from zero). */
export function intentDropMetrics(metrics: DaemonMetrics): (reason: DropReason) => void {
  for (const reason of DROP_REASONS) metrics.intentsDropped.inc({ reason }, 0);
  return (reason) => metrics.intentsDropped.inc({ reason });
}

/** Wraps a sync so its duration lands in the sync histogram, labelled by result. */
export function timedSync<T>(metrics: DaemonMetrics, now: () => number, sync: () => Promise<T>) {
  return async (): Promise<T> => {
    const started = now();
    try {
      const result = await sync();
      metrics.syncDuration.observe({ result: 'ok' }, (now() - started) / 1000);
      return result;
    } catch (err) {
      metrics.syncDuration.observe({ result: 'failed' }, (now() - started) / 1000);
      throw err;
    }
  };
}

/** PnL and ledger gauges read from the trading snapshot at scrape time; ledger mismatches and refusals counted. */
export function ledgerMetrics(
  metrics: DaemonMetrics,
  trading: Pick<NewsSources['trading'], 'on' | 'getSnapshot'>,
  marks: MarkSource,
  now: () => number,
): void {
  const sample = (): PnlSample => {
    const state = trading.getSnapshot().context;
    const totals = pnlTotals(state, marks, now());
    return {
      ...totals,
      markets: positionsPnl(state, marks).map((row) => ({
        ...row.position,
        unrealizedPnl: row.unrealizedPnl,
      })),
    };
  };
  const counters = registerPnlMetrics(metrics.registry, sample);
  trading.on('ledger_mismatch', () => counters.ledgerMismatches.inc());
  trading.on('ledger_rejected', ({ reason }) => counters.ledgerRejected.inc({ reason }));
}

/** Each shown market's lifecycle status and countdown, and the market set's rolls. */
export function lifecycleMetrics(
  metrics: DaemonMetrics,
  trading: Pick<NewsSources['trading'], 'getSnapshot'>,
  trader: Pick<Actor<typeof traderMachine>, 'getSnapshot' | 'on'>,
  now: () => number,
): void {
  const read = () => {
    const followed = trader.getSnapshot().context.markets;
    const view = toMarketLifecycleView(trading.getSnapshot().context, followed, now());
    return Object.entries(view).map(([ticker, m]) => ({
      ticker,
      status: m.status,
      closesInSeconds: m.closes_in_seconds,
      followed: m.followed,
    }));
  };
  const { marketRolls } = registerLifecycleMetrics(metrics.registry, read);
  trader.on('markets', ({ removed }) => {
    if (removed.length > 0) marketRolls.inc(removed.length);
  });
}
