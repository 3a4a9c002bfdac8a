// The soak's crowd of /v3/ws clients: each subscribes to a few markets' books, answers the heartbeat,
// counts what it receives, and now and then hangs up and comes back, as browser tabs do.
import { WebSocket } from 'ws';

export interface ConsoleCrowdOptions {
  /** ws://host:port/v3/ws */
  url: string;
  count: number;
  markets: readonly string[];
  /** Books each client subscribes to. */
  marketsPerClient: number;
  /** Each client reconnects after a random 20–40 s; 0 keeps them connected. */
  reconnect: boolean;
  rng: () => number;
}

export interface ConsoleCrowdStats {
  connected: number;
  frames: number;
  bytes: number;
  connects: number;
  /** Upgrades refused or sockets that failed (a healthy run has none). */
  failures: number;
}

export interface ConsoleCrowd {
  stats(): ConsoleCrowdStats;
  stop(): Promise<void>;
}

export function startConsoleCrowd(opts: ConsoleCrowdOptions): ConsoleCrowd {
  const stats: ConsoleCrowdStats = { connected: 0, frames: 0, bytes: 0, connects: 0, failures: 0 };
  const sockets = new Set<WebSocket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let stopped = false;

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const pickMarkets = () => {
    const picked = new Set<string>();
    const want = Math.min(opts.marketsPerClient, opts.markets.length);
    while (picked.size < want)
      picked.add(opts.markets[Math.floor(opts.rng() * opts.markets.length)] as string);
    return [...picked];
  };

  const connect = () => {
    if (stopped) return;
    const ws = new WebSocket(opts.url);
    sockets.add(ws);
    let open = false;
    ws.on('open', () => {
      open = true;
      stats.connected++;
      stats.connects++;
      ws.send(JSON.stringify({ type: 'subscribe', channels: ['orderbook'], markets: pickMarkets() }));
      if (opts.reconnect) later(20_000 + opts.rng() * 20_000, () => ws.close(1000, 'soak reconnect'));
    });
    ws.on('message', (data: Buffer) => {
      stats.frames++;
      stats.bytes += data.length;
      // Frames start with their type; parsing every frame would make the load generator the bottleneck.
      if (data.subarray(0, 16).toString() === '{"type":"ping",') ws.send('{"type":"pong"}');
    });
    ws.on('error', () => {
      stats.failures++;
    });
    ws.on('close', () => {
      sockets.delete(ws);
      if (open) stats.connected--;
      // A refused or dropped client comes back after a pause, like the console's reconnecting socket.
      if (!stopped) later(open ? 100 : 2_000, connect);
    });
  };

  for (let i = 0; i < opts.count; i++) connect();

  return {
    stats: () => ({ ...stats }),
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(
        [...sockets].map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              ws.once('close', () => resolve());
              ws.terminate();
            }),
        ),
      );
    },
  };
}
