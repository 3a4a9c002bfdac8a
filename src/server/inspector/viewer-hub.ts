// The /v3/inspect sockets: upgrade gate, replay-then-live delivery, heartbeat, slow-viewer drops.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { closeGracefully } from '../ws-close';
import { isOriginAllowed, refuseUpgrade } from '../ws-origin';

export interface ViewerHubOptions {
  maxViewers: number;
  /** A viewer whose unsent backlog exceeds this is terminated rather than allowed to grow memory. */
  maxBufferedBytes: number;
  /** 0 disables the heartbeat. */
  pingIntervalMs: number;
  /** Who may connect; by default non-browser clients and same-origin browser pages. */
  allow?: (req: IncomingMessage) => boolean;
  /** The frames a new viewer gets before the live stream. */
  replay: () => readonly string[];
  onWarn?: (obj: Record<string, unknown>, msg: string) => void;
}

export interface ViewerHubStats {
  viewers: number;
  slowViewerDrops: number;
  refusedUpgrades: number;
}

const sameOrigin = (req: IncomingMessage) => isOriginAllowed(req.headers.origin, req.headers.host, []);

export class ViewerHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  private readonly viewers = new Set<WebSocket>();
  private readonly alive = new WeakSet<WebSocket>();
  private readonly heartbeat: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private slowViewerDrops = 0;
  private refusedUpgrades = 0;

  constructor(private readonly opts: ViewerHubOptions) {
    if (opts.pingIntervalMs > 0) {
      this.heartbeat = setInterval(() => this.ping(), opts.pingIntervalMs);
      this.heartbeat.unref();
    }
  }

  handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    allow = this.opts.allow ?? sameOrigin,
  ): void {
    const refusal = this.closed
      ? ([503, 'shutting_down', 'server is shutting down'] as const)
      : !allow(req)
        ? ([403, 'origin_not_allowed', 'origin not allowed'] as const)
        : this.viewers.size >= this.opts.maxViewers
          ? ([503, 'too_many_viewers', 'too many viewers'] as const)
          : undefined;
    if (refusal === undefined) {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
      return;
    }
    this.refusedUpgrades++;
    const [status, code, message] = refusal;
    refuseUpgrade(socket, status, code, message);
  }

  broadcast(json: string): void {
    for (const ws of this.viewers) this.send(ws, json);
  }

  stats(): ViewerHubStats {
    return {
      viewers: this.viewers.size,
      slowViewerDrops: this.slowViewerDrops,
      refusedUpgrades: this.refusedUpgrades,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    await Promise.all([...this.viewers].map(closeGracefully));
    this.viewers.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(ws: WebSocket): void {
    this.alive.add(ws);
    // Viewers only listen; whatever they send (Stately's UI may chat) is ignored, but counts as life.
    ws.on('message', () => this.alive.add(ws));
    ws.on('pong', () => this.alive.add(ws));
    ws.on('error', (err) => this.opts.onWarn?.({ err }, '/v3/inspect viewer socket error'));
    ws.on('close', () => this.viewers.delete(ws));
    // Replay and registration happen in one tick, so no live frame can fall between the two.
    for (const json of this.opts.replay()) if (!this.send(ws, json)) return;
    this.viewers.add(ws);
  }

  /** Queues without waiting; false when the viewer is gone or was dropped for falling behind. */
  private send(ws: WebSocket, json: string): boolean {
    if (ws.readyState !== WebSocket.OPEN) return false;
    if (ws.bufferedAmount > this.opts.maxBufferedBytes) {
      this.viewers.delete(ws);
      this.slowViewerDrops++;
      this.opts.onWarn?.({ buffered: ws.bufferedAmount }, 'dropping slow /v3/inspect viewer');
      ws.terminate();
      return false;
    }
    ws.send(json);
    return true;
  }

  private ping(): void {
    for (const ws of this.viewers) {
      if (!this.alive.has(ws)) {
        this.viewers.delete(ws);
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }
}
