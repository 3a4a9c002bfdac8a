// The public state of a root-machine snapshot, read from the tag its public state node carries.

import { PUBLIC_STATES, type PublicState } from './trader.events';

/**
 * Every state node the machine rests in is tagged; only the transient `startup` is never seen. `acting`
 * is tagged alongside ready or degraded (its own region) and wins: it is what the trader is doing.
 */
export function publicStateOf(snapshot: { hasTag(tag: PublicState): boolean }): PublicState {
  if (snapshot.hasTag('acting')) return 'acting';
  return PUBLIC_STATES.find((state) => snapshot.hasTag(state)) ?? 'startup';
}
