// The standalone simulator (`npm run sim`) as its own process for the chaos suite: it outlives any
// daemon crash, and only its fault/admin API and its REST views are used to judge the daemon.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SimProcessOptions {
  /** Where the development key pair lives (generated there if missing): the daemon signs with it. */
  keysDir: string;
  markets: number;
  rate: number;
  seed: number;
}

export interface SimProcess {
  /** http://127.0.0.1:port: the admin API under /sim/. */
  url: string;
  restUrl: string;
  wsUrl: string;
  stop(): Promise<void>;
}

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;

/** The process's output kept bounded, for a failure report. */
export function keepTail(child: ChildProcess, max = 200): () => string[] {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(line);
    if (lines.length > max) lines.splice(0, lines.length - max);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => [...lines];
}

export async function startSimProcess(opts: SimProcessOptions): Promise<SimProcess> {
  // No rolling series: a market closing mid-scenario would read as a lost quote.
  const args = ['--port', '0', '--markets', String(opts.markets), '--rate', String(opts.rate)];
  args.push('--seed', String(opts.seed), '--dev-keys-dir', opts.keysDir, '--no-series');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/sim/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = keepTail(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the simulator did not start within 60 s')),
      STARTUP_TIMEOUT_MS,
    );
    const check = () => {
      const m = /kalshi-sim listening on (\S+) \(REST (\S+), WS (\S+)\)/.exec(tail().join('\n'));
      if (m === null) return;
      clearTimeout(timer);
      resolve(m);
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited (${code}) before listening:\n${tail().slice(-10).join('\n')}`));
    });
  });
  return {
    url: listening[1] as string,
    restUrl: listening[2] as string,
    wsUrl: listening[3] as string,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
