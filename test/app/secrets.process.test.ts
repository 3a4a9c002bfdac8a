// Secrets never leave the daemon. It runs as a process with a real RSA key against the simulator set up as
// a real exchange would be (URLs, key id, key), through start-up, operator commands with a right and a
// wrong token, the key refused, REST 5xx bursts, the exchange vanishing, a SIGKILL and restart, and a
// clean shutdown. Then the private key (PEM and any 40-character piece of its base64 body), the key id,
// both tokens and every signature the exchange received are searched for in the logs, /v3/status,
// /metrics, /v3/health, the /v3/ws and /v3/inspect streams, HTTP error bodies, the database files and the
// session recordings (V3_RECORD, the SIGKILLed one cut short).
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type SimulatorHandle, startSimulator } from '../../src/sim/server';
import { type HeaderTap, startHeaderTap } from '../support/header-tap';
import { FrameLog, type SpawnedDaemon, spawnDaemon } from '../support/spawned-daemon';

const KEY_ID = 'c0ffee00-5ec2-4e75-9a1b-secretkeyid42';
const TOKEN = 'secrets-test-control-token-9d41c7';
const WRONG_TOKEN = `${TOKEN.slice(0, -1)}X`;
const { privateKey: PEM, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const PEM_BODY = PEM.split('\n')
  .filter((line) => line !== '' && !line.startsWith('-----'))
  .join('');

let sim: SimulatorHandle;
let tap: HeaderTap;
let dataDir: string;
let recordDir: string;
const daemons: SpawnedDaemon[] = [];
const streams: FrameLog[] = [];
/** Every HTTP body the test saw. */
const bodies: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kalshi-secrets-'));
  recordDir = mkdtempSync(join(tmpdir(), 'kalshi-secrets-rec-'));
  // The exchange's user id is not the key id (as on Kalshi), so an echoed user id is no false alarm.
  sim = await startSimulator({
    port: 0,
    markets: 4,
    rate: 40,
    seed: 11,
    keys: [{ keyId: KEY_ID, publicKeyPem: publicKey, userId: 'user-1' }],
  });
  tap = await startHeaderTap(sim.port);
});
afterAll(async () => {
  for (const s of streams) s.close();
  for (const d of daemons) if (d.proc.exitCode === null) d.proc.kill('SIGKILL');
  await tap.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(recordDir, { recursive: true, force: true });
});

async function start(): Promise<{ daemon: SpawnedDaemon; url: string; feed: FrameLog }> {
  const daemon = spawnDaemon({
    KALSHI_API_URL: `http://127.0.0.1:${tap.port}/trade-api/v2`,
    KALSHI_WS_URL: `ws://127.0.0.1:${tap.port}/trade-api/ws/v2`,
    KALSHI_API_KEY_ID: KEY_ID,
    KALSHI_PRIVATE_KEY_CONTENT: PEM,
    V3_CONTROL_TOKEN: TOKEN,
    V3_DATA_DIR: dataDir,
    V3_RECORD: join(recordDir, `session-${daemons.length}.ndjson.gz`),
    V3_LOG_LEVEL: 'debug',
    V3_MAX_MARKETS: '3',
    V3_SYNC_INTERVAL_SECONDS: '1',
    V3_HEALTH_CHECK_INTERVAL: '0.5',
  });
  daemons.push(daemon);
  const url = await daemon.url;
  const ws = url.replace('http', 'ws');
  const feed = await FrameLog.open(`${ws}/v3/ws`);
  streams.push(feed, await FrameLog.open(`${ws}/v3/inspect`));
  await waitForState(url, (s) => s === 'ready', 'ready');
  return { daemon, url, feed };
}

async function read(url: string, init?: RequestInit): Promise<string> {
  const body = await (await fetch(url, init)).text();
  bodies.push(body);
  return body;
}

/** Polls /v3/health (a state, not a time, ends the wait); /v3/status and /metrics are kept on the way. */
async function waitForState(url: string, pred: (state: string) => boolean, what: string) {
  await vi.waitFor(
    async () => {
      await read(`${url}/v3/status`);
      await read(`${url}/metrics`);
      const { state } = JSON.parse(await read(`${url}/v3/health`)) as { state: string };
      if (!pred(state)) throw new Error(`waiting for ${what}, state ${state}`);
    },
    { timeout: 45_000, interval: 100 },
  );
}

/** Every 40-character piece of `text`: a leaked fragment of a key or signature is found too. */
function pieces(text: string, size = 40): string[] {
  const out: string[] = [];
  for (let i = 0; i + size <= text.length; i += 1) out.push(text.slice(i, i + size));
  return out;
}

function findLeaks(where: string, text: string, fragments: ReadonlyMap<string, string>): string[] {
  const found = new Set<string>();
  for (const secret of [KEY_ID, TOKEN, WRONG_TOKEN])
    if (text.includes(secret)) found.add(`${where}: ${secret}`);
  // Base64 runs (standard and URL-safe) are where a key or signature would show; check their pieces.
  for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{40,}/g)) {
    for (const piece of pieces(run)) {
      const owner = fragments.get(piece);
      if (owner !== undefined) found.add(`${where}: ${owner}`);
    }
  }
  return [...found];
}

