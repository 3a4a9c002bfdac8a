// The REST book audit against a scripted exchange: a difference is a mismatch only when it holds by the
// same amount on the confirming fetch; markets are audited in turn; a failed read costs one log line.
import { describe, expect, it } from 'vitest';
import { BookAudit } from '../../../src/actors/orderbook/book-audit';
import type { LevelsBySide } from '../../../src/domain/book-diff';
import { BookStore } from '../../../src/domain/book-store';
import { recordingLog } from './recording-log';

const TRUTH: LevelsBySide = { yes: [[4000, 100]], no: [[5000, 20]] };

function setup(markets = ['A', 'B'], batch = 10) {
  const store = new BookStore();
  store.subscribe(1, markets);
  for (const [i, ticker] of markets.entries()) {
    store.handleSnapshot({ kind: 'snapshot', sid: 1, seq: i + 1, ticker, yes: [4000, 100], no: [5000, 20] });
  }
  let seq = markets.length;
  const exchange = new Map(markets.map((t) => [t, TRUTH]));
  const reads: string[][] = [];
  let failing = false;
  const log = recordingLog();
  const audit = new BookAudit({
    fetchBooks: async (tickers) => {
      reads.push(tickers);
      if (failing) throw new Error('GET /markets/orderbooks: 503');
      return new Map(tickers.map((t) => [t, exchange.get(t)!]));
    },
    freshBook: (t) => (store.get(t)?.fresh ? store.get(t) : undefined),
    markets: () => markets,
    now: () => 1_000,
    log,
    intervalMs: 5_000,
    batch,
  });
  const delta = (ticker: string, price: number, size: number) =>
    store.handleDelta({
      kind: 'delta',
      sid: 1,
      seq: ++seq,
      ticker,
      side: 'yes',
      price,
      delta: size,
      tsMs: 1,
    });
  return { store, exchange, reads, audit, log, delta, fail: (on: boolean) => (failing = on) };
}

describe('BookAudit', () => {
  it('finds nothing to confirm when every book matches', async () => {
    const t = setup();
    expect(await t.audit.fetch()).toEqual({ suspects: 0, mismatched: [] });
    expect(t.audit.report()).toMatchObject({
      intervalMs: 5_000,
      lastRunMs: 1_000,
      mismatches: 0,
      markets: { A: { result: 'match', levels: 0 }, B: { result: 'match', levels: 0 } },
    });
  });

  it('calls a book wrong when it differs by the same amount on the confirming fetch, and logs the levels', async () => {
    const t = setup();
    t.delta('B', 4000, -3); // a valid-looking wrong delta: the exchange still has 100
    expect(await t.audit.fetch()).toEqual({ suspects: 1, mismatched: [] });
    expect(t.audit.report().markets.B).toMatchObject({ result: 'differs', levels: 1 });
    expect(await t.audit.confirm()).toEqual({ suspects: 0, mismatched: ['B'] });
    expect(t.reads.at(-1)).toEqual(['B']);
    expect(t.audit.report()).toMatchObject({
      mismatches: 1,
      markets: { B: { result: 'mismatch', levels: 1 } },
    });
    const line = t.log.lines.find((l) => l.msg.includes('differs from the exchange'));
    expect(line?.obj).toMatchObject({
      ticker: 'B',
      levels: [{ side: 'yes', price: 4000, exchange: 100, ours: 97 }],
    });
  });

  it('lets a difference go when the feed catches up with what REST showed', async () => {
    const t = setup();
    t.exchange.set('A', { yes: [[4000, 105]], no: [[5000, 20]] }); // REST ahead of the feed by one delta
    expect(await t.audit.fetch()).toMatchObject({ suspects: 1 });
    t.delta('A', 4000, 5); // ...which then arrives
    expect(await t.audit.confirm()).toEqual({ suspects: 0, mismatched: [] });
    expect(t.audit.report().markets.A).toMatchObject({ result: 'match' });
  });

  it('audits the markets in turn, a batch per round, and skips books being repaired', async () => {
    const t = setup(['A', 'B', 'C'], 2);
    await t.audit.fetch();
    await t.audit.fetch();
    expect(t.reads).toEqual([
      ['A', 'B'],
      ['C', 'A'],
    ]);
    t.store.invalidate('B');
    await t.audit.fetch();
    expect(t.reads.at(-1)).toEqual(['A', 'C']);
  });

  it('reports only the followed markets while discovery replaces them round after round', async () => {
    const followed = ['A', 'B'];
    const t = setup(followed); // the audit reads this array: rotation replaces its contents
    for (let round = 1; round <= 50; round++) {
      const fresh = [`M${round}-1`, `M${round}-2`];
      t.store.subscribe(round + 1, fresh);
      for (const [i, ticker] of fresh.entries()) {
        t.store.handleSnapshot({
          kind: 'snapshot',
          sid: round + 1,
          seq: i + 1,
          ticker,
          yes: [4000, 100],
          no: [5000, 20],
        });
        t.exchange.set(ticker, TRUTH);
      }
      followed.splice(0, followed.length, ...fresh);
      await t.audit.fetch();
    }
    expect(Object.keys(t.audit.report().markets).sort()).toEqual(['M50-1', 'M50-2']);
  });

  it('survives a failed read with one log line and no verdict', async () => {
    const t = setup();
    t.fail(true);
    expect(await t.audit.fetch()).toEqual({ suspects: 0, mismatched: [] });
    expect(await t.audit.fetch()).toEqual({ suspects: 0, mismatched: [] });
    expect(t.log.lines.filter((l) => l.msg === 'book audit fetch failed')).toHaveLength(1);
    expect(t.audit.report().lastRunMs).toBeNull();
  });
});
