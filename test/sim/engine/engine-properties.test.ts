// Invariants of the matching engine over random order sequences from several users on two markets, and of
// the settlement that follows them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notional, PRICE_ONE } from '../../../src/domain/fixed-point';
import { createSimExchange, type SimExchangeEngine } from '../../../src/sim/engine';
import { priceRangesFor, snapDown } from '../../../src/sim/engine/price-grid';
import type { CreateOrderInput, ExchangeEvent, SimBook } from '../../../src/sim/engine/types';

const USERS = ['u1', 'u2', 'u3', 'u4'];
const MARKETS = [
  { ticker: 'KXSIM-26DEC31-T50', structure: 'linear_cent' as const },
  { ticker: 'KXSIM-26DEC31-T60', structure: 'tapered_deci_cent' as const },
];
const START = 50_000_000; // $50 each: small enough that insufficient_balance happens

// Mostly near the middle so orders cross; sometimes anywhere, including off the grid and out of range.
const priceArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 4_700, max: 5_300 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 10_005 }) },
);
const createArb = fc.record({
  op: fc.constant('create' as const),
  user: fc.integer({ min: 0, max: USERS.length - 1 }),
  market: fc.integer({ min: 0, max: MARKETS.length - 1 }),
  side: fc.constantFrom('bid' as const, 'ask' as const),
  price: priceArb,
  snap: fc.integer({ min: 0, max: 7 }).map((n) => n !== 0),
  count: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 800 }) },
    { weight: 1, arbitrary: fc.integer({ min: -2, max: 20_000 }) },
  ),
  tif: fc.constantFrom(
    'good_till_canceled' as const,
    'good_till_canceled' as const,
    'immediate_or_cancel' as const,
    'fill_or_kill' as const,
  ),
  stp: fc.constantFrom('taker_at_cross' as const, 'maker' as const),
  postOnly: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  reduceOnly: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  expires: fc.integer({ min: 0, max: 4 }).map((n) => (n === 0 ? 30_000 : null)),
});
const pickOrder = fc.record({ user: fc.integer({ min: 0, max: USERS.length - 1 }), index: fc.nat() });
const opArb = fc.oneof(
  { weight: 6, arbitrary: createArb },
  { weight: 2, arbitrary: pickOrder.map((p) => ({ op: 'cancel' as const, ...p })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ pick: pickOrder, price: priceArb, count: fc.integer({ min: 1, max: 800 }) })
      .map((a) => ({ op: 'amend' as const, ...a })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ pick: pickOrder, by: fc.integer({ min: 0, max: 300 }), useTo: fc.boolean() })
      .map((a) => ({ op: 'decrease' as const, ...a })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((ms) => ({ op: 'advance' as const, ms })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 7 }).map((m) => ({ op: 'pause' as const, market: m })) },
);
type Op = typeof opArb extends fc.Arbitrary<infer O> ? O : never;

function run(ops: Op[]) {
  let nowMs = Date.UTC(2026, 5, 1);
  const exchange = createSimExchange({
    now: () => nowMs,
    seed: 1,
    startingBalance: START,
    marketSpecs: MARKETS.map((m) => ({
      ticker: m.ticker,
      eventTicker: 'KXSIM-26DEC31',
      priceLevelStructure: m.structure,
    })),
  });
  const events: ExchangeEvent[] = [];
  exchange.subscribe((e) => events.push(e));
  const orderIds = new Map<string, string[]>(USERS.map((u) => [u, []]));
  const chosen = (p: { user: number; index: number }) => {
    const user = USERS[p.user] as string;
    const ids = orderIds.get(user) ?? [];
    return { user, id: ids.length === 0 ? 'none' : (ids[p.index % ids.length] as string) };
  };
  for (const op of ops) {
    if (op.op === 'create') {
      const market = MARKETS[op.market] as (typeof MARKETS)[number];
      const price =
        op.snap && op.price > 0 && op.price < PRICE_ONE
          ? snapDown(priceRangesFor(market.structure), op.price)
          : op.price;
      const input: CreateOrderInput = {
        userId: USERS[op.user] as string,
        ticker: market.ticker,
        side: op.side,
        price,
        count: op.count,
        timeInForce: op.tif,
        selfTradePrevention: op.stp,
        postOnly: op.postOnly,
        reduceOnly: op.reduceOnly,
        expirationTimeMs: op.tif === 'good_till_canceled' && op.expires !== null ? nowMs + op.expires : null,
      };
      const result = exchange.createOrder(input);
      if (result.ok) orderIds.get(input.userId)?.push(result.value.order.orderId);
    } else if (op.op === 'cancel') {
      const { user, id } = chosen(op);
      exchange.cancelOrder(user, id);
    } else if (op.op === 'amend') {
      const { user, id } = chosen(op.pick);
      const order = exchange.getOrder(user, id);
      const structure = MARKETS.find((m) => m.ticker === order?.ticker)?.structure ?? 'linear_cent';
      const price =
        op.price > 0 && op.price < PRICE_ONE ? snapDown(priceRangesFor(structure), op.price) : op.price;
      exchange.amendOrder(user, id, { price, count: (order?.fillCount ?? 0) + op.count });
    } else if (op.op === 'decrease') {
      const { user, id } = chosen(op.pick);
      exchange.decreaseOrder(user, id, op.useTo ? { reduceTo: op.by } : { reduceBy: op.by });
    } else if (op.op === 'advance') {
      nowMs += op.ms;
    } else if (op.market < MARKETS.length) {
      const ticker = MARKETS[op.market]?.ticker as string;
      exchange.setPaused(ticker, !exchange.getMarket(ticker)?.paused);
    } else {
      for (const m of MARKETS) exchange.setPaused(m.ticker, false);
    }
  }
  exchange.expireOrders();
  return { exchange, events };
}

