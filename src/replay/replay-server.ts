// `--port`: the daemon's own HTTP server (console, /v3/*, /inspect) over a replay, so a past session can
// be watched as it happens again (at --speed 1 it looks like the live session) in the console and the
// statechart inspector. Loopback only.
import { bindHttpPort, type HttpServerHandle } from '../app/http-server';
import type { Logger } from '../logger';
import { createInspectionRelay } from '../server/inspector/inspection-relay';
import type { ReplaySessionOptions } from './replay-session';

export async function serveReplay(port: number, log: Logger) {
  const bound = await bindHttpPort('127.0.0.1', port);
  const relay = createInspectionRelay({ log: log.child({ actor: 'inspector' }) });
  let http: HttpServerHandle | null = null;
  const hooks: Pick<ReplaySessionOptions, 'relay' | 'onTrader'> = {
    relay,
    onTrader(trader, metrics) {
      http = bound.serve({ ports: trader.ports, relay, metrics, log });
    },
  };
  return {
    url: bound.url,
    hooks,
    close: () => (http ? http.close() : bound.close()),
  };
}