describe('secrets', () => {
  it('never show in logs, status, metrics, streams, error bodies, the database or recordings', async () => {
    const first = await start();

    // Operator commands: a wrong token (one character off) is refused, the right one obeyed.
    first.feed.send({ type: 'command', token: WRONG_TOKEN, command: { type: 'kill_switch', on: true } });
    first.feed.send({ type: 'command', token: TOKEN, command: { type: 'kill_switch', on: true } });
    first.feed.send({ type: 'command', token: TOKEN, command: { type: 'kill_switch', on: false } });
    await vi.waitFor(() => {
      const types = first.feed.parsed().map((f) => f.type);
      expect(types.filter((t) => t === 'command_result')).toHaveLength(2);
      expect(first.feed.parsed().some((f) => f.type === 'error' && f.data.code === 'unauthorized')).toBe(
        true,
      );
    });
    // Tokens in HTTP headers, on routes that exist and routes that do not, from an allowed and a refused Host.
    for (const token of [TOKEN, WRONG_TOKEN]) {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      await read(`${first.url}/v3/status`, { headers });
      await read(`${first.url}/v3/orders`, { method: 'POST', headers, body: JSON.stringify({ token }) });
      await read(`${first.url}/v3/nope?token=${token}`, { headers });
    }

    // The key refused (revoked), the feed dropped so its reconnect meets the refusal too; then restored.
    sim.faults.set({ refuseKeys: true, dropConnections: true });
    await waitForState(first.url, (s) => s === 'error', 'the refused key to stop trading');
    sim.faults.clear();
    await waitForState(first.url, (s) => s === 'ready', 'recovery from the refused key');

    // REST 5xx bursts, 503 then 500.
    for (const status of [503, 500] as const) {
      sim.faults.set({ restErrorRate: 1, restErrorStatus: status });
      await waitForState(first.url, (s) => s === 'error', `a ${status} burst to stop trading`);
      sim.faults.clear();
      await waitForState(first.url, (s) => s === 'ready', `recovery from the ${status} burst`);
    }

    // The exchange vanishes (connections reset, then refused) and comes back.
    await tap.down();
    await waitForState(first.url, (s) => s !== 'ready', 'the lost exchange to show');
    await tap.up();
    await waitForState(first.url, (s) => s === 'ready', 'recovery from the lost exchange');

    // A crash: SIGKILL, then a restart on the same data directory, then a clean shutdown.
    first.daemon.proc.kill('SIGKILL');
    await first.daemon.exited;
    const second = await start();
    second.daemon.proc.kill('SIGTERM');
    expect(await second.daemon.exited).toBe(0);

    // The run did what it claims: signatures were sent and the failures were seen and logged.
    const logs = daemons.map((d) => d.output()).join('\n');
    expect(tap.signatures.size).toBeGreaterThan(20);
    expect(logs).toMatch(/401|authentication/i);
    expect(logs).toMatch(/503/);
    expect(logs).toMatch(/500/);
    expect(logs).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up|closed/);

    const fragments = new Map<string, string>();
    for (const piece of pieces(PEM_BODY)) fragments.set(piece, 'the private key');
    for (const signature of tap.signatures)
      for (const piece of pieces(signature)) fragments.set(piece, 'a signature');
    const database = readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f)).toString('latin1'));
    const recordings = readdirSync(recordDir).map((f) =>
      gunzipSync(readFileSync(join(recordDir, f)), { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8'),
    );
    // Both sessions were recorded, exchange traffic included: the search below has something to search.
    expect(recordings).toHaveLength(2);
    for (const text of recordings) expect(text).toMatch(/"k":"rest".*"p":"\/trade-api\/v2\/portfolio/);
    const leaks = [
      ...findLeaks('logs', logs, fragments),
      ...(logs.includes('PRIVATE KEY') ? ['logs: a PEM header'] : []),
      ...findLeaks('HTTP bodies', bodies.join('\n'), fragments),
      ...findLeaks(
        '/v3/ws',
        streams
          .filter((_, i) => i % 2 === 0)
          .flatMap((s) => s.frames)
          .join('\n'),
        fragments,
      ),
      ...findLeaks(
        '/v3/inspect',
        streams
          .filter((_, i) => i % 2 === 1)
          .flatMap((s) => s.frames)
          .join('\n'),
        fragments,
      ),
      ...findLeaks('database', database.join('\n'), fragments),
      ...findLeaks('recordings', recordings.join('\n'), fragments),
      ...(recordings.join('\n').includes('PRIVATE KEY') ? ['recordings: a PEM header'] : []),
    ];
    expect(leaks).toEqual([]);
    expect(streams[1]?.frames.length).toBeGreaterThan(10);
  }, 240_000);
});
