// Contract: the orderbook_delta channel through KalshiWsClient: signed connect, one sid for two markets,
// a snapshot each, deltas with contiguous seq (ours tagged with our client_order_id), get_snapshot, a
// book rebuilt from the stream that equals REST once the flow stands still, and error 8.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { KalshiWsError } from '../../src/adapters/kalshi/ws-errors';
import { setFlow } from '../support/sim-flow';
import {
  clientFor,
  FAR_BID,
  farBid,
  ONE_CONTRACT,
  OrderJanitor,
  pickMarkets,
  place,
} from './contract-helpers';
import { describeTargets } from './targets';
import { rebuildBooks, seqBreak, WsRecorder } from './ws-recorder';

describeTargets('WS orderbook', { flowRunning: true }, (t) => {
  const janitor = new OrderJanitor(() => clientFor(t.conn));
  const recorders: WsRecorder[] = [];
  afterEach(async () => {
    for (const r of recorders.splice(0)) await r.close();
    await janitor.cancelAll();
  });
  // A brisk flow so a few hundred milliseconds carry dozens of deltas.
  beforeAll(async () => {
    if (t.isSim) await setFlow(t.sim, true, 200);
  });

  async function subscribed(count: number) {
    const tickers = (await pickMarkets(clientFor(t.conn), count)).map((m) => m.ticker);
    const ws = new WsRecorder(t.conn.wsUrl, t.conn.credentials);
    recorders.push(ws);
    await ws.client.connect();
    const result = await ws.client.subscribe({ channels: ['orderbook_delta'], marketTickers: tickers });
    expect(result.sids).toEqual([{ channel: 'orderbook_delta', sid: expect.any(Number) }]);
    const sid = result.sids[0]!.sid;
    const snapshots = await ws.until(() => {
      const s = ws.framesOf(sid).filter((f) => f.kind === 'snapshot');
      return s.length >= tickers.length ? s : undefined;
    }, `${tickers.length} snapshots`);
    return { ws, sid, tickers, snapshots };
  }

  it('sends a snapshot per market, then deltas (ours tagged) with one contiguous seq per sid', async () => {
    const { ws, sid, tickers, snapshots } = await subscribed(2);
    expect(snapshots.map((s) => s.ticker).sort()).toEqual([...tickers].sort());
    for (const s of snapshots) expect(s.yes.length + s.no.length).toBeGreaterThan(0);
    const intent = farBid(tickers[0]!);
    const placed = await place(clientFor(t.conn), janitor, intent);
    const mine = (delta: number) => () =>
      ws
        .framesOf(sid)
        .find((f) => f.kind === 'delta' && f.clientOrderId === intent.clientOrderId && f.delta === delta);
    expect(await ws.until(mine(ONE_CONTRACT), 'the delta of our order')).toMatchObject({
      ticker: tickers[0],
      side: 'yes',
      price: FAR_BID,
    });
    await clientFor(t.conn).cancelOrder(placed.orderId, tickers[0]!);
    await ws.until(mine(-ONE_CONTRACT), 'the delta of our cancel');
    if (t.isSim) await ws.until(() => (ws.framesOf(sid).length >= 30 ? true : undefined), '30 book frames');

    const frames = ws.framesOf(sid);
    expect(frames.slice(0, 2).map((f) => f.kind)).toEqual(['snapshot', 'snapshot']);
    expect(seqBreak(frames)).toBeNull();
    expect(ws.protocolErrors).toEqual([]);
    expect(() => rebuildBooks(frames)).not.toThrow(); // no level ever went negative
  });

  it('answers get_snapshot with a snapshot carrying the command id, in the same seq run', async () => {
    const { ws, sid, tickers } = await subscribed(2);
    await ws.client.updateSubscription(sid, 'get_snapshot', [tickers[1]!]);
    const fresh = ws.framesOf(sid).filter((f) => f.kind === 'snapshot' && f.commandId !== undefined);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ ticker: tickers[1], commandId: expect.any(Number) });
    expect(seqBreak(ws.framesOf(sid))).toBeNull();
  });

  it('refuses an unknown channel with error code 8', async () => {
    const ws = new WsRecorder(t.conn.wsUrl, t.conn.credentials);
    recorders.push(ws);
    await ws.client.connect();
    const error = await ws.client.subscribe({ channels: ['no_such_channel'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiWsError);
    expect(error).toMatchObject({ kind: 'server', code: 8 });
  });

  it.skipIf(!t.isSim)(
    'rebuilds books from the stream that equal REST once the flow stops (sim-only)',
    async () => {
      const { ws, sid, tickers } = await subscribed(2);
      await ws.until(() => (ws.framesOf(sid).length >= 40 ? true : undefined), '40 book frames');
      expect(await setFlow(t.sim, false)).toMatchObject({ running: false });
      try {
        const lastSeq = () => ws.framesOf(sid).at(-1)!.seq;
        let rest: Awaited<ReturnType<ReturnType<typeof clientFor>['getOrderbook']>>[] = [];
        // The socket is ordered: when a command's reply arrives, every frame sent before it has too.
        for (let attempt = 0; ; attempt++) {
          await ws.client.listSubscriptions();
          const before = lastSeq();
          rest = await Promise.all(tickers.map((ticker) => clientFor(t.conn).getOrderbook(ticker)));
          await ws.client.listSubscriptions();
          if (lastSeq() === before) break; // nothing moved while REST was read: a seq-stable moment
          if (attempt >= 5) throw new Error('the books never stood still');
        }
        const rebuilt = rebuildBooks(ws.framesOf(sid));
        tickers.forEach((ticker, i) => {
          expect(rebuilt.get(ticker)).toEqual(rest[i]);
        });
      } finally {
        await setFlow(t.sim, true);
      }
    },
  );
});
