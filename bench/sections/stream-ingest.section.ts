// Ingest through the orderbook actor's own frame handler (src/actors/orderbook/frame-ingest.ts): the
// same text → parse → seq check → apply → mark dirty path as `ingest`, plus the actor's episode
// bookkeeping, with a drain standing in for the coalesced publication. No socket.
import { FeedNews } from '../../src/actors/orderbook/feed-news';
import { createFrameIngest, type IngestHandlers } from '../../src/actors/orderbook/frame-ingest';
import { newStreamCounters, type StreamLog } from '../../src/actors/orderbook/orderbook-types';
import { ResyncController } from '../../src/actors/orderbook/resync-controller';
import { parseOrderbookFrame } from '../../src/adapters/kalshi/orderbook-frame-parser';
import { BookStore } from '../../src/domain/book-store';
import type { OrderbookView } from '../../src/domain/orderbook';
import { consume, measureRates } from '../lib/measure';
import { type BenchSection, fmtRate } from '../lib/section';

const DRAIN_EVERY = 2_048;
const quiet: StreamLog = { debug() {}, info() {}, warn() {}, error() {} };
const publish = (_ticker: string, book: OrderbookView): void => consume(book.bestYesBid() ?? 0);

function build() {
  const store = new BookStore();
  const counters = newStreamCounters();
  let events = 0;
  const news = new FeedNews(() => {
    events++;
  });
  const resync = new ResyncController(
    {
      staleTickers: (sid) => store.staleTickers(sid),
      requestSnapshots: () => new Promise<never>(() => {}),
      resubscribe: () => null,
      reconnect: () => {},
    },
    { timeoutMs: 60_000, now: Date.now, log: quiet, counters },
  );
  const ingest: IngestHandlers = createFrameIngest({
    store,
    news,
    resync,
    log: quiet,
    now: Date.now,
    counters,
    onPrivate: undefined,
    maybeUp: () => {},
  });
  return { store, ingest, resync, events: () => events };
}

export const section: BenchSection = {
  name: 'stream-ingest',
  order: 15,
  run(ctx) {
    const { texts, deltas } = ctx.stream();
    let run = build();
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
            run.resync.clear();
            run = build();
          },
          pass: () => {
            const { ingest, store } = run;
            for (let i = 0; i < texts.length; i++) {
              const frame = parseOrderbookFrame(texts[i]!);
              if (frame.kind === 'delta' || frame.kind === 'snapshot') ingest.onOrderbookFrame(frame);
              else other++;
              if ((i & (DRAIN_EVERY - 1)) === DRAIN_EVERY - 1) store.drainDirty(publish);
            }
            store.drainDirty(publish);
          },
        },
      ],
      { itemsPerPass: texts.length },
    );
    run.resync.clear();
    ctx.row('JSON.parse only (floor)', fmtRate(floor));
    ctx.row('actor frame ingest', fmtRate(actor));
    const ratio = actor / floor;
    ctx.row('actor ingest / floor', `${ratio.toFixed(2)}×`, '≥ 0.50×', ratio >= 0.5);
    const c = run.store.counters;
    const clean = other === 0 && c.deltas === deltas.count && c.gaps === 0 && run.events() === 0;
    ctx.note(
      `check: last pass applied ${c.deltas} deltas, ${c.gaps} gaps, ${run.events()} FEED events` +
        (clean ? '' : '  ← SANITY CHECK FAILED'),
    );
  },
};
