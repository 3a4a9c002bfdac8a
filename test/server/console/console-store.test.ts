// The console's model folding real /v3/ws frames and /v3/status bodies (built by the server's own encoders).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Severity } from '../../../src/machines/trader.events';
import {
  applyFrame,
  createStore,
  type ServerFrame,
  type Store,
} from '../../../src/server/console/assets/console-store.js';
import { formatClosesIn, formatCountdown } from '../../../src/server/console/assets/format.js';
import { applyStatus, STARTUP_STEPS } from '../../../src/server/console/assets/status-store.js';
import { toHealthView } from '../../../src/server/view-mappers';
import { TRADER_STATES, type TraderState } from '../../../src/server/views';
import {
  encodeFrame,
  historyReplayData,
  traderStatusData,
  transitionActivity,
} from '../../../src/server/ws-frames';
import { harnessStatus } from '../../support/console-harness';

const T0 = Date.parse('2026-02-04T12:00:00Z');

/** A frame exactly as the page receives it: encoded by the server, parsed from JSON. */
const frame = (type: string, data: unknown, nowMs = Date.now()) =>
  JSON.parse(encodeFrame(type, data, nowMs)) as ServerFrame;

const statusFrame = (state: TraderState) => {
  const status = harnessStatus(state);
  return frame('trader_status', traderStatusData(status, toHealthView(state, status.uptime), Date.now()));
};

const transitionFrame = (from: TraderState, to: TraderState, reason?: string, severity: Severity = 'info') =>
  frame(
    'system_activity',
    transitionActivity({ from, to, atMs: Date.now(), severity, ...(reason === undefined ? {} : { reason }) }),
  );

const messages = (store: Store) => store.activity.map((e) => e.message);

