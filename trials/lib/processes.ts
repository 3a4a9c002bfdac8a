// Child processes for the trials: the standalone simulator and the daemon, each started with tsx, found
// ready by a line it prints, and stopped with SIGTERM (SIGKILL when it hangs, or on purpose).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface Child {
  readonly process: ChildProcess;
  /** The last lines it wrote (stdout and stderr), for a failed run's report. */
  tail(): string[];
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL now (issue 10's crash trials); resolves once it has exited. */
  kill(): Promise<void>;
}

const TAIL_LINES = 40;

/**
 * Starts `node --import tsx <script> ...args` and resolves with the first stdout match of `ready`
 * (the match's groups tell the caller where it listens), or rejects when it exits or `timeoutMs` passes.
 */
export async function startScript(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<{ child: Child; match: RegExpMatchArray }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const remember = (line: string) => {
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
  };
  const exited = once(proc, 'exit');
  const child: Child = {
    process: proc,
    tail: () => [...lines],
    async stop(graceMs = 10_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGKILL');
      await exited;
    },
  };
  createInterface({ input: proc.stderr }).on('line', remember);
  const stdout = createInterface({ input: proc.stdout });
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script}: not ready after ${timeoutMs} ms`)),
      timeoutMs,
    );
    stdout.on('line', (line) => {
      remember(line);
      const found = line.match(ready);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    void exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${signal ?? code}) before it was ready:\n${lines.join('\n')}`));
    });
  }).catch(async (err: unknown) => {
    await child.kill();
    throw err;
  });
  return { child, match };
}
