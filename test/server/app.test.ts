import { describe, expect, it, vi } from 'vitest';
import { createApp, MAX_BODY_BYTES } from '../../src/server/app';
import { createMetrics } from '../../src/server/metrics';
import {
  BookViewSchema,
  ErrorBodySchema,
  HealthViewSchema,
  OrderViewSchema,
  PositionViewSchema,
  StatusViewSchema,
} from '../../src/server/views';
import { fakePorts } from './support/fake-ports';

const get = (app: ReturnType<typeof createApp>, path: string) => app.request(path);

describe('GET /v3/health', () => {
  it('is 200 when ready', async () => {
    const res = await get(createApp(fakePorts().ports), '/v3/health');
    expect(res.status).toBe(200);
    expect(HealthViewSchema.parse(await res.json())).toEqual({
      healthy: true,
      status: 'running',
      state: 'ready',
      uptime: 12.5,
    });
  });

  it('is 200 when degraded by design', async () => {
    const fake = fakePorts();
    fake.setState('degraded');
    const res = await get(createApp(fake.ports), '/v3/health');
    expect(res.status).toBe(200);
    // The original daemon's word: serving (healthy), but degraded.
    expect(await res.json()).toMatchObject({ healthy: true, status: 'degraded', state: 'degraded' });
  });

  it.each(['initializing', 'error', 'shutdown'] as const)('is 503 in %s', async (state) => {
    const fake = fakePorts();
    fake.setState(state);
    const res = await get(createApp(fake.ports), '/v3/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ healthy: false, status: 'unhealthy', state });
  });
});

describe('read routes', () => {
  const app = createApp(fakePorts().ports);

  it('GET /v3/status matches the StatusView schema', async () => {
    const res = await get(app, '/v3/status');
    expect(res.status).toBe(200);
    const body = StatusViewSchema.parse(await res.json());
    expect(body.balance).toEqual({
      balance_dollars: '123.4500',
      portfolio_value_dollars: '6.7890',
      balance_cents: 12345,
    });
    expect(body.transitions).toHaveLength(25);
  });

  it('GET /v3/positions lists PositionViews, the flat markets with history too with ?all=1', async () => {
    const tickers = async (path: string) =>
      ((await (await get(app, path)).json()).positions as unknown[]).map(
        (p) => PositionViewSchema.parse(p).ticker,
      );
    expect(await tickers('/v3/positions')).toEqual(['KXA-1']);
    expect(await tickers('/v3/positions?all=1')).toEqual(['KXA-1', 'KXB-2']);
    expect(await tickers('/v3/positions?all=0')).toEqual(['KXA-1']);
  });

  it('GET /v3/orders lists OrderViews', async () => {
    const body = await (await get(app, '/v3/orders')).json();
    const order = OrderViewSchema.parse(body.orders[0]);
    expect(order).toMatchObject({
      yes_price_dollars: '0.3500',
      no_price_dollars: '0.6500',
      remaining_count_fp: '7.50',
    });
  });
});

describe('GET /v3/orderbook/:ticker', () => {
  const app = createApp(fakePorts().ports);
  const levels = async (query: string) => {
    const res = await get(app, `/v3/orderbook/KXA-1${query}`);
    expect(res.status).toBe(200);
    return BookViewSchema.parse(await res.json()).orderbook_fp;
  };

  it('returns every level, ascending, without depth or with depth 0 or negative', async () => {
    const all = {
      yes_dollars: [
        ['0.4000', '50.00'],
        ['0.4200', '13.00'],
        ['0.4500', '2.00'],
      ],
      no_dollars: [
        ['0.5000', '20.00'],
        ['0.5400', '146.00'],
      ],
    };
    expect(await levels('')).toEqual(all);
    expect(await levels('?depth=0')).toEqual(all);
    expect(await levels('?depth=-3')).toEqual(all);
  });

  it('keeps the best N levels per side for depth=N', async () => {
    expect(await levels('?depth=1')).toEqual({
      yes_dollars: [['0.4500', '2.00']],
      no_dollars: [['0.5400', '146.00']],
    });
  });

  it.each(['abc', '1.5', '101', '1e2'])('refuses depth=%s with a 400 JSON error', async (depth) => {
    const res = await get(app, `/v3/orderbook/KXA-1?depth=${depth}`);
    expect(res.status).toBe(400);
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe('invalid_depth');
  });

  it('is 404 not_found for an unknown market', async () => {
    const res = await get(app, '/v3/orderbook/NOPE');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'no orderbook for market NOPE' },
    });
  });
});

