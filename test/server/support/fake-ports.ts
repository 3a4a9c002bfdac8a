// A fake of the daemon's ports (the server is the thing under test): mutable views plus an event hub.
import { Orderbook } from '../../../src/domain/orderbook';
import type { CommandResult, DaemonCommand } from '../../../src/server/commands';
import type { DaemonEvent } from '../../../src/server/events';
import { createMetrics } from '../../../src/server/metrics';
import type { DaemonPorts } from '../../../src/server/ports';
import {
  toBalanceView,
  toBookView,
  toHealthView,
  toOrderView,
  toPositionView,
} from '../../../src/server/view-mappers';
import type { StatusView, TraderState, TransitionView } from '../../../src/server/views';
import { NO_PNL, pnlRow } from './pnl-fixtures';

export const CONTROL_TOKEN = 'test-control-token-0123456789';

/** 25 recorded transitions at seconds 0..24, alternating ready → degraded (warning) and back (info). */
const records = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    from: i % 2 === 0 ? ('ready' as const) : ('degraded' as const),
    to: i % 2 === 0 ? ('degraded' as const) : ('ready' as const),
    atMs: Date.UTC(2026, 0, 2, 3, 4, i),
    severity: i % 2 === 0 ? ('warning' as const) : ('info' as const),
    reason: `step ${i}`,
  }));
const transitions = (n: number): TransitionView[] =>
  records(n).map(({ from, to, atMs, reason }) => ({ from, to, at: new Date(atMs).toISOString(), reason }));

export function makeStatus(state: TraderState = 'ready'): StatusView {
  return {
    state,
    degraded: state === 'degraded',
    markets: ['KXA-1', 'KXB-2'],
    snapshots_received: 2,
    deltas_received: 40,
    positions: 1,
    orders: 1,
    balance: toBalanceView({ balance: 123_450_000, portfolioValue: 6_789_000, updatedMs: null }),
    session_id: 'session-1',
    version: '0.1.0',
    uptime: 12.5,
    components: {
      orderbook: { healthy: true },
      trading: { healthy: true, detail: 'ok', last_check: '2026-01-02T03:04:05.000Z' },
      private_channels: { healthy: true, detail: 'fills/orders/positions: subscribed' },
    },
    connections: {
      api_url: 'http://127.0.0.1:1/trade-api/v2',
      ws_url: 'ws://127.0.0.1:1/trade-api/ws/v2',
      api_connected: true,
      feed_connected: true,
      markets_connected: 2,
      last_ping_age: 1.5,
    },
    last_error: null,
    recovery_attempts: 0,
    total_recovery_attempts: 0,
    consecutive_recovery_attempts: 0,
    kill_switch: false,
    strategy_paused: false,
    daily_realized_pnl_dollars: '-0.080000',
    pnl: { ...NO_PNL, realized_pnl_dollars: '-0.010000', fees_paid_dollars: '0.070000' },
    strategy: { name: 'hold', params: {}, paused: false },
    last_sync: '2026-01-02T03:04:00.000Z',
    transitions: transitions(25),
    book_audit: {
      interval_seconds: 60,
      last_run: '2026-01-02T03:04:03.000Z',
      mismatches: 1,
      markets: {
        'KXA-1': { at: '2026-01-02T03:04:03.000Z', result: 'match', levels: 0 },
        'KXB-2': { at: '2026-01-02T03:04:03.000Z', result: 'mismatch', levels: 2 },
      },
    },
    market_lifecycle: {
      'KXA-1': {
        status: 'open',
        close_time: '2026-01-02T04:00:00.000Z',
        closes_in_seconds: 3_355,
        result: null,
        settled_time: null,
        followed: true,
      },
    },
    storage: null,
  };
}

export const BOOK = {
  yes: [
    [4000, 5000],
    [4200, 1300],
    [4500, 200],
  ] as const,
  no: [
    [5000, 2000],
    [5400, 14600],
  ] as const,
};

