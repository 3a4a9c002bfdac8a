// What a replay produces, as text that two replays of one file must reproduce byte for byte: the
// transition log, the strategy's intents and outcomes, and a checksum of each book at the end.

export interface ReplayOutputs {
  transitions: string[];
  intents: string[];
  /** Ticker → sha256 (first 16 hex digits) of seq, validity and both ladders, as the shutdown began. */
  books: Record<string, string>;
}

export function createOutputLog(startMs: number, now: () => number) {
  const outputs: ReplayOutputs = { transitions: [], intents: [], books: {} };
  const at = () => `+${now() - startMs}ms`;
  return {
    outputs,
    transition(t: { from: string; to: string; reason?: string }) {
      outputs.transitions.push(`${at()} ${transitionText(t)}`);
    },
    intents(hook: string, intents: readonly unknown[]) {
      for (const intent of intents) outputs.intents.push(`${at()} ${hook} ${JSON.stringify(intent)}`);
    },
    outcome(intent: unknown, outcome: unknown) {
      outputs.intents.push(`${at()} outcome ${JSON.stringify(intent)} -> ${JSON.stringify(outcome)}`);
    },
  };
}

/** `from → to: reason`, the vocabulary the recording and the replay are compared in. */
export const transitionText = (t: { from: string; to: string; reason?: string }): string =>
  `${t.from} → ${t.to}${t.reason ? `: ${t.reason}` : ''}`;
