// Weeks of rolling discovery: markets open, trade flat or settle, and leave the followed set. The trading
// state a sync leaves stays bounded, while every money figure matches a run that lets nothing go.
import { describe, expect, it } from 'vitest';
import { createTradingBook } from '../../../src/actors/trading/trading-ledger';
import {
  createTradingState,
  riskStateOf,
  tradingTransition,
} from '../../../src/actors/trading/trading-logic';
import type { TradingEvent, TradingState } from '../../../src/actors/trading/trading-types';
import { pnlTotals, positionsPnl } from '../../../src/app/pnl-view';
import { DAY_MS } from '../../../src/domain/fill-ledger';
import { fill, sync, T0, wireOrder } from './trading-fixtures';

const HOUR = 3_600_000;
const DAYS = 30;
const PER_DAY = 10;
const D0 = Math.floor(T0 / DAY_MS) * DAY_MS;
const marketsOf = (day: number) => Array.from({ length: PER_DAY }, (_, i) => `D${day}-${i}`);

/** One day: today's markets open, trade (even: bought and sold; odd: bought and settled) and roll out. */
function dayEvents(day: number): TradingEvent[] {
  const start = D0 + day * DAY_MS;
  const tickers = marketsOf(day);
  const events: TradingEvent[] = [
    {
      type: 'MARKETS.UPDATE',
      updates: tickers.map((ticker) => ({ ticker, phase: 'open', closeTimeMs: start + 20 * HOUR })),
      atMs: start + HOUR,
    },
    sync(start + HOUR, { followed: tickers }),
  ];
  for (const [i, ticker] of tickers.entries()) {
    const at = start + 2 * HOUR + i * 1_000;
    const id = `${ticker}-f`;
    events.push({
      type: 'FILL',
      fill: fill({ fillId: `${id}1`, ticker, price: 4_000, fee: 700, tsMs: at }),
      atMs: at,
    });
    if (i % 2 === 0) {
      const sell = fill({
        fillId: `${id}2`,
        ticker,
        side: 'ask',
        price: 4_500 + i,
        fee: 700,
        tsMs: at + 500,
      });
      events.push({ type: 'FILL', fill: sell, atMs: at + 500 });
    }
  }
  const settledMs = start + 21 * HOUR;
  events.push({
    type: 'MARKETS.UPDATE',
    updates: tickers.map((ticker) => ({ ticker, phase: 'settled', result: 'yes', settledMs })),
    atMs: settledMs,
  });
  for (const [i, ticker] of tickers.entries()) {
    if (i % 2 === 1)
      events.push({
        type: 'SETTLEMENT',
        ticker,
        result: i % 4 === 1 ? 'yes' : 'no',
        settledMs,
        fee: 0,
        atMs: settledMs,
      });
  }
  // Discovery has rolled today's markets out for tomorrow's.
  events.push(sync(start + 22 * HOUR, { followed: marketsOf(day + 1) }));
  return events;
}

/** Before the roll: one market keeps a resting order, one a held position; neither is followed later. */
function stuckEvents(): TradingEvent[] {
  const at = D0 + 30 * 60_000;
  return [
    {
      type: 'MARKETS.UPDATE',
      updates: [
        { ticker: 'RESTING', phase: 'settled', settledMs: at },
        { ticker: 'HELD', phase: 'settled', settledMs: at },
      ],
      atMs: at,
    },
    {
      type: 'FILL',
      fill: fill({ fillId: 'held-1', ticker: 'HELD', price: 3_000, fee: 300, tsMs: at }),
      atMs: at,
    },
    sync(at, { orders: [wireOrder({ ticker: 'RESTING', clientOrderId: 'kt-r', orderId: 'oid-r' })] }),
  ];
}

/** The run, pruned as the daemon does and as if nothing were ever let go (`followed` left out). */
function runBoth(events: TradingEvent[]) {
  const pruned = { state: createTradingState(), book: createTradingBook() };
  const kept = { state: createTradingState(), book: createTradingBook() };
  let largest = 0;
  for (const event of events) {
    pruned.state = tradingTransition(pruned.state, event, pruned.book);
    const { followed: _, ...everything } = event as TradingEvent & { followed?: unknown };
    kept.state = tradingTransition(kept.state, everything as TradingEvent, kept.book);
    largest = Math.max(largest, Object.keys(pruned.state.markets).length);
  }
  return { pruned, kept, largest };
}

const noMarks = () => undefined;

function expectSameMoney(a: TradingState, b: TradingState, atMs: number): void {
  expect(pnlTotals(a, noMarks, atMs)).toEqual(pnlTotals(b, noMarks, atMs));
  const risk = (s: TradingState) => {
    const { positions, haltedMarkets: _, ...rest } = riskStateOf(s, atMs);
    return { ...rest, held: positions.filter((p) => p.position !== 0) };
  };
  expect(risk(a)).toEqual(risk(b));
  expect(positionsPnl(a, noMarks)).toEqual(positionsPnl(b, noMarks));
}

describe('letting go of finished markets', () => {
  it('keeps the state bounded over weeks of rolling markets with every money figure unchanged', () => {
    const events = [...stuckEvents()];
    for (let day = 0; day < DAYS; day++) events.push(...dayEvents(day));
    const { pruned, kept, largest } = runBoth(events);
    const end = D0 + (DAYS - 1) * DAY_MS + 22 * HOUR;

    expect(Object.keys(kept.state.markets)).toHaveLength(DAYS * PER_DAY + 2);
    expect(Object.keys(kept.state.positions)).toHaveLength(DAYS * PER_DAY + 1);
    // Yesterday's and today's markets, and the two the money still needs.
    expect(largest).toBeLessThanOrEqual(3 * PER_DAY + 2);
    expect(Object.keys(pruned.state.markets).sort()).toEqual(
      [...marketsOf(DAYS - 2), ...marketsOf(DAYS - 1), 'HELD', 'RESTING'].sort(),
    );
    // Today's flat markets stay listed with `all`, as does the held one.
    expect(Object.keys(pruned.state.positions).sort()).toEqual([...marketsOf(DAYS - 1), 'HELD'].sort());
    const today = new Set([...marketsOf(DAYS - 1), 'HELD']);
    expect(positionsPnl(pruned.state, noMarks, true)).toEqual(
      positionsPnl(kept.state, noMarks, true).filter((row) => today.has(row.position.ticker)),
    );
    expect(pruned.state.retired.markets).toBe((DAYS - 1) * PER_DAY);
    expect(pnlTotals(pruned.state, noMarks, end).realizedPnl).not.toBe(0);
    expectSameMoney(pruned.state, kept.state, end);
  });

  it('folds a let-go market back when a late fill reaches it, its figures counted once', () => {
    const events = [...stuckEvents()];
    for (let day = 0; day < 4; day++) events.push(...dayEvents(day));
    const { pruned, kept } = runBoth(events);
    expect(pruned.state.positions['D0-0']).toBeUndefined();
    const atMs = D0 + 3 * DAY_MS + 23 * HOUR;
    const late: TradingEvent = {
      type: 'FILL',
      fill: fill({
        fillId: 'late',
        ticker: 'D0-0',
        side: 'ask',
        price: 4_800,
        fee: 500,
        tsMs: D0 + 3 * HOUR,
      }),
      atMs,
    };
    pruned.state = tradingTransition(pruned.state, late, pruned.book);
    kept.state = tradingTransition(kept.state, late, kept.book);
    expect(pruned.state.positions['D0-0']).toEqual(kept.state.positions['D0-0']);
    expectSameMoney(pruned.state, kept.state, atMs);
  });
});
