// The DNS-rebinding defence: which Host a request may name. A page on evil.example that rebinds its name
// to 127.0.0.1 still sends `Host: evil.example`, so naming anything but loopback, the bind address or a
// configured host is refused, on every route and every WebSocket upgrade (as Vite's allowedHosts does).
import type { Hono } from 'hono';
import { hostnameOf, isLoopbackHostname, normalizeHostname } from '../domain/host-names';
import { errorBody } from './http-errors';
import type { ErrorBody } from './views';

/** True when a request naming this Host header may be served; undefined means no Host header at all. */
export type HostCheck = (hostHeader: string | undefined) => boolean;

/**
 * `allowed` holds host names or addresses (no port); `.example.com` allows example.com and every
 * subdomain. Loopback is always allowed. A missing Host is allowed: browsers always send one, so its
 * absence is a script or an HTTP/1.0 client, which could reach the daemon directly anyway.
 */
export function createHostCheck(allowed: readonly string[]): HostCheck {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const entry of allowed) {
    if (entry.startsWith('.')) {
      const name = normalizeHostname(entry.slice(1));
      if (name !== undefined) suffixes.push(name);
    } else {
      const name = normalizeHostname(entry);
      if (name !== undefined) exact.add(name);
    }
  }
  const allowedName = (hostHeader: string): boolean => {
    const name = hostnameOf(hostHeader);
    if (name === undefined) return false;
    return (
      isLoopbackHostname(name) ||
      exact.has(name) ||
      suffixes.some((s) => name === s || name.endsWith(`.${s}`))
    );
  };
  // Parsing a Host runs the URL parser: a visible share of a cached /v3/status. A daemon sees a handful
  // of distinct Host values, so verdicts are kept; past the bound (someone cycling names) they are not.
  const verdicts = new Map<string, boolean>();
  return (hostHeader) => {
    if (hostHeader === undefined) return true;
    let allowed = verdicts.get(hostHeader);
    if (allowed === undefined) {
      allowed = allowedName(hostHeader);
      if (verdicts.size < MAX_REMEMBERED_HOSTS) verdicts.set(hostHeader, allowed);
    }
    return allowed;
  };
}

const MAX_REMEMBERED_HOSTS = 256;

/** The refusal body: names the host (only once it parsed as one, so no odd bytes go back) and the fix. */
export function hostRefusal(hostHeader: string | undefined): ErrorBody {
  const name = hostHeader === undefined ? undefined : hostnameOf(hostHeader);
  const which = name === undefined ? 'this host' : `host "${name.slice(0, 100)}"`;
  return errorBody('host_not_allowed', `${which} is not allowed; list it in V3_ALLOWED_HOSTS to serve it`);
}

type Fetch = Hono['fetch'];

/**
 * Guards an app's `fetch` with the check, before routing: every route, those mounted later included,
 * and the not-found answer are covered, and a route with a single handler stays synchronous (Hono runs
 * any middleware chain through promises, and a cached /v3/status then costs a third more CPU).
 * Checks the Host header and the host of the request URL: they differ when a client sends the absolute
 * form (`GET http://evil.example/v3/status`), where the URL's authority is the one that counts.
 */
export function hostGuarded(fetch: Fetch, check: HostCheck): Fetch {
  return (request, ...rest) => {
    const header = request.headers.get('host') ?? undefined;
    if (!check(header)) return refuse(header);
    const url = request.url;
    // The usual origin-form request: the URL was built from this very Host, already checked.
    if (header === undefined || !url.startsWith(`http://${header}/`)) {
      const urlHost = new URL(url).host;
      if (urlHost !== header && !check(urlHost)) return refuse(urlHost);
    }
    return fetch(request, ...rest);
  };
}

const refuse = (host: string | undefined): Response => Response.json(hostRefusal(host), { status: 403 });
