// Chooses the exchanges the contract suite runs against: the simulator always, Kalshi's demo API only
// when credentials are set, and runs every contract once per target (describeTargets).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe } from 'vitest';
import { type KalshiCredentials, loadPrivateKey } from '../../src/adapters/kalshi/auth';
import { KALSHI_ENVIRONMENTS } from '../../src/adapters/kalshi/constants';
import { type SimulatorHandle, startSimulator } from '../../src/sim/server';

export type TargetKind = 'sim' | 'demo';

export interface TargetOptions {
  /** Simulator only: run the synthetic order flow (default false: books move only with our orders). */
  flowRunning?: boolean;
  /** Simulator only: how many generated markets. */
  markets?: number;
}

/** One live target: where to connect and with which key. */
export interface Connection {
  kind: TargetKind;
  restUrl: string;
  wsUrl: string;
  credentials: KalshiCredentials;
  /** The same key as PEM text, for kalshi-typescript's Configuration. */
  privateKeyPem: string;
  /** The simulator's handle (admin powers); null on the demo API. */
  sim: SimulatorHandle | null;
  close(): Promise<void>;
}

export interface ContractTarget {
  kind: TargetKind;
  title: string;
  /** Set when the target cannot run here; its contracts are then skipped under this title. */
  skipReason: string | null;
  start(options: TargetOptions): Promise<Connection>;
}

type Env = Record<string, string | undefined>;

export const DEMO_SKIP_REASON = 'set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH to run';

/** The simulator on 127.0.0.1, port 0, with a fresh key pair (PKCS#1, as Kalshi hands them out). */
export const simTarget: ContractTarget = {
  kind: 'sim',
  title: 'simulator',
  skipReason: null,
  async start(options) {
    const pair = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    });
    const keyId = randomUUID();
    const sim = await startSimulator({
      port: 0,
      host: '127.0.0.1',
      markets: options.markets ?? 6,
      seed: 12,
      flowRunning: options.flowRunning ?? false,
      // Kalshi documents salt length = digest; a client that drifts to Node's max-length default
      // must fail here, even though Kalshi itself has been seen to accept both.
      strictSignatures: true,
      keys: [{ keyId, publicKeyPem: pair.publicKey, userId: 'contract-user' }],
    });
    return {
      kind: 'sim',
      restUrl: sim.restUrl,
      wsUrl: sim.wsUrl,
      credentials: { keyId, privateKey: loadPrivateKey({ pem: pair.privateKey }) },
      privateKeyPem: pair.privateKey,
      sim,
      close: () => sim.close(),
    };
  },
};

/** kalshi.com is production (real money); the demo environment lives under kalshi.co. */
const isProductionHost = (url: string): boolean => {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'kalshi.com' || host.endsWith('.kalshi.com');
  } catch {
    return false;
  }
};

/** Kalshi's demo API from KALSHI_* variables (URLs default to the demo environment). */
export function demoTarget(env: Env): ContractTarget {
  const keyId = env.KALSHI_API_KEY_ID?.trim();
  const keyPath = env.KALSHI_PRIVATE_KEY_PATH?.trim();
  const keyContent = env.KALSHI_PRIVATE_KEY_CONTENT;
  const restUrl = env.KALSHI_API_URL?.trim() || KALSHI_ENVIRONMENTS.demo.apiUrl;
  const wsUrl = env.KALSHI_WS_URL?.trim() || KALSHI_ENVIRONMENTS.demo.wsUrl;
  let skipReason: string | null = null;
  if (!keyId || (!keyPath && !keyContent)) skipReason = DEMO_SKIP_REASON;
  else if (keyPath && keyContent) skipReason = 'set KALSHI_PRIVATE_KEY_PATH or _CONTENT, not both';
  // The suite places orders: never against production, whatever the URL variables say.
  else if (isProductionHost(restUrl) || isProductionHost(wsUrl))
    skipReason = 'KALSHI_API_URL/KALSHI_WS_URL point at production; the contract suite runs on demo only';
  return {
    kind: 'demo',
    title: skipReason === null ? 'demo API' : `demo API (skipped: ${skipReason})`,
    skipReason,
    async start() {
      if (skipReason !== null || !keyId) throw new Error(`demo target cannot run: ${skipReason}`);
      const raw = keyPath ? readFileSync(keyPath, 'utf8') : (keyContent ?? '');
      const pem = raw.replace(/\\r\\n|\\n/g, '\n').trim();
      return {
        kind: 'demo',
        restUrl,
        wsUrl,
        credentials: { keyId, privateKey: loadPrivateKey({ pem }) },
        privateKeyPem: pem,
        sim: null,
        close: async () => {},
      };
    },
  };
}

/** The targets of this run: the simulator, then the demo API (skipped without credentials). */
export function contractTargets(env: Env = process.env): ContractTarget[] {
  return [simTarget, demoTarget(env)];
}

/** What a contract body sees: the target's kind at collection time, the connection once started. */
export interface TargetContext {
  readonly kind: TargetKind;
  readonly isSim: boolean;
  /** Available inside tests and hooks (started in beforeAll). */
  readonly conn: Connection;
  /** The simulator's handle; throws on other targets (use only in sim-only tests). */
  readonly sim: SimulatorHandle;
}

/**
 * Declares `body` once per target as `describe('<name> [<target title>]')`: the target is started in
 * beforeAll and closed in afterAll. A target with a skip reason becomes a `describe.skip` whose title
 * says why. Sim-only contracts use `it.skipIf(!t.isSim)`.
 */
export function describeTargets(
  name: string,
  options: TargetOptions,
  body: (t: TargetContext) => void,
  targets: ContractTarget[] = contractTargets(),
): void {
  for (const target of targets) {
    const title = `${name} [${target.title}]`;
    if (target.skipReason !== null) {
      describe.skip(title, () => body(contextFor(target, () => undefined)));
      continue;
    }
    describe(title, () => {
      let conn: Connection | undefined;
      beforeAll(async () => {
        conn = await target.start(options);
      });
      afterAll(async () => {
        await conn?.close();
      });
      body(contextFor(target, () => conn));
    });
  }
}

function contextFor(target: ContractTarget, current: () => Connection | undefined): TargetContext {
  return {
    kind: target.kind,
    isSim: target.kind === 'sim',
    get conn() {
      const conn = current();
      if (conn === undefined) throw new Error(`${target.title} is not started`);
      return conn;
    },
    get sim() {
      const sim = current()?.sim;
      if (!sim) throw new Error(`${target.title} has no simulator (sim-only contract)`);
      return sim;
    },
  };
}
