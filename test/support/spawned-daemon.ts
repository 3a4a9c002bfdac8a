// `npm start`'s entry as a real process with a given environment (no KALSHI_/V3_ variables inherited),
// keeping everything it writes, plus WebSocket listeners that keep every frame a daemon endpoint sends.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';

export interface SpawnedDaemon {
  proc: ChildProcess;
  /** http://127.0.0.1:port, once the console line is printed. */
  url: Promise<string>;
  exited: Promise<number | null>;
  /** Everything written to stdout and stderr so far. */
  output(): string;
}

export function spawnDaemon(env: Record<string, string>): SpawnedDaemon {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('KALSHI_') && !k.startsWith('V3_')),
  );
  // node --import tsx runs in one process, so signals reach the daemon itself.
  const dataDir = mkdtempSync(join(tmpdir(), 'kalshi-spawned-'));
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...inherited, V3_PORT: '0', V3_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  let out = '';
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const keep = (d: Buffer) => {
      out += String(d);
      const m = /kalshi-trader console: (http:\/\/\S+)\//.exec(out);
      if (m?.[1]) resolve(m[1]);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    void exited.then((code) => reject(new Error(`exited ${code} before listening:\n${out.slice(-2000)}`)));
  });
  url.catch(() => undefined);
  return { proc, url, exited, output: () => out };
}

/** Connects to a daemon WebSocket endpoint and keeps every text frame it sends. */
export class FrameLog {
  readonly frames: string[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.frames.push(String(data)));
    ws.on('error', () => {});
  }

  static async open(url: string): Promise<FrameLog> {
    const log = new FrameLog(new WebSocket(url));
    await new Promise((resolve, reject) => {
      log.ws.once('open', resolve);
      log.ws.once('error', reject);
    });
    return log;
  }

  /** Parsed frames received so far. */
  parsed(): { type: string; data: Record<string, unknown> }[] {
    return this.frames.map((f) => JSON.parse(f));
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  close(): void {
    this.ws.terminate();
  }
}
