// Fuzzing the domain Kalshi client with exchange REST answers, through a fake fetch: each endpoint's
// documented body with one field of the wrong type, a huge or off-grid number, a key removed or added,
// the body cut short or replaced, under every status. Reads resolve in integer domain units or reject
// with a typed Kalshi error; order writes always resolve to an outcome, and a 2xx is never a rejection.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKalshiClient, type KalshiClient } from '../../../src/adapters/kalshi/client';
import { KalshiError, type KalshiHttpError, KalshiResponseError } from '../../../src/adapters/kalshi/errors';
import { FUZZ_SEED, FUZZ_TIMEOUT_MS, fuzzParams, InputCounter } from '../../support/fuzz';
import { mutateJson, truncatedJson } from '../../support/json-mutations';
import { fixture } from './helpers/scripted-server';

const page = (name: string) => ({ ...(fixture(name) as object), cursor: '' });
const first = (name: string, key: string) => (fixture(name) as Record<string, unknown[]>)[key]?.[0];

type Kind = 'read' | 'write' | 'limits';
interface Endpoint {
  name: string;
  kind: Kind;
  body: unknown;
  call(client: KalshiClient): Promise<unknown>;
}
const ENDPOINTS: Endpoint[] = [
  {
    name: 'exchange status',
    kind: 'read',
    body: fixture('exchange-status'),
    call: (c) => c.getExchangeStatus(),
  },
  { name: 'markets', kind: 'read', body: page('markets'), call: (c) => c.listMarkets({ max: 50 }) },
  {
    name: 'market',
    kind: 'read',
    body: { market: first('markets', 'markets') },
    call: (c) => c.getMarket('T'),
  },
  { name: 'orderbook', kind: 'read', body: fixture('orderbook'), call: (c) => c.getOrderbook('T') },
  { name: 'balance', kind: 'read', body: fixture('balance'), call: (c) => c.getBalance() },
  { name: 'positions', kind: 'read', body: page('positions'), call: (c) => c.listPositions() },
  { name: 'orders', kind: 'read', body: page('orders'), call: (c) => c.listOrders() },
  { name: 'order', kind: 'read', body: { order: first('orders', 'orders') }, call: (c) => c.getOrder('o-1') },
  { name: 'fills', kind: 'read', body: page('fills'), call: (c) => c.listFills({ max: 50 }) },
  {
    name: 'create order',
    kind: 'write',
    body: fixture('create-order-v2'),
    call: (c) => c.submitOrder({ ticker: 'T', side: 'bid', price: 5600, count: 100 }),
  },
  {
    name: 'cancel order',
    kind: 'write',
    body: fixture('cancel-order-v2'),
    call: (c) => c.cancelOrder('o-1', 'T'),
  },
  {
    name: 'amend order',
    kind: 'write',
    body: fixture('amend-order-v2'),
    call: (c) => c.amendOrder('o-1', { ticker: 'T', side: 'bid', price: 5700, count: 100 }),
  },
  {
    name: 'decrease order',
    kind: 'write',
    body: fixture('decrease-order-v2'),
    call: (c) => c.decreaseOrder('o-1', { reduceBy: 100 }),
  },
  {
    name: 'account limits',
    kind: 'limits',
    body: fixture('account-limits'),
    call: (c) => c.loadAccountLimits(),
  },
  {
    name: 'endpoint costs',
    kind: 'limits',
    body: fixture('endpoint-costs'),
    call: (c) => c.loadEndpointCosts(),
  },
];

const body = (doc: unknown) =>
  fc.oneof(
    { arbitrary: fc.constant(JSON.stringify(doc)), weight: 1 },
    { arbitrary: mutateJson(doc).map((d) => JSON.stringify(d)), weight: 6 },
    {
      arbitrary: mutateJson(doc)
        .chain(mutateJson)
        .map((d) => JSON.stringify(d)),
      weight: 2,
    },
    { arbitrary: truncatedJson(doc), weight: 2 },
    {
      arbitrary: fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        fc.constantFrom('', 'null', '<html>502</html>'),
      ),
      weight: 1,
    },
  );
