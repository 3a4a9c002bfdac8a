// Test helper: a real `ws` client signed like the daemon (src/adapters/kalshi/auth.ts), collecting frames.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { authHeaders, type KalshiCredentials, loadPrivateKey } from '../../../src/adapters/kalshi/auth';

export interface TestKey {
  keyId: string;
  publicKeyPem: string;
  creds: KalshiCredentials;
}

export function makeKey(): TestKey {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const keyId = randomUUID();
  return {
    keyId,
    publicKeyPem: pair.publicKey,
    creds: { keyId, privateKey: loadPrivateKey({ pem: pair.privateKey }) },
  };
}

export const wsHeaders = (key: TestKey) => authHeaders(key.creds, 'GET', '/trade-api/ws/v2', Date.now);

// biome-ignore lint/suspicious/noExplicitAny: frames are free-form JSON checked field by field
export type Frame = Record<string, any>;

export interface TestClient {
  ws: WebSocket;
  /** Every text frame, raw. */
  raw: string[];
  /** Parsed frames (unparsable ones are only in `raw`). */
  frames: Frame[];
  pings: string[];
  send(command: unknown): void;
  /** Resolves with the first frame (already received or future) matching `match`. */
  next(match: (frame: Frame) => boolean): Promise<Frame>;
  /** Resolves once `count` raw frames have arrived. */
  rawCount(count: number): Promise<string[]>;
  closed: Promise<number>;
}

export function openClient(url: string, headers: Record<string, string>, opts: { autoPong?: boolean } = {}) {
  const ws = new WebSocket(url, { headers, autoPong: opts.autoPong ?? true });
  const raw: string[] = [];
  const frames: Frame[] = [];
  const pings: string[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  // Attached before `open`: the server may send as soon as the upgrade completes.
  ws.on('message', (data) => {
    const text = data.toString();
    raw.push(text);
    try {
      frames.push(JSON.parse(text));
    } catch {
      // kept in raw only
    }
    wake();
  });
  ws.on('ping', (data) => {
    pings.push(data.toString());
    wake();
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const until = <T>(check: () => T | undefined): Promise<T> =>
    new Promise((resolve) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return;
        waiters.delete(attempt);
        resolve(value);
      };
      waiters.add(attempt);
      attempt();
    });
  const client: TestClient = {
    ws,
    raw,
    frames,
    pings,
    send: (command) => ws.send(JSON.stringify(command)),
    next: (match) => until(() => frames.find(match)),
    rawCount: (count) => until(() => (raw.length >= count ? raw : undefined)),
    closed,
  };
  const opened = new Promise<TestClient>((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () =>
        reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, body })),
      );
    });
  });
  return { client, opened };
}

/** Opens a client and waits for the upgrade. */
export async function connect(
  url: string,
  key: TestKey,
  opts: { autoPong?: boolean } = {},
): Promise<TestClient> {
  return openClient(url, wsHeaders(key), opts).opened;
}

/** Resolves with the refused upgrade's status and parsed body. */
export async function refused(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  try {
    await openClient(url, headers).opened;
  } catch (err) {
    const e = err as { status?: number; body?: string };
    if (e.status !== undefined) return { status: e.status, body: JSON.parse(e.body ?? 'null') };
    throw err;
  }
  throw new Error('upgrade was accepted');
}
