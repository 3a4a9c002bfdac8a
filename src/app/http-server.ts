// Binds the daemon's port before anything else starts, then serves the HTTP API, console and inspector
// pages, the /v3/ws feed and the /v3/inspect relay on it, and closes them all in order.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from '../logger';
import { createApp } from '../server/app';
import { createConsoleRoutes } from '../server/console/console.routes';
import { errorBody } from '../server/http-errors';
import type { InspectionRelay } from '../server/inspector/inspection-relay';
import { createInspectorRoutes } from '../server/inspector/inspector.routes';
import type { DaemonMetrics } from '../server/metrics';
import type { DaemonPorts } from '../server/ports';
import { upgradePath } from '../server/upgrade-path';
import { attachWebSocket } from '../server/ws-feed';

export interface HttpServerHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions {
  ports: DaemonPorts;
  relay: InspectionRelay;
  metrics: DaemonMetrics;
  log: Logger;
  /** Most /v3/ws clients at once (V3_MAX_WS_CLIENTS). */
  maxWsClients?: number;
}

/** The daemon's port, listening, with nothing served yet: every request is answered 503 until `serve`. */
export interface BoundHttpPort {
  url: string;
  port: number;
  serve(opts: ServeOptions): HttpServerHandle;
  /** Frees the port when start-up fails before `serve`. */
  close(): Promise<void>;
}

/**
 * Listens on `host:port` (0 picks a free port). A busy port fails here, with one line naming it and the
 * two ways to choose another, before the caller has started the simulator or any actor.
 */
export async function bindHttpPort(host: string, port: number): Promise<BoundHttpPort> {
  let app: Hono | null = null;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({
      fetch: (req, env) =>
        app
          ? app.fetch(req, env)
          : Response.json(errorBody('starting', 'the daemon is starting'), { status: 503 }),
      hostname: host,
      port,
    }) as Server;
    s.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`port ${port} on ${host} is already in use: choose another with --port or V3_PORT`)
          : err,
      );
    });
    s.once('listening', () => {
      s.removeAllListeners('error');
      resolve(s);
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    url,
    port: bound,
    serve(opts) {
      app = createDaemonApp(opts);
      const feed = attachWebSocket(server, opts.ports, {
        ...(opts.maxWsClients === undefined ? {} : { maxClients: opts.maxWsClients }),
        metrics: opts.metrics,
        log: opts.log.child({ actor: 'ws-feed' }),
      });
      opts.relay.attach(server, { path: '/v3/inspect', metrics: opts.metrics });
      // Upgrades no listener claims would otherwise hang until the client gives up.
      server.on('upgrade', (req, socket) => {
        setImmediate(() => {
          const path = upgradePath(req.url);
          if (path !== '/v3/ws' && path !== '/v3/inspect' && !socket.destroyed) {
            socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
          }
        });
      });
      return {
        url,
        port: bound,
        async close() {
          await feed.close();
          await opts.relay.close();
          await closeServer();
        },
      };
    },
    close: closeServer,
  };
}

function createDaemonApp(opts: ServeOptions): Hono {
  const app = createApp(opts.ports, {
    onUnexpectedError: (err) => opts.log.error({ err }, 'unexpected error in an HTTP handler'),
  });
  app.route('/', createConsoleRoutes());
  app.route('/', createInspectorRoutes());
  return app;
}
