// Recording taps at the transport seams the adapters already take (fetch, the socket factory): the
// adapters above run unchanged, and what they received is appended with its receive time.
import { openWs } from '../adapters/kalshi/ws-connection';
import type { WsSocket, WsSocketFactory } from '../adapters/kalshi/ws-types';
import type { PendingEntry } from './recording-writer';

type Append = (entry: PendingEntry) => void;

const pathOf = (url: string): string => {
  const u = new URL(url);
  return u.pathname + u.search;
};

/** Records every REST exchange (method, path, request body, status, answer body) with its times. */
export function tapFetch(inner: typeof fetch, append: Append, now: () => number): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const m = init?.method ?? 'GET';
    const p = pathOf(url);
    const q = typeof init?.body === 'string' ? { q: init.body } : {};
    const t0 = now();
    let res: Response;
    try {
      res = await inner(input, init);
    } catch (err) {
      const e = init?.signal?.aborted ? 'timeout' : 'network';
      append({ k: 'rest', t: now(), t0, m, p, ...q, s: 0, e });
      throw err;
    }
    let b: string;
    try {
      b = await res.text();
    } catch (err) {
      append({ k: 'rest', t: now(), t0, m, p, ...q, s: 0, e: init?.signal?.aborted ? 'timeout' : 'network' });
      throw err;
    }
    const retryAfter = res.headers.get('retry-after');
    append({
      k: 'rest',
      t: now(),
      t0,
      m,
      p,
      ...q,
      s: res.status,
      b,
      ...(retryAfter ? { ra: retryAfter } : {}),
    });
    const headers = new Headers(res.headers);
    return new Response(b, { status: res.status, statusText: res.statusText, headers });
  };
}

/** Records each socket's life and every inbound frame; a frame costs one push of its raw buffer. */
export function tapSocket(
  append: Append,
  now: () => number,
  inner: WsSocketFactory = openWs,
): WsSocketFactory {
  let count = 0;
  return (url, options) => {
    const c = ++count;
    append({ k: 'ws_open', t: now(), c, url });
    const ws = inner(url, options);
    let error: string | undefined;
    let byClient = false;
    ws.on('open', () => append({ k: 'ws_up', t: now(), c }));
    ws.on('message', (d) => append({ k: 'ws', t: now(), c, d }));
    ws.on('ping', () => append({ k: 'ws_ping', t: now(), c }));
    ws.on('pong', () => append({ k: 'ws_pong', t: now(), c }));
    ws.on('error', (err) => {
      error ??= err.message;
    });
    ws.on('close', (code, reason) =>
      append({
        k: 'ws_down',
        t: now(),
        c,
        code,
        reason: reason.toString('utf8'),
        ...(error ? { error } : {}),
        ...(byClient ? { by: 'client' as const } : {}),
      }),
    );
    const socket: WsSocket = {
      get readyState() {
        return ws.readyState;
      },
      on: (event: never, listener: never) => ws.on(event, listener),
      send(text, cb) {
        append({ k: 'ws_out', t: now(), c, d: text });
        ws.send(text, cb);
      },
      close: (code, reason) => {
        byClient = true;
        ws.close(code, reason);
      },
      terminate: () => {
        byClient = true;
        ws.terminate();
      },
      ping: () => ws.ping(),
    };
    return socket;
  };
}
