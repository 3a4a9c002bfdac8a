// Decisions in flight (a strategy's batch of intents, an operator's manual trade): the root machine is
// told when the first starts and when the last ends, so its public state is `acting` exactly while any
// decision executes, however many overlap.
export interface DecisionTracker {
  /** Runs one decision; the tracker counts it in flight until it settles. */
  run<T>(decision: () => Promise<T>): Promise<T>;
  /** Told `true` when decisions start executing, `false` when none is left; returns the unsubscribe. */
  subscribe(listener: (acting: boolean) => void): () => void;
  readonly acting: boolean;
}

export function createDecisionTracker(onListenerError?: (err: unknown) => void): DecisionTracker {
  let running = 0;
  const listeners = new Set<(acting: boolean) => void>();
  const tell = (acting: boolean) => {
    for (const listener of listeners) {
      try {
        listener(acting);
      } catch (err) {
        onListenerError?.(err);
      }
    }
  };
  return {
    async run(decision) {
      if (running++ === 0) tell(true);
      try {
        return await decision();
      } finally {
        if (--running === 0) tell(false);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get acting() {
      return running > 0;
    },
  };
}

/** For actors run without a root to tell (tests, tools): decisions simply run. */
export const untrackedDecisions: DecisionTracker = {
  run: (decision) => decision(),
  subscribe: () => () => {},
  acting: false,
};
