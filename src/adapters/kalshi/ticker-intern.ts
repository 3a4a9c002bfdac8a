// Market tickers read from frame bytes, returned as the same string object each time the same bytes
// come again: the hot path makes no string per frame, and the book store's map lookups hit a string
// whose hash V8 has already computed. A fixed table, so forged tickers cannot grow it.

const SLOTS = 8_192; // a power of two above the daemon's market cap

export class TickerIntern {
  private readonly slots: string[] = new Array<string>(SLOTS).fill('');

  /** The ASCII bytes [start, end) of `bytes` as a string (the caller has checked they are ASCII). */
  get(bytes: Buffer, start: number, end: number): string {
    // The length and the last few bytes tell tickers apart well enough (they differ at the end: the
    // strike or outcome); equality is checked in full below.
    let hash = end - start;
    for (let i = Math.max(start, end - 6); i < end; i++) hash = (Math.imul(hash, 31) + bytes[i]!) | 0;
    const slot = hash & (SLOTS - 1);
    const cached = this.slots[slot]!;
    if (cached.length === end - start) {
      let i = 0;
      while (i < cached.length && cached.charCodeAt(i) === bytes[start + i]) i++;
      if (i === cached.length) return cached;
    }
    const text = bytes.toString('latin1', start, end);
    this.slots[slot] = text;
    return text;
  }
}
