// `npm start`'s entry as a real process: it prints the console URL, serves /v3/health, and exits 0 on
// SIGTERM or SIGINT after a clean shutdown; --version prints the version; a busy port exits 1 and a bad
// config value or a database newer than the build exits 2, each with one line.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { LATEST_SCHEMA_VERSION, openStorage, SQLITE_FILE_NAME } from '../../src/adapters/storage';

let child: ChildProcess | undefined;
const held: Server[] = [];
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  await Promise.all(held.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A loopback port some other process already listens on. */
async function takenPort(): Promise<number> {
  const server = createServer();
  held.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

function start(env: Record<string, string>, args: string[] = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kalshi-main-'));
  // node --import tsx runs in one process, so the signal reaches the daemon itself (not npm or tsx).
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: {
      ...process.env,
      V3_PORT: '0',
      V3_DATA_DIR: dataDir,
      V3_LOG_LEVEL: 'warn',
      V3_SIM_MARKETS: '3',
      V3_MAX_MARKETS: '2',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  proc.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  let out = '';
  let err = '';
  proc.stdout?.on('data', (d) => {
    out += String(d);
  });
  proc.stderr?.on('data', (d) => {
    err += String(d);
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    proc.stdout?.on('data', () => {
      const m = /kalshi-trader console: (http:\/\/\S+)\//.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`exited ${code} before listening: ${err}`)));
  });
  // Tests that expect an early exit never await the URL.
  url.catch(() => undefined);
  return { proc, url, exited, output: () => ({ out, err }) };
}

describe('the daemon process', () => {
  // Run as the README tells a supervisor to (node --import tsx src/main.ts): its exit code is the daemon's.
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'starts on the embedded simulator and exits 0 on %s after a clean shutdown',
    async (signal) => {
      const p = start({ V3_LOG_LEVEL: 'info' });
      const url = await p.url;
      // What a newcomer sees: the daemon reaches ready on the embedded simulator by itself.
      await vi.waitFor(
        async () => {
          const res = await fetch(`${url}/v3/health`);
          expect(res.status).toBe(200);
          expect(await res.json()).toMatchObject({ healthy: true, state: 'ready' });
        },
        { timeout: 30_000, interval: 100 },
      );
      p.proc.kill(signal);
      expect(await p.exited).toBe(0);
      // Exit 0 alone would also follow a shutdown that hit its time bound: check it really finished.
      const lines = p
        .output()
        .out.split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg: string; signal?: string; steps?: Record<string, string> });
      expect(lines.find((l) => l.msg === 'shutting down')?.signal).toBe(signal);
      expect(lines.find((l) => l.msg === 'shutdown procedure finished')?.steps).toMatchObject({
        stopStrategy: 'done',
        closeGate: 'done',
        closeSockets: 'done',
      });
      expect(lines.find((l) => l.msg === 'daemon stopped')?.steps).toEqual({
        trader: 'done',
        httpServer: 'done',
        storage: 'done',
        simulator: 'done',
      });
    },
    60_000,
  );

  it('exits 0 when an operator sends the shutdown command over /v3/ws', async () => {
    const token = 'process-test-token-0123456789';
    const p = start({ V3_CONTROL_TOKEN: token });
    const url = await p.url;
    const ws = new WebSocket(`${url.replace('http', 'ws')}/v3/ws`);
    const answered = new Promise<string>((resolve) => {
      ws.on('message', (raw) => {
        const frame = JSON.parse(String(raw)) as { type: string };
        if (frame.type === 'command_result' || frame.type === 'error') resolve(frame.type);
      });
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'command', token, command: { type: 'shutdown' } }));
    expect(await answered).toBe('command_result');
    expect(await p.exited).toBe(0);
    ws.terminate();
  }, 60_000);

  it("prints package.json's version for --version and exits 0 without starting", async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const p = start({}, ['--version']);
    expect(await p.exited).toBe(0);
    expect(p.output()).toEqual({ out: `kalshi-trader ${version}\n`, err: '' });
  }, 60_000);

  it('fails first on a busy port: one line naming it, exit 1, and no simulator started', async () => {
    // The simulator's port is taken too: started first, it would fail first and be the one reported.
    const [port, simPort] = [await takenPort(), await takenPort()];
    const p = start({ V3_PORT: String(port), V3_SIM_PORT: String(simPort), V3_LOG_LEVEL: 'info' });
    expect(await p.exited).toBe(1);
    const { out, err } = p.output();
    const lines = err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(lines[0]).toMatch(/--port\b.*\bV3_PORT\b/);
    // Nothing started, so nothing was logged or printed: not the simulator's line, not a console URL.
    expect(out).toBe('');
  }, 60_000);

  it('refuses a bad value with exit code 2 and one line naming the variable', async () => {
    const p = start({ V3_PORT: 'abc' });
    expect(await p.exited).toBe(2);
    const lines = p.output().err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('V3_PORT');
  }, 60_000);

  it('refuses a database written by a newer build with one line and exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalshi-newer-'));
    try {
      const storage = await openStorage({ dataDir: dir });
      await storage.close();
      const db = new Database(join(dir, SQLITE_FILE_NAME));
      db.prepare('INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)').run(
        LATEST_SCHEMA_VERSION + 1,
        'future',
        1,
      );
      db.close();
      const p = start({ V3_DATA_DIR: dir });
      expect(await p.exited).toBe(2);
      const lines = p.output().err.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(
        `schema version ${LATEST_SCHEMA_VERSION + 1}, newer than this build supports`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it.each([
    [
      { V3_STRATEGY: 'market_maker', V3_STRATEGY_PARAMS: '{"size": -1}' },
      'config: V3_STRATEGY_PARAMS: size:',
    ],
    [
      { V3_STRATEGY: 'examples/touch-quoter.strategy.ts', V3_STRATEGY_PARAMS: '{"contracts": "two"}' },
      'config: V3_STRATEGY_PARAMS: contracts:',
    ],
  ])(
    'refuses bad strategy parameters with exit code 2, naming the field',
    async (env, line) => {
      const p = start(env);
      expect(await p.exited).toBe(2);
      const lines = p.output().err.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(line);
    },
    60_000,
  );
});
