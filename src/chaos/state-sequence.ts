// The daemon's public state sequence as a scenario sees it: transitions (from /v3/ws system_activity
// frames) folded to the states that matter, and matched against what the scenario expects.

export interface Transition {
  from: string;
  to: string;
  atMs: number;
  /** Why, as the daemon said (an `error` transition's cause). */
  reason?: string;
}

/** Why the daemon went to `error` first in `transitions`, if it did. */
export function firstErrorReason(transitions: readonly Transition[]): string | undefined {
  return transitions.find((t) => t.to === 'error')?.reason;
}

/**
 * The states visited, in order, from `initial`. `acting` is left out: it is a decision running over
 * `ready` or `degraded` and returns where it was, many times a second under the market maker. Repeats
 * that leaves behind are folded.
 */
export function stateSequence(initial: string, transitions: readonly Transition[]): string[] {
  const out: string[] = [];
  const push = (state: string) => {
    if (state !== 'acting' && out.at(-1) !== state) out.push(state);
  };
  push(initial);
  for (const t of transitions) push(t.to);
  return out;
}

/** The start-up chain the daemon runs again after `error` (and after a restart). */
const RECONNECT = [
  'startup',
  'initializing',
  'orderbook_connect',
  'trading_client_connect',
  'kalshi_data_sync',
];

/** The sequence as one line, the start-up chain shortened to `…` so a table cell stays readable. */
export function describeSequence(states: readonly string[]): string {
  const out: string[] = [];
  for (const s of states) {
    if (!RECONNECT.includes(s)) out.push(s);
    else if (out.at(-1) !== '…') out.push('…');
  }
  return out.join(' → ');
}

export interface SequenceExpectation {
  /** Shown in the table's "expected" column. */
  text: string;
  /** Matched against describeSequence's output. */
  pattern: RegExp;
}

export const sequences = {
  /** Nothing the daemon should notice: ready throughout. */
  steady: { text: 'ready throughout', pattern: /^ready$/ },
  /** The feed lost and regained, trading on over REST meanwhile; never error. */
  degradedAndBack: {
    text: 'ready → degraded → ready (repeats allowed), never error',
    pattern: /^ready( → degraded → ready)+$/,
  },
  /** The feed may blink (or not) but the daemon never fails. */
  maybeDegraded: {
    text: 'ready, degraded allowed, never error',
    pattern: /^ready( → degraded → ready)*$/,
  },
  /** The exchange refused the daemon: error, recovery attempts, back to ready. */
  errorAndBack: {
    text: 'ready → error → … → ready (attempts repeat while refused)',
    pattern: /^ready( → degraded)? → error( → … → error)* → …( → degraded)? → ready$/,
  },
  /** No REST for longer than three sync intervals: trading unhealthy, so error is right; then back. */
  recovers: {
    text: 'ready; error allowed (no sync for 3 intervals); back to ready',
    pattern: /^ready( → [a-z_…]+)* → ready$|^ready$/,
  },
  /** A restart: the new process runs its start-up chain to ready. */
  restarted: { text: 'ready; killed; new process … → ready', pattern: /^ready → …( → degraded)? → ready$/ },
} satisfies Record<string, SequenceExpectation>;
