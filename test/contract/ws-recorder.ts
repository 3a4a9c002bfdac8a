// A KalshiWsClient wired to record everything it delivers (book frames, data messages, states), with
// bounded waits on what arrived, and a plain book rebuilt from snapshots + deltas as an oracle.
import type { KalshiCredentials } from '../../src/adapters/kalshi/auth';
import type { DataMessage } from '../../src/adapters/kalshi/messages';
import type {
  OrderbookDeltaFrame,
  OrderbookSnapshotFrame,
} from '../../src/adapters/kalshi/orderbook-frame-parser';
import type { BookLevel, OrderbookLevels } from '../../src/adapters/kalshi/parse';
import { KalshiWsClient } from '../../src/adapters/kalshi/ws';
import type { WsConnectionState, WsProtocolError, WsStateInfo } from '../../src/adapters/kalshi/ws-types';
import { until } from './contract-helpers';

export type BookFrame = OrderbookSnapshotFrame | OrderbookDeltaFrame;

export class WsRecorder {
  readonly client: KalshiWsClient;
  readonly book: BookFrame[] = [];
  readonly messages: DataMessage[] = [];
  readonly states: Array<{ state: WsConnectionState; info: WsStateInfo }> = [];
  readonly protocolErrors: WsProtocolError[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(url: string, credentials?: KalshiCredentials) {
    const wake = (): void => {
      for (const w of [...this.waiters]) w();
    };
    this.client = new KalshiWsClient({
      url,
      ...(credentials ? { credentials } : {}),
      // A refused handshake is retried; keep the retries slow so a refusal test sees one attempt.
      backoff: { initialMs: 60_000, maxMs: 60_000 },
      random: () => 0.99,
      handlers: {
        onOrderbookFrame: (frame) => {
          this.book.push(frame);
          wake();
        },
        onMessage: (_type, message) => {
          this.messages.push(message);
          wake();
        },
        onStateChange: (state, info) => {
          this.states.push({ state, info });
          wake();
        },
        onProtocolError: (err) => {
          this.protocolErrors.push(err);
          wake();
        },
      },
    });
  }

  /** Waits until `check` yields a value, re-checking on every delivered frame or state change. */
  until<T>(check: () => T | undefined, label: string, timeoutMs = 5_000): Promise<T> {
    const onChange = (wake: () => void) => {
      this.waiters.add(wake);
      return () => this.waiters.delete(wake);
    };
    return until(onChange, check, label, timeoutMs);
  }

  framesOf(sid: number): BookFrame[] {
    return this.book.filter((f) => f.sid === sid);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** First seq that breaks `seq = previous + 1` on one sid, or null when the run is contiguous. */
export function seqBreak(
  frames: readonly BookFrame[],
): { index: number; expected: number; got: number } | null {
  for (let i = 1; i < frames.length; i++) {
    const expected = frames[i - 1]!.seq + 1;
    const got = frames[i]!.seq;
    if (got !== expected) return { index: i, expected, got };
  }
  return null;
}

/** Rebuilds each market's book from the frames: a snapshot replaces it, a delta changes one level. */
export function rebuildBooks(frames: readonly BookFrame[]): Map<string, OrderbookLevels> {
  const books = new Map<string, { yes: Map<number, number>; no: Map<number, number> }>();
  for (const frame of frames) {
    if (frame.kind === 'snapshot') {
      books.set(frame.ticker, { yes: pairs(frame.yes), no: pairs(frame.no) });
      continue;
    }
    const book = books.get(frame.ticker);
    if (book === undefined) throw new Error(`delta for ${frame.ticker} before its snapshot`);
    const ladder = book[frame.side];
    const size = (ladder.get(frame.price) ?? 0) + frame.delta;
    if (size < 0) throw new Error(`level ${frame.side}@${frame.price} of ${frame.ticker} went negative`);
    if (size === 0) ladder.delete(frame.price);
    else ladder.set(frame.price, size);
  }
  const out = new Map<string, OrderbookLevels>();
  for (const [ticker, book] of books) out.set(ticker, { yes: ascending(book.yes), no: ascending(book.no) });
  return out;
}

function pairs(flat: readonly number[]): Map<number, number> {
  const ladder = new Map<number, number>();
  for (let i = 0; i + 1 < flat.length; i += 2) ladder.set(flat[i]!, flat[i + 1]!);
  return ladder;
}

const ascending = (ladder: Map<number, number>): BookLevel[] =>
  [...ladder].map(([price, size]): BookLevel => [price, size]).sort((a, b) => a[0] - b[0]);
