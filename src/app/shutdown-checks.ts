// The shutdown procedure's stopStrategy and closeSockets steps as the daemon runs them. The root machine
// stops the strategy and the orderbook stream itself when it leaves operation for `stopping` (XState
// stops a state's invoked actors on exit), just before the procedure starts: these steps check that it
// did, stop whatever still runs, and report `skipped` only when there was nothing running to stop.
import { skip } from '../actors/shutdown-steps';
import type { PublicState } from '../machines/trader.events';
import { publicStateOf } from '../machines/trader.view';

interface ChildRef {
  getSnapshot(): { status: string };
  stop(): void;
}

/** The least of a root machine snapshot these checks read. */
interface RootSnapshot {
  children: Record<string, ChildRef | undefined>;
  hasTag(tag: PublicState): boolean;
}

export function createShutdownChecks(feed: { stats(): { running: boolean } }) {
  // The last snapshot before `shutdown`: what was running when the shutdown began.
  let live: RootSnapshot | null = null;

  /** Undefined when the child ran and no longer does; `skip(why)` when it was not running. */
  function stopChild(id: string, what: string) {
    const child = live?.children[id];
    if (!child) return skip(`${what} was not running (${live ? publicStateOf(live) : 'never started'})`);
    if (child.getSnapshot().status === 'active') child.stop();
    return undefined;
  }

  return {
    /** Follows the root machine from its start. */
    watch(root: {
      subscribe(observer: { next(s: RootSnapshot): void; error(err: unknown): void }): unknown;
    }) {
      root.subscribe({
        next: (s) => {
          if (!s.hasTag('shutdown')) live = s;
        },
        // A crash is logged where the daemon starts the root; the last live snapshot still says what ran.
        error: () => undefined,
      });
    },
    stopStrategy: () => stopChild('strategy', 'the strategy'),
    closeSockets: () => {
      const skipped = stopChild('orderbook', 'the orderbook feed');
      if (skipped) return skipped;
      if (feed.stats().running) throw new Error('the orderbook stream still runs');
      return undefined;
    },
  };
}
