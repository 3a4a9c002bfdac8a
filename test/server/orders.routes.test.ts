// The HTTP order routes: token, origin and body checks before anything reaches the daemon, the command
// each route sends, and each outcome's status with the client_order_id at the top level.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { type OrderResult, OrderResultSchema } from '../../src/server/commands';
import { ErrorBodySchema } from '../../src/server/views';
import { CONTROL_TOKEN, fakePorts } from './support/fake-ports';

const ORDER = { ticker: 'KXA-1', side: 'bid', price_dollars: '0.4500', count_fp: '1.00' };
const AUTH = { Authorization: `Bearer ${CONTROL_TOKEN}`, 'Content-Type': 'application/json' };
const ACCEPTED: OrderResult = {
  ok: true,
  client_order_id: 'kt-m-1',
  outcome: 'accepted',
  order_id: 'o-9',
  message: 'accepted by the exchange',
};

function setup(result: OrderResult = ACCEPTED, overrides: Parameters<typeof fakePorts>[0] = {}) {
  const fake = fakePorts(overrides);
  fake.setResult(result);
  const app = createApp(fake.ports);
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = AUTH) =>
    app.request(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { fake, call };
}

async function errorOf(res: Response) {
  return ErrorBodySchema.parse(await res.json()).error;
}

describe('order routes: who may call', () => {
  it('answers 401 without the token or with a wrong one, and sends nothing', async () => {
    const { fake, call } = setup();
    const none = await call('POST', '/v3/orders', ORDER, { 'Content-Type': 'application/json' });
    expect(none.status).toBe(401);
    expect(none.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    expect((await errorOf(none)).code).toBe('unauthorized');
    const wrong = await call('DELETE', '/v3/orders/kt-1', undefined, {
      Authorization: 'Bearer guess-guess-guess',
    });
    expect(wrong.status).toBe(401);
    const basic = await call(
      'PATCH',
      '/v3/orders/kt-1',
      { count_fp: '1.00' },
      { Authorization: CONTROL_TOKEN },
    );
    expect(basic.status).toBe(401);
    expect(JSON.stringify(await basic.json())).not.toContain(CONTROL_TOKEN);
    expect(fake.sent).toEqual([]);
  });

  it('refuses a browser origin it does not know, even with the token', async () => {
    const { fake, call } = setup();
    const res = await call('POST', '/v3/orders', ORDER, { ...AUTH, Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden_origin');
    const same = await call('POST', 'http://127.0.0.1:8005/v3/orders', ORDER, {
      ...AUTH,
      Origin: 'http://127.0.0.1:8005',
      Host: '127.0.0.1:8005',
    });
    expect(same.status).toBe(201);
    const listed = await call('POST', '/v3/orders', ORDER, {
      ...AUTH,
      Origin: 'http://console.example:5173',
    });
    expect(listed.status).toBe(201);
    expect(fake.sent).toHaveLength(2);
  });

  it('refuses everything when no control token is configured', async () => {
    const { fake, call } = setup(ACCEPTED, { controlToken: '' });
    const res = await call('POST', '/v3/orders', ORDER, { ...AUTH, Authorization: 'Bearer ' });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('commands_disabled');
    expect(fake.sent).toEqual([]);
  });
});

describe('order routes: bodies', () => {
  it.each([
    ['not JSON', '{"ticker":', 'malformed_json', /JSON object/],
    ['a missing field', { ...ORDER, ticker: undefined }, 'invalid_body', /ticker/],
    ['a float price', { ...ORDER, price_dollars: 0.45 }, 'invalid_body', /price_dollars/],
    ['a negative count', { ...ORDER, count_fp: '-1.00' }, 'invalid_body', /count_fp/],
    ['a zero count', { ...ORDER, count_fp: '0.00' }, 'invalid_body', /count_fp: must be more than 0.00/],
    ['a zero count with a padded integer part', { ...ORDER, count_fp: '00.00' }, 'invalid_body', /count_fp/],
    ['a count past a safe integer', { ...ORDER, count_fp: '99999999999999.00' }, 'invalid_body', /count_fp/],
    ['a zero price', { ...ORDER, price_dollars: '0.0000' }, 'invalid_body', /price_dollars: must be more/],
    ['a price of $1', { ...ORDER, price_dollars: '1.0000' }, 'invalid_body', /price_dollars/],
    ['a price above $1', { ...ORDER, price_dollars: '1.0001' }, 'invalid_body', /price_dollars/],
    ['a price near $2', { ...ORDER, price_dollars: '1.9999' }, 'invalid_body', /price_dollars/],
    ['a price off the tick grid', { ...ORDER, price_dollars: '0.45001' }, 'invalid_body', /price_dollars/],
    ['an unknown field', { ...ORDER, leverage: 10 }, 'invalid_body', /leverage/],
  ])('answers 400 to %s, naming what is wrong', async (_name, body, code, message) => {
    const { fake, call } = setup();
    const res = await call('POST', '/v3/orders', body);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(fake.sent).toEqual([]);
  });

  it('answers 400 to an amend to a price or count no order can have', async () => {
    const { fake, call } = setup();
    for (const body of [{ price_dollars: '1.5000' }, { price_dollars: '0.0000' }, { count_fp: '00.00' }]) {
      const res = await call('PATCH', '/v3/orders/kt-1', body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('invalid_body');
    }
    expect(fake.sent).toEqual([]);
  });

  it('answers 400 to an amend that changes nothing, and 413 to a huge body', async () => {
    const { fake, call } = setup();
    const empty = await call('PATCH', '/v3/orders/kt-1', {});
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).message).toMatch(/price_dollars, count_fp or both/);
    const huge = await call('POST', '/v3/orders', { ...ORDER, ticker: 'X'.repeat(10_000) });
    expect(huge.status).toBe(413);
    expect(fake.sent).toEqual([]);
  });
});

describe('order routes: commands and outcomes', () => {
  it('sends each route as its command and answers with the outcome, client_order_id at the top', async () => {
    const { fake, call } = setup();
    const placed = await call('POST', '/v3/orders', { ...ORDER, post_only: true });
    expect(placed.status).toBe(201);
    expect(OrderResultSchema.parse(await placed.json())).toEqual(ACCEPTED);
    expect((await call('DELETE', '/v3/orders/kt-m-1')).status).toBe(200);
    expect((await call('PATCH', '/v3/orders/kt-m-1', { price_dollars: '0.4400' })).status).toBe(200);
    expect(fake.sent).toEqual([
      { type: 'place_order', ...ORDER, post_only: true },
      { type: 'cancel_order', client_order_id: 'kt-m-1' },
      { type: 'amend_order', client_order_id: 'kt-m-1', price_dollars: '0.4400' },
    ]);
  });

  it.each([
    [{ outcome: 'unknown', message: 'no answer' }, 202],
    [{ outcome: 'blocked', rule: 'kill_switch', message: 'kill switch is on' }, 409],
    [{ outcome: 'rejected', code: 'insufficient_balance', message: 'insufficient balance' }, 422],
    [{ outcome: 'refused', code: 'not_operating', message: 'the trader is initializing' }, 503],
    [{ outcome: 'invalid', code: 'unknown_order', message: 'no tracked order kt-x' }, 404],
    [{ outcome: 'invalid', code: 'order_in_flight', message: 'not answered yet' }, 409],
    [{ outcome: 'not_found', message: 'order not found' }, 404],
  ] as const)('answers %j with %i', async (partial, status) => {
    const result = { ok: false, client_order_id: 'kt-m-1', ...partial } as OrderResult;
    const { call } = setup(result);
    const res = await call('POST', '/v3/orders', ORDER);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual(result);
  });
});
