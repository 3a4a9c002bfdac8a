// The frames of the "buggy exchange" faults: bodies that are well-formed and plausible but wrong, so a
// client's defences (ownership by subscription, seq checks, the REST audit) are what must catch them.
import { formatCount, parseCount } from '../../domain/fixed-point';
import { type Rng, WRONG_DELTA_KINDS, type WrongDeltaKind } from '../faults';

/** Added to a seq by seqJumpRate: far ahead of anything real, still a safe integer. */
export const SEQ_JUMP = 1_000_000_000;

/** Sids a client never subscribed start here (real sids count up from 1 per connection). */
const FOREIGN_SID_BASE = 900_000;

type Msg = Record<string, unknown>;

/**
 * A snapshot of the delta's market under a sid the client never subscribed, with a book that is not
 * the exchange's: one level of 999 contracts at the delta's price.
 */
export function foreignSnapshot(sid: number, seq: number, delta: Msg): Record<string, unknown> {
  const level = [[delta.price_dollars, '999.00']];
  const msg: Msg = { market_ticker: delta.market_ticker, market_id: delta.market_id };
  msg[delta.side === 'no' ? 'no_dollars_fp' : 'yes_dollars_fp'] = level;
  return { type: 'orderbook_snapshot', sid: FOREIGN_SID_BASE + sid, seq, msg };
}

/**
 * A delta for a market the subscription does not cover, inside the subscription's own stream: half
 * the time a plausible ticker nobody subscribed, half the time junk far longer than any real ticker.
 */
export function unsubscribedDelta(delta: Msg, rng: Rng): Msg {
  const ticker = rng() < 0.5 ? `${String(delta.market_ticker)}-UNSUBSCRIBED` : `JUNK-${'X'.repeat(2_000)}`;
  return { ...delta, market_ticker: ticker, market_id: undefined };
}

/**
 * The delta, wrong in a way no parser can see, in one of `kinds` (empty: any): its size changed by 3
 * contracts, its side flipped, or (when the subscription has other markets) relabelled to another market.
 * A relabel with no other market to take changes the size instead.
 */
export function wrongDelta(
  delta: Msg,
  otherTickers: readonly string[],
  rng: Rng,
  kinds: readonly WrongDeltaKind[] = [],
): Msg {
  const from = kinds.length > 0 ? kinds : WRONG_DELTA_KINDS;
  const kind = from.length === 1 ? from[0] : from[Math.floor(rng() * from.length)];
  if (kind === 'market' && otherTickers.length > 0) {
    const ticker = otherTickers[Math.floor(rng() * otherTickers.length)];
    return { ...delta, market_ticker: ticker, market_id: undefined };
  }
  if (kind === 'side') return { ...delta, side: delta.side === 'yes' ? 'no' : 'yes' };
  const size = parseCount(String(delta.delta_fp));
  const changed = size + 300 === 0 ? size + 600 : size + 300;
  return { ...delta, delta_fp: formatCount(changed) };
}
