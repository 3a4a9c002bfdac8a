import { afterEach, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import {
  createInitializeActor,
  MarketSelectionError,
  rankMarkets,
  selectMarkets,
} from '../../src/actors/initialize';
import { createKalshiClient } from '../../src/adapters/kalshi/client';
import type { MarketInfo } from '../../src/domain/trading-types';
import { startSimulator } from '../../src/sim/server';
import {
  fixture,
  ok,
  type RecordedRequest,
  type ScriptedServer,
  startScriptedServer,
} from '../adapters/kalshi/helpers/scripted-server';

// A scripted loopback Kalshi: GET /markets answers from a fixed catalogue, honouring tickers, status and cursors.
type WireMarket = Record<string, unknown> & { ticker: string };
const base = (fixture('markets') as { markets: WireMarket[] }).markets[0]!;
const market = (ticker: string, volume24h: string, volume: string, status = 'active'): WireMarket => ({
  ...base,
  ticker,
  status,
  volume_24h_fp: volume24h,
  volume_fp: volume,
});

const CATALOGUE = [
  market('KXQUIET', '0.00', '10.00'),
  market('KXBUSY', '900.00', '100.00'),
  market('KXTIE-B', '500.00', '50.00'),
  market('KXTIE-A', '500.00', '70.00'),
  market('KXCLOSED', '99999.00', '99999.00', 'closed'),
];

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function client() {
  server = await startScriptedServer((req: RecordedRequest) => {
    const tickers = req.query.get('tickers')?.split(',');
    let rows = CATALOGUE.filter((m) => !tickers || tickers.includes(m.ticker));
    if (req.query.get('status') === 'open') rows = rows.filter((m) => m.status === 'active');
    // Two per page, so discovery has to follow cursors.
    const start = Number(req.query.get('cursor') ?? 0);
    const page = rows.slice(start, start + 2);
    const next = start + 2 < rows.length ? String(start + 2) : '';
    return ok({ markets: page, cursor: next });
  });
  return createKalshiClient({ baseUrl: server.baseUrl, pageSize: 2 });
}

const markets = (tickers: 'DISCOVERY' | string[], maxMarkets = 10) => ({ markets: { tickers, maxMarkets } });

describe('market selection', () => {
  it('accepts a configured list whose tickers all exist', async () => {
    const c = await client();
    expect(await selectMarkets({ client: c, config: markets(['KXBUSY', 'KXQUIET', 'KXBUSY']) })).toEqual([
      'KXBUSY',
      'KXQUIET',
    ]);
  });

  it('names every unknown ticker in the error', async () => {
    const c = await client();
    const error = await selectMarkets({ client: c, config: markets(['KXBUSY', 'KXNOPE', 'KXGONE']) }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(MarketSelectionError);
    expect(error.message).toBe('unknown market tickers: KXNOPE, KXGONE');
    expect(error.unknownTickers).toEqual(['KXNOPE', 'KXGONE']);
  });

  it('DISCOVERY picks open markets by 24 h volume, then volume, across all pages', async () => {
    const c = await client();
    expect(await selectMarkets({ client: c, config: markets('DISCOVERY', 3) })).toEqual([
      'KXBUSY',
      'KXTIE-A',
      'KXTIE-B',
    ]);
    expect(server!.requests.every((r) => r.query.get('status') === 'open')).toBe(true);
    expect(server!.requests.length).toBeGreaterThan(1);
  });

  it("runs as the root machine's initialize actor", async () => {
    const c = await client();
    const actor = createActor(createInitializeActor({ client: c, config: markets('DISCOVERY', 1) })).start();
    expect(await toPromise(actor)).toEqual({ markets: ['KXBUSY'] });
  });

  it('ranks deterministically and never returns more than asked', () => {
    const m = (ticker: string, volume24h: number, volume: number) =>
      ({ ticker, volume24h, volume }) as MarketInfo;
    expect(rankMarkets([m('B', 1, 1), m('A', 1, 1), m('C', 2, 0)], 2)).toEqual(['C', 'A']);
    expect(rankMarkets([m('A', 1, 1)], 0)).toEqual([]);
  });
});

describe('market selection against the simulator', () => {
  it('validates a list and discovers open markets', async () => {
    const sim = await startSimulator({ port: 0, markets: 4, seed: 3, flowRunning: false });
    try {
      const c = createKalshiClient({ baseUrl: sim.restUrl });
      const all = sim.exchange.listMarkets().map((m) => m.ticker);
      const picked = await selectMarkets({ client: c, config: markets('DISCOVERY', 2) });
      expect(picked).toHaveLength(2);
      expect(all).toEqual(expect.arrayContaining(picked));
      expect(await selectMarkets({ client: c, config: markets([all[0]!]) })).toEqual([all[0]]);
      await expect(selectMarkets({ client: c, config: markets([all[0]!, 'KXNOPE']) })).rejects.toThrow(
        'unknown market tickers: KXNOPE',
      );
    } finally {
      await sim.close();
    }
  });
});