const status = fc.oneof(
  { arbitrary: fc.constant(200), weight: 8 },
  { arbitrary: fc.constantFrom(201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503), weight: 3 },
);
const retryAfter = fc.option(
  fc.constantFrom('1', '0.5', '-1', 'abc', '1e9', 'Wed, 21 Oct 2015 07:28:00 GMT'),
  { nil: undefined },
);
// Built once per endpoint: the mutation arbitraries walk each document's paths when made.
const answer = fc.oneof(
  ...ENDPOINTS.map((endpoint) =>
    fc.record({ endpoint: fc.constant(endpoint), status, text: body(endpoint.body), retryAfter }),
  ),
);

/** Every number outside Error objects (an error's own fields are not domain values). */
function badNumbers(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? [] : [`${path}=${value}`];
  if (value === null || typeof value !== 'object' || value instanceof Error) return [];
  return Object.entries(value).flatMap(([k, v]) => badNumbers(v, `${path}.${k}`));
}

const BALANCE = JSON.stringify(fixture('balance'));

/** A client whose exchange answers `reply` (with `goodBalance`, /portfolio/balance answers well). */
function clientAnswering(reply: () => Response, goodBalance: boolean): KalshiClient {
  let t = 1_750_000_000_000;
  return createKalshiClient({
    baseUrl: 'http://exchange.invalid/trade-api/v2',
    fetch: (async (url: string) =>
      goodBalance && url.endsWith('/portfolio/balance') ? new Response(BALANCE) : reply()) as typeof fetch,
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
    random: () => 0.5,
  });
}

const counter = new InputCounter();

describe(`exchange REST bodies, fuzzed (seed ${FUZZ_SEED})`, () => {
  it(
    'reads give integer domain values or a typed error; writes always give an outcome',
    async () => {
      await fc.assert(
        fc.asyncProperty(answer, async ({ endpoint, status: code, text, retryAfter: after }) => {
          counter.add();
          const headers = after === undefined ? undefined : { 'retry-after': after };
          const reply = () => new Response(code === 204 ? null : text, { status: code, headers });
          const client = clientAnswering(reply, endpoint.kind === 'limits');
          const ok = code >= 200 && code < 300;
          let result: unknown;
          let error: unknown;
          try {
            result = await endpoint.call(client);
          } catch (err) {
            error = err ?? new Error('rejected with nothing');
          }
          if (error !== undefined) {
            expect(endpoint.kind, `${endpoint.name} threw ${String(error)}`).not.toBe('write');
            expect(error).toBeInstanceOf(KalshiError);
            if (ok) expect(error).toBeInstanceOf(KalshiResponseError);
            else expect((error as KalshiHttpError).status).toBe(code);
          } else {
            expect(badNumbers(result), endpoint.name).toEqual([]);
            if (endpoint.kind === 'read') expect(ok, `${endpoint.name} resolved on ${code}`).toBe(true);
          }
          if (endpoint.kind === 'write') {
            const { outcome } = result as { outcome: string };
            if (ok) expect(['accepted', 'canceled', 'unknown'], endpoint.name).toContain(outcome);
            else if (code === 429 || code >= 500) expect(outcome).toBe('unknown');
            else expect(['rejected', 'not_found']).toContain(outcome);
          }
          if (endpoint.kind === 'limits') {
            // Whatever the limits said, the client still paces sanely and serves the next read.
            await expect(client.getBalance()).resolves.toMatchObject({ balance: 123_450_000 });
            const { read, write } = client.rest.limiter.stats();
            expect(badNumbers([read.config, write.config])).toEqual([]);
          }
        }),
        fuzzParams(10_000),
      );
      counter.check();
    },
    FUZZ_TIMEOUT_MS,
  );
});
