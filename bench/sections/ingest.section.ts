// Ingest throughput: bare JSON.parse of the text (the floor) against the full path the orderbook actor
// runs per frame: socket bytes → scanner (parseOrderbookFrame on the text for what it defers) → seq
// check → book apply → mark dirty, with a periodic drain standing in for the coalesced publication.
import { readBookFrame } from '../lib/book-frame-read';
import { BookStore } from '../../src/domain/book-store';
import type { OrderbookView } from '../../src/domain/orderbook';
import { STREAM_SID } from '../lib/kalshi-stream';
import { consume, measureRates, QUICK_RATES } from '../lib/measure';
import type { BenchSection } from '../lib/section';

/** Frames between drains: a few ms of a busy feed, more often than a real publish tick would be. */
const DRAIN_EVERY = 2_048;

const publish = (_ticker: string, book: OrderbookView): void => consume(book.bestYesBid() ?? 0);

export const section: BenchSection = {
  name: 'ingest',
  order: 10,
  run(ctx) {
    const { texts, frames, deltas, tickers } = ctx.stream();
    const read = readBookFrame();
    // The daemon's own subscription owns the stream's sid, as its subscribe ack would declare it.
    const subscribed = () => {
      const store = new BookStore();
      store.subscribe(STREAM_SID, tickers);
      return store;
    };
    let store = subscribed();
    let unexpected = 0;
    const [floor = 0, parseOnly = 0, ingest = 0] = measureRates(
      [
        {
          pass: () => {
            let acc = 0;
            for (let i = 0; i < texts.length; i++) acc += (JSON.parse(texts[i]!) as { seq: number }).seq;
            consume(acc);
          },
        },
        {
          pass: () => {
            let acc = 0;
            for (let i = 0; i < frames.length; i++) acc += read(frames[i]!).kind.length;
            consume(acc);
          },
        },
        {
          prepare: () => {
            store = subscribed();
          },
          pass: () => {
            for (let i = 0; i < frames.length; i++) {
              const frame = read(frames[i]!);
              if (frame.kind === 'delta') {
                if (store.handleDelta(frame).kind !== 'none') unexpected++;
              } else if (frame.kind === 'snapshot') {
                if (store.handleSnapshot(frame).kind !== 'none') unexpected++;
              } else unexpected++;
              if ((i & (DRAIN_EVERY - 1)) === DRAIN_EVERY - 1) store.drainDirty(publish);
            }
            store.drainDirty(publish);
          },
        },
      ],
      { itemsPerPass: texts.length, ...(ctx.options.quick ? QUICK_RATES : {}) },
    );
    ctx.note(
      `${texts.length.toLocaleString('en-US')} frames over ${tickers.length} markets, one sid; median of 5 rounds`,
    );
    const base = { unit: 'msg/s', baseline: floor, baselineLabel: 'JSON.parse only (floor)' };
    ctx.figure({ name: 'ingest.parse_only', label: 'frame read only (scanner)', value: parseOnly, ...base });
    ctx.figure({
      name: 'ingest.full_path',
      label: 'full ingest path',
      value: ingest,
      ...base,
      target: '≥ 1.0×',
      met: ingest / floor >= 1,
    });
    const c = store.counters;
    const clean = unexpected === 0 && c.deltas === deltas.count && c.gaps === 0 && c.invalid === 0;
    ctx.note(
      `check: last pass applied ${c.deltas} deltas and ${c.snapshots} snapshots, ${c.gaps} gaps, ` +
        `${c.invalid} invalid, ${unexpected} unexpected actions${clean ? '' : '  ← SANITY CHECK FAILED'}`,
    );
  },
};