describe('GET /metrics', () => {
  it('serves the registry as Prometheus text', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.setState('degraded');
    metrics.wsMessages.inc({ type: 'orderbook_delta' }, 3);
    const res = await get(createApp(fakePorts({ metrics: metrics.registry }).ports), '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('kalshi_trader_state{state="degraded"} 1');
    expect(text).toContain('kalshi_trader_ws_messages_total{type="orderbook_delta"} 3');
  });
});

describe('GET /v3/openapi.json', () => {
  it('is an OpenAPI 3.1 document covering every route, with every $ref resolvable', async () => {
    const doc = await (await get(createApp(fakePorts().ports), '/v3/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/metrics',
        '/v3/fills',
        '/v3/health',
        '/v3/openapi.json',
        '/v3/orderbook/{ticker}',
        '/v3/orders',
        '/v3/orders/{client_order_id}',
        '/v3/pnl',
        '/v3/positions',
        '/v3/sessions',
        '/v3/status',
      ].sort(),
    );
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(refs.length).toBeGreaterThan(5);
    for (const name of refs) expect(doc.components.schemas).toHaveProperty(name as string);
    expect(doc.components.schemas.StatusView.properties.state.enum).toContain('kalshi_data_sync');
    expect(doc.paths['/v3/orders'].post.security).toEqual([{ controlToken: [] }]);
    expect(doc.components.schemas.OrderResult.required).toContain('client_order_id');
  });

  it('documents the book audit and the private channels component of /v3/status', async () => {
    const doc = await (await get(createApp(fakePorts().ports), '/v3/openapi.json')).json();
    const status = doc.components.schemas.StatusView;
    expect(status.required).toContain('book_audit');
    const audit = status.properties.book_audit;
    expect(audit.required.sort()).toEqual(['interval_seconds', 'last_run', 'markets', 'mismatches']);
    expect(audit.properties.interval_seconds.description).toContain('0 = off');
    const market = audit.properties.markets.additionalProperties;
    expect(market.properties.result.enum).toEqual(['match', 'differs', 'mismatch']);
    expect(market.required.sort()).toEqual(['at', 'levels', 'result']);
    expect(status.properties.components.description).toContain('private_channels');
  });
});

describe('errors', () => {
  it('answers unknown routes with a JSON 404', async () => {
    const res = await get(createApp(fakePorts().ports), '/v3/nope');
    expect(res.status).toBe(404);
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe('not_found');
  });

  it('turns a throwing port into a generic 500 without leaking its message or stack', async () => {
    const onUnexpectedError = vi.fn();
    const secret = 'KALSHI-ACCESS-SIGNATURE=abc123';
    const ports = fakePorts({
      getStatus: () => {
        throw new Error(`boom ${secret}`);
      },
    }).ports;
    const res = await get(createApp(ports, { onUnexpectedError }), '/v3/status');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'internal error' } });
    expect(text).not.toContain(secret);
    expect(text).not.toContain('at ');
    expect(onUnexpectedError).toHaveBeenCalledOnce();
  });
});

describe('request body limit', () => {
  // A write route mounted after createApp, as the order routes are: the limit covers it all the same.
  const app = createApp(fakePorts().ports);
  app.post('/v3/echo', async (c) => c.json({ bytes: (await c.req.text()).length }));
  const tooLarge = {
    error: { code: 'payload_too_large', message: `request body over ${MAX_BODY_BYTES} bytes` },
  };

  it('takes a body up to the limit', async () => {
    const res = await app.request('/v3/echo', { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bytes: MAX_BODY_BYTES });
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('answers a %s body over the limit with 413', async (method) => {
    const res = await app.request('/v3/echo', { method, body: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual(tooLarge);
  });

  it('counts a streamed body without Content-Length, and stops reading it', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(4096));
        if (pulled === 1000) controller.close();
      },
    });
    const res = await app.request('/v3/echo', { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual(tooLarge);
    expect(pulled).toBeLessThan(10);
  });
});
