// The daemon as an operator reaches it: its HTTP status, and operator commands over WS /v3/ws with the
// control token.
import WebSocket from 'ws';
import type { StatusView, TraderState } from '../../src/server/views';

export async function status(url: string): Promise<StatusView> {
  const res = await fetch(`${url}/v3/status`);
  if (!res.ok) throw new Error(`GET /v3/status: HTTP ${res.status}`);
  return (await res.json()) as StatusView;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls /v3/status until `accept` holds, or throws after `timeoutMs` with the last state seen. */
export async function until(
  url: string,
  accept: (s: StatusView) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<StatusView> {
  const deadline = Date.now() + timeoutMs;
  let last: TraderState | 'unreachable' = 'unreachable';
  for (;;) {
    const s = await status(url).catch(() => null);
    if (s !== null) {
      last = s.state;
      if (accept(s)) return s;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms (state ${last})`);
    await sleep(250);
  }
}

/** Waits for `n` syncs that start after this call. */
export async function quietSyncs(url: string, n: number, timeoutMs = 120_000): Promise<void> {
  let seen = (await status(url)).last_sync;
  for (let i = 0; i < n; i++) {
    const s = await until(
      url,
      (x) => x.last_sync !== null && x.last_sync !== seen,
      `sync ${i + 1} of ${n}`,
      timeoutMs,
    );
    seen = s.last_sync;
  }
}

/** Sends one operator command and resolves with its result, or rejects on an error frame or timeout. */
export async function command(url: string, token: string, cmd: Record<string, unknown>): Promise<string> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/v3/ws`);
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`command ${String(cmd.type)}: no answer`)), 10_000);
      ws.on('message', (raw) => {
        const frame = JSON.parse(String(raw)) as { type: string; data?: { ok?: boolean; message?: string } };
        if (frame.type !== 'command_result' && frame.type !== 'error') return;
        clearTimeout(timer);
        if (frame.type === 'command_result' && frame.data?.ok) resolve(frame.data.message ?? 'ok');
        else reject(new Error(`command ${String(cmd.type)}: ${JSON.stringify(frame.data)}`));
      });
      ws.on('error', reject);
      ws.on('open', () => ws.send(JSON.stringify({ type: 'command', id: 'trial', token, command: cmd })));
    });
  } finally {
    ws.close();
  }
}
