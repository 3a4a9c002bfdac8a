// Contract: a client pacing itself with its default token buckets (Basic tier, exactly Kalshi's budget)
// gets every order placed when the first request of a burst took longer to arrive than the rest.
import { afterAll, expect, it } from 'vitest';
import { createKalshiClient } from '../../src/adapters/kalshi/client';
import { farBid, pickMarkets } from './contract-helpers';
import { describeTargets } from './targets';

/** Extra arrival latency of the first write: about a TLS handshake with a distant exchange. */
const FIRST_REQUEST_LATENCY_MS = 100;

describeTargets('REST rate limits', { flowRunning: false }, (t) => {
  afterAll(() => {
    if (t.isSim) t.sim.exchange.cancelAll('contract-user');
  });

  // The client's token buckets deduct when a request leaves, the exchange's when it arrives. If the
  // first request of a burst arrives later than the others (connection setup, TLS), the client
  // believes it holds refillRate × that delay more tokens than the exchange, and a paced write can
  // be answered 429. Here the client's clock jumps by FIRST_REQUEST_LATENCY_MS once its first write
  // has left, which is exactly how that latency looks to the limiter. The client must absorb it: a
  // 429 proves the order was not placed, so the same request is resent and every order is accepted.
  it.skipIf(!t.isSim)(
    'paces a burst of order writes with the default limiter without a 429 (sim-only)',
    async () => {
      let skew = 0;
      const client = createKalshiClient({
        baseUrl: t.conn.restUrl,
        credentials: t.conn.credentials,
        now: () => Date.now() + skew,
        fetch: (input, init) => {
          if (init?.method === 'POST') skew = FIRST_REQUEST_LATENCY_MS;
          return fetch(input, init);
        },
      });
      const [market] = await pickMarkets(client, 1);
      const outcomes: string[] = [];
      for (let i = 0; i < 14; i++) {
        const result = await client.submitOrder(farBid(market!.ticker));
        outcomes.push(result.outcome === 'rejected' ? `rejected ${result.error.status}` : result.outcome);
      }
      expect(outcomes.filter((o) => o !== 'accepted')).toEqual([]);
    },
  );
});
