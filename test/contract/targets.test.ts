// How the contract suite picks its targets from the environment: the simulator always, the demo API
// only with a key id and a key, never a production host.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KALSHI_ENVIRONMENTS } from '../../src/adapters/kalshi/constants';
import { contractTargets, DEMO_SKIP_REASON, demoTarget } from './targets';

const KEY = { KALSHI_API_KEY_ID: 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c', KALSHI_PRIVATE_KEY_PATH: '/k.pem' };

describe('contract targets', () => {
  it('runs the simulator and skips the demo API, saying why, without credentials', () => {
    const [sim, demo] = contractTargets({});
    expect(sim).toMatchObject({ kind: 'sim', skipReason: null });
    expect(demo).toMatchObject({ kind: 'demo', skipReason: DEMO_SKIP_REASON });
    expect(demo!.title).toBe(`demo API (skipped: ${DEMO_SKIP_REASON})`);
  });

  it('needs both a key id and a key (path or content, not both)', () => {
    expect(demoTarget({ KALSHI_API_KEY_ID: KEY.KALSHI_API_KEY_ID }).skipReason).toBe(DEMO_SKIP_REASON);
    expect(demoTarget({ KALSHI_PRIVATE_KEY_CONTENT: 'pem' }).skipReason).toBe(DEMO_SKIP_REASON);
    expect(demoTarget(KEY)).toMatchObject({ skipReason: null, title: 'demo API' });
    expect(demoTarget({ ...KEY, KALSHI_PRIVATE_KEY_CONTENT: 'pem' }).skipReason).toMatch(/not both/);
  });

  it('refuses production hosts, whatever the URL variables say', () => {
    const prod = demoTarget({ ...KEY, KALSHI_API_URL: KALSHI_ENVIRONMENTS.prod.apiUrl });
    expect(prod.skipReason).toMatch(/production/);
    const ws = demoTarget({ ...KEY, KALSHI_WS_URL: 'wss://api.elections.kalshi.com/trade-api/ws/v2' });
    expect(ws.skipReason).toMatch(/production/);
    expect(
      demoTarget({ ...KEY, KALSHI_API_URL: 'https://demo-api.kalshi.co/trade-api/v2' }).skipReason,
    ).toBeNull();
  });

  it('defaults to the demo URLs and reads an escaped PEM from KALSHI_PRIVATE_KEY_CONTENT', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const target = demoTarget({
      KALSHI_API_KEY_ID: KEY.KALSHI_API_KEY_ID,
      KALSHI_PRIVATE_KEY_CONTENT: privateKey.replace(/\n/g, '\\n'),
    });
    const conn = await target.start({}); // builds the connection only; nothing is contacted
    expect(conn).toMatchObject({
      kind: 'demo',
      restUrl: KALSHI_ENVIRONMENTS.demo.apiUrl,
      wsUrl: KALSHI_ENVIRONMENTS.demo.wsUrl,
      privateKeyPem: privateKey.trim(),
      sim: null,
    });
    expect(conn.credentials.keyId).toBe(KEY.KALSHI_API_KEY_ID);
  });

  it('refuses to start a skipped target', async () => {
    await expect(demoTarget({}).start({})).rejects.toThrow(DEMO_SKIP_REASON);
  });
});
