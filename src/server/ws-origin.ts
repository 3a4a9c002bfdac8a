// Upgrade gatekeeping for /v3/ws: which browser origins may connect, and how a refusal is written.
import type { Duplex } from 'node:stream';

/** `http://Host:80` and `http://host` are the same origin: compare through URL's normalisation. */
function hostOf(protocol: string, host: string): string | undefined {
  try {
    return new URL(`${protocol}//${host}`).host;
  } catch {
    return undefined;
  }
}

/**
 * No Origin header: a non-browser client (browsers always send one on a WS upgrade), allowed.
 * A browser origin must match the Host it connected to, or be listed in `allowed`.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null"
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (host !== undefined && hostOf(url.protocol, host) === url.host) return true;
  return allowed.some((a) => {
    try {
      return new URL(a).origin === url.origin;
    } catch {
      return false;
    }
  });
}

const REASONS: Record<number, string> = { 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };

/** Answers the upgrade request with a plain HTTP error and a JSON body, then closes the socket. */
export function refuseUpgrade(socket: Duplex, status: 403 | 404 | 503, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.on('error', () => {}); // the peer may already be gone; nothing to do about it
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
