// The chaos suite's checks against the simulator's records: each must pass on agreeing records and
// fail, naming the problem, on each kind of disagreement (a lost, phantom or doubled order, a broken
// limit, a wrong position or book).
import { describe, expect, it } from 'vitest';
import {
  checkBooks,
  checkLimits,
  checkNoDoubles,
  checkOrdersKnown,
  checkPeakOrders,
  checkPositions,
  type DaemonView,
  type SimBook,
  type SimOrderRecord,
} from '../../src/chaos/chaos-checks';
import type { TraderLimits } from '../../src/chaos/trader-process';

const LIMITS: TraderLimits = { markets: 3, maxOrders: 4, maxPosition: 5, maxNotionalDollars: 2 };

let n = 0;
function order(over: Partial<SimOrderRecord> = {}): SimOrderRecord {
  n++;
  return {
    order_id: `o-${n}`,
    client_order_id: `kt-${n}`,
    ticker: 'MKT-A',
    book_side: 'bid',
    status: 'resting',
    yes_price_dollars: '0.4000',
    remaining_count_fp: '1.00',
    created_time: new Date(1_700_000_000_000 + n).toISOString(),
    last_update_time: new Date(1_700_000_000_000 + n).toISOString(),
    ...over,
  };
}
const known = (o: SimOrderRecord): DaemonView['orders'][number] => ({
  order_id: o.order_id,
  client_order_id: o.client_order_id,
  status: 'resting',
  remaining_count_fp: o.remaining_count_fp,
});

describe('checkOrdersKnown', () => {
  it('passes when the daemon holds open exactly what rests, finished orders aside', () => {
    const bid = order();
    const ask = order({ book_side: 'ask', yes_price_dollars: '0.4500' });
    const done = order({ status: 'canceled' });
    expect(checkOrdersKnown([known(bid), known(ask)], [bid, ask, done])).toEqual([]);
  });

  it('finds an order resting on the exchange that the daemon lost', () => {
    const bid = order();
    const lost = order({ book_side: 'ask' });
    expect(checkOrdersKnown([known(bid)], [bid, lost])).toEqual([
      `lost: ${lost.client_order_id} rests on the exchange, not open in the daemon`,
    ]);
  });

  it('finds an order the daemon holds open that the exchange never had, or has finished', () => {
    const filled = order({ status: 'executed' });
    const ghost = {
      order_id: 'nope',
      client_order_id: 'kt-ghost',
      status: 'unknown',
      remaining_count_fp: '1.00',
    };
    const problems = checkOrdersKnown([known(filled), ghost], [filled]);
    expect(problems).toEqual([
      expect.stringMatching(/^stale: .*executed/),
      expect.stringMatching(/^phantom: the daemon holds kt-ghost open/),
    ]);
  });

  it('finds a remaining count that differs', () => {
    const bid = order({ remaining_count_fp: '2.00' });
    expect(checkOrdersKnown([{ ...known(bid), remaining_count_fp: '1.00' }], [bid])).toHaveLength(1);
  });
});

describe('checkNoDoubles', () => {
  it('passes one quote per market side, however many finished before it', () => {
    const records = [
      order({ status: 'canceled' }),
      order(),
      order({ book_side: 'ask' }),
      order({ ticker: 'MKT-B' }),
    ];
    expect(checkNoDoubles(records)).toEqual([]);
  });

  it('finds two resting quotes on one side of a market', () => {
    expect(checkNoDoubles([order(), order()])).toEqual(['doubled: 2 resting quotes on MKT-A bid']);
  });

  it('finds one client_order_id placed twice', () => {
    const first = order({ status: 'canceled' });
    expect(checkNoDoubles([first, order({ client_order_id: first.client_order_id })])).toEqual([
      `doubled: client_order_id ${first.client_order_id} placed 2 times`,
    ]);
  });
});

describe('checkLimits', () => {
  it('passes within the limits, counting an ask at its NO price', () => {
    // $0.40 + $(1 − 0.45) = $0.95 resting, 2 orders, position 5.
    const records = [order(), order({ book_side: 'ask', yes_price_dollars: '0.4500' })];
    expect(checkLimits(records, [{ ticker: 'MKT-A', position_fp: '-5.00' }], LIMITS)).toEqual([]);
  });

  it('finds too many orders resting, too much notional and a position past the limit', () => {
    const records = [1, 2, 3, 4, 5].map((i) => order({ ticker: `M-${i}`, yes_price_dollars: '0.9000' }));
    const problems = checkLimits(records, [{ ticker: 'M-1', position_fp: '5.01' }], LIMITS);
    expect(problems).toEqual([
      '5 orders resting, limit 4',
      'resting notional $4.50, limit $2',
      'M-1: position 5.01, limit 5',
    ]);
  });
});

describe('checkPositions', () => {
  it('treats flat rows as absent on either side', () => {
    const exchange = [
      { ticker: 'A', position_fp: '2.00' },
      { ticker: 'B', position_fp: '0.00' },
    ];
    expect(checkPositions([{ ticker: 'A', position_fp: '2.00' }], exchange)).toEqual([]);
  });

  it('finds a position the daemon has wrong or is missing', () => {
    const problems = checkPositions(
      [{ ticker: 'A', position_fp: '1.00' }],
      [
        { ticker: 'A', position_fp: '2.00' },
        { ticker: 'B', position_fp: '-1.00' },
      ],
    );
    expect(problems).toEqual(['A: daemon position 1, exchange 2', 'B: daemon position 0, exchange -1']);
  });
});

describe('checkBooks', () => {
  const book: SimBook = { yes_dollars: [['0.4000', '3.00']], no_dollars: [['0.5500', '1.00']] };
  it('passes an equal, fresh book', () => {
    expect(checkBooks({ A: { orderbook_fp: book, stale: false } }, { A: book })).toEqual([]);
  });

  it('finds a differing level, a stale book and a missing one', () => {
    const off: SimBook = { ...book, no_dollars: [['0.5500', '2.00']] };
    expect(checkBooks({ A: { orderbook_fp: off, stale: true }, B: null }, { A: book, B: book })).toEqual([
      'A no_dollars: daemon [0.5500×2.00] exchange [0.5500×1.00]',
      'A: book still marked stale',
      'B: the daemon has no book',
    ]);
  });
});

describe('checkPeakOrders', () => {
  const at = (s: number) => new Date(1_800_000_000_000 + s * 1_000).toISOString();
  const lived = (from: number, to: number | null) =>
    order({
      created_time: at(from),
      last_update_time: at(to ?? from),
      status: to === null ? 'resting' : 'canceled',
    });

  it('passes when at most the limit rested at any moment, a replacement in the same instant included', () => {
    const history = [lived(0, 10), lived(1, 5), lived(2, 5), lived(3, null), lived(5, null), lived(10, null)];
    expect(checkPeakOrders(history, LIMITS)).toEqual([]);
  });

  it('finds a moment past the limit even when everything is quiet now', () => {
    const history = [lived(0, 10), lived(1, 9), lived(2, 9), lived(3, 9), lived(4, 9)];
    expect(checkPeakOrders(history, LIMITS)).toEqual([`5 orders rested at once (${at(4)}), limit 4`]);
  });
});