function checkInvariants(exchange: SimExchangeEngine, events: ExchangeEvent[]) {
  const allOrders = USERS.flatMap((u) => exchange.listOrders(u));
  for (const { ticker } of MARKETS) {
    const book = exchange.getBook(ticker) as SimBook;
    // No negative or empty levels, ascending, and never crossed at rest.
    for (const ladder of [book.yes, book.no]) {
      ladder.forEach(([price, size], i) => {
        expect(size).toBeGreaterThan(0);
        if (i > 0) expect(price).toBeGreaterThan((ladder[i - 1] as [number, number])[0]);
      });
    }
    expect((book.yes.at(-1)?.[0] ?? 0) + (book.no.at(-1)?.[0] ?? 0)).toBeLessThan(PRICE_ONE);

    // The book is exactly the resting orders' remaining counts per level.
    const fromOrders = { yes: new Map<number, number>(), no: new Map<number, number>() };
    for (const o of allOrders) {
      if (o.ticker !== ticker || o.status !== 'resting') continue;
      const [ladder, price] =
        o.side === 'bid' ? [fromOrders.yes, o.price] : [fromOrders.no, PRICE_ONE - o.price];
      ladder.set(price, (ladder.get(price) ?? 0) + o.remainingCount);
    }
    const asLadder = (m: Map<number, number>) => [...m.entries()].sort((a, b) => a[0] - b[0]);
    expect({ yes: asLadder(fromOrders.yes), no: asLadder(fromOrders.no) }).toEqual(book);

    // Book events replayed from the empty start reproduce the book.
    const replay = { yes: new Map<number, number>(), no: new Map<number, number>() };
    for (const e of events) {
      if (e.kind !== 'book' || e.ticker !== ticker) continue;
      const ladder = replay[e.side];
      const size = (ladder.get(e.price) ?? 0) + e.delta;
      expect(size).toBeGreaterThanOrEqual(0);
      if (size === 0) ladder.delete(e.price);
      else ladder.set(e.price, size);
    }
    expect({ yes: asLadder(replay.yes), no: asLadder(replay.no) }).toEqual(book);

    // Contracts are conserved: positions sum to zero, open interest is the long-YES total.
    const positions = exchange.listAllPositions().filter((p) => p.ticker === ticker);
    expect(positions.reduce((s, p) => s + p.position, 0)).toBe(0);
    expect(positions.reduce((s, p) => s + Math.max(0, p.position), 0)).toBe(
      exchange.getMarket(ticker)?.openInterest,
    );
  }

  let totalCash = 0;
  let totalFees = 0;
  for (const user of USERS) {
    const fills = exchange.listFills(user);
    const account = exchange.getAccount(user);
    const fees = fills.reduce((s, f) => s + f.fee, 0);
    totalCash += account.balance;
    totalFees += fees;
    let held = 0;
    for (const o of exchange.listOrders(user)) {
      expect(o.remainingCount).toBeGreaterThanOrEqual(0);
      expect(o.fillCount + o.remainingCount).toBeLessThanOrEqual(o.initialCount);
      if (o.status === 'resting') {
        expect(o.remainingCount).toBeGreaterThan(0);
        if (!o.reduceOnly)
          held += notional(o.side === 'bid' ? o.price : PRICE_ONE - o.price, o.remainingCount);
      }
    }
    expect(account.held).toBe(held);
    expect(account.balance).toBeGreaterThanOrEqual(held);
    let cash = START - fees;
    for (const { ticker } of MARKETS) {
      const mine = fills.filter((f) => f.ticker === ticker);
      // Each user's position is the signed sum of their fills.
      const signed = mine.reduce((s, f) => s + (f.side === 'bid' ? f.count : -f.count), 0);
      expect(exchange.getPosition(user, ticker)?.position ?? 0).toBe(signed);
      // Cash: YES notional flows, minus $1 per NO contract still held (pairs are worth exactly $1).
      cash += mine.reduce((s, f) => s + (f.side === 'ask' ? 1 : -1) * notional(f.price, f.count), 0);
      cash -= notional(PRICE_ONE, Math.max(0, -signed));
    }
    expect(account.balance).toBe(cash);
  }
  // Money is conserved: cash + fees + $1 per open pair is what the users started with.
  const openInterest = MARKETS.reduce((s, m) => s + (exchange.getMarket(m.ticker)?.openInterest ?? 0), 0);
  expect(totalCash + totalFees + notional(PRICE_ONE, openInterest)).toBe(START * USERS.length);

  // The last order event of every order is its current state.
  const lastSeen = new Map<string, unknown>();
  for (const e of events) if (e.kind === 'order') lastSeen.set(e.order.orderId, e.order);
  for (const o of allOrders) expect(lastSeen.get(o.orderId)).toEqual(o);
}

