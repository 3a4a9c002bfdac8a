// What the daemon tells the server: events the composition root publishes on DaemonPorts.subscribe.
import type { Severity } from '../machines/trader.events';
import type { FillView, OrderView, PositionView, TraderState, TradingStateView } from './views';

/** One public state transition, as the root machine records it (times in ms; the frame formats them). */
export interface TransitionEvent {
  type: 'transition';
  from: TraderState;
  to: TraderState;
  atMs: number;
  severity: Severity;
  reason?: string;
}

/** Anything else worth a line in the console. */
export interface ActivityEvent {
  type: 'activity';
  /** `sync`, `health`, `order`, `command`, `system`, ... (transitions are TransitionEvents). */
  activity_type: string;
  message: string;
  severity: Severity;
  /** The trader's state when this happened. */
  state: TraderState;
  metadata?: Record<string, unknown>;
}

/** A line the console replays on connect: a transition (timed by the machine) or another activity line. */
export type ActivityRecord = TransitionEvent | (ActivityEvent & { atMs: number });

/** The trader's status changed; the server pulls getStatus() itself, throttled. */
interface StatusEvent {
  type: 'status';
}

interface OrderEvent {
  type: 'order';
  order: OrderView;
}

interface FillEvent {
  type: 'fill';
  fill: FillView;
}

interface PositionEvent {
  type: 'position';
  position: PositionView;
}

interface TradingStateEvent {
  type: 'trading_state';
  trading_state: TradingStateView;
}

/**
 * A market's book changed (coalesced by the orderbook actor: at most one per market every N ms). The
 * server builds the view (`getBook`) only when a client subscribed to the market.
 */
interface BookEvent {
  type: 'book';
  ticker: string;
}

export type DaemonEvent =
  | TransitionEvent
  | ActivityEvent
  | StatusEvent
  | OrderEvent
  | FillEvent
  | PositionEvent
  | TradingStateEvent
  | BookEvent;
