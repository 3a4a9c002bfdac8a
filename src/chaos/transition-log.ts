// Keeps every state transition the daemon announces on /v3/ws (the history replay on connect, then
// live `system_activity` frames), across restarts: attach() to each new process in turn.
import { WebSocket } from 'ws';
import type { Transition } from './state-sequence';

interface Frame {
  type?: string;
  data?: {
    activity_type?: string;
    from_state?: string;
    to_state?: string;
    transitions?: { from_state?: string; to_state?: string }[];
  };
}

export class TransitionLog {
  readonly transitions: Transition[] = [];
  private ws: WebSocket | null = null;

  /** Connects to a daemon's /v3/ws; resolves once the socket is open. */
  async attach(daemonUrl: string): Promise<void> {
    this.close();
    const ws = new WebSocket(`${daemonUrl.replace(/^http/, 'ws')}/v3/ws`);
    this.ws = ws;
    // Attached before open: the daemon sends its history replay on connect.
    ws.on('message', (data) => this.onFrame(String(data)));
    ws.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  /** Transitions from index `from` on (an index taken earlier with `mark()`). */
  since(from: number): Transition[] {
    return this.transitions.slice(from);
  }

  mark(): number {
    return this.transitions.length;
  }

  close(): void {
    this.ws?.terminate();
    this.ws = null;
  }

  private onFrame(text: string): void {
    let frame: Frame;
    try {
      frame = JSON.parse(text) as Frame;
    } catch {
      return;
    }
    const atMs = Date.now();
    const add = (from: string | undefined, to: string | undefined) => {
      if (from !== undefined && to !== undefined) this.transitions.push({ from, to, atMs });
    };
    if (frame.type === 'history_replay')
      for (const t of frame.data?.transitions ?? []) add(t.from_state, t.to_state);
    else if (frame.type === 'system_activity' && frame.data?.activity_type === 'state_transition')
      add(frame.data.from_state, frame.data.to_state);
  }
}
