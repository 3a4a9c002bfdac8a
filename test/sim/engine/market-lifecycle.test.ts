import { describe, expect, it } from 'vitest';
import type { ExchangeEvent, LifecycleEventType } from '../../../src/sim/engine/types';
import { c, makeExchange, T, T0, usd } from './engine-fixture';

const HOUR = 3_600_000;
const CLOSE = T0 + HOUR;
const market = (extra: Record<string, unknown> = {}) => ({
  marketSpecs: [{ ticker: T, eventTicker: 'KXSIM-26DEC31', closeTimeMs: CLOSE, ...extra }],
});
const lifecycle = (events: ExchangeEvent[]): LifecycleEventType[] =>
  events.flatMap((e) => (e.kind === 'lifecycle' ? [e.eventType] : []));

/** u buys 10 YES at 0.40 from m, then sells 4 back at 0.55: u long 6 YES, m long 6 NO. */
function trade(h: ReturnType<typeof makeExchange>) {
  h.place('m', 'ask', 4_000, c(10));
  h.place('u', 'bid', 4_000, c(10), { timeInForce: 'immediate_or_cancel' });
  h.place('m', 'bid', 5_500, c(4));
  h.place('u', 'ask', 5_500, c(4), { timeInForce: 'immediate_or_cancel' });
}

describe('market lifecycle: close', () => {
  it('closes at close_time without an event, cancelling resting orders with CloseCancel', () => {
    const h = makeExchange(market());
    const resting = h.place('u', 'bid', 3_000, c(5)).order;
    expect(h.exchange.getAccount('u').held).toBe(usd(1.5));
    h.advance(HOUR - 1);
    h.exchange.tick();
    expect(h.exchange.getMarket(T)?.status).toBe('active');
    h.events.length = 0;
    h.advance(1);
    h.exchange.tick();
    expect(h.exchange.getMarket(T)).toMatchObject({ status: 'closed', closeTimeMs: CLOSE });
    expect(lifecycle(h.events)).toEqual([]);
    expect(h.events.map((e) => e.kind)).toEqual(['book', 'order']);
    expect(h.exchange.getOrder('u', resting.orderId)).toMatchObject({
      status: 'canceled',
      remainingCount: 0,
      lastUpdateReason: 'CloseCancel',
    });
    expect(h.exchange.getAccount('u').held).toBe(0);
    expect(h.exchange.getBook(T)).toEqual({ yes: [], no: [] });
    const late = h.order('u', 'bid', 3_000, c(1));
    expect(late.ok ? 'ok' : `${late.error.status} ${late.error.code}`).toBe('409 market_closed');
  });

  it('refuses orders at close_time even before anything swept the market', () => {
    const h = makeExchange(market());
    h.advance(HOUR);
    const late = h.order('u', 'bid', 3_000, c(1));
    expect(late.ok ? 'ok' : late.error.code).toBe('market_closed');
  });

  it('closes early on demand: close_date_updated with the new close time, then the cancels', () => {
    const h = makeExchange(market());
    h.place('u', 'ask', 6_000, c(2));
    h.advance(1_000);
    h.events.length = 0;
    const closed = h.exchange.closeMarket(T);
    expect(closed.ok && closed.value).toMatchObject({ status: 'closed', closeTimeMs: T0 + 1_000 });
    expect(h.events.map((e) => (e.kind === 'lifecycle' ? e.eventType : e.kind))).toEqual([
      'close_date_updated',
      'book',
      'order',
    ]);
    const event = h.events[0] as Extract<ExchangeEvent, { kind: 'lifecycle' }>;
    expect(event.market.closeTimeMs).toBe(T0 + 1_000);
    const again = h.exchange.closeMarket(T);
    expect(again.ok ? 'ok' : `${again.error.status} ${again.error.code}`).toBe('409 invalid_market_state');
  });

  it('opens an unopened market at open_time, without an activated event', () => {
    const h = makeExchange(market({ openTimeMs: T0 + 60_000 }));
    expect(h.exchange.getMarket(T)?.status).toBe('initialized');
    expect(h.order('u', 'bid', 3_000, c(1)).ok).toBe(false);
    h.advance(60_000);
    h.events.length = 0;
    expect(h.order('u', 'bid', 3_000, c(1)).ok).toBe(true);
    expect(h.exchange.getMarket(T)?.status).toBe('active');
    expect(lifecycle(h.events)).toEqual([]);
  });
});

describe('market lifecycle: pause and resume', () => {
  it('pauses (deactivated, cancel_order_on_pause orders go) and resumes (activated, every order goes)', () => {
    const h = makeExchange(market());
    const keep = h.place('u', 'bid', 3_000, c(1)).order;
    const halt = h.place('u', 'bid', 3_100, c(1), { cancelOnPause: true }).order;
    h.events.length = 0;
    expect(h.exchange.pauseMarket(T, true).ok).toBe(true);
    expect(lifecycle(h.events)).toEqual(['deactivated']);
    expect(h.exchange.getOrder('u', halt.orderId)?.lastUpdateReason).toBe('HaltCancel');
    expect(h.exchange.getOrder('u', keep.orderId)?.status).toBe('resting');
    expect(h.order('u', 'bid', 3_000, c(1)).ok).toBe(false);
    h.events.length = 0;
    expect(h.exchange.pauseMarket(T, false).ok).toBe(true);
    expect(lifecycle(h.events)).toEqual(['activated']);
    expect(h.exchange.getOrder('u', keep.orderId)).toMatchObject({
      status: 'canceled',
      lastUpdateReason: 'HaltCancel',
    });
    expect(h.order('u', 'bid', 3_000, c(1)).ok).toBe(true);
    h.exchange.closeMarket(T);
    const paused = h.exchange.pauseMarket(T, true);
    expect(paused.ok ? 'ok' : paused.error.code).toBe('invalid_market_state');
  });
});

