// Binds the daemon's port before anything else starts, then serves the HTTP API, console and inspector
// pages, the /v3/ws feed and the /v3/inspect relay on it, and closes them all in order.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, RequestError } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from '../logger';
import { createApp } from '../server/app';
import { createConsoleRoutes } from '../server/console/console.routes';
import { createHostCheck, hostRefusal } from '../server/host-allowlist';
import { errorBody } from '../server/http-errors';
import type { InspectionRelay } from '../server/inspector/inspection-relay';
import { createInspectorRoutes } from '../server/inspector/inspector.routes';
import type { DaemonMetrics } from '../server/metrics';
import type { DaemonPorts } from '../server/ports';
import { upgradePath } from '../server/upgrade-path';
import { attachWebSocket } from '../server/ws-feed';
import { refuseUpgrade } from '../server/ws-origin';

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
  const listener = getRequestListener(
    (req, env) =>
      app
        ? app.fetch(req, env)
        : Response.json(errorBody('starting', 'the daemon is starting'), { status: 503 }),
    { hostname: host, errorHandler: requestErrorResponse },
  );
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(listener).listen(port, host);
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
      opts.relay.attach(server, {
        path: '/v3/inspect',
        allowedHosts: opts.ports.allowedHosts,
        metrics: opts.metrics,
      });
      const hostAllowed = createHostCheck(opts.ports.allowedHosts);
      // Upgrades no listener claims would otherwise hang until the client gives up.
      server.on('upgrade', (req, socket) => {
        setImmediate(() => {
          const path = upgradePath(req.url);
          if (path === '/v3/ws' || path === '/v3/inspect' || socket.destroyed) return;
          if (!hostAllowed(req.headers.host)) {
            const { code, message } = hostRefusal(req.headers.host).error;
            return refuseUpgrade(socket, 403, code, message);
          }
          socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
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

/**
 * What the adapter answers when a request cannot even become a Request (a Host that is no host, a
 * backslash in the path): the error envelope, as everywhere else, instead of an empty 400.
 */
function requestErrorResponse(err: unknown): Response {
  return err instanceof RequestError
    ? Response.json(errorBody('bad_request', 'malformed request'), { status: 400 })
    : Response.json(errorBody('internal_error', 'internal error'), { status: 500 });
}

function createDaemonApp(opts: ServeOptions): Hono {
  const app = createApp(opts.ports, {
    onUnexpectedError: (err) => opts.log.error({ err }, 'unexpected error in an HTTP handler'),
  });
  app.route('/', createConsoleRoutes());
  app.route('/', createInspectorRoutes());
  return app;
}
