// A deterministic stream of Kalshi-shaped WS v2 orderbook frames (text, as they come off the socket)
// plus the same deltas pre-decoded, with the absolute level size after each for absolute-size books.
import { formatCount, formatPrice } from '../../src/domain/fixed-point';
import { MarketModel, type Rng, seededRng } from './market-model';

export interface StreamOptions {
  markets: number;
  deltas: number;
  /** One mid-stream snapshot (as a get_snapshot answer would be) every this many deltas. */
  snapshotEvery: number;
  seed: number;
}

/** Decoded deltas as parallel typed arrays: the book-apply comparison reads them with no parsing. */
export interface DecodedDeltas {
  count: number;
  market: Int32Array;
  /** 0 = yes, 1 = no */
  side: Uint8Array;
  price: Int32Array; // ticks
  delta: Float64Array; // centi, signed
  /** Size at (side, price) after the delta, centi (0 = level removed). */
  size: Float64Array;
}

export interface KalshiStream {
  tickers: string[];
  /** Every frame in order: one snapshot per market first, then deltas with occasional snapshots. */
  texts: string[];
  /** The same frames as bytes, the way the socket hands them to the daemon. */
  frames: Buffer[];
  snapshotFrames: number;
  /** Books at the start of the stream, flat [price, size, ...] ascending. */
  initial: Array<{ yes: number[]; no: number[] }>;
  deltas: DecodedDeltas;
}

/** The one subscription id every generated frame carries. */
export const STREAM_SID = 1;

export function generateStream(options: StreamOptions): KalshiStream {
  const rng = seededRng(options.seed);
  const tickers = Array.from({ length: options.markets }, (_, i) => `KXBENCH-26DEC31-T${100 + i}`);
  const ids = tickers.map((_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const models = tickers.map(() => MarketModel.random(rng, 20, 60));
  const texts: string[] = [];
  let seq = 0;
  let tsMs = 1_790_000_000_000;
  const snapshotText = (m: number) =>
    JSON.stringify({
      type: 'orderbook_snapshot',
      sid: STREAM_SID,
      seq: ++seq,
      msg: {
        market_ticker: tickers[m],
        market_id: ids[m],
        yes_dollars_fp: models[m]!.levels('yes').map(([p, s]) => [formatPrice(p), formatCount(s)]),
        no_dollars_fp: models[m]!.levels('no').map(([p, s]) => [formatPrice(p), formatCount(s)]),
      },
    });
  for (let m = 0; m < models.length; m++) texts.push(snapshotText(m));
  const initial = models.map((model) => ({ yes: model.levels('yes').flat(), no: model.levels('no').flat() }));

  const n = options.deltas;
  const deltas: DecodedDeltas = {
    count: n,
    market: new Int32Array(n),
    side: new Uint8Array(n),
    price: new Int32Array(n),
    delta: new Float64Array(n),
    size: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const m = Math.floor(rng() * models.length);
    const change = models[m]!.randomChange(rng);
    tsMs += Math.floor(rng() * 20);
    deltas.market[i] = m;
    deltas.side[i] = change.side === 'yes' ? 0 : 1;
    deltas.price[i] = change.price;
    deltas.delta[i] = change.delta;
    deltas.size[i] = change.size;
    texts.push(
      `{"type":"orderbook_delta","sid":${STREAM_SID},"seq":${++seq},"msg":{"market_ticker":"${tickers[m]}",` +
        `"market_id":"${ids[m]}","price_dollars":"${formatPrice(change.price)}",` +
        `"delta_fp":"${formatCount(change.delta)}","side":"${change.side}",` +
        `"ts":"${new Date(tsMs).toISOString().slice(0, 19)}Z","ts_ms":${tsMs}}}`,
    );
    if ((i + 1) % options.snapshotEvery === 0) texts.push(snapshotText(pickMarket(rng, models.length)));
  }
  const frames = texts.map((text) => Buffer.from(text, 'utf8'));
  return { tickers, texts, frames, snapshotFrames: texts.length - n, initial, deltas };
}

const pickMarket = (rng: Rng, count: number): number => Math.floor(rng() * count);
