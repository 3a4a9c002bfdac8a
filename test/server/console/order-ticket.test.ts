import { describe, expect, it } from 'vitest';
import {
  describeOutcome,
  toCountFp,
  toPriceDollars,
} from '../../../src/server/console/assets/order-ticket.js';

describe('order ticket', () => {
  it('reads prices and counts as typed, exactly', () => {
    expect(toPriceDollars('0.45')).toBe('0.4500');
    expect(toPriceDollars('.4550')).toBe('0.4550');
    expect(toPriceDollars(' 0.9999 ')).toBe('0.9999');
    for (const bad of ['1', '1.00', '0.0000', '0.45001', '45', '-0.4', ''])
      expect(toPriceDollars(bad)).toBeNull();
    expect(toCountFp('2')).toBe('2.00');
    expect(toCountFp('2.5')).toBe('2.50');
    expect(toCountFp('007')).toBe('7.00');
    for (const bad of ['0', '0.00', '1.234', '-1', 'two', '']) expect(toCountFp(bad)).toBeNull();
  });

  it('says what became of an order, by outcome', () => {
    const what = 'Buy YES 1.00 KXA @ 45.00¢';
    expect(describeOutcome(what, { outcome: 'accepted', client_order_id: 'kt-m-1', order_id: 'o1' })).toBe(
      'Buy YES 1.00 KXA @ 45.00¢: accepted, kt-m-1 (exchange order o1).',
    );
    expect(
      describeOutcome(what, { outcome: 'blocked', rule: 'kill_switch', message: 'kill switch is on' }),
    ).toBe('Buy YES 1.00 KXA @ 45.00¢: blocked by the risk gate (kill_switch): kill switch is on');
    expect(describeOutcome(what, { outcome: 'rejected', code: 'invalid_price', message: 'off tick' })).toBe(
      'Buy YES 1.00 KXA @ 45.00¢: rejected by the exchange (invalid_price): off tick',
    );
    expect(describeOutcome(what, { outcome: 'unknown', client_order_id: 'kt-m-2' })).toMatch(
      /: sent as kt-m-2, no answer/,
    );
    expect(
      describeOutcome('Cancel kt-m-1', {
        outcome: 'refused',
        code: 'not_operating',
        message: 'initializing',
      }),
    ).toBe('Cancel kt-m-1: not sent (not_operating): initializing');
  });
});