export function fakePorts(overrides: Partial<DaemonPorts> = {}) {
  const listeners = new Set<(e: DaemonEvent) => void>();
  const sent: DaemonCommand[] = [];
  let state: TraderState = 'ready';
  let result: CommandResult = { ok: true, message: 'done' };
  // KXA-1's live book, as the delta channel reads it: the same levels as getBook's view.
  const liveBook = new Orderbook();
  liveBook.applySnapshot(BOOK.yes.flat(), BOOK.no.flat());
  liveBook.seq = 7;
  liveBook.updatedTsMs = 1_700_000_000_000;
  const ports: DaemonPorts = {
    getStatus: () => makeStatus(state),
    getHealth: () => toHealthView(state, 12.5),
    getTransitions: () => records(25),
    // The transitions, with an order line after each: the replay of every kind.
    getActivity: () =>
      records(25).flatMap((t) => [
        { type: 'transition' as const, ...t },
        {
          type: 'activity' as const,
          activity_type: 'order',
          message: `order line after ${t.reason}`,
          severity: 'info' as const,
          state: t.to,
          atMs: t.atMs + 500,
        },
      ]),
    getTradingHistory: () => ({
      fills: [
        {
          fill_id: 'f-1',
          trade_id: 't-1',
          order_id: 'o-1',
          client_order_id: 'c-1',
          ticker: 'KXA-1',
          book_side: 'bid',
          outcome_side: 'yes',
          yes_price_dollars: '0.3500',
          no_price_dollars: '0.6500',
          count_fp: '2.50',
          is_taker: false,
          fee_dollars: '0.010000',
          ts_ms: Date.UTC(2026, 0, 2, 3, 4, 11),
        },
      ],
      pnl: [[Date.UTC(2026, 0, 2, 3, 4), '-0.080000', '-0.100000']],
    }),
    getPriceHistory: (ticker) => ({
      ticker,
      points:
        ticker === 'KXA-1'
          ? [
              [1_699_999_990_000, '0.4400', '0.4600'],
              [1_700_000_000_000, '0.4500', '0.4600'],
            ]
          : [],
    }),
    // With `all`, a flat market with history follows the held one.
    getPositions: (options = {}) => [
      toPositionView(
        pnlRow(
          {
            ticker: 'KXA-1',
            position: -500,
            exposure: 2_500_000,
            totalTraded: 10_000_000,
            realizedPnl: -10_000,
            feesPaid: 70_000,
            updatedMs: Date.UTC(2026, 0, 2),
          },
          { markPrice: 4_800, unrealizedPnl: -100_000 },
        ),
      ),
      ...(options.all
        ? [
            toPositionView(
              pnlRow({
                ticker: 'KXB-2',
                position: 0,
                exposure: 0,
                totalTraded: 1_000_000,
                realizedPnl: 20_000,
                feesPaid: 10_000,
                updatedMs: Date.UTC(2026, 0, 1),
              }),
            ),
          ]
        : []),
    ],
    getOrders: () => [
      toOrderView({
        orderId: 'o-1',
        clientOrderId: 'c-1',
        ticker: 'KXA-1',
        side: 'bid',
        price: 3500,
        initialCount: 1000,
        fillCount: 250,
        remainingCount: 750,
        status: 'resting',
        createdMs: Date.UTC(2026, 0, 2),
        updatedMs: null,
      }),
    ],
    getTradingState: () => ({
      version: Date.UTC(2026, 0, 2, 3, 4),
      balance: 12_345,
      portfolio_value: 679,
      position_count: 1,
      order_count: 1,
      positions: ports.getPositions(),
      open_orders: ports.getOrders(),
      daily_realized_pnl_dollars: '-0.080000',
      pnl: makeStatus(state).pnl,
      sync_timestamp: Date.UTC(2026, 0, 2, 3, 4) / 1000,
      changes: null,
      order_group: null,
    }),
    getBook: (ticker, depth) =>
      ticker === 'KXA-1'
        ? toBookView(ticker, BOOK, { seq: 7, stale: false, updatedMs: 1_700_000_000_000 }, depth)
        : undefined,
    getLiveBook: (ticker) => (ticker === 'KXA-1' ? { book: liveBook, trade: undefined } : undefined),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async send(cmd) {
      sent.push(cmd);
      return result;
    },
    metrics: createMetrics({ defaultMetrics: false }).registry,
    controlToken: CONTROL_TOKEN,
    allowedOrigins: ['http://console.example:5173'],
    allowedHosts: ['trader.example'],
    ...overrides,
  };
  return {
    ports,
    sent,
    listeners,
    emit: (e: DaemonEvent) => {
      for (const l of listeners) l(e);
    },
    setState: (s: TraderState) => {
      state = s;
    },
    setResult: (r: CommandResult) => {
      result = r;
    },
  };
}
