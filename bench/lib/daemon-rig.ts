// The process-level rig: the simulator in one child process and the daemon (src/main.ts, exactly as
// `npm start` runs it, with the process probe preloaded) in another, trading on it as an exchange.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchChild, spawnTs } from './processes';

export interface SimChild {
  child: BenchChild;
  url: string;
  stats(): Promise<SimStats>;
}

export interface SimStats {
  flow: { steps: number; rate: number };
  ws: { framesSent: number; overflowCloses: number };
  rss: number;
  heap: number;
}

export interface Keys {
  keyId: string;
  publicKeyPem: string;
  privateKeyPath: string;
  dir: string;
  dispose(): void;
}

/** A key pair for this run; the private key in a temp file, as KALSHI_PRIVATE_KEY_PATH reads it. */
export function makeKeys(): Keys {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dir = mkdtempSync(join(tmpdir(), 'kalshi-trader-bench-'));
  const privateKeyPath = join(dir, 'key.pem');
  writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), {
    mode: 0o600,
  });
  return {
    keyId: randomUUID(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPath,
    dir,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function startSim(
  keys: Keys,
  opts: { markets: number; rate: number; seed?: number; nodeArgs?: string[] },
  timeoutMs = 120_000,
): Promise<SimChild> {
  const { nodeArgs, ...simArgs } = opts;
  const child = spawnTs(
    'simulator',
    'bench/servers/sim.server.ts',
    [JSON.stringify({ ...simArgs, keyId: keys.keyId, publicKeyPem: keys.publicKeyPem })],
    nodeArgs === undefined ? {} : { nodeArgs },
  );
  const { match } = await child.waitForLine(/^SIM READY (\S+)/, timeoutMs);
  return { child, url: match[1]!, stats: () => child.request<SimStats>({ cmd: 'stats' }) };
}

export interface DaemonChild {
  child: BenchChild;
  url: string;
  /** performance.now() when the daemon logged its transition to `ready`. */
  readyAt: number;
  probe(reset?: boolean): Promise<ProbeReport>;
}

export interface ProbeReport {
  lag: { p50: number; p99: number; max: number; count: number };
  rss: number;
  heapUsed: number;
  cpuSeconds: number;
}

export interface DaemonOptions {
  markets: number;
  publishIntervalMs?: number;
  /** Extra V3_* variables. */
  env?: Record<string, string>;
  nodeArgs?: string[];
}

/** Starts the daemon on `sim` and waits for `ready`. */
export async function startDaemon(
  keys: Keys,
  sim: SimChild,
  opts: DaemonOptions,
  timeoutMs = 120_000,
): Promise<DaemonChild> {
  const dataDir = join(keys.dir, `data-${randomUUID()}`);
  const child = spawnTs('daemon', 'src/main.ts', [], {
    nodeArgs: ['--import', './bench/servers/process-probe.ts', ...(opts.nodeArgs ?? [])],
    env: {
      KALSHI_API_URL: `${sim.url}/trade-api/v2`,
      KALSHI_WS_URL: `${sim.url.replace(/^http/, 'ws')}/trade-api/ws/v2`,
      KALSHI_API_KEY_ID: keys.keyId,
      KALSHI_PRIVATE_KEY_PATH: keys.privateKeyPath,
      V3_PORT: '0',
      V3_DATA_DIR: dataDir,
      V3_LOG_LEVEL: 'info',
      V3_MAX_MARKETS: String(opts.markets),
      V3_BOOK_PUBLISH_INTERVAL_MS: String(opts.publishIntervalMs ?? 100),
      ...opts.env,
    },
  });
  const { match } = await child.waitForLine(/kalshi-trader console: (http\S+)\//, timeoutMs);
  const { at } = await child.waitForLine(/"to":"ready"/, timeoutMs);
  return {
    child,
    url: match[1]!,
    readyAt: at,
    probe: (reset = false) => child.request<ProbeReport>({ cmd: 'probe', reset }),
  };
}
