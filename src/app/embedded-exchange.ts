// Starts the embedded Kalshi simulator for `npm start` without credentials, with a key pair made
// in memory for this run only: the daemon then signs every request exactly as it would on Kalshi.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { KalshiCredentials } from '../adapters/kalshi/auth';
import { type SimulatorHandle, startSimulator } from '../sim/server';

export interface EmbeddedExchange {
  apiUrl: string;
  wsUrl: string;
  credentials: KalshiCredentials;
  sim: SimulatorHandle;
  close(): Promise<void>;
}

export interface EmbeddedExchangeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  markets: number;
  rate: number;
  /** Simulated time's speed-up for closes, settlements and series rolls (default 1). */
  timeScale?: number;
  seed?: number;
}

export async function startEmbeddedExchange(opts: EmbeddedExchangeOptions): Promise<EmbeddedExchange> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = randomUUID();
  const sim = await startSimulator({
    host: opts.host,
    port: opts.port,
    markets: opts.markets,
    rate: opts.rate,
    ...(opts.timeScale === undefined ? {} : { timeScale: opts.timeScale }),
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    // Salt length exactly as Kalshi documents it: the daemon's own signing is held to the spec.
    strictSignatures: true,
    keys: [{ keyId, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() }],
  });
  return {
    apiUrl: sim.restUrl,
    wsUrl: sim.wsUrl,
    credentials: { keyId, privateKey },
    sim,
    close: () => sim.close(),
  };
}
