// Relays Stately inspection events of the running actors on WS /v3/inspect, with a replay for late viewers.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { createInspector, type StatelyInspectionEvent } from '@statelyai/inspect';
import type { InspectionEvent, Observer } from 'xstate';
import { createHostCheck } from '../host-allowlist';
import { upgradePath } from '../upgrade-path';
import { encodeInspectionFrame, type RelayedInspectionEvent } from './inspection-frame';
import { isStateMachine, type MachineGraph, toMachineGraph } from './machine-graph';
import { ReplayBuffer } from './replay-buffer';
import { ViewerHub, type ViewerHubStats, type ViewerMetrics } from './viewer-hub';

type SnapshotEvent = Extract<InspectionEvent, { type: '@xstate.snapshot' }>;

export interface InspectionRelayOptions {
  /** `@xstate.event` frames a late viewer gets (all actors and their latest snapshots always come). */
  maxReplay?: number;
  maxActors?: number;
  /** Frames above this are cut down (definition, context, event payload), else dropped and counted. */
  maxFrameBytes?: number;
  maxViewers?: number;
  maxBufferedBytes?: number;
  /** Protocol ping to find dead viewers; 0 disables. */
  pingIntervalMs?: number;
  /** Default upgrade gate (see attach); same-origin browsers and non-browser clients otherwise. */
  allow?: (req: IncomingMessage) => boolean;
  /** A viewer that leaves a ping unanswered this long is the first to go when the cap is reached. */
  abandonGraceMs?: number;
  now?: () => number;
  log?: { warn(obj: object, msg: string): void };
}

export interface InspectionRelayStats extends ViewerHubStats {
  actors: number;
  events: number;
  droppedFrames: number;
  trimmedFrames: number;
}

export interface InspectionRelay {
  /** Pass as `createActor(machine, { inspect: relay.inspector.inspect })`. */
  inspector: ReturnType<typeof createInspector>;
  /**
   * Listens for upgrades on `path` (default `/v3/inspect`); other paths are left to other listeners.
   * `metrics` receives the viewers' bad frames and evictions. `allowedHosts`: Host names served besides
   * loopback (any Host when absent).
   */
  attach(
    server: Server,
    opts?: {
      path?: string;
      allow?: (req: IncomingMessage) => boolean;
      allowedHosts?: readonly string[];
      metrics?: ViewerMetrics;
    },
  ): void;
  /** For a composition root that routes upgrades itself. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** The frames a viewer connecting now would be sent first. */
  replay(): string[];
  stats(): InspectionRelayStats;
  close(): Promise<void>;
}

