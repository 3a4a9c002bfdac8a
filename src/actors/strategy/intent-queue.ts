// The strategy's intent queue: intents wait their turn stamped with the time and book seq they were
// computed from. At most one desired set per market waits: a newer one takes the place of one not yet
// sent. Whether an intent is too old to send is decided when its turn comes (`isStale`).
import type { DropReason, StrategyIntent } from './strategy-types';

/** An intent and what it was computed from. */
export interface QueuedIntent {
  intent: StrategyIntent;
  /** When the strategy computed it (the daemon's clock). */
  atMs: number;
  /** The seq of the book it was computed from, null when it came from a timer or a fill. */
  seq: number | null;
}

export const isDesired = (intent: StrategyIntent): intent is Extract<StrategyIntent, { kind: 'desired' }> =>
  intent.kind === 'desired';

/**
 * Places and amends add risk at prices read from a book: too old, they are dropped. Cancels and
 * decreases only take risk off and are always sent.
 */
export const addsRisk = (intent: StrategyIntent): boolean =>
  intent.kind === undefined || intent.kind === 'place' || intent.kind === 'amend';

export class IntentQueue {
  private readonly items: QueuedIntent[] = [];

  constructor(private readonly onDrop: (item: QueuedIntent, reason: DropReason) => void) {}

  get size(): number {
    return this.items.length;
  }

  push(item: QueuedIntent): void {
    const { intent } = item;
    if (isDesired(intent)) {
      const i = this.items.findIndex((q) => isDesired(q.intent) && q.intent.ticker === intent.ticker);
      const old = this.items[i];
      if (old !== undefined) {
        // Same place in line: a market that keeps changing its mind is not pushed back forever.
        this.items[i] = item;
        this.onDrop(old, 'superseded');
        return;
      }
    }
    this.items.push(item);
  }

  shift(): QueuedIntent | undefined {
    return this.items.shift();
  }

  /** Whether a desired set for `ticker` is waiting: the one running is then superseded. */
  hasDesired(ticker: string): boolean {
    return this.items.some((q) => isDesired(q.intent) && q.intent.ticker === ticker);
  }

  /** Empties the queue, each intent dropped for `reason`. */
  clear(reason: DropReason): void {
    for (const item of this.items.splice(0)) this.onDrop(item, reason);
  }
}

/** Older than `maxAgeMs` now: a place or an amend is then dropped, never sent. */
export const isStale = (item: QueuedIntent, nowMs: number, maxAgeMs: number): boolean =>
  addsRisk(item.intent) && nowMs - item.atMs > maxAgeMs;