let store: Store;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  store = createStore();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('console store', () => {
  it('lists the machine’s states before ready as the start-up steps, in order', () => {
    expect(STARTUP_STEPS).toEqual(TRADER_STATES.slice(0, TRADER_STATES.indexOf('ready')));
  });

  it('starts empty: connecting, no state, nothing reported', () => {
    expect(store.connection.status).toBe('connecting');
    expect(store.trader).toMatchObject({ state: null, health: 'unknown', balance: null, transitions: [] });
    expect(store.markets.size).toBe(0);
  });

  it('takes state, health, counters, connections and markets from a trader_status frame', () => {
    expect(applyFrame(store, statusFrame('ready'))).toBe(true);
    expect(store.trader).toMatchObject({
      state: 'ready',
      health: 'healthy',
      degraded: false,
      snapshots: 2,
      deltas: 10,
      uptime: 5,
      uptimeAtMs: T0,
      sessionId: 'harness-session',
      marketsConnected: 2,
      connections: { api_connected: true, feed_connected: true, last_ping_age: 1 },
    });
    expect(store.killSwitch.on).toBe(false);
    expect([...store.markets.keys()]).toEqual(['KXHARNESS-A', 'KXHARNESS-B']);
    expect(Object.keys(store.components)).toEqual(['orderbook', 'trading']);
  });

  it('takes the book audit and the private channels from a trader_status frame', () => {
    const status = harnessStatus('degraded');
    status.components.private_channels = { healthy: false, detail: 'fills/orders/positions: missing' };
    status.book_audit = {
      interval_seconds: 5,
      last_run: new Date(T0).toISOString(),
      mismatches: 1,
      markets: { 'KXHARNESS-A': { at: new Date(T0).toISOString(), result: 'mismatch', levels: 2 } },
    };
    applyFrame(
      store,
      frame('trader_status', traderStatusData(status, toHealthView('degraded', status.uptime), T0)),
    );
    expect(store.audit).toEqual(status.book_audit);
    expect(store.components.private_channels).toEqual({
      healthy: false,
      detail: 'fills/orders/positions: missing',
    });
    // A frame from a daemon without the audit leaves what the page knows.
    const { book_audit: _, ...older } = traderStatusData(status, toHealthView('degraded', 5), T0);
    applyFrame(store, frame('trader_status', older));
    expect(store.audit).toEqual(status.book_audit);
  });

  it("takes each market's lifecycle, keeping a row for a traded market that rolled out", () => {
    const status = harnessStatus('ready');
    const ended = {
      status: 'settled' as const,
      close_time: new Date(T0 - 60_000).toISOString(),
      closes_in_seconds: 0,
      result: 'yes',
      settled_time: new Date(T0 - 1_000).toISOString(),
      followed: false,
    };
    status.market_lifecycle = { KXOLD: ended };
    applyStatus(store, status);
    expect(store.markets.get('KXOLD')?.lifecycle).toEqual(ended);
    expect(formatCountdown(new Date(T0 + 125_000).toISOString(), T0)).toBe('2 min 05 s');
    expect(formatCountdown(new Date(T0 - 1).toISOString(), T0)).toBe('closed');
    expect(formatCountdown(null, T0)).toBe('—');
    expect(formatClosesIn(ended, T0)).toBe('result yes');
  });

  it('reads the feed as down from a degraded status frame', () => {
    applyFrame(store, statusFrame('degraded'));
    expect(store.trader).toMatchObject({ state: 'degraded', degraded: true });
    expect(store.trader.connections?.feed_connected).toBe(false);
  });

  it('takes the same facts from a /v3/status body, with its transitions on the page clock', () => {
    const status = harnessStatus('ready');
    status.transitions = [
      { from: 'initializing', to: 'orderbook_connect', at: new Date(T0 - 2_000).toISOString() },
      { from: 'kalshi_data_sync', to: 'ready', at: new Date(T0 - 1_000).toISOString(), reason: 'feed up' },
    ];
    applyStatus(store, status);
    expect(store.trader).toMatchObject({ state: 'ready', marketsConnected: 2, balance: status.balance });
    expect(store.trader.connections).toEqual(status.connections);
    expect(store.trader.transitions).toEqual([
      { from: 'initializing', to: 'orderbook_connect', atMs: T0 - 2_000, reason: undefined },
      { from: 'kalshi_data_sync', to: 'ready', atMs: T0 - 1_000, reason: 'feed up' },
    ]);
    expect([...store.markets.keys()]).toEqual(status.markets);
  });

  it('logs a transition with its cause and severity, and records it once when /v3/status repeats it', () => {
    applyFrame(store, statusFrame('ready'));
    applyFrame(store, transitionFrame('ready', 'degraded', 'feed down: closed with code 1006', 'warning'));
    expect(store.trader).toMatchObject({ state: 'degraded', degraded: true });
    expect(store.activity.at(-1)).toEqual({
      time: '12:00:00',
      type: 'state_transition',
      message: 'ready → degraded: feed down: closed with code 1006',
      severity: 'warning',
    });
    const recorded = { from: 'ready', to: 'degraded', atMs: T0, reason: 'feed down: closed with code 1006' };
    expect(store.trader.transitions).toEqual([recorded]);
    // The live frame's transition also arrives in the next status, a few hundred ms apart.
    applyFrame(store, transitionFrame('ready', 'degraded'));
    vi.setSystemTime(T0 + 400);
    applyFrame(store, transitionFrame('ready', 'degraded'));
    expect(store.trader.transitions).toEqual([recorded]);
  });

  it('remembers the start-up step that failed until the next attempt starts', () => {
    applyFrame(store, transitionFrame('initializing', 'orderbook_connect'));
    applyFrame(store, transitionFrame('orderbook_connect', 'error', 'connect timeout', 'error'));
    expect(store.trader).toMatchObject({ state: 'error', failedStep: 'orderbook_connect' });
    applyFrame(store, transitionFrame('error', 'initializing'));
    expect(store.trader).toMatchObject({ state: 'initializing', failedStep: null });
    // `ready` is no start-up step: an error from there leaves no failed step.
    applyFrame(store, transitionFrame('ready', 'error'));
    expect(store.trader.failedStep).toBeNull();
  });

  it('puts replayed history before the greeting, and shows it once across reconnections', () => {
    const history = historyReplayData([
      { from: 'startup', to: 'initializing', atMs: T0 - 3_000, severity: 'info' },
      { from: 'kalshi_data_sync', to: 'ready', atMs: T0 - 2_000, severity: 'info' },
    ]);
    const greeting = { client_id: 'c1', timestamp: '12:00:00', message: 'Connected' };
    for (let connection = 0; connection < 2; connection++) {
      applyFrame(store, frame('connection', greeting));
      applyFrame(store, frame('history_replay', history));
    }
    expect(messages(store)).toEqual([
      'startup → initializing',
      'kalshi_data_sync → ready',
      'Connected',
      'Connected',
    ]);
    expect(store.trader.state).toBe('ready');
  });

  it('logs fills, lists them, and ignores frames it does not show', () => {
    const fill = {
      fill_id: 'f-1',
      ticker: 'KXHARNESS-A',
      book_side: 'bid',
      count_fp: '2.00',
      yes_price_dollars: '0.4500',
    };
    expect(applyFrame(store, frame('fill', fill))).toBe(true);
    expect(store.activity.at(-1)).toMatchObject({ type: 'fill', message: 'fill KXHARNESS-A bid 2 @ 45.00¢' });
    expect(store.history.fills.map((f) => f.fill_id)).toEqual(['f-1']);
    expect(applyFrame(store, frame('fill', { ...fill, fill_id: undefined }))).toBe(false);
    expect(applyFrame(store, frame('subscribed', { markets: [] }))).toBe(false);
    expect(applyFrame(store, frame('no_such_frame', {}))).toBe(false);
    expect(applyFrame(store, frame('trader_status', null))).toBe(false);
    expect(store.trader.state).toBeNull();
  });

  it('keeps the newest 300 activity lines', () => {
    for (let i = 0; i < 310; i++)
      applyFrame(store, frame('connection', { timestamp: 't', message: `m${i}` }));
    expect(store.activity).toHaveLength(300);
    expect(store.activity[0]?.message).toBe('m10');
  });
});
