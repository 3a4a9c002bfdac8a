// The latency clients' receipts: for each client, the first book update carrying each market's seq, with
// its receive time, in typed arrays allocated up front. Hundreds of thousands of string keys held through
// a window grow the reader's old heap until a major GC stalls it, and every receipt behind the stall is
// stamped late: the reader must not put its own pauses into the figure it measures.

export interface Receipt {
  market: number;
  seq: number;
  atMicros: number;
}

export class ReceiptLog {
  private readonly markets = new Map<string, number>();
  /** Last seq recorded per client × market: a market's book is republished with the same seq when only
   *  its ticker (last trade, volume) changes, and that later frame is not the delta's delivery. */
  private readonly lastSeq: Float64Array;
  private readonly market: Int32Array;
  private readonly seq: Float64Array;
  private readonly at: Float64Array;
  private count = 0;
  /** Receipts past capacity, not recorded. */
  overflow = 0;

  constructor(
    readonly tickers: readonly string[],
    private readonly clients: number,
    capacity: number,
  ) {
    for (const [i, ticker] of tickers.entries()) this.markets.set(ticker, i);
    this.lastSeq = new Float64Array(clients * tickers.length).fill(-1);
    this.market = new Int32Array(capacity);
    this.seq = new Float64Array(capacity);
    this.at = new Float64Array(capacity);
  }

  /** Starts a window: forgets every receipt and seq seen. */
  reset(): void {
    this.count = 0;
    this.overflow = 0;
    this.lastSeq.fill(-1);
  }

  /** Records client `client`'s receipt of `ticker`'s book at `seq`, unless it already had that seq. */
  record(client: number, ticker: string | undefined, seq: number, atMicros: number): void {
    const market = ticker === undefined ? undefined : this.markets.get(ticker);
    if (market === undefined || !Number.isFinite(seq) || client >= this.clients) return;
    const slot = client * this.tickers.length + market;
    if (seq <= this.lastSeq[slot]!) return;
    this.lastSeq[slot] = seq;
    if (this.count === this.market.length) {
      this.overflow++;
      return;
    }
    this.market[this.count] = market;
    this.seq[this.count] = seq;
    this.at[this.count] = atMicros;
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  *receipts(): Generator<Receipt> {
    for (let i = 0; i < this.count; i++) {
      yield { market: this.market[i]!, seq: this.seq[i]!, atMicros: this.at[i]! };
    }
  }
}
