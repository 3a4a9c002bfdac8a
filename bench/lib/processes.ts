// Child processes for the process-level sections (the daemon, the simulator, the bare reference
// servers): started with tsx, read line by line, asked over IPC, measured from /proc, and always stopped.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BenchChild {
  readonly name: string;
  readonly pid: number;
  /** performance.now() just before the spawn. */
  readonly spawnedAt: number;
  /** Resolves with the first stdout line (past or future) matching `pattern`, with its arrival time. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<{ match: RegExpMatchArray; at: number }>;
  /** One IPC request; the child answers `{ re: id, ... }`. */
  request<T>(message: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** Resident set size from /proc (Linux), or null. */
  rssBytes(): number | null;
  /** User + system CPU seconds so far, from /proc (Linux), or null. */
  cpuSeconds(): number | null;
  /** Seconds its main thread spent runnable but waiting for a CPU, from /proc schedstat (Linux), or null. */
  waitSeconds(): number | null;
  /** The last lines of output, for error messages. */
  tail(): string;
  stop(): Promise<void>;
}

const children = new Set<BenchChild>();
const TAIL_LINES = 30;

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Extra node flags (`--cpu-prof`, `--import` a probe). */
  nodeArgs?: string[];
}

/** Runs `script` (a path from the repository root) with node + tsx, with an IPC channel. */
export function spawnTs(name: string, script: string, args: string[], opts: SpawnOptions = {}): BenchChild {
  const spawnedAt = performance.now();
  const proc: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', ...(opts.nodeArgs ?? []), script, ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  const lines: Array<{ text: string; at: number }> = [];
  const waiters: Array<{ pattern: RegExp; resolve: (v: { match: RegExpMatchArray; at: number }) => void }> =
    [];
  const tail: string[] = [];
  const keep = (text: string) => {
    tail.push(text);
    if (tail.length > TAIL_LINES) tail.shift();
  };
  const onLine = (text: string) => {
    const at = performance.now();
    keep(text);
    lines.push({ text, at });
    if (lines.length > 2_000) lines.splice(0, 1_000);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const match = text.match(waiters[i]!.pattern);
      if (match !== null) waiters.splice(i, 1)[0]!.resolve({ match, at });
    }
  };
  splitLines(proc.stdout!, onLine);
  splitLines(proc.stderr!, keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    proc.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  let nextId = 1;
  const pending = new Map<number, (reply: unknown) => void>();
  proc.on('message', (msg: { re?: number }) => {
    if (typeof msg?.re === 'number') pending.get(msg.re)?.(msg);
  });

  const child: BenchChild = {
    name,
    pid: proc.pid ?? -1,
    spawnedAt,
    waitForLine(pattern, timeoutMs) {
      for (const line of lines) {
        const match = line.text.match(pattern);
        if (match !== null) return Promise.resolve({ match, at: line.at });
      }
      return new Promise((resolve, reject) => {
        const waiter = { pattern, resolve };
        waiters.push(waiter);
        const fail = (why: string) => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`${name}: ${why} waiting for ${pattern}\n${tail.join('\n')}`));
        };
        const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
        void exit.then(() => fail('exited'));
        const done = waiter.resolve;
        waiter.resolve = (v) => {
          clearTimeout(timer);
          done(v);
        };
      });
    },
    request<T>(message: Record<string, unknown>, timeoutMs = 30_000) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${name}: no answer to ${String(message.cmd)} in ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, (reply) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(reply as T);
        });
        proc.send({ ...message, id });
      });
    },
    rssBytes: () => readProcStatus(proc.pid, 'VmRSS'),
    cpuSeconds: () => readCpuSeconds(proc.pid),
    waitSeconds: () => readWaitSeconds(proc.pid),
    tail: () => tail.join('\n'),
    async stop() {
      children.delete(child);
      if (exited) return;
      proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 8_000);
      await exit;
      clearTimeout(killer);
    },
  };
  children.add(child);
  return child;
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map((c) => c.stop()));
}

process.once('exit', () => {
  for (const child of children) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function splitLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) onLine(part);
  });
}

function readProcStatus(pid: number | undefined, key: string): number | null {
  if (pid === undefined) return null;
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = text.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
    return match === null ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

/** The second field of /proc/PID/schedstat: ns spent on a run queue, waiting for a CPU. */
function readWaitSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ');
    return Number(fields[1]) / 1e9;
  } catch {
    return null;
  }
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

function readCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
