// The /v3/inspect sockets: upgrade gate (abandoned viewers make room at the cap), replay-then-live
// delivery, heartbeat, slow-viewer drops and bad-frame accounting.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { type HostCheck, hostRefusal } from '../host-allowlist';
import type { DaemonMetrics } from '../metrics';
import { closeGracefully } from '../ws-close';
import { isOriginAllowed, refuseUpgrade } from '../ws-origin';
import { DEFAULT_ABANDON_GRACE_MS, Liveness, oldestAbandoned, socketErrorCode } from '../ws-peer';

export type ViewerMetrics = Pick<DaemonMetrics, 'inspectorBadFrames' | 'inspectorEvictions'>;

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
  /** A viewer that leaves a ping unanswered this long is the first to go when the cap is reached. */
  abandonGraceMs?: number;
  now?: () => number;
}

export interface ViewerHubStats {
  viewers: number;
  slowViewerDrops: number;
  refusedUpgrades: number;
  badFrames: number;
  evictions: number;
}

const sameOrigin = (req: IncomingMessage) => isOriginAllowed(req.headers.origin, req.headers.host, []);

export class ViewerHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  private readonly viewers = new Set<WebSocket>();
  private readonly alive = new WeakSet<WebSocket>();
  /** Per open viewer; deleted with the viewer. */
  private readonly liveness = new Map<WebSocket, Liveness>();
  private readonly heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;
  private closed = false;
  private slowViewerDrops = 0;
  private refusedUpgrades = 0;
  private badFrames = 0;
  private evictions = 0;
  /** Set by the composition root once the registry exists (see InspectionRelay.attach). */
  metrics: ViewerMetrics | undefined;

  /** Viewers receiving live frames (one connecting is not one until its replay is sent). */
  get viewerCount(): number {
    return this.viewers.size;
  }

  constructor(private readonly opts: ViewerHubOptions) {
    this.now = opts.now ?? Date.now;
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
    hostAllowed: HostCheck = () => true,
  ): void {
    const badHost = hostAllowed(req.headers.host) ? undefined : hostRefusal(req.headers.host).error;
    const refusal = this.closed
      ? ([503, 'shutting_down', 'server is shutting down'] as const)
      : badHost !== undefined
        ? ([403, badHost.code, badHost.message] as const)
        : !allow(req)
          ? ([403, 'origin_not_allowed', 'origin not allowed'] as const)
          : this.viewers.size >= this.opts.maxViewers && !this.evictAbandoned()
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
      badFrames: this.badFrames,
      evictions: this.evictions,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    await Promise.all([...this.viewers].map((ws) => closeGracefully(ws)));
    this.viewers.clear();
    this.liveness.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(ws: WebSocket): void {
    this.alive.add(ws);
    const liveness = new Liveness(this.now());
    this.liveness.set(ws, liveness);
    const heard = () => {
      this.alive.add(ws);
      liveness.heard(this.now());
    };
    // Viewers only listen; whatever they send (Stately's UI may chat) is ignored, but counts as life.
    ws.on('message', heard);
    ws.on('pong', heard);
    let logged = false;
    // Invalid UTF-8, an oversized or malformed frame: `ws` closes the socket; counted, logged once.
    ws.on('error', (err) => {
      const code = socketErrorCode(err);
      this.badFrames++;
      this.metrics?.inspectorBadFrames.inc({ code });
      if (!logged) this.opts.onWarn?.({ code, reason: err.message }, 'bad /v3/inspect viewer frame');
      logged = true;
    });
    ws.on('close', () => this.forget(ws));
    // Answered at once by any live peer: a viewer that never answers is abandoned (see evictAbandoned).
    ws.ping();
    // Replay and registration happen in one tick, so no live frame can fall between the two.
    for (const json of this.opts.replay()) if (!this.send(ws, json)) return;
    this.viewers.add(ws);
  }

  private forget(ws: WebSocket): void {
    this.viewers.delete(ws);
    this.liveness.delete(ws);
  }

  /** At the cap, the oldest abandoned viewer makes room; false when every viewer is alive. */
  private evictAbandoned(): boolean {
    const graceMs = this.opts.abandonGraceMs ?? DEFAULT_ABANDON_GRACE_MS;
    const victim = oldestAbandoned(this.viewers, (ws) => this.liveness.get(ws), this.now(), graceMs);
    if (victim === undefined) return false;
    this.forget(victim);
    this.evictions++;
    this.metrics?.inspectorEvictions.inc({ reason: 'abandoned' });
    victim.terminate();
    return true;
  }

  /** Queues without waiting; false when the viewer is gone or was dropped for falling behind. */
  private send(ws: WebSocket, json: string): boolean {
    if (ws.readyState !== WebSocket.OPEN) return false;
    if (ws.bufferedAmount > this.opts.maxBufferedBytes) {
      this.forget(ws);
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
        this.forget(ws);
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
      this.liveness.get(ws)?.pinged(this.now());
    }
  }
}