describe('engine invariants', () => {
  it('generates sequences that trade, rest and get rejected', () => {
    // Guards the generator: invariants over sequences that never trade would prove little.
    let fills = 0;
    let resting = 0;
    let rejected = 0;
    for (const ops of fc.sample(fc.array(opArb, { minLength: 60, maxLength: 60 }), {
      numRuns: 30,
      seed: 42,
    })) {
      const { exchange, events } = run(ops);
      fills += events.filter((e) => e.kind === 'fill').length;
      resting += USERS.flatMap((u) => exchange.listOrders(u, { status: 'resting' })).length;
      rejected +=
        ops.filter((o) => o.op === 'create').length - USERS.flatMap((u) => exchange.listOrders(u)).length;
    }
    expect(fills).toBeGreaterThan(100);
    expect(resting).toBeGreaterThan(30);
    expect(rejected).toBeGreaterThan(30);
  });

  it('settle every position and conserve money, whatever the sequence and the results', () => {
    const outcome = fc.oneof(
      fc.constant({ result: 'yes' as const, value: PRICE_ONE }),
      fc.constant({ result: 'no' as const, value: 0 }),
      fc.integer({ min: 0, max: 100 }).map((cents) => ({ result: 'scalar' as const, value: cents * 100 })),
    );
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 120 }),
        fc.tuple(outcome, outcome),
        (ops, outcomes) => {
          const { exchange } = run(ops);
          const before = new Map(USERS.map((u) => [u, exchange.getAccount(u).balance]));
          MARKETS.forEach((m, i) => {
            expect(exchange.settleMarket(m.ticker, outcomes[i] as (typeof outcomes)[0]).ok).toBe(true);
          });
          let total = 0;
          for (const user of USERS) {
            const account = exchange.getAccount(user);
            const settlements = exchange.pageSettlements(user, {}, null, 10).items;
            const paid = settlements.reduce((s, x) => s + x.revenue, 0);
            expect(account.balance - (before.get(user) ?? 0)).toBe(paid);
            expect(account.held).toBe(0);
            expect(exchange.listOrders(user, { status: 'resting' })).toEqual([]);
            for (const p of exchange.listPositions(user))
              expect(p).toMatchObject({ position: 0, exposure: 0 });
            const fees = exchange.listPositions(user).reduce((s, p) => s + p.feesPaid, 0);
            total += account.balance + fees;
          }
          // Every pair paid out exactly $1 between its two sides: cash plus every fee is what they started with.
          expect(total).toBe(START * USERS.length);
          for (const m of MARKETS) expect(exchange.getMarket(m.ticker)?.openInterest).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('hold over random order sequences across users', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 120 }), (ops) => {
        const { exchange, events } = run(ops);
        checkInvariants(exchange, events);
      }),
      { numRuns: 300 },
    );
  });
});
