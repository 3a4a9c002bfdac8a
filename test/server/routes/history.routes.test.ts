// GET /v3/fills, /v3/orders?status=, /v3/sessions and /v3/pnl over a real SQLite storage in a temp dir:
// the documented shapes (checked against the OpenAPI components' zod schemas), the cursor, the filters,
// a 400 naming the parameter for a bad query, and a 503 when the daemon keeps no history.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/adapters/storage';
import { historyPort } from '../../../src/app/storage-wiring';
import type { StoragePort } from '../../../src/domain/storage-port';
import { createApp } from '../../../src/server/app';
import {
  FillPageViewSchema,
  PnlSeriesViewSchema,
  SessionsViewSchema,
  StoredOrdersViewSchema,
} from '../../../src/server/history-views';
import { fill, newOrder, order, position, session } from '../../adapters/storage/storage-fixtures';
import { fakePorts } from '../support/fake-ports';

let dir: string;
let storage: StoragePort;
let app: ReturnType<typeof createApp>;
const T0 = 1_700_000_000_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kalshi-history-routes-'));
  const other = await openStorage({ dataDir: dir });
  await other.startSession(session({ daemonId: 'other-daemon', startedMs: T0 - 1 }));
  other.enqueue({ kind: 'fill', atMs: T0, fill: fill(99) });
  await other.close();
  storage = await openStorage({ dataDir: dir });
  // Another daemon's history in the same database stays out of this daemon's answers.
  const mine = await storage.startSession(session({ daemonId: 'kalshi-trader', startedMs: T0 }));
  for (let n = 1; n <= 5; n++) await storage.recordOrder(newOrder(n));
  storage.enqueue({
    kind: 'order',
    atMs: T0 + 10,
    event: 'executed',
    order: order(1, { status: 'executed' }),
  });
  storage.enqueue({ kind: 'order', atMs: T0 + 10, event: 'accepted', order: order(2) });
  for (let n = 1; n <= 5; n++)
    storage.enqueue({
      kind: 'fill',
      atMs: T0 + n,
      fill: fill(n, { ticker: n % 2 ? 'KXTEST-A' : 'KXTEST-B' }),
    });
  storage.enqueue({ kind: 'position', atMs: T0 + 100, position: position('KXTEST-A', 1_000_000, 14_000) });
  storage.enqueue({ kind: 'position', atMs: T0 + 200, position: position('KXTEST-A', 3_000_000, 21_000) });
  await storage.flush();
  app = createApp(fakePorts({ history: historyPort({ port: storage, session: mine }) }).ports);
});

afterAll(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string) => {
  const res = await app.request(`http://127.0.0.1${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('history routes', () => {
  it('pages the fills by cursor, oldest first, and filters by market', async () => {
    const first = await get('/v3/fills?limit=2');
    expect(first.status).toBe(200);
    const page = FillPageViewSchema.parse(first.body);
    expect(page.fills.map((f) => f.fill_id)).toEqual(['fill-1', 'fill-2']);
    expect(page.fills[0]).toMatchObject({
      yes_price_dollars: '0.4500',
      count_fp: '1.00',
      fee_dollars: '0.007000',
    });
    const rest = FillPageViewSchema.parse((await get(`/v3/fills?since=${page.next_cursor}`)).body);
    expect(rest.fills.map((f) => f.fill_id)).toEqual(['fill-3', 'fill-4', 'fill-5']);
    expect(rest.next_cursor).toBeNull();
    const b = FillPageViewSchema.parse((await get('/v3/fills?ticker=KXTEST-B')).body);
    expect(b.fills.map((f) => f.fill_id)).toEqual(['fill-2', 'fill-4']);
  });

  it('lists stored orders by status, newest first', async () => {
    const open = StoredOrdersViewSchema.parse((await get('/v3/orders?status=open')).body);
    expect(open.orders.map((o) => o.client_order_id)).toEqual(['kt-5', 'kt-4', 'kt-3', 'kt-2']);
    const final = StoredOrdersViewSchema.parse((await get('/v3/orders?status=final')).body);
    expect(final.orders).toEqual([expect.objectContaining({ client_order_id: 'kt-1', status: 'executed' })]);
    const all = StoredOrdersViewSchema.parse((await get('/v3/orders?status=all&limit=2')).body);
    expect(all.orders).toHaveLength(2);
  });

  it('lists the sessions and the realized PnL series', async () => {
    const sessions = SessionsViewSchema.parse((await get('/v3/sessions')).body);
    expect(sessions.sessions).toEqual([
      expect.objectContaining({ daemon_id: 'kalshi-trader', stopped: null, stop_reason: null }),
    ]);
    const pnl = PnlSeriesViewSchema.parse((await get(`/v3/pnl?from=${T0}&to=${T0 + 1_000}`)).body);
    expect(pnl.points.map((p) => [p.ts_ms, p.realized_pnl_dollars, p.fees_paid_dollars])).toEqual([
      [T0 + 100, '1.000000', '0.014000'],
      [T0 + 200, '3.000000', '0.021000'],
    ]);
    const iso = new Date(T0 + 150).toISOString();
    const later = PnlSeriesViewSchema.parse((await get(`/v3/pnl?from=${iso}&to=${T0 + 1_000}`)).body);
    expect(later.points.map((p) => p.ts_ms)).toEqual([T0 + 200]);
  });

  it.each([
    ['/v3/fills?limit=0', 'limit'],
    ['/v3/fills?limit=abc', 'limit'],
    ['/v3/fills?since=-1', 'since'],
    ['/v3/fills?order=sideways', 'order'],
    ['/v3/fills?nonsense=1', 'nonsense'],
    ['/v3/orders?status=done', 'status'],
    ['/v3/orders?status=open&limit=5000', 'limit'],
    ['/v3/sessions?limit=-3', 'limit'],
    ['/v3/pnl?from=yesterday', 'from'],
    [`/v3/pnl?from=${T0 + 10}&to=${T0}`, 'from'],
  ])('%s is a 400 naming %s', async (path, name) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'invalid_query' } });
    expect((body.error as { message: string }).message).toContain(name);
  });

  it('answers 503 when the daemon keeps no history, and keeps /v3/orders live without status', async () => {
    const bare = createApp(fakePorts().ports);
    for (const path of ['/v3/fills', '/v3/sessions', '/v3/pnl', '/v3/orders?status=all']) {
      const res = await bare.request(`http://127.0.0.1${path}`);
      expect(res.status, path).toBe(503);
    }
    expect((await bare.request('http://127.0.0.1/v3/orders')).status).toBe(200);
  });

  it('documents every history route in the OpenAPI document', async () => {
    const doc = (await get('/v3/openapi.json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v3/fills', '/v3/sessions', '/v3/pnl']));
    expect(JSON.stringify(doc.paths['/v3/orders'])).toContain('StoredOrders');
  });
});
