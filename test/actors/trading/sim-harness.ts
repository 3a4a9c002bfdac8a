// Starts the simulator on loopback with a fresh key, and the trading actor + service wired to it.
import { createPrivateKey } from 'node:crypto';
import { createActor } from 'xstate';
import { tradingLogic } from '../../../src/actors/trading/trading-logic';
import type { OrderJournal } from '../../../src/actors/trading/trading-ports';
import { createTradingService } from '../../../src/actors/trading/trading-service';
import { createKalshiClient } from '../../../src/adapters/kalshi/client';
import type { RiskLimits } from '../../../src/domain/risk-gate';
import type { MarketInfo } from '../../../src/domain/trading-types';
import { type SimulatorHandle, startSimulator } from '../../../src/sim/server';
import { pemKeyPair } from '../../support/pem-key-pair';

export const USER = 'daemon-user';
export const KEY_ID = 'test-key-id';

export const WIDE_LIMITS: RiskLimits = {
  maxOpenOrders: 50,
  maxPositionPerMarket: 100_000,
  maxNotional: 1_000_000_000,
  maxDailyLoss: 1_000_000_000,
};

export interface SimTrading {
  sim: SimulatorHandle;
  client: ReturnType<typeof createKalshiClient>;
  trading: ReturnType<typeof createActor<typeof tradingLogic>>;
  service: ReturnType<typeof createTradingService>;
  close(): Promise<void>;
}

export async function startSimTrading(
  options: {
    limits?: RiskLimits;
    timeoutMs?: number;
    missingSyncLimit?: number;
    journal?: OrderJournal;
    randomUUID?: () => string;
  } = {},
): Promise<SimTrading> {
  const pair = pemKeyPair();
  const sim = await startSimulator({
    port: 0,
    markets: 3,
    seed: 7,
    flowRunning: false,
    keys: [{ keyId: KEY_ID, publicKeyPem: pair.publicKey, userId: USER }],
  });
  const client = createKalshiClient({
    baseUrl: sim.restUrl,
    credentials: { keyId: KEY_ID, privateKey: createPrivateKey(pair.privateKey) },
    // Reads are retried on 5xx; keep them quick so a fault test does not wait on backoff.
    retry: { maxAttempts: 1 },
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const trading = createActor(tradingLogic, {
    input: { missingSyncLimit: options.missingSyncLimit },
  }).start();
  const service = createTradingService({
    client,
    trading,
    limits: options.limits ?? WIDE_LIMITS,
    now: Date.now,
    ...(options.journal ? { journal: options.journal } : {}),
    ...(options.randomUUID ? { randomUUID: options.randomUUID } : {}),
  });
  return {
    sim,
    client,
    trading,
    service,
    async close() {
      trading.stop();
      await sim.close();
    },
  };
}

/**
 * An open market where every whole-cent price is on the grid and the spread leaves room for a bid one
 * cent above the best bid (the fill test needs our order to be the best bid).
 */
export async function centMarket(client: SimTrading['client']): Promise<MarketInfo> {
  const markets = await client.listMarkets({ status: 'open' });
  const m = markets.find(
    (x) =>
      x.priceRanges.every((r) => 100 % r.step === 0 && r.start % 100 === 0) &&
      x.yesBid !== null &&
      x.yesAsk !== null &&
      x.yesAsk - x.yesBid >= 200,
  );
  if (!m) throw new Error('the seeded simulator has no market with whole-cent prices and a wide spread');
  return m;
}
