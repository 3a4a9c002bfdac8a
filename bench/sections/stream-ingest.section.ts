// Ingest through the orderbook actor's own frame handler (src/actors/orderbook/frame-ingest.ts): the
// same bytes → scan → ownership and seq check → apply → mark dirty path as `ingest`, plus the actor's
// repair bookkeeping, with a drain standing in for the coalesced publication. No socket.
import { BookRepair } from '../../src/actors/orderbook/book-repair';
import { createFrameIngest, type IngestHandlers } from '../../src/actors/orderbook/frame-ingest';
import { MarketTrades } from '../../src/actors/orderbook/market-trades';
import { newStreamCounters, type StreamLog } from '../../src/actors/orderbook/orderbook-types';
import { BookStore } from '../../src/domain/book-store';
import type { OrderbookView } from '../../src/domain/orderbook';
import type { FeedEvent } from '../../src/machines/feed.events';
import { readBookFrame } from '../lib/book-frame-read';
import { STREAM_SID } from '../lib/kalshi-stream';
import { consume, measureRates, QUICK_RATES } from '../lib/measure';
import type { BenchSection } from '../lib/section';

const DRAIN_EVERY = 2_048;
const quiet: StreamLog = { debug() {}, info() {}, warn() {}, error() {} };
const publish = (_ticker: string, book: OrderbookView): void => consume(book.bestYesBid() ?? 0);

function build(tickers: string[]) {
  const store = new BookStore();
  const counters = newStreamCounters();
  const events: FeedEvent['type'][] = [];
  const repair = new BookRepair(
    {
      staleTickers: (sid) => store.staleTickers(sid),
      allFresh: () => store.allFresh(),
      requestSnapshots: () => new Promise<never>(() => {}),
      resubscribe: () => false,
      send: (event) => events.push(event.type),
    },
    { now: Date.now, log: quiet, counters },
  );
  // As the subscribe ack does: the sid is ours and its books wait for their first snapshots.
  store.subscribe(STREAM_SID, tickers);
  repair.loading(STREAM_SID);
  const ingest: IngestHandlers = createFrameIngest({
    store,
    repair,
    trades: new MarketTrades(),
    log: quiet,
    now: Date.now,
    counters,
    onPrivate: undefined,
    changed: () => {},
  });
  return { store, ingest, events };
}

export const section: BenchSection = {
  name: 'stream-ingest',
  order: 15,
  run(ctx) {
    const { texts, frames, deltas, tickers } = ctx.stream();
    const read = readBookFrame();
    let run = build(tickers);
    let other = 0;
    const [floor = 0, actor = 0] = measureRates(
      [
        {
          pass: () => {
            let acc = 0;
            for (let i = 0; i < texts.length; i++) acc += (JSON.parse(texts[i]!) as { seq: number }).seq;
            consume(acc);
          },
        },
        {
          prepare: () => {
            run = build(tickers);
          },
          pass: () => {
            const { ingest, store } = run;
            for (let i = 0; i < frames.length; i++) {
              const frame = read(frames[i]!);
              if (frame.kind === 'delta' || frame.kind === 'snapshot') ingest.onOrderbookFrame(frame);
              else other++;
              if ((i & (DRAIN_EVERY - 1)) === DRAIN_EVERY - 1) store.drainDirty(publish);
            }
            store.drainDirty(publish);
          },
        },
      ],
      { itemsPerPass: texts.length, ...(ctx.options.quick ? QUICK_RATES : {}) },
    );
    ctx.figure({
      name: 'stream_ingest.actor',
      label: 'actor frame ingest',
      value: actor,
      unit: 'msg/s',
      baseline: floor,
      baselineLabel: 'JSON.parse only (floor)',
      target: '≥ 1.0×',
      met: actor / floor >= 1,
    });
    const c = run.store.counters;
    const said = run.events.join(', ');
    const clean = other === 0 && c.deltas === deltas.count && c.gaps === 0 && said === 'BOOKS.FRESH';
    ctx.note(
      `check: last pass applied ${c.deltas} deltas, ${c.gaps} gaps; the machine heard: ${said}` +
        (clean ? '' : '  ← SANITY CHECK FAILED'),
    );
  },
};
