// A WebSocket that reconnects by itself (capped exponential backoff with jitter), for the console and inspector.
// @ts-check

/**
 * ws:// or wss:// to `path` on the host that served the page.
 * @param {string} path
 */
export function sameHostSocketUrl(path) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): doubles from minMs up to maxMs, ±20 % jitter.
 * @param {number} attempt
 */
export function backoffDelay(attempt, minMs = 500, maxMs = 15_000) {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 16));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * @template {{ type: string }} F
 * @typedef {object} SocketOptions
 * @property {() => void} [onOpen]
 * @property {(frame: F) => void} [onFrame] a frame from the server, taken to be an F once it is a JSON
 *   object with a string `type` (the server's encoders define the shapes; the page stays defensive)
 * @property {(down: { attempt: number, retryInMs: number }) => void} [onDown]
 * @property {number} [minMs]
 * @property {number} [maxMs]
 */

/**
 * Opens `url` and keeps it open. Frames that are not JSON objects with a string `type` are ignored.
 * @template {{ type: string }} F
 * @param {string} url
 * @param {SocketOptions<F>} [options]
 */
export function createReconnectingSocket(url, { onOpen, onFrame, onDown, minMs, maxMs } = {}) {
  /** @type {WebSocket | undefined} */
  let ws;
  let attempt = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let stopped = false;

  const connect = () => {
    timer = undefined;
    const socket = new WebSocket(url);
    ws = socket;
    socket.addEventListener('open', () => {
      attempt = 0;
      onOpen?.();
    });
    socket.addEventListener('message', (e) => {
      if (typeof e.data !== 'string') return;
      let frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      if (frame !== null && typeof frame === 'object' && typeof frame.type === 'string') onFrame?.(frame);
    });
    // 'error' is always followed by 'close', which is where the retry is scheduled.
    socket.addEventListener('close', () => {
      if (ws !== socket) return;
      ws = undefined;
      if (stopped) return;
      const retryInMs = backoffDelay(attempt, minMs, maxMs);
      attempt++;
      onDown?.({ attempt, retryInMs });
      timer = setTimeout(connect, retryInMs);
    });
  };

  connect();

  return {
    /**
     * False when not connected: callers show that instead of queueing commands for later.
     * @param {object} frame
     */
    send(frame) {
      if (ws === undefined || ws.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(frame));
      return true;
    },
    isOpen: () => ws !== undefined && ws.readyState === WebSocket.OPEN,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      ws?.close();
    },
  };
}
