// Contract: the authenticated side of WS v2: private channels (user_orders, fill) deliver our own
// order's events after a REST create, and an upgrade without Kalshi's signature headers is refused.
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FillUpdate, UserOrderUpdate } from '../../src/adapters/kalshi/messages';
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
import { WsRecorder } from './ws-recorder';

/** Checks for WsRecorder.until: the first user_order / fill message whose data matches. */
const userOrder =
  (ws: WsRecorder, match: (o: UserOrderUpdate) => boolean) => (): UserOrderUpdate | undefined => {
    for (const m of ws.messages) if (m.type === 'user_order' && match(m.data)) return m.data;
    return undefined;
  };
const fillOf = (ws: WsRecorder, match: (f: FillUpdate) => boolean) => (): FillUpdate | undefined => {
  for (const m of ws.messages) if (m.type === 'fill' && match(m.data)) return m.data;
  return undefined;
};

/** Status and parsed body of a refused upgrade. */
function refusedUpgrade(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('an unsigned upgrade was accepted'));
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', () => {}); // the refusal surfaces as unexpected-response
  });
}

describeTargets('WS private channels and auth', { flowRunning: false }, (t) => {
  const janitor = new OrderJanitor(() => clientFor(t.conn));
  const recorders: WsRecorder[] = [];
  afterEach(async () => {
    for (const r of recorders.splice(0)) await r.close();
    await janitor.cancelAll();
  });
  const connected = async (channels: string[]) => {
    const ws = new WsRecorder(t.conn.wsUrl, t.conn.credentials);
    recorders.push(ws);
    await ws.client.connect();
    const result = await ws.client.subscribe({ channels });
    expect(result.sids.map((s) => s.channel).sort()).toEqual([...channels].sort());
    return ws;
  };

  it('delivers user_order events of our resting order and its cancel', async () => {
    const ws = await connected(['user_orders']);
    const [market] = await pickMarkets(clientFor(t.conn), 1);
    const intent = farBid(market!.ticker);
    const placed = await place(clientFor(t.conn), janitor, intent);
    const resting = await ws.until(
      userOrder(ws, (o) => o.orderId === placed.orderId && o.status === 'resting'),
      'user_order resting',
    );
    expect(resting).toMatchObject({
      clientOrderId: intent.clientOrderId,
      ticker: market!.ticker,
      side: 'bid',
      price: FAR_BID,
      remainingCount: ONE_CONTRACT,
    });
    await clientFor(t.conn).cancelOrder(placed.orderId, market!.ticker);
    const canceled = await ws.until(
      userOrder(ws, (o) => o.orderId === placed.orderId && o.status === 'canceled'),
      'user_order canceled',
    );
    expect(canceled.remainingCount).toBe(0);
  });

  it.skipIf(!t.isSim)(
    'delivers our fill and executed order after a REST create that trades (sim-only)',
    async () => {
      const ws = await connected(['fill', 'user_orders']);
      const [market] = await pickMarkets(clientFor(t.conn), 1);
      const { ticker, yesAsk } = market!;
      const intent = {
        ...farBid(ticker),
        price: yesAsk!,
        postOnly: false,
        timeInForce: 'immediate_or_cancel' as const,
      };
      const taken = await place(clientFor(t.conn), janitor, intent);
      expect(taken.fillCount).toBe(ONE_CONTRACT);
      const fill = await ws.until(
        fillOf(ws, (f) => f.orderId === taken.orderId),
        'our fill',
      );
      expect(fill).toMatchObject({
        clientOrderId: intent.clientOrderId,
        ticker,
        side: 'bid',
        price: yesAsk,
        count: ONE_CONTRACT,
        isTaker: true,
        postPosition: ONE_CONTRACT,
      });
      const executed = await ws.until(
        userOrder(ws, (o) => o.orderId === taken.orderId && o.status === 'executed'),
        'user_order executed',
      );
      expect(executed).toMatchObject({ fillCount: ONE_CONTRACT, remainingCount: 0 });
    },
  );

  it('refuses an upgrade without signature headers with 401', async () => {
    const refused = await refusedUpgrade(t.conn.wsUrl);
    expect(refused.status).toBe(401);
    if (t.isSim) expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'authentication_error' } });

    // The client reports the refusal and keeps retrying (slowly) instead of throwing at anyone.
    const ws = new WsRecorder(t.conn.wsUrl);
    recorders.push(ws);
    void ws.client.connect();
    const retry = await ws.until(() => ws.states.find((s) => s.state === 'reconnecting'), 'reconnecting');
    expect(retry.info.reason).toContain('401');
  });
});
