// Ordered, synchronous delivery of engine events. Events are queued while an operation runs and delivered
// when it finishes, so a listener that calls back into the engine never sees a half-applied state, and
// the events it causes are delivered after the current batch, still in order.
import type { ExchangeEvent } from './types';

export type ExchangeListener = (event: ExchangeEvent) => void;

export class EventBus {
  private readonly listeners = new Set<ExchangeListener>();
  private readonly queue: ExchangeEvent[] = [];
  private delivering = false;
  /** Listener exceptions swallowed so far (observable for tests and the sim's state page). */
  listenerErrors = 0;

  subscribe(listener: ExchangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  push(event: ExchangeEvent): void {
    this.queue.push(event);
  }

  /** Delivers everything queued; re-entrant calls only queue, the outermost call drains. */
  flush(): void {
    if (this.delivering) return;
    this.delivering = true;
    try {
      // Index walk, not shift(): a halt can queue thousands of cancels; events queued meanwhile are
      // picked up because the length is re-read each round.
      for (let i = 0; i < this.queue.length; i++) {
        const event = this.queue[i] as ExchangeEvent;
        for (const listener of this.listeners) {
          try {
            listener(event);
          } catch {
            // A failing observer must not corrupt the exchange or starve the other observers.
            this.listenerErrors++;
          }
        }
      }
    } finally {
      this.queue.length = 0;
      this.delivering = false;
    }
  }
}
