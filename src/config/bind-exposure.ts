// Whether the daemon's bind address reaches beyond this machine, and what is then required and said.
import { isLoopbackHostname, normalizeHostname } from '../domain/host-names';
import type { ServerConfig } from './config-types';

/** `localhost`, 127.0.0.0/8 and ::1 only; 0.0.0.0, ::, a LAN address or any other name is exposed. */
export function isLoopbackBind(host: string): boolean {
  const name = normalizeHostname(host);
  return name !== undefined && isLoopbackHostname(name);
}

/**
 * A generated token is printed to stdout, which on a shared or remote host is not a secret channel,
 * and anyone on the network could then send commands: an exposed daemon needs a token set on purpose.
 */
export const EXPOSED_WITHOUT_TOKEN =
  'is not a loopback address: set V3_CONTROL_TOKEN to serve on the network (a generated token is not used then)';

/** The start-up warning for an exposed daemon; undefined on loopback. */
export function exposureWarning(server: Pick<ServerConfig, 'host' | 'allowedHosts'>): string | undefined {
  if (isLoopbackBind(server.host)) return undefined;
  const hosts = server.allowedHosts.length > 0 ? ` or ${server.allowedHosts.join(', ')}` : '';
  return (
    `listening on ${server.host}, reachable from the network: the API, console and feed are readable ` +
    `by anyone who can connect, commands need the control token, and only requests naming ` +
    `loopback, ${server.host}${hosts} are served (V3_ALLOWED_HOSTS)`
  );
}
