// Routes each WS text frame, parsed exactly once, to the book, control or data sink, and counts it.
// Orderbook frames the byte scanner reads exactly skip the text decode and JSON.parse; every other
// frame (and every one the scanner defers) goes through parseOrderbookFrame on its text.
import { type DataMessage, type DataMessageType, isDataMessageType, parseDataMessage } from './messages';
import {
  type OrderbookDeltaFrame,
  type OrderbookSnapshotFrame,
  type OtherFrame,
  parseOrderbookFrame,
} from './orderbook-frame-parser';
import { OrderbookFrameScanner } from './orderbook-frame-scanner';
import { parseTickerFrame, type TickerFrame } from './ticker-frame-parser';
import { type ControlFrame, isControlFrameType, parseControlFrame } from './ws-control-frames';
import type { WsProtocolError } from './ws-types';

export interface FrameSinks {
  book(frame: OrderbookSnapshotFrame | OrderbookDeltaFrame): void;
  control(frame: ControlFrame): void;
  data(type: DataMessageType, message: DataMessage): void;
  ticker(frame: TickerFrame): void;
  protocolError(err: WsProtocolError): void;
  /** Whether `sid` belongs to one of our subscriptions; data frames on any other sid are dropped. */
  owns(sid: unknown): boolean;
  /** A data frame arrived on a sid that is not ours. */
  foreign(sid: unknown): void;
}

const SAMPLE_CHARS = 200;

export class FrameRouter {
  // Orderbook frames are the bulk of the traffic: plain fields, no map lookups for them.
  private snapshots = 0;
  private deltas = 0;
  private readonly otherTypes = new Map<string, number>();
  malformed = 0;
  /** Data frames dropped because their sid is none of ours. */
  foreign = 0;

  private readonly scanner = new OrderbookFrameScanner();

  constructor(private readonly sinks: FrameSinks) {}

  /** A frame's bytes as the socket delivered them. */
  routeBytes(bytes: Buffer): void {
    const frame = this.scanner.scan(bytes);
    if (frame === null) this.route(bytes.toString('utf8'));
    else this.book(frame);
  }

  route(text: string): void {
    const frame = parseOrderbookFrame(text);
    switch (frame.kind) {
      case 'delta':
      case 'snapshot':
        this.book(frame);
        return;
      case 'other':
        this.otherTypes.set(frame.type, (this.otherTypes.get(frame.type) ?? 0) + 1);
        this.routeOther(frame, text);
        return;
      default: {
        const err: WsProtocolError = { reason: frame.reason, sample: text.slice(0, SAMPLE_CHARS) };
        if (frame.type !== undefined) err.type = frame.type;
        if (frame.sid !== undefined) err.sid = frame.sid;
        if (frame.seq !== undefined) err.seq = frame.seq;
        this.fail(err);
      }
    }
  }

  private book(frame: OrderbookSnapshotFrame | OrderbookDeltaFrame): void {
    if (frame.kind === 'delta') this.deltas++;
    else this.snapshots++;
    this.sinks.book(frame);
  }

  /** Frames seen per wire `type` (malformed ones are in `malformed`). */
  framesByType(): Record<string, number> {
    const out: Record<string, number> = Object.fromEntries(this.otherTypes);
    if (this.snapshots > 0) out.orderbook_snapshot = this.snapshots;
    if (this.deltas > 0) out.orderbook_delta = this.deltas;
    return out;
  }

  private routeOther(frame: OtherFrame, text: string): void {
    const type = frame.type;
    if (isControlFrameType(type)) {
      const parsed = parseControlFrame(frame.frame);
      if (parsed.ok) this.sinks.control(parsed.frame);
      else
        this.fail({
          reason: 'bad_control_frame',
          type,
          issues: parsed.issues,
          sample: text.slice(0, SAMPLE_CHARS),
        });
    } else if (type === 'ticker' || isDataMessageType(type)) {
      // Ownership by subscription: a frame on a sid we never subscribed is not ours to act on.
      if (!this.sinks.owns(frame.frame.sid)) {
        this.foreign++;
        this.sinks.foreign(frame.frame.sid);
        return;
      }
      if (type === 'ticker') {
        this.routeTicker(frame, text);
        return;
      }
      const parsed = parseDataMessage(frame.frame);
      if (parsed.ok) this.sinks.data(type, parsed.message);
      else
        this.fail({
          reason: 'bad_data_message',
          type,
          issues: parsed.issues,
          sample: text.slice(0, SAMPLE_CHARS),
        });
    }
    // Other documented types (RFQs, index feeds, event lifecycle, ...) are counted and dropped.
  }

  /** Low rate: a light hand-written parse; a bad frame is counted and dropped like any other. */
  private routeTicker(frame: OtherFrame, text: string): void {
    const parsed = parseTickerFrame(frame.frame);
    if (parsed.ok) this.sinks.ticker(parsed.frame);
    else
      this.fail({
        reason: 'bad_data_message',
        type: 'ticker',
        issues: parsed.issues,
        sample: text.slice(0, SAMPLE_CHARS),
      });
  }

  private fail(err: WsProtocolError): void {
    this.malformed++;
    this.sinks.protocolError(err);
  }
}
