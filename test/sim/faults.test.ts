import { describe, expect, it } from 'vitest';
import { createSeededRandom, createSimExchange } from '../../src/sim/engine';
import {
  bindPauseTrading,
  createFaultController,
  faultPatchSchema,
  NO_FAULTS,
  withRestFaults,
} from '../../src/sim/faults';

describe('fault controller', () => {
  it('merges patches, clears, and tells subscribers the previous state', () => {
    const faults = createFaultController(createSeededRandom(1), { latencyMs: 5 });
    const seen: Array<[number, number]> = [];
    faults.subscribe((next, prev) => seen.push([next.seqSkipRate, prev.seqSkipRate]));
    expect(faults.set({ seqSkipRate: 0.5 })).toMatchObject({ latencyMs: 5, seqSkipRate: 0.5 });
    expect(faults.clear()).toEqual(NO_FAULTS);
    expect(seen).toEqual([
      [0.5, 0],
      [0, 0.5],
    ]);
  });

  it('rolls deterministically per seed, and 0/1 never depend on luck', () => {
    const a = createFaultController(createSeededRandom(5));
    const b = createFaultController(createSeededRandom(5));
    const rolls = (f: typeof a) => Array.from({ length: 50 }, () => f.roll(0.5));
    expect(rolls(a)).toEqual(rolls(b));
    expect(Array.from({ length: 20 }, () => a.roll(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 20 }, () => a.roll(1)).every(Boolean)).toBe(true);
  });

  it('clears back to the start-up baseline, not past it', () => {
    const faults = createFaultController(
      createSeededRandom(1),
      { reorderRate: 0.5 },
      { strictSignatures: true },
    );
    expect(faults.get()).toMatchObject({ reorderRate: 0.5, strictSignatures: true });
    expect(faults.clear()).toEqual({ ...NO_FAULTS, strictSignatures: true });
    expect(faults.set({ strictSignatures: false }).strictSignatures).toBe(false);
  });

  it('validates the fidelity faults', () => {
    const valid = {
      reorderRate: 0.1,
      privateDelayMs: 250,
      privateReorder: true,
      restErrorMode: 'after',
      strictSignatures: true,
    };
    expect(faultPatchSchema.safeParse(valid).success).toBe(true);
    for (const bad of [
      { reorderRate: -0.1 },
      { privateDelayMs: 1.5 },
      { privateDelayMs: 60_001 },
      { privateReorder: 1 },
      { restErrorMode: 'during' },
      { strictSignatures: 'true' },
    ]) {
      expect(faultPatchSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('validates patches strictly', () => {
    expect(faultPatchSchema.safeParse({ seqSkipRate: 1.5 }).success).toBe(false);
    expect(faultPatchSchema.safeParse({ refuseUpgrade: 200 }).success).toBe(false);
    expect(faultPatchSchema.safeParse({ bogus: true }).success).toBe(false);
    expect(faultPatchSchema.safeParse({ pauseTrading: 'X' }).success).toBe(false);
    expect(
      faultPatchSchema.safeParse({ refuseUpgrade: 503, pauseTrading: ['X'], latencyMs: 10 }).success,
    ).toBe(true);
  });
});

describe('withRestFaults', () => {
  const inner = async () => new Response('{"ok":true}', { status: 200 });

  it('answers injected errors with the envelope without reaching the app', async () => {
    const faults = createFaultController(createSeededRandom(1), { restErrorRate: 1 });
    let calls = 0;
    const fetch = withRestFaults(async (_req: Request) => {
      calls++;
      return inner();
    }, faults);
    const res = await fetch(new Request('http://x/trade-api/v2/exchange/status'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { code: 'service_unavailable', message: 'service unavailable', service: 'exchange' },
    });
    expect(calls).toBe(0);
    faults.set({ restErrorStatus: 500 });
    expect((await fetch(new Request('http://x/'))).status).toBe(500);
  });

  it('mode "after" lets the app act, then answers the envelope instead of its response', async () => {
    const faults = createFaultController(createSeededRandom(1), { restErrorRate: 1, restErrorMode: 'after' });
    let calls = 0;
    let injected = 0;
    const fetch = withRestFaults(
      async (_req: Request) => {
        calls++;
        return new Response('{"order":{}}', { status: 201 });
      },
      faults,
      undefined,
      () => injected++,
    );
    const res = await fetch(new Request('http://x/trade-api/v2/portfolio/events/orders', { method: 'POST' }));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'service_unavailable' } });
    expect([calls, injected]).toEqual([1, 1]);
    faults.set({ restErrorRate: 0 });
    expect((await fetch(new Request('http://x/'))).status).toBe(201);
    expect([calls, injected]).toEqual([2, 1]);
  });

  it('delays responses by latencyMs after the app has answered', async () => {
    const faults = createFaultController(createSeededRandom(1), { latencyMs: 250 });
    const order: string[] = [];
    const fetch = withRestFaults(
      async (_req: Request) => {
        order.push('app');
        return inner();
      },
      faults,
      async (ms) => {
        order.push(`sleep ${ms}`);
      },
    );
    expect((await fetch(new Request('http://x/'))).status).toBe(200);
    expect(order).toEqual(['app', 'sleep 250']);
  });
});

describe('bindPauseTrading', () => {
  it('halts and resumes exactly the listed markets', () => {
    const exchange = createSimExchange({ now: () => 1_700_000_000_000, seed: 2, markets: { count: 3 } });
    const [a, b] = exchange.listMarkets().map((m) => m.ticker) as [string, string];
    const faults = createFaultController(createSeededRandom(1), { pauseTrading: [a] });
    const stop = bindPauseTrading(faults, exchange);
    expect(exchange.getMarket(a)?.paused).toBe(true);
    faults.set({ pauseTrading: [b, 'UNKNOWN-1'] });
    expect(exchange.getMarket(a)?.paused).toBe(false);
    expect(exchange.getMarket(b)?.paused).toBe(true);
    faults.clear();
    expect(exchange.getMarket(b)?.paused).toBe(false);
    stop();
    faults.set({ pauseTrading: [a] });
    expect(exchange.getMarket(a)?.paused).toBe(false);
  });
});
