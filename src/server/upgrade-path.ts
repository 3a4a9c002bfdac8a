// The one rule for which path a WebSocket upgrade asks for, shared by every upgrade listener and the
// fallback that refuses the rest: if two of them read a target differently, one accepts the upgrade
// and another writes a 404 into the already-upgraded socket.

/**
 * The WHATWG URL pathname of the request target: dot segments resolved, query and fragment dropped,
 * the absolute form (`http://host/v3/ws`) reduced to its path. Undefined when it does not parse.
 */
export function upgradePath(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}
