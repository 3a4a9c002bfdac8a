// The replay exchange's WebSocket side: each socket the daemon opens gets the next recorded connection,
// whose handshake, frames, pings and close are delivered at their recorded times on the simulated clock,
// through the daemon's real WS client (this is only the `ws` object under it).
import { EventEmitter } from 'node:events';
import type { WsSocket, WsSocketFactory } from '../adapters/kalshi/ws-types';
import type { WsEntry } from '../record/recording-format';
import type { VirtualClock } from '../runtime/virtual-clock';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

type Inbound = Exclude<WsEntry, { k: 'ws_open' } | { k: 'ws_out' }>;

class ReplaySocket extends EventEmitter implements WsSocket {
  readyState = CONNECTING;
  private next = 0;
  private closing: { code: number; reason: string } | null = null;
  private timer: unknown = null;

  constructor(
    private readonly clock: VirtualClock,
    private readonly script: readonly Inbound[],
  ) {
    super();
    this.arm();
  }

  send(_text: string, cb: (err?: Error) => void): void {
    cb();
  }

  ping(): void {}

  /**
   * Where the live daemon closed this connection too, the frames that still came during its closing
   * handshake are delivered up to the recorded close; otherwise it closes now.
   */
  close(code: number, reason: string): void {
    const rest = this.script.slice(this.next);
    const recorded = rest.find((e) => e.k === 'ws_down');
    if (recorded?.k === 'ws_down' && recorded.by === 'client') this.closing = { code, reason };
    else this.end(code, reason, undefined);
  }

  terminate(): void {
    this.end(1006, '', undefined);
  }

  /** The next recorded event of this connection, at its time (or now, if the daemon is late). */
  private arm(): void {
    const entry = this.script[this.next];
    if (entry === undefined) return;
    const wait = Math.max(0, entry.t - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.next++;
      this.deliver(entry);
      if (this.readyState !== CLOSED) this.arm();
    }, wait);
  }

  private deliver(entry: Inbound): void {
    switch (entry.k) {
      case 'ws_up':
        this.readyState = OPEN;
        this.emit('open');
        return;
      case 'ws':
        if (this.readyState === OPEN) this.emit('message', Buffer.from(entry.d, 'utf8'));
        return;
      case 'ws_ping':
      case 'ws_pong':
        if (this.readyState === OPEN) this.emit(entry.k === 'ws_ping' ? 'ping' : 'pong');
        return;
      case 'ws_down':
        // A close the live daemon made is its decision, not an input: the replayed daemon makes its own.
        if (this.closing) this.end(this.closing.code, this.closing.reason, undefined);
        else if (entry.by !== 'client') this.end(entry.code, entry.reason, entry.error);
    }
  }

  /** Closes once, asynchronously like a real socket; the rest of the recorded connection is skipped. */
  private end(code: number, reason: string, error: string | undefined): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.clock.setTimeout(() => {
      if (error !== undefined) this.emit('error', new Error(error));
      this.emit('close', code, Buffer.from(reason, 'utf8'));
    }, 0);
  }
}

/** Sockets in the order the recording opened them; one past the last is refused like a dead host. */
export function replaySockets(clock: VirtualClock, entries: readonly WsEntry[]): WsSocketFactory {
  const byConnection = new Map<number, Inbound[]>();
  for (const entry of entries) {
    if (entry.k === 'ws_open' || entry.k === 'ws_out') continue;
    const list = byConnection.get(entry.c) ?? [];
    byConnection.set(entry.c, list);
    list.push(entry);
  }
  const order = [...new Set(entries.filter((e) => e.k === 'ws_open').map((e) => e.c))];
  let opened = 0;
  return () => {
    const c = order[opened++];
    const script = c === undefined ? undefined : byConnection.get(c);
    const refused: Inbound[] = [
      {
        k: 'ws_down',
        t: clock.now(),
        c: -1,
        code: 1006,
        reason: '',
        error: 'replay: no recorded connection',
      },
    ];
    return new ReplaySocket(clock, script ?? refused);
  };
}
