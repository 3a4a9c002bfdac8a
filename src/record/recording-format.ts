// The recording file's vocabulary: one JSON object per line, a header first, then exchange traffic with
// its receive times and the daemon's own transitions and intents as annotations.

export const RECORDING_FORMAT = 1;

export interface RecordingHeader {
  type: 'header';
  format: number;
  daemonVersion: string;
  /** Wall clock of the first entry's time base: a replay's simulated clock starts here. */
  startedMs: number;
  /** The configuration with every secret replaced. */
  config: unknown;
  markets: readonly string[] | 'DISCOVERY';
  strategy: { name: string; params: Readonly<Record<string, unknown>> };
}

/** A socket the daemon opened (`c` numbers them in order). */
export interface WsOpenEntry {
  k: 'ws_open';
  t: number;
  c: number;
  url: string;
}
/** The handshake succeeded. */
export interface WsUpEntry {
  k: 'ws_up';
  t: number;
  c: number;
}
/** One inbound text frame, raw. */
export interface WsFrameEntry {
  k: 'ws';
  t: number;
  c: number;
  d: string;
}
/** A frame the daemon sent (commands): not served back, kept for reading the file. */
export interface WsOutEntry {
  k: 'ws_out';
  t: number;
  c: number;
  d: string;
}
/** A ping or pong from the server: proof of life for the silence watchdog. */
export interface WsBeatEntry {
  k: 'ws_ping' | 'ws_pong';
  t: number;
  c: number;
}
export interface WsDownEntry {
  k: 'ws_down';
  t: number;
  c: number;
  code: number;
  reason: string;
  error?: string;
  /** The daemon closed it (shutdown, recovery, watchdog): its own doing, not the exchange's. */
  by?: 'client';
}
/** One REST exchange: sent at `t0`, answered (or failed, `e`) at `t`. */
export interface RestEntry {
  k: 'rest';
  t: number;
  t0: number;
  m: string;
  /** Path and query below the host. */
  p: string;
  q?: string;
  s: number;
  b?: string;
  /** Retry-After, when the answer carried one. */
  ra?: string;
  e?: 'timeout' | 'network';
}
export interface TransitionEntry {
  k: 'transition';
  t: number;
  from: string;
  to: string;
  reason: string;
}
/** What the strategy asked for, from which hook. */
export interface IntentEntry {
  k: 'intent';
  t: number;
  hook: string;
  intents: unknown[];
}
export interface OutcomeEntry {
  k: 'outcome';
  t: number;
  intent: unknown;
  outcome: unknown;
}

/** A value the daemon drew from its own randomness (ids, jitter): a replay draws the same ones. */
export interface DrawEntry {
  k: 'id' | 'rand';
  t: number;
  v: string | number;
}

export type WsEntry = WsOpenEntry | WsUpEntry | WsFrameEntry | WsOutEntry | WsBeatEntry | WsDownEntry;
/** The live daemon's books as its shutdown began (ticker → checksum). */
export interface BooksEntry {
  k: 'books';
  t: number;
  books: Record<string, string>;
}

export type Annotation = TransitionEntry | IntentEntry | OutcomeEntry | BooksEntry;
export type RecordingEntry = WsEntry | RestEntry | DrawEntry | Annotation;

export interface Recording {
  header: RecordingHeader;
  entries: RecordingEntry[];
  /** A last line cut short (a crash mid-write) was dropped. */
  truncated: boolean;
}
