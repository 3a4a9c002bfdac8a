// Test support for the orderbook stream: a recording logger, and the simulator on loopback with a
// generated key plus a stream wired to it and invoked under a recording parent machine.
import { createPrivateKey } from 'node:crypto';
import type { AnyEventObject } from 'xstate';
import {
  createOrderbookStream,
  type OrderbookStream,
  type OrderbookStreamDeps,
} from '../../../src/actors/orderbook/orderbook-stream';
import { createKalshiClient } from '../../../src/adapters/kalshi/client';
import { type SimulatorHandle, startSimulator } from '../../../src/sim/server';
import { pemKeyPair } from '../../support/pem-key-pair';
import { startUnderParent } from '../parent-harness';
import { recordingLog } from './recording-log';

export const KEY_ID = 'orderbook-test-key';
export const USER = 'orderbook-user';

export interface StreamOnSim {
  sim: SimulatorHandle;
  stream: OrderbookStream;
  log: ReturnType<typeof recordingLog>;
  markets: string[];
  rest: ReturnType<typeof createKalshiClient>;
  received(): AnyEventObject[];
  types(): string[];
  admin(path: string, method: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startStreamOnSim(
  options: { markets?: number; rate?: number; seed?: number; deps?: Partial<OrderbookStreamDeps> } = {},
): Promise<StreamOnSim> {
  const keys = pemKeyPair();
  const sim = await startSimulator({
    port: 0,
    markets: options.markets ?? 4,
    seed: options.seed ?? 11,
    rate: options.rate ?? 200,
    keys: [{ keyId: KEY_ID, publicKeyPem: keys.publicKey, userId: USER }],
  });
  const credentials = { keyId: KEY_ID, privateKey: createPrivateKey(keys.privateKey) };
  const log = recordingLog();
  const stream = createOrderbookStream({
    wsUrl: sim.wsUrl,
    credentials,
    now: Date.now,
    log,
    publishIntervalMs: 20,
    resyncTimeoutMs: 1_000,
    staleCheckIntervalMs: 100,
    wsOptions: { backoff: { initialMs: 20, maxMs: 200 } },
    ...options.deps,
  });
  const markets = sim.exchange.listMarkets().map((m) => m.ticker);
  const parent = startUnderParent(stream.logic, { markets });
  const rest = createKalshiClient({ baseUrl: sim.restUrl, credentials, retry: { maxAttempts: 1 } });
  return {
    sim,
    stream,
    log,
    markets,
    rest,
    received: parent.received,
    types: () => parent.received().map((e) => e.type),
    async admin(path, method, body) {
      const init: RequestInit = { method };
      if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers = { 'content-type': 'application/json' };
      }
      const res = await fetch(`${sim.url}/sim${path}`, init);
      if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status}`);
      return res.json();
    },
    async close() {
      parent.stop();
      await sim.close();
    },
  };
}
