// Issue 18's property: however one market's fills reach the trading actor (over WS duplicated, delayed,
// reordered or never; in REST pages cut anywhere or failing; with position rows read before or after the
// fills; across restarts; with a settlement read from GET /portfolio/settlements by a sync, or at once
// when a lifecycle frame says the market settled, lagging the position rows or not), once quiet its position, basis, realized PnL, fees and
// today's total equal the exchange's own records to the micro-dollar. Through the trading actor and
// service (fullSync, the sync's paging), against the simulator's accounting of the same fills.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { bookOf } from '../../../src/actors/trading/trading-ledger';
import { riskStateOf, tradingLogic } from '../../../src/actors/trading/trading-logic';
import { createTradingService } from '../../../src/actors/trading/trading-service';
import { settleNow } from '../../../src/actors/trading/trading-settlements';
import { DAY_MS, utcDayStart } from '../../../src/domain/fill-ledger';
import type { Fill } from '../../../src/domain/trading-types';
import {
  exchangeRecords,
  figuresOf,
  modelClient,
  type RestView,
  type Settlement,
  TICKER,
} from './ledger-model';
import { WIDE_LIMITS } from './sim-harness';

const MIDNIGHT = Date.UTC(2026, 5, 2);

const fillArb = fc.record({
  gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90_000 })),
  side: fc.constantFrom<Fill['side']>('bid', 'ask'),
  price: fc.integer({ min: 1, max: 9_999 }),
  count: fc.integer({ min: 1, max: 500 }),
  fee: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20_000 })),
});

type Step =
  | { kind: 'exec'; n: number }
  | { kind: 'ws'; pick: number; twice: boolean }
  | { kind: 'sync'; rowsLag: number; fillsLag: number; fail: boolean; settlementLag: boolean }
  | { kind: 'restart' }
  | { kind: 'settle' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('exec' as const), n: fc.integer({ min: 1, max: 3 }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('ws' as const), pick: fc.nat(), twice: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      rowsLag: fc.nat({ max: 4 }),
      fillsLag: fc.nat({ max: 4 }),
      fail: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      settlementLag: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settle' as const) }) },
);

const scenarioArb = fc.record({
  startBeforeMidnightMs: fc.integer({ min: 0, max: 600_000 }),
  fills: fc.array(fillArb, { minLength: 1, maxLength: 20 }),
  settlement: fc.option(fc.constantFrom<Settlement['result']>('yes', 'no'), { nil: null }),
  steps: fc.array(stepArb, { maxLength: 40 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** The exchange's fills: time-ordered ids, as the simulator's (and exchange order) are. */
function fillsOf(s: Scenario): Fill[] {
  let tsMs = MIDNIGHT - s.startBeforeMidnightMs;
  return s.fills.map((f, i) => {
    tsMs += f.gapMs;
    const id = `fill-${String(i).padStart(4, '0')}`;
    return {
      fillId: id,
      tradeId: id,
      orderId: `o-${i}`,
      clientOrderId: null,
      ticker: TICKER,
      side: f.side,
      price: f.price,
      count: f.count,
      isTaker: f.fee > 0,
      fee: f.fee,
      tsMs,
    };
  });
}

/**
 * Between syncs the gate reads the snapshot, kept step by step (one fold step per fill on the fast path):
 * it must always say what the ledger beside the actor says.
 */
function snapshotMatchesLedger(trading: ReturnType<typeof createActor<typeof tradingLogic>>): void {
  const state = trading.getSnapshot().context;
  const { ledger } = bookOf(trading);
  const folded = ledger.position(TICKER);
  expect(figuresOf(state.positions[TICKER])).toEqual(figuresOf(folded));
  if (state.pnlDay !== null) {
    const dayMs = Date.parse(`${state.pnlDay}T00:00:00Z`);
    expect(state.dailyRealizedPnl).toBe(ledger.realizedNetBetween(dayMs, dayMs + DAY_MS));
  }
  expect(state.ledger.entries).toBe(ledger.size);
}

async function play(s: Scenario): Promise<void> {
  const fills = fillsOf(s);
  const lastFillMs = (fills.at(-1) as Fill).tsMs;
  const settlement = s.settlement === null ? null : { result: s.settlement, tsMs: lastFillMs + 1_000 };
  const records = exchangeRecords(fills, settlement);
  let executed = 0;
  let settled = false;
  let view: RestView = { rows: 0, fills: 0, fillsFail: false, settled: false };
  let nowMs = fills[0]?.tsMs ?? MIDNIGHT;
  const events = () => executed + (settled ? 1 : 0);
  const client = modelClient(fills, records, () => view, settlement);

  const boot = () => {
    const trading = createActor(tradingLogic, { input: {} }).start();
    const deps = { client, trading, limits: WIDE_LIMITS, now: () => nowMs };
    return { trading, service: createTradingService(deps), deps };
  };
  let daemon = boot();
  const tick = (eventMs: number) => {
    nowMs = Math.max(nowMs, eventMs + 500);
  };

  for (const step of s.steps) {
    switch (step.kind) {
      case 'exec':
        executed = Math.min(fills.length, executed + step.n);
        tick((fills[executed - 1] as Fill).tsMs);
        break;
      case 'ws': {
        if (executed === 0) break;
        const fill = fills[step.pick % executed] as Fill;
        daemon.trading.send({ type: 'FILL', fill, atMs: nowMs });
        if (step.twice) daemon.trading.send({ type: 'FILL', fill, atMs: nowMs });
        break;
      }
      case 'sync':
        view = {
          rows: events() - (step.rowsLag % (events() + 1)),
          fills: executed - (step.fillsLag % (executed + 1)),
          fillsFail: step.fail,
          settled: settled && !step.settlementLag,
        };
        await daemon.service.fullSync();
        break;
      case 'restart':
        daemon.trading.stop();
        daemon = boot();
        break;
      case 'settle':
        if (executed === fills.length && settlement !== null) {
          settled = true;
          tick(settlement.tsMs);
          // The lifecycle frame's prompt read: the settlements endpoint lists it by then.
          view = { ...view, settled: true };
          await settleNow(daemon.deps);
        }
        break;
    }
    snapshotMatchesLedger(daemon.trading);
  }

  // Quiet: everything executed and visible, nothing more on the feed, two syncs (each reads settlements).
  executed = fills.length;
  settled = settlement !== null;
  tick(settlement?.tsMs ?? lastFillMs);
  view = { rows: events(), fills: executed, fillsFail: false, settled };
  for (let i = 0; i < 2; i++) await daemon.service.fullSync();

  const state = daemon.service.state();
  const exchange = records.rows[events()];
  const dayStart = utcDayStart(nowMs);
  const today = records.realized.filter((r) => r.tsMs >= dayStart).reduce((sum, r) => sum + r.net, 0);
  expect(figuresOf(state.positions[TICKER])).toEqual(figuresOf(exchange));
  expect(state.positions[TICKER]?.totalTraded).toBe(exchange?.totalTraded);
  expect(state.dailyRealizedPnl).toBe(today);
  expect(riskStateOf(state, nowMs).dailyRealizedPnl).toBe(today);
  expect(state.ledger.checks).toEqual({});
  expect(state.ledger.entries).toBe(events());
  daemon.trading.stop();
}

describe('the ledger through the trading actor and service, under any delivery', () => {
  it('ends equal to the exchange once quiet', async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, play), { numRuns: 300 });
  });
});
