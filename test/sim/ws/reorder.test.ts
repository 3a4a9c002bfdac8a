import { describe, expect, it } from 'vitest';
import { useSimRig } from '../../support/fixtures';

const sims = useSimRig();

describe('reorderRate', () => {
  it('sends a held delta right after the next frame of its sid: the client sees N+1 before N', async () => {
    const rig = await sims.start();
    const ticker = rig.tickers[0]!;
    const client = await rig.ws();
    client.send({
      id: 1,
      cmd: 'subscribe',
      params: { channels: ['orderbook_delta'], market_ticker: ticker },
    });
    await client.next((f) => f.type === 'orderbook_snapshot');
    expect((await rig.admin('POST', 'faults', { reorderRate: 1 })).body).toMatchObject({ reorderRate: 1 });
    for (const price of [100, 200, 300, 400]) {
      const placed = rig.sim.exchange.createOrder({
        userId: 'someone-else',
        ticker,
        side: 'bid',
        price,
        count: 100,
        timeInForce: 'good_till_canceled',
        selfTradePrevention: 'taker_at_cross',
      });
      expect(placed.ok).toBe(true);
    }
    await client.next((f) => f.type === 'orderbook_delta' && f.seq === 4);
    const deltas = client.frames.filter((f) => f.type === 'orderbook_delta');
    expect(deltas.map((f) => [f.seq, f.msg.price_dollars])).toEqual([
      [3, '0.0200'],
      [2, '0.0100'],
      [5, '0.0400'],
      [4, '0.0300'],
    ]);
    const { body } = await rig.admin('GET', 'state');
    expect(body.faults.reorderRate).toBe(1);
    expect(body.counters.ws.framesReordered).toBe(2);
  });
});
