// Compares the daemon's books with the simulator's own engine books (not with anything the daemon
// reports), and watches for the one thing a trader must never see: a book called fresh while it is wrong.
import { afterEach } from 'vitest';
import type { Daemon } from './daemon-harness';

const levels = (pairs: ReadonlyArray<readonly [number, number]>) => JSON.stringify(pairs);

/** Markets whose daemon book is fresh but differs from the engine's, level by level. */
export function wrongFreshBooks(d: Daemon): string[] {
  const wrong: string[] = [];
  for (const ticker of d.trader.feed.books.tickers()) {
    const ours = d.trader.feed.books.getBook(ticker);
    const truth = d.exchange.sim.exchange.getBook(ticker);
    if (ours === undefined || truth === undefined || !ours.fresh) continue;
    const same =
      levels(ours.levelsAscending('yes')) === levels(truth.yes) &&
      levels(ours.levelsAscending('no')) === levels(truth.no);
    if (!same) wrong.push(ticker);
  }
  return wrong;
}

/** Every followed market's daemon book is fresh and equal to the engine's. */
export function booksEqualEngine(d: Daemon): boolean {
  const tickers = d.trader.feed.books.tickers();
  return (
    tickers.length > 0 &&
    tickers.every((t) => d.trader.feed.books.getBook(t)?.fresh === true) &&
    wrongFreshBooks(d).length === 0
  );
}

/**
 * Samples every `everyMs` how long each market has been fresh-but-wrong without a break. The feed
 * lags the engine by a frame's flight, so single samples of a moving book can differ: what counts is
 * the longest unbroken run.
 */
export function watchWrongFresh(d: Daemon, everyMs = 100) {
  const since = new Map<string, number>();
  let longestMs = 0;
  let worst = '';
  const timer = setInterval(() => {
    const now = Date.now();
    const wrong = new Set(wrongFreshBooks(d));
    for (const ticker of since.keys()) if (!wrong.has(ticker)) since.delete(ticker);
    for (const ticker of wrong) {
      const start = since.get(ticker) ?? now;
      since.set(ticker, start);
      if (now - start > longestMs) {
        longestMs = now - start;
        worst = ticker;
      }
    }
  }, everyMs);
  return {
    /** The longest time one market was fresh and wrong, and which. */
    longest: () => ({ ms: longestMs, ticker: worst }),
    stop: () => clearInterval(timer),
  };
}

/** One watch per test, started with `start(daemon)` once its books are right and stopped after the test. */
export function useWrongFreshWatch() {
  let watch: ReturnType<typeof watchWrongFresh> | undefined;
  afterEach(() => {
    watch?.stop();
    watch = undefined;
  });
  return {
    start(d: Daemon): void {
      watch = watchWrongFresh(d);
    },
    longest() {
      if (watch === undefined) throw new Error('the watch only runs once started in a test');
      return watch.longest();
    },
  };
}
