// HOLD: the default strategy. It never trades, so a daemon started without one only watches.
import type { Strategy } from '../actors/strategy/strategy-types';

export const HOLD_STRATEGY: Strategy = Object.freeze({ name: 'hold' });
