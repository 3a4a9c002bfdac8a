// The daemon under soak, as its own process (`npm start`'s code with the embedded simulator), so the
// figures are the daemon's alone and not the load generator's. Started on free ports; stopped by SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DaemonProcessOptions {
  simMarkets: number;
  simRate: number;
  /** Markets the daemon follows (discovery). */
  markets: number;
  /**
   * Caps V8's old space (MB): a short run then sees major GCs often enough to read the live heap's
   * trend, and a leak ends in an out-of-memory crash within minutes. 0 leaves Node's default.
   */
  maxOldSpaceMb: number;
}

export interface DaemonProcess {
  /** http://127.0.0.1:port of the daemon. */
  url: string;
  /** http://127.0.0.1:port of the embedded simulator (its /sim/ fault API). */
  simUrl: string;
  pid: number;
  /** The last lines the daemon wrote, for a failure report. */
  tail(): string[];
  /** Resolves with the exit code once the process is gone. */
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;

export async function startDaemonProcess(opts: DaemonProcessOptions): Promise<DaemonProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kalshi-soak-'));
  // Never a real exchange: without credentials the daemon runs its embedded simulator.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('KALSHI_') && !k.startsWith('V3_')),
  );
  const heap = opts.maxOldSpaceMb > 0 ? [`--max-old-space-size=${opts.maxOldSpaceMb}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...heap, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...env,
      V3_HOST: '127.0.0.1',
      V3_PORT: '0',
      V3_SIM_MARKETS: String(opts.simMarkets),
      V3_SIM_RATE: String(opts.simRate),
      V3_MAX_MARKETS: String(opts.markets),
      V3_DATA_DIR: dataDir,
      V3_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(line);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      rmSync(dataDir, { recursive: true, force: true });
      resolve(code);
    }),
  );

  const urls = await new Promise<{ url: string; simUrl: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the daemon did not start within 60 s')),
      STARTUP_TIMEOUT_MS,
    );
    const check = () => {
      const text = lines.join('\n');
      const url = /kalshi-trader console: (http:\/\/[^\s/]+)\//.exec(text)?.[1];
      const simUrl = /embedded Kalshi simulator: (http:\/\/[^\s/]+)/.exec(text)?.[1];
      if (url === undefined || simUrl === undefined) return;
      clearTimeout(timer);
      resolve({ url, simUrl });
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the daemon exited (${code}) before starting:\n${lines.slice(-20).join('\n')}`));
    });
  });

  return {
    ...urls,
    pid: child.pid ?? 0,
    tail: () => [...lines],
    exited,
    stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
