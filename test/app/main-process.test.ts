// `npm start`'s entry as a real process: it prints the console URL, serves /v3/health, and exits 0 on
// SIGTERM after a clean shutdown; a bad config value exits 2 with one line.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

function start(env: Record<string, string>) {
  // node --import tsx runs in one process, so the signal reaches the daemon itself (not npm or tsx).
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      V3_PORT: '0',
      V3_LOG_LEVEL: 'warn',
      V3_SIM_MARKETS: '3',
      V3_MAX_MARKETS: '2',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
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
  it('starts on the embedded simulator and exits 0 on SIGTERM after a clean shutdown', async () => {
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
    p.proc.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    // Exit 0 alone would also follow a shutdown that hit its time bound: check it really finished.
    const log = p.output().out;
    expect(log).toContain('shutdown procedure finished');
    expect(log).not.toContain('timed out');
  }, 60_000);

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

  it('refuses a bad value with exit code 2 and one line naming the variable', async () => {
    const p = start({ V3_PORT: 'abc' });
    expect(await p.exited).toBe(2);
    const lines = p.output().err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('V3_PORT');
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
