// Closing a server-side WebSocket (on shutdown by default): close handshake first, cut off a peer that stays silent.
import { WebSocket } from 'ws';

const CLOSE_GRACE_MS = 1_000;

export function closeGracefully(
  ws: WebSocket,
  code = 1001,
  reason = 'server shutting down',
  graceMs = CLOSE_GRACE_MS,
): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => ws.terminate(), graceMs);
    timer.unref();
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.close(code, reason);
  });
}
