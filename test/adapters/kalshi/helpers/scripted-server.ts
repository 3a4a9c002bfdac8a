// A loopback HTTP server that answers from a script and records every request, for REST client tests.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface RecordedRequest {
  method: string;
  /** Pathname including `/trade-api/v2`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Reply =
  | HttpReply
  /** Never answer (timeout tests); the socket is destroyed on close. */
  | 'hang'
  /** Drop the connection without an answer. */
  | 'destroy';

export type Script = (req: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface ScriptedServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Resolves when the next request arrives (after it was recorded). */
  nextRequest(): Promise<RecordedRequest>;
  close(): Promise<void>;
}

export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const hung: ServerResponse[] = [];
  const waiters: ((r: RecordedRequest) => void)[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    for (const wake of waiters.splice(0)) wake(recorded);
    const reply = await script(recorded, requests.length - 1);
    if (reply === 'hang') {
      hung.push(res);
      return;
    }
    if (reply === 'destroy') {
      req.socket.destroy();
      return;
    }
    const text =
      typeof reply.body === 'string'
        ? reply.body
        : reply.body === undefined
          ? ''
          : JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(text);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/trade-api/v2`,
    requests,
    nextRequest: () => new Promise((resolve) => waiters.push(resolve)),
    close: async () => {
      for (const res of hung) res.socket?.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A JSON fixture from test/fixtures/kalshi. */
export function fixture(name: string): unknown {
  const path = fileURLToPath(new URL(`../../../fixtures/kalshi/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8'));
}

export const ok = (body: unknown, status = 200): HttpReply => ({ status, body });

export const kalshiError = (status: number, code: string, message = code, extra: object = {}): HttpReply => ({
  status,
  body: { error: { code, message, ...extra } },
});
