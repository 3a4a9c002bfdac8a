// The trading service's reading of create answers (real client, scripted exchange on loopback).
import { afterEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { tradingLogic } from '../../../src/actors/trading/trading-logic';
import { createTradingService } from '../../../src/actors/trading/trading-service';
import { DAEMON_ORDER_PREFIX } from '../../../src/actors/trading/trading-types';
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
let stop: (() => void) | undefined;
afterEach(async () => {
  stop?.();
  await server?.close();
  server = undefined;
});

async function setup(...replies: Reply[]) {
  server = await startScriptedServer((_req, i) => replies[Math.min(i, replies.length - 1)]!);
  let t = 1_750_000_000_000;
  const client = createKalshiClient({
    baseUrl: server.baseUrl,
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
    random: () => 0,
  });
  const trading = createActor(tradingLogic, { input: {} }).start();
  stop = () => trading.stop();
  let ids = 0;
  const service = createTradingService({
    client,
    trading,
    limits: WIDE_LIMITS,
    now: () => t,
    // Each submit takes two: its intent's id, then its order's.
    randomUUID: () => `uuid-${++ids}`,
  });
  return { service, server };
}

const INTENT = { ticker: 'KXFOO-26DEC31-T1', side: 'bid', price: 5600, count: 1000 } as const;
const sentIds = (s: ScriptedServer) =>
  s.requests.map((r) => (JSON.parse(r.body) as { client_order_id: string }).client_order_id);

describe('create answers', () => {
  it(`generates every client_order_id as ${DAEMON_ORDER_PREFIX}<uuid>`, async () => {
    const { service, server } = await setup(ok(fixture('create-order-v2'), 201));
    const a = await service.submit(INTENT);
    const b = await service.submit(INTENT);
    expect(sentIds(server)).toEqual([`${DAEMON_ORDER_PREFIX}uuid-2`, `${DAEMON_ORDER_PREFIX}uuid-4`]);
    expect(a.outcome).toBe('accepted');
    expect(b.outcome).toBe('accepted');
  });

  it('409 order_already_exists proves the order exists: unknown, left for reconciliation', async () => {
    const { service } = await setup(kalshiError(409, 'order_already_exists', 'order already exists'));
    const outcome = await service.submit(INTENT);
    const id = `${DAEMON_ORDER_PREFIX}uuid-2`;
    expect(outcome).toEqual({ outcome: 'unknown', clientOrderId: id });
    expect(service.state().orders[id]).toMatchObject({ status: 'unknown', placedByDaemon: true });
    expect(service.state().counters).toMatchObject({ unknown: 1, rejected: 0 });
  });

  it('another explicit 409 (trading paused) is still a rejection', async () => {
    const { service } = await setup(kalshiError(409, 'trading_is_paused', 'trading is paused'));
    const outcome = await service.submit(INTENT);
    expect(outcome).toMatchObject({ outcome: 'rejected', code: 'trading_is_paused' });
    expect(service.state().orders[`${DAEMON_ORDER_PREFIX}uuid-2`]?.status).toBe('rejected');
  });

  it('a create refused by the rate limit on every attempt is unknown, never rejected', async () => {
    const { service, server } = await setup(kalshiError(429, 'too_many_requests'));
    const outcome = await service.submit(INTENT);
    expect(outcome).toEqual({ outcome: 'unknown', clientOrderId: `${DAEMON_ORDER_PREFIX}uuid-2` });
    // Every attempt carried the same client_order_id, so at most one order can exist.
    expect(new Set(sentIds(server))).toEqual(new Set([`${DAEMON_ORDER_PREFIX}uuid-2`]));
    expect(service.state().counters).toMatchObject({ unknown: 1, rejected: 0 });
  });
});
