import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigHelpRequested, exitOnConfigError } from '../../src/config';

const FIXTURE = fileURLToPath(new URL('../fixtures/config/load-config-or-exit.ts', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the fixture under tsx with a clean environment (no Kalshi variables from the host). */
function runFixture(env: Record<string, string>, argv: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, ...argv], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('exitOnConfigError in a real process', () => {
  it('exits 2 with one stderr line naming the variable', async () => {
    const run = await runFixture({ V3_PORT: 'abc' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('config: V3_PORT: expected an integer from 0 to 65535, got "abc"\n');
    expect(run.stdout).toBe('');
  });

  it('exits 2 with one line when asked to bind a non-loopback address without a control token', async () => {
    const run = await runFixture({ V3_HOST: '0.0.0.0' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'config: V3_HOST: 0.0.0.0 is not a loopback address: set V3_CONTROL_TOKEN to serve on the network (a generated token is not used then)\n',
    );
  });

  it('exits 0 with the usage on stdout for --help', async () => {
    const run = await runFixture({}, ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: /);
    expect(run.stderr).toBe('');
  });

  it('starts normally with a good configuration', async () => {
    const run = await runFixture({ V3_PORT: '9100' }, ['--port', '9200']);
    expect(run).toEqual({ code: 0, stdout: 'loaded port 9200\n', stderr: '' });
  });
});

describe('exitOnConfigError', () => {
  const sink = () => {
    const lines: string[] = [];
    return { lines, write: (text: string) => lines.push(text) };
  };

  it('writes the one line and exits 2 for a ConfigError', () => {
    const stderr = sink();
    const codes: number[] = [];
    exitOnConfigError(new ConfigError('V3_HOST', 'bad\nthing'), stderr, (code) => codes.push(code));
    expect(stderr.lines).toEqual(['config: V3_HOST: bad thing\n']);
    expect(codes).toEqual([2]);
  });

  it('writes the usage to stdout and exits 0 for help', () => {
    const stderr = sink();
    const stdout = sink();
    const codes: number[] = [];
    exitOnConfigError(new ConfigHelpRequested('Usage: x'), stderr, (code) => codes.push(code), stdout);
    expect(stdout.lines).toEqual(['Usage: x\n']);
    expect(stderr.lines).toEqual([]);
    expect(codes).toEqual([0]);
  });

  it('rethrows anything that is not a configuration problem', () => {
    const boom = new Error('boom');
    const codes: number[] = [];
    expect(() => exitOnConfigError(boom, sink(), (code) => codes.push(code))).toThrow(boom);
    expect(codes).toEqual([]);
  });
});
