// The trading service's connect: exchange status and balance prove the key, then the account's own
// rate-limit budgets replace the Basic defaults (real client, scripted exchange on loopback).
import { afterEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { tradingLogic } from '../../../src/actors/trading/trading-logic';
import { createTradingService } from '../../../src/actors/trading/trading-service';
import { createKalshiClient } from '../../../src/adapters/kalshi/client';
import {
  fixture,
  kalshiError,
  ok,
  type Reply,
  type ScriptedServer,
  startScriptedServer,
} from '../../adapters/kalshi/helpers/scripted-server';
import { WIDE_LIMITS } from './sim-harness';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function connectWith(limits: Reply) {
  server = await startScriptedServer((req) => {
    if (req.path.endsWith('/exchange/status')) return ok(fixture('exchange-status'));
    if (req.path.endsWith('/portfolio/balance')) return ok(fixture('balance'));
    return limits;
  });
  const client = createKalshiClient({ baseUrl: server.baseUrl });
  const trading = createActor(tradingLogic, { input: {} }).start();
  const service = createTradingService({ client, trading, limits: WIDE_LIMITS, now: Date.now });
  const status = await service.connect();
  trading.stop();
  return { status, limiter: client.rest.limiter.stats(), paths: server.requests.map((r) => r.path) };
}

describe('trading service connect', () => {
  it('reads the account limits after the key is proven and sizes the limiter from them', async () => {
    const { status, limiter, paths } = await connectWith(ok(fixture('account-limits')));
    expect(status).toMatchObject({ exchangeActive: expect.any(Boolean) });
    expect(paths.map((p) => p.replace('/trade-api/v2', ''))).toEqual([
      '/exchange/status',
      '/portfolio/balance',
      '/account/limits',
    ]);
    expect(limiter.read.config).toEqual({ refillRate: 300, bucketCapacity: 600 });
    expect(limiter.write.config).toEqual({ refillRate: 300, bucketCapacity: 300 });
  });

  it('still connects, on the Basic budgets, when the limits cannot be read', async () => {
    const basic = createKalshiClient({ baseUrl: 'http://127.0.0.1:1' }).rest.limiter.stats();
    const { status, limiter } = await connectWith(kalshiError(500, 'internal_error', 'boom'));
    expect(status).toMatchObject({ exchangeActive: expect.any(Boolean) });
    expect(limiter.read.config).toEqual(basic.read.config);
  });
});