export function createInspectionRelay(opts: InspectionRelayOptions = {}): InspectionRelay {
  const maxFrameBytes = opts.maxFrameBytes ?? 256 * 1024;
  const buffer = new ReplayBuffer({ maxEvents: opts.maxReplay ?? 200, maxActors: opts.maxActors ?? 100 });
  const hub = new ViewerHub({
    maxViewers: opts.maxViewers ?? 16,
    maxBufferedBytes: opts.maxBufferedBytes ?? 4 * 1024 * 1024,
    pingIntervalMs: opts.pingIntervalMs ?? 30_000,
    ...(opts.allow === undefined ? {} : { allow: opts.allow }),
    ...(opts.abandonGraceMs === undefined ? {} : { abandonGraceMs: opts.abandonGraceMs }),
    ...(opts.now === undefined ? {} : { now: opts.now }),
    replay: () => replay(),
    onWarn: (obj, msg) => opts.log?.warn(obj, msg),
  });
  const counts = { droppedFrames: 0, trimmedFrames: 0 };
  /** Graphs of machine actors, waiting for their `@xstate.actor` to pass through the inspector. */
  const pendingGraphs = new Map<string, MachineGraph>();
  const graphByLogic = new WeakMap<object, MachineGraph>();
  const detachers: (() => void)[] = [];
  let closed = false;

  /** Stately's protocol version, as its own events carry it, for the snapshot frames built here. */
  let statelyVersion = '';
  const relay = (event: StatelyInspectionEvent) => {
    if (closed) return;
    if (event._version !== undefined) statelyVersion = event._version;
    let relayed: RelayedInspectionEvent = event;
    if (event.type === '@xstate.actor') {
      const graph = pendingGraphs.get(event.sessionId);
      pendingGraphs.delete(event.sessionId);
      if (graph !== undefined) relayed = { ...event, graph };
    }
    const frame = encodeInspectionFrame(relayed, maxFrameBytes);
    if (frame === undefined) {
      counts.droppedFrames++;
      opts.log?.warn({ type: event.type, sessionId: event.sessionId }, 'inspection frame over the size cap');
      return;
    }
    if (frame.trimmed) counts.trimmedFrames++;
    buffer.add(frame);
    hub.broadcast(frame.json);
  };

  // Stately calls the adapter from a timer: a throw there would be an uncaught exception, so none escapes.
  const send = (event: StatelyInspectionEvent) => {
    try {
      relay(event);
    } catch (err) {
      counts.droppedFrames++;
      opts.log?.warn({ err, type: event.type }, 'relaying an inspection event failed');
    }
  };
  // Stately's own serialisation depth (10) would cut a nested machine's definition short.
  const stately = createInspector({ send }, { serializationDepthLimit: 32 });

  const captureGraph = (event: InspectionEvent) => {
    if (event.type !== '@xstate.actor') return;
    const logic = (event.actorRef as { logic?: unknown }).logic;
    if (!isStateMachine(logic)) return;
    let graph = graphByLogic.get(logic);
    if (graph === undefined) {
      graph = toMachineGraph(logic);
      graphByLogic.set(logic, graph);
    }
    pendingGraphs.set(event.actorRef.sessionId, graph);
  };

  /**
   * Snapshots skip Stately: it serialises each whole snapshot to a string and parses it back (the
   * feed's context lists every market: 10,000 tickers, each time), where the frame's own safe copy
   * keeps what a viewer is shown. Snapshots are immutable, so encoding one later shows the same thing:
   * with nobody watching, only each actor's latest is kept, and encoded when a viewer connects.
   */
  const unencoded = new Map<string, SnapshotEvent>();
  const relaySnapshot = (event: SnapshotEvent) =>
    send({
      type: '@xstate.snapshot',
      event: event.event,
      snapshot: event.snapshot,
      sessionId: event.actorRef.sessionId,
      _version: statelyVersion,
      createdAt: String(Date.now()),
      id: null,
      rootId: event.rootId,
      // Stately's types say string; its own converted events send null, as here.
    } as unknown as StatelyInspectionEvent);
  // Behind Stately's own timer for the events before it, so an actor's frame precedes its snapshots.
  const relaySnapshotLater = (event: SnapshotEvent) => setTimeout(() => relaySnapshot(event), 0);
  const replay = () => {
    for (const event of unencoded.values()) {
      if (buffer.knows(event.actorRef.sessionId)) relaySnapshot(event);
      else relaySnapshotLater(event);
    }
    unencoded.clear();
    return buffer.frames();
  };

  const inspect: Observer<InspectionEvent> = {
    next(event) {
      if (closed) return;
      try {
        captureGraph(event);
      } catch (err) {
        // A graph we cannot build only costs the drawing; the event itself still goes out.
        opts.log?.warn({ err }, 'could not build the machine graph');
      }
      if (event.type !== '@xstate.snapshot') stately.inspect.next?.(event);
      else if (hub.viewerCount === 0) unencoded.set(event.actorRef.sessionId, event);
      else relaySnapshotLater(event);
    },
  };

  return {
    inspector: { ...stately, inspect },
    attach(server, attachOpts = {}) {
      const path = attachOpts.path ?? '/v3/inspect';
      if (attachOpts.metrics !== undefined) hub.metrics = attachOpts.metrics;
      const { allowedHosts } = attachOpts;
      const hostAllowed = allowedHosts === undefined ? undefined : createHostCheck(allowedHosts);
      const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        if (upgradePath(req.url) !== path) return;
        hub.handleUpgrade(req, socket, head, attachOpts.allow ?? opts.allow, hostAllowed);
      };
      server.on('upgrade', onUpgrade);
      detachers.push(() => server.off('upgrade', onUpgrade));
    },
    handleUpgrade: (req, socket, head) => hub.handleUpgrade(req, socket, head),
    replay,
    stats: () => ({ ...hub.stats(), ...buffer.stats(), ...counts }),
    async close() {
      if (closed) return;
      closed = true;
      for (const detach of detachers.splice(0)) detach();
      pendingGraphs.clear();
      unencoded.clear();
      await hub.close();
    },
  };
}
