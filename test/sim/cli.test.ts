import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, parseCliArgs } from '../../src/sim/cli';
import { type DevKeys, ensureDevKeys } from '../../src/sim/dev-keys';

const children: ChildProcess[] = [];
// afterAll, not afterEach: the two spawn tests run concurrently and must not kill each other's child.
afterAll(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

// One dev key pair for the file: generating RSA keys is the slow part of these tests.
let devKeysDir: string;
let devKeys: DevKeys;
beforeAll(() => {
  devKeysDir = mkdtempSync(join(tmpdir(), 'kalshi-sim-keys-'));
  devKeys = ensureDevKeys(devKeysDir);
});
afterAll(() => rmSync(devKeysDir, { recursive: true, force: true }));

// `node --import tsx` rather than `npx tsx`: both wrappers relay signals through extra processes (npm exec
// re-raises SIGTERM on itself, exit 143; the tsx CLI SIGKILLs a child that does not confirm the signal
// within 30 ms, which happens on a loaded machine). In one process the signal reaches the simulator's
// own handler and its exit code is what the test sees.
const NODE_ARGS = ['--import', 'tsx', 'src/sim/cli.ts'];

function run(args: string[]) {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', () => {
      const nl = stdout.indexOf('\n');
      if (nl !== -1) resolve(stdout.slice(0, nl));
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  line.catch(() => {}); // only awaited by tests that expect the simulator to come up
  return { child, line, exited, output: () => ({ stdout, stderr }) };
}

describe('kalshi-sim CLI', () => {
  it.concurrent('prints one listening line, serves REST, and exits 0 on SIGTERM', async () => {
    const sim = run(['--port', '0', '--markets', '2', '--no-flow', '--dev-keys-dir', devKeysDir]);
    const line = await sim.line;
    const match = /^kalshi-sim listening on (http:\/\/127\.0\.0\.1:\d+) \(REST (\S+), WS (\S+)\)$/.exec(line);
    expect(match).not.toBeNull();
    const [, base, rest, ws] = match as unknown as [string, string, string, string];
    expect(rest).toBe(`${base}/trade-api/v2`);
    expect(ws).toBe(`${base.replace('http', 'ws')}/trade-api/ws/v2`);
    const status = await fetch(`${rest}/exchange/status`);
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ exchange_active: true });
    expect(sim.output().stderr).toContain(`using development key id ${devKeys.keyId}`);
    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
    expect(sim.output().stdout.trim().split('\n')).toHaveLength(1);
  });

  it.concurrent('exits 2 with one clear line on a bad flag', async () => {
    const sim = run(['--port', 'eighty']);
    expect(await sim.exited).toBe(2);
    expect(sim.output().stderr).toContain('kalshi-sim: --port must be an integer');
    expect(sim.output().stdout).toBe('');
  });
});

describe('parseCliArgs', () => {
  it('maps flags to simulator options and faults', () => {
    const config = parseCliArgs([
      '--port',
      '9001',
      '--markets',
      '4',
      '--rate',
      '2.5',
      '--seed',
      '7',
      '--key-id',
      'k1',
      '--public-key',
      'a.pem',
      '--key-id',
      'k2',
      '--public-key',
      'b.pem',
      '--seq-skip-rate',
      '0.1',
      '--duplicate-rate',
      '0.2',
      '--malformed-rate',
      '0.3',
      '--rest-error-rate',
      '1',
      '--latency-ms',
      '50',
      '--refuse-upgrade',
      '503',
      '--no-flow',
      '--history-limit',
      '500',
    ]);
    expect(config.options).toMatchObject({
      port: 9001,
      markets: 4,
      rate: 2.5,
      seed: 7,
      flowRunning: false,
      historyLimit: 500,
    });
    expect(config.options.faults).toEqual({
      seqSkipRate: 0.1,
      duplicateRate: 0.2,
      malformedRate: 0.3,
      restErrorRate: 1,
      latencyMs: 50,
      refuseUpgrade: 503,
    });
    expect(config.keyFiles).toEqual([
      { keyId: 'k1', path: 'a.pem' },
      { keyId: 'k2', path: 'b.pem' },
    ]);
    expect(parseCliArgs([]).options).toMatchObject({ port: undefined, host: '127.0.0.1', flowRunning: true });
  });

  it('maps the fidelity flags; strict signatures is a start-up mode, not a fault', () => {
    const config = parseCliArgs([
      '--reorder-rate',
      '0.05',
      '--private-delay-ms',
      '250',
      '--private-reorder',
      '--rest-error-mode',
      'after',
      '--strict-signatures',
    ]);
    expect(config.options.faults).toEqual({
      reorderRate: 0.05,
      privateDelayMs: 250,
      privateReorder: true,
      restErrorMode: 'after',
    });
    expect(config.options.strictSignatures).toBe(true);
    expect(parseCliArgs([]).options).not.toHaveProperty('strictSignatures');
    expect(() => parseCliArgs(['--rest-error-mode', 'later'])).toThrow(/--rest-error-mode/);
    expect(() => parseCliArgs(['--private-delay-ms', '-1'])).toThrow(/--private-delay-ms/);
    expect(() => parseCliArgs(['--reorder-rate', '1.5'])).toThrow(/--reorder-rate/);
  });

  it('maps the lifecycle flags: time scale, no series, no automatic settlement, settled markets kept', () => {
    const config = parseCliArgs([
      '--time-scale',
      '60',
      '--no-series',
      '--no-auto-settle',
      '--settled-market-limit',
      '50',
    ]);
    expect(config.options).toMatchObject({
      timeScale: 60,
      series: [],
      determinationDelayMs: null,
      settledMarketLimit: 50,
    });
    const defaults = parseCliArgs([]).options;
    expect(defaults.timeScale).toBeUndefined();
    expect(defaults).not.toHaveProperty('series');
    expect(defaults).not.toHaveProperty('determinationDelayMs');
    expect(() => parseCliArgs(['--time-scale', '0'])).toThrow(/--time-scale/);
    expect(() => parseCliArgs(['--time-scale', 'fast'])).toThrow(/--time-scale/);
  });

  it('rejects unknown flags, bad numbers and unpaired keys', () => {
    expect(() => parseCliArgs(['--bogus'])).toThrow(CliError);
    expect(() => parseCliArgs(['--seq-skip-rate', '2'])).toThrow(/--seq-skip-rate/);
    expect(() => parseCliArgs(['--markets', '0'])).toThrow(/--markets/);
    expect(() => parseCliArgs(['--history-limit', '1.5'])).toThrow(/--history-limit/);
    expect(() => parseCliArgs(['--key-id', 'k1'])).toThrow(/pairs/);
  });
});

describe('ensureDevKeys', () => {
  it('generates a PKCS#8 pair and key id once, then reuses them', () => {
    const first = devKeys;
    expect(first.created).toBe(true);
    expect(readFileSync(first.privateKeyPath, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----');
    expect(statSync(first.privateKeyPath).mode & 0o077).toBe(0);
    expect(first.publicKeyPem).toContain('-----BEGIN PUBLIC KEY-----');
    const second = ensureDevKeys(devKeysDir);
    expect(second).toMatchObject({ created: false, keyId: first.keyId, publicKeyPem: first.publicKeyPem });
  });
});

describe('sim --help', () => {
  it('documents every flag the parser accepts', async () => {
    const { OPTIONS, USAGE } = await import('../../src/sim/cli');
    for (const flag of Object.keys(OPTIONS)) expect(USAGE, flag).toContain(`--${flag}`);
  });
});