describe('market lifecycle: determination and settlement', () => {
  it('determines after the delay and pays out after the settlement timer, booked like the fills', () => {
    const h = makeExchange({ ...market(), lifecycle: { determinationDelayMs: 60_000 } });
    trade(h);
    const before = h.exchange.getPosition('u', T);
    expect(before).toMatchObject({ position: c(6), exposure: usd(2.4), realizedPnl: usd(0.6) });
    h.advance(HOUR + 60_000);
    h.events.length = 0;
    h.exchange.tick();
    const determined = h.exchange.getMarket(T);
    expect(determined).toMatchObject({ status: 'determined', determinedMs: T0 + HOUR + 60_000 });
    expect(lifecycle(h.events)).toEqual(['determined']);
    expect(h.exchange.getPosition('u', T)?.position).toBe(c(6)); // nothing paid before settlement
    h.advance(300_000);
    h.events.length = 0;
    h.exchange.tick();
    const settled = h.exchange.getMarket(T);
    expect(settled).toMatchObject({ status: 'finalized', settledMs: T0 + HOUR + 360_000, openInterest: 0 });
    expect(h.events.map((e) => e.kind)).toEqual(['position', 'position', 'lifecycle']);
    const yes = determined?.result === 'yes';
    const uRow = h.exchange.getPosition('u', T);
    expect(uRow).toMatchObject({
      position: 0,
      exposure: 0,
      realizedPnl: usd(0.6) + (yes ? usd(6) : 0) - usd(2.4),
      totalTraded: before?.totalTraded,
      volume: before?.volume,
      feesPaid: before?.feesPaid,
    });
    expect(h.exchange.pageSettlements('u', {}, null, 10).items).toEqual([
      {
        userId: 'u',
        ticker: T,
        eventTicker: 'KXSIM-26DEC31',
        result: determined?.result,
        value: yes ? 10_000 : 0,
        yesCount: c(6),
        noCount: 0,
        yesTotalCost: usd(2.4),
        noTotalCost: 0,
        revenue: yes ? usd(6) : 0,
        fee: 0,
        settledMs: T0 + HOUR + 360_000,
      },
    ]);
  });

  it('settles on demand: a long YES is paid $1 a contract on yes, a long NO on no', () => {
    for (const result of ['yes', 'no'] as const) {
      const h = makeExchange(market());
      trade(h);
      const cash = { u: h.exchange.getAccount('u').balance, m: h.exchange.getAccount('m').balance };
      h.events.length = 0;
      const settled = h.exchange.settleMarket(T, { result, value: result === 'yes' ? 10_000 : 0 });
      expect(settled.ok && settled.value).toMatchObject({ status: 'finalized', result });
      expect(lifecycle(h.events)).toEqual(['close_date_updated', 'determined', 'settled']);
      const paid = (user: 'u' | 'm') => h.exchange.getAccount(user).balance - cash[user];
      expect(paid('u')).toBe(result === 'yes' ? usd(6) : 0);
      expect(paid('m')).toBe(result === 'no' ? usd(6) : 0);
      expect(h.exchange.getPosition('m', T)?.realizedPnl).toBe(
        -usd(0.6) + (result === 'no' ? usd(6) : 0) - usd(3.6),
      );
      const [mRow] = h.exchange.pageSettlements('m', {}, null, 10).items;
      expect(mRow).toMatchObject({ noCount: c(6), noTotalCost: usd(3.6), yesCount: 0, revenue: paid('m') });
      const again = h.exchange.settleMarket(T, { result, value: 0 });
      expect(again.ok ? 'ok' : again.error.code).toBe('invalid_market_state');
    }
  });

  it('pays a scalar value in whole cents, keeping the sub-cent rest as a fee', () => {
    const h = makeExchange(market());
    h.place('m', 'ask', 4_000, 3); // 0.03 contracts
    h.place('u', 'bid', 4_000, 3, { timeInForce: 'immediate_or_cancel' });
    const cash = h.exchange.getAccount('u').balance;
    const fees = h.exchange.getPosition('u', T)?.feesPaid ?? 0;
    h.exchange.settleMarket(T, { result: 'scalar', value: 4_200 }); // $0.42 × 0.03 = $0.0126
    expect(h.exchange.getAccount('u').balance - cash).toBe(usd(0.01));
    expect(h.exchange.getPosition('u', T)).toMatchObject({
      realizedPnl: usd(0.0126) - usd(0.012),
      feesPaid: fees + usd(0.0026),
    });
    expect(h.exchange.pageSettlements('u', {}, null, 1).items[0]).toMatchObject({
      result: 'scalar',
      value: 4_200,
      revenue: usd(0.01),
      fee: usd(0.0026),
    });
  });

  it('refuses to settle a determined market with another result', () => {
    const h = makeExchange({ ...market(), lifecycle: { determinationDelayMs: 0 } });
    h.advance(HOUR);
    h.exchange.tick();
    const determined = h.exchange.getMarket(T);
    expect(determined?.status).toBe('determined');
    const other = determined?.result === 'yes' ? { result: 'no' as const, value: 0 } : undefined;
    const same = { result: determined?.result ?? 'no', value: determined?.settlementValue ?? 0 };
    if (other) expect(h.exchange.settleMarket(T, other).ok).toBe(false);
    expect(h.exchange.settleMarket(T, same).ok).toBe(true);
  });

  it('waits for the admin API when automatic determination is off', () => {
    const h = makeExchange({ ...market(), lifecycle: { determinationDelayMs: null } });
    h.advance(30 * 24 * HOUR);
    h.exchange.tick();
    expect(h.exchange.getMarket(T)?.status).toBe('closed');
  });
});
