// Vocabulary of the feed statechart (the orderbook actor's lifecycle): input, context, the coarse
// facts its socket actor reports, the commands it sends back, and the only two things it tells the root.

export interface FeedInput {
  markets: string[];
}

/** What the root hears: nothing else, and each only on an edge of the verdict. */
export type FeedParentEvent = { type: 'FEED.UP' } | { type: 'FEED.DOWN'; reason: string };

/** Plain data only: the socket, books and clients live in the socket actor. */
export interface FeedContext {
  markets: string[];
  /** The verdict last told to the root (null before the first one). */
  told: 'up' | 'down' | null;
  /** Why the feed is not up; null while it is. */
  reason: string | null;
  /** What the socket actor last said is missing from the subscriptions. */
  subscriptionGap: string;
  /** Retries of unacknowledged subscriptions since they were last complete: drives SUBSCRIBE_RETRY. */
  subscribeAttempts: number;
  /** Socket replacements since the feed was last live: drives RECONNECT_BACKOFF. */
  reconnectAttempts: number;
}

/** Facts from the socket actor: edges only, never one per frame. */
export type FeedEvent =
  | { type: 'SOCKET.OPEN' }
  | { type: 'SOCKET.DOWN'; reason: string }
  /** Every subscription (markets and private channels) is acknowledged on this socket. */
  | { type: 'SUBSCRIPTIONS.COMPLETE' }
  | { type: 'SUBSCRIPTIONS.INCOMPLETE'; reason: string }
  /** Every book holds a snapshot the stream has not contradicted since. */
  | { type: 'BOOKS.FRESH' }
  /** Books need snapshots: a gap, a book gone wrong, a snapshot that never came. */
  | { type: 'BOOKS.STALE' }
  /** No market delivered a usable frame for the stale period. */
  | { type: 'BOOKS.SILENT'; reason: string }
  | { type: 'BOOKS.HEARD' }
  /** The exchange refused a get_snapshot or a resubscribe: climb the ladder now. */
  | { type: 'REPAIR.FAILED'; reason: string }
  /** From the root: the markets to stream now (rolling discovery); changed on the live socket. */
  | { type: 'MARKETS.SET'; markets: string[] };

/** Commands to the socket actor. */
export type FeedCommand =
  | { type: 'SOCKET.SUBSCRIBE_MISSING' }
  | { type: 'SOCKET.REQUEST_SNAPSHOTS' }
  | { type: 'SOCKET.RESUBSCRIBE_STALE' }
  | { type: 'SOCKET.CHECK' }
  | { type: 'SOCKET.RESNAPSHOT'; tickers: string[] }
  /** Subscribe the added markets and drop the removed ones in place (update_subscription). */
  | { type: 'SOCKET.SET_MARKETS'; markets: string[] };

/** What one audit fetch found. */
export interface AuditOutcome {
  /** Markets whose REST book differed and must be fetched again to confirm. */
  suspects: number;
  /** Markets whose difference held on the confirming fetch: their books are wrong. */
  mismatched: string[];
}
