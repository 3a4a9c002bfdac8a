// What the daemon tells the server: events the composition root publishes on DaemonPorts.subscribe.
import type {
  BookUpdateView,
  FillView,
  OrderView,
  PositionView,
  TraderState,
  TradingStateView,
} from './views';

export type Severity = 'info' | 'warning' | 'error';

/** Anything worth a line in the console; state transitions carry from/to. */
export interface ActivityEvent {
  type: 'activity';
  /** `state_transition`, `sync`, `health`, `connection`, `order`, ... */
  activity_type: string;
  message: string;
  severity: Severity;
  /** The trader's state when this happened (after the transition, for transitions). */
  state: TraderState;
  metadata?: Record<string, unknown>;
  from_state?: TraderState;
  to_state?: TraderState;
}

/** The trader's status changed; the server pulls getStatus() itself, throttled. */
export interface StatusEvent {
  type: 'status';
}

export interface OrderEvent {
  type: 'order';
  order: OrderView;
}

export interface FillEvent {
  type: 'fill';
  fill: FillView;
}

export interface PositionEvent {
  type: 'position';
  position: PositionView;
}

export interface TradingStateEvent {
  type: 'trading_state';
  trading_state: TradingStateView;
}

/** A coalesced book update for one market (at most one per market every N ms, by the orderbook actor). */
export interface BookEvent {
  type: 'book';
  book: BookUpdateView;
}

export type DaemonEvent =
  | ActivityEvent
  | StatusEvent
  | OrderEvent
  | FillEvent
  | PositionEvent
  | TradingStateEvent
  | BookEvent;
