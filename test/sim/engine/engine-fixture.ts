// Shared set-up for engine tests: an exchange with fixed clock and seed, an empty market, and helpers.
import { COUNT_ONE, MONEY_ONE } from '../../../src/domain/fixed-point';
import { createSimExchange, type SimExchangeOptions } from '../../../src/sim/engine';
import type { CreateOrderInput, ExchangeEvent } from '../../../src/sim/engine/types';

export const T = 'KXSIM-26DEC31-T50';
export const T0 = Date.UTC(2026, 5, 1);

/** Contracts → centi. */
export const c = (contracts: number) => Math.round(contracts * COUNT_ONE);
/** Dollars → micros. */
export const usd = (dollars: number) => Math.round(dollars * MONEY_ONE);

export function makeExchange(extra: SimExchangeOptions = {}) {
  let nowMs = T0;
  const exchange = createSimExchange({
    now: () => nowMs,
    seed: 7,
    marketSpecs: [{ ticker: T, eventTicker: 'KXSIM-26DEC31', priceLevelStructure: 'linear_cent' }],
    ...extra,
  });
  const events: ExchangeEvent[] = [];
  exchange.subscribe((e) => events.push(e));
  const order = (
    userId: string,
    side: 'bid' | 'ask',
    price: number,
    count: number,
    more: Partial<CreateOrderInput> = {},
  ) =>
    exchange.createOrder({
      userId,
      ticker: T,
      side,
      price,
      count,
      timeInForce: 'good_till_canceled',
      selfTradePrevention: 'taker_at_cross',
      ...more,
    });
  /** Creates and insists on success. */
  const place = (...args: Parameters<typeof order>) => {
    const result = order(...args);
    if (!result.ok) throw new Error(`order rejected: ${result.error.code}`);
    return result.value;
  };
  return {
    exchange,
    events,
    order,
    place,
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}
