// Commands in flight on the WS client: ids (monotonic, so unique per connection), sending, timeouts,
// and matching replies; error frames, timeouts and disconnects fail a command with a KalshiWsError.
import type { OrderbookSnapshotFrame } from './orderbook-frame-parser';
import type { WsCommand, WsTimers } from './ws-commands';
import type { ControlFrame } from './ws-control-frames';
import { KalshiWsError } from './ws-errors';

/** What may answer a command: a control frame with its id, or a snapshot answering get_snapshot. */
export type CommandReply = ControlFrame | OrderbookSnapshotFrame;

export const isSnapshotReply = (reply: CommandReply): reply is OrderbookSnapshotFrame => 'kind' in reply;

/** The socket side the channel needs. */
export interface CommandTransport {
  readonly isOpen: boolean;
  send(text: string): boolean;
}

/** Returns true when the command is complete. Error frames never reach it. */
export type ReplyHandler = (reply: CommandReply) => boolean;

interface PendingEntry {
  cmd: string;
  onReply: ReplyHandler;
  onFail: (err: KalshiWsError) => void;
  timer: unknown;
}

const noop = (): void => {};

/** Rejections a caller may never await (e.g. after close()) must not surface as unhandled. */
export function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(noop);
  return p;
}

export class CommandChannel {
  private nextId = 1;
  private readonly entries = new Map<number, PendingEntry>();

  constructor(
    private readonly transport: CommandTransport,
    private readonly timers: WsTimers,
    private readonly timeoutMs: number,
  ) {}

  /** Sends and tracks a command; returns its id, or null (nothing sent) when no socket is open. */
  send(
    build: (id: number) => WsCommand,
    onReply: ReplyHandler,
    onFail: (err: KalshiWsError) => void,
  ): number | null {
    if (!this.transport.isOpen) return null;
    const id = this.nextId++;
    const command = build(id);
    const timer = this.timers.setTimeout(() => {
      if (this.entries.get(id)?.timer !== timer) return;
      this.entries.delete(id);
      const text = `${command.cmd} ${id} got no answer in ${this.timeoutMs} ms`;
      onFail(new KalshiWsError('timeout', text, { commandId: id }));
    }, this.timeoutMs);
    this.entries.set(id, { cmd: command.cmd, onReply, onFail, timer });
    this.transport.send(JSON.stringify(command));
    return id;
  }

  /** Stops waiting for command `id` without failing it: a reply that still comes is unmatched. */
  cancel(id: number): void {
    const entry = this.entries.get(id);
    if (entry !== undefined) this.finish(id, entry);
  }

  /** A command as a promise: `onReply` calls `done` and returns true once the answer is complete. */
  request<T>(
    name: string,
    build: (id: number) => WsCommand,
    onReply: (reply: CommandReply, done: (value: T) => void) => boolean,
  ): Promise<T> {
    if (!this.transport.isOpen)
      return quiet(Promise.reject(new KalshiWsError('not_connected', `${name}: not connected`)));
    return quiet(
      new Promise<T>((resolve, reject) => this.send(build, (reply) => onReply(reply, resolve), reject)),
    );
  }

  /** Sends a command whose answer nobody awaits; its reply is still consumed rather than unmatched. */
  fireAndForget(build: (id: number) => WsCommand): void {
    this.send(build, () => true, noop);
  }

  /** Hands a reply to command `id`; false when no such command is pending. */
  deliver(id: number, reply: CommandReply): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    if (!isSnapshotReply(reply) && reply.type === 'error') {
      this.finish(id, entry);
      const text = `${entry.cmd} ${id} failed: Kalshi WS error ${reply.code}${reply.message ? ` (${reply.message})` : ''}`;
      const details: { code: number; commandId: number; sid?: number } = { code: reply.code, commandId: id };
      if (reply.sid !== null) details.sid = reply.sid;
      entry.onFail(new KalshiWsError('server', text, details));
      return true;
    }
    if (entry.onReply(reply)) this.finish(id, entry);
    return true;
  }

  /** Fails every pending command, e.g. when the socket closes. */
  failAll(make: (id: number, cmd: string) => KalshiWsError): void {
    const all = [...this.entries];
    this.entries.clear();
    for (const [id, entry] of all) {
      this.timers.clearTimeout(entry.timer);
      entry.onFail(make(id, entry.cmd));
    }
  }

  get inFlight(): number {
    return this.entries.size;
  }

  private finish(id: number, entry: PendingEntry): void {
    this.entries.delete(id);
    this.timers.clearTimeout(entry.timer);
  }
}
