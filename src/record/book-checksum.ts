// A short fingerprint of one book (seq, validity, both ladders): the recording ends with the live
// daemon's, and a replay must end with the same ones.
import { createHash } from 'node:crypto';
import type { OrderbookView } from '../domain/orderbook';
import type { LadderView } from '../domain/price-ladder';

const ladderText = (ladder: LadderView): string => {
  let text = '';
  for (let i = 0; i < ladder.count; i++) text += `${ladder.priceAt(i)}:${ladder.sizeAt(i)},`;
  return text;
};

export function bookChecksum(book: OrderbookView): string {
  const text = `${book.seq}|${book.valid}|${ladderText(book.yes)}|${ladderText(book.no)}`;
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Ticker → checksum of every book the stream holds, in ticker order. */
export function bookChecksums(books: {
  tickers(): string[];
  getBook(ticker: string): OrderbookView | undefined;
}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ticker of [...books.tickers()].sort()) {
    const book = books.getBook(ticker);
    if (book) out[ticker] = bookChecksum(book);
  }
  return out;
}
