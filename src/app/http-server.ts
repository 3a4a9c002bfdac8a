// Serves the daemon's HTTP API, console and inspector pages, the /v3/ws feed and the /v3/inspect relay
// on one port, and closes them all in order.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Logger } from '../logger';
import { createApp } from '../server/app';
import { createConsoleRoutes } from '../server/console/console.routes';
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

export async function startHttpServer(opts: {
  ports: DaemonPorts;
  host: string;
  port: number;
  relay: InspectionRelay;
  metrics: DaemonMetrics;
  log: Logger;
}): Promise<HttpServerHandle> {
  const app = createApp(opts.ports, {
    onUnexpectedError: (err) => opts.log.error({ err }, 'unexpected error in an HTTP handler'),
  });
  app.route('/', createConsoleRoutes());
  app.route('/', createInspectorRoutes());

  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }) as Server;
    s.once('error', reject);
    s.once('listening', () => {
      s.off('error', reject);
      resolve(s);
    });
  });
  const feed = attachWebSocket(server, opts.ports, {
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

  const address = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    async close() {
      await feed.close();
      await opts.relay.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
