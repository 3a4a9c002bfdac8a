// Keeps every state the daemon announces on /v3/ws, across restarts (attach() to each new process in
// turn): transitions (the history replay on connect, then live `system_activity` frames) and, from the
// `trader_status` frames, what an `acting` state runs over: a feed outage that starts and ends while a
// decision executes never shows as a transition, only as `degraded: true` in the status.
import { WebSocket } from 'ws';
import type { Transition } from './state-sequence';

interface Frame {
  type?: string;
  data?: {
    activity_type?: string;
    from_state?: string;
    to_state?: string;
    metadata?: { reason?: string };
    transitions?: { from_state?: string; to_state?: string; metadata?: { reason?: string } }[];
    state?: string;
    degraded?: boolean;
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
    const add = (from: string | undefined, to: string | undefined, reason?: string) => {
      if (from === undefined || to === undefined) return;
      this.transitions.push({ from, to, atMs, ...(reason === undefined ? {} : { reason }) });
    };
    const data = frame.data;
    if (frame.type === 'history_replay')
      for (const t of data?.transitions ?? []) add(t.from_state, t.to_state, t.metadata?.reason);
    else if (frame.type === 'system_activity' && data?.activity_type === 'state_transition')
      add(data.from_state, data.to_state, data.metadata?.reason);
    else if (frame.type === 'trader_status' && data?.state === 'acting')
      add('acting', data.degraded ? 'degraded' : 'ready');
  }
}
