// Host names as HTTP carries them: one normal form for a Host header or a configured host, and which are loopback.

/** `name[:port]` or `[v6][:port]`: no userinfo, path or percent-escapes, which URL would otherwise accept. */
const AUTHORITY = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::\d{1,5})?$/;
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
/** ::ffff:127.x.y.z as the URL parser writes it. */
const MAPPED_IPV4_LOOPBACK = /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/;

/**
 * The host name of an authority (a Host header): lower case, IP addresses in their canonical form
 * (`127.1` and `0x7f.1` are 127.0.0.1, as a browser reads them), IPv6 in brackets, a trailing dot
 * dropped, the port ignored. Undefined when it is not a host at all.
 */
export function hostnameOf(authority: string): string | undefined {
  if (!AUTHORITY.test(authority)) return undefined;
  try {
    const name = new URL(`http://${authority}`).hostname;
    return name.endsWith('.') ? name.slice(0, -1) : name;
  } catch {
    return undefined;
  }
}

/** A host as configured (V3_HOST, V3_ALLOWED_HOSTS): `::1` may come without brackets, a port is refused. */
export function normalizeHostname(host: string): string | undefined {
  const bare = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  if (bare.includes(']:')) return undefined;
  return hostnameOf(bare);
}

/**
 * Names and addresses that only ever reach this machine: `localhost` and its subdomains (RFC 6761:
 * browsers resolve them to loopback themselves), 127.0.0.0/8, ::1 and IPv4-mapped 127/8.
 */
export function isLoopbackHostname(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    IPV4_LOOPBACK.test(hostname) ||
    hostname === '[::1]' ||
    MAPPED_IPV4_LOOPBACK.test(hostname)
  );
}
