import { afterEach, describe, expect, it } from 'vitest';
import { CONTROL_TOKEN, fakePorts } from './support/fake-ports';
import { type Harness, startFeed, TestClient } from './support/ws-harness';

describe('/v3/ws client frames and commands', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it.each([
    ['malformed JSON', '{"type":', 'malformed_json'],
    ['a non-object', '42', 'invalid_frame'],
    ['an unknown type', { type: 'launch_rockets' }, 'unknown_type'],
    ['a missing token', { type: 'command', command: { type: 'cancel_all' } }, 'unauthorized'],
    ['a wrong token', { type: 'command', token: 'guess', command: { type: 'cancel_all' } }, 'unauthorized'],
    [
      'an invalid command',
      { type: 'command', token: CONTROL_TOKEN, command: { type: 'kill_switch', on: 'yes' } },
      'invalid_command',
    ],
    [
      'an unknown command',
      { type: 'command', token: CONTROL_TOKEN, command: { type: 'self_destruct' } },
      'invalid_command',
    ],
  ])('answers %s with an error frame, keeps the connection and sends nothing', async (_name, frame, code) => {
    const fake = fakePorts();
    h = await startFeed(fake.ports);
    const c = await TestClient.open(h.url);
    c.send(frame);
    const error = await c.next('error');
    expect(error.data.code).toBe(code);
    expect(JSON.stringify(error)).not.toContain(CONTROL_TOKEN);
    await c.sync(); // still open and answering
    expect(fake.sent).toEqual([]);
    expect(h.feed.stats().badFrames).toBe(1);
    c.close();
  });

  it('runs a command with the right token and answers command_result with the id echoed', async () => {
    const fake = fakePorts();
    h = await startFeed(fake.ports);
    const c = await TestClient.open(h.url);
    c.send({ type: 'command', id: 'k1', token: CONTROL_TOKEN, command: { type: 'kill_switch', on: true } });
    expect((await c.next('command_result')).data).toEqual({
      id: 'k1',
      command: 'kill_switch',
      ok: true,
      message: 'done',
    });
    fake.setResult({ ok: false, code: 'unknown_market', message: 'no such market' });
    c.send({ type: 'command', token: CONTROL_TOKEN, command: { type: 'resync_market', ticker: 'KXQ' } });
    expect((await c.next('command_result')).data).toEqual({
      command: 'resync_market',
      ok: false,
      code: 'unknown_market',
      message: 'no such market',
    });
    c.send({ type: 'command', id: 9, token: 'guess', command: { type: 'cancel_all' } });
    expect((await c.next('error')).data).toEqual({
      id: 9,
      code: 'unauthorized',
      message: 'missing or wrong control token',
    });
    expect(fake.sent).toEqual([
      { type: 'kill_switch', on: true },
      { type: 'resync_market', ticker: 'KXQ' },
    ]);
    c.close();
  });

  it('passes manual order commands to the daemon and answers with their outcome', async () => {
    const fake = fakePorts();
    fake.setResult({
      ok: true,
      client_order_id: 'kt-m-1',
      outcome: 'accepted',
      order_id: 'o-1',
      message: 'ok',
    });
    h = await startFeed(fake.ports);
    const c = await TestClient.open(h.url);
    const place = {
      type: 'place_order',
      ticker: 'KXA-1',
      side: 'bid',
      price_dollars: '0.4000',
      count_fp: '1.00',
    };
    c.send({ type: 'command', id: 'p1', token: CONTROL_TOKEN, command: place });
    expect((await c.next('command_result')).data).toEqual({
      id: 'p1',
      command: 'place_order',
      ok: true,
      client_order_id: 'kt-m-1',
      outcome: 'accepted',
      order_id: 'o-1',
      message: 'ok',
    });
    c.send({
      type: 'command',
      token: CONTROL_TOKEN,
      command: { type: 'cancel_order', client_order_id: 'kt-m-1' },
    });
    await c.next('command_result');
    const amend = { type: 'amend_order', order_id: 'o-1', price_dollars: '0.3900' };
    c.send({ type: 'command', token: CONTROL_TOKEN, command: amend });
    await c.next('command_result');
    // An amend that changes nothing, or names no order, never reaches the daemon.
    c.send({ type: 'command', token: CONTROL_TOKEN, command: { type: 'amend_order', order_id: 'o-1' } });
    expect((await c.next('error')).data.code).toBe('invalid_command');
    c.send({ type: 'command', token: CONTROL_TOKEN, command: { type: 'cancel_order' } });
    expect((await c.next('error')).data.message).toMatch(/client_order_id or order_id/);
    // Prices and counts no order can have are refused here, not at the risk gate.
    c.send({ type: 'command', token: CONTROL_TOKEN, command: { ...place, count_fp: '99999999999999.00' } });
    expect((await c.next('error')).data).toMatchObject({ code: 'invalid_command', message: /count_fp/ });
    c.send({ type: 'command', token: CONTROL_TOKEN, command: { ...amend, price_dollars: '1.0001' } });
    expect((await c.next('error')).data).toMatchObject({ code: 'invalid_command', message: /price_dollars/ });
    expect(fake.sent).toEqual([place, { type: 'cancel_order', client_order_id: 'kt-m-1' }, amend]);
    c.close();
  });

  it('turns a failing send port into a generic command_failed error', async () => {
    const fake = fakePorts({
      send: async () => {
        throw new Error('socket hang up with KALSHI-ACCESS-KEY abc');
      },
    });
    h = await startFeed(fake.ports);
    const c = await TestClient.open(h.url);
    c.send({ type: 'command', token: CONTROL_TOKEN, command: { type: 'cancel_all' } });
    const error = await c.next('error');
    expect(error.data).toEqual({ code: 'command_failed', message: 'the daemon could not run the command' });
    await c.sync();
    c.close();
  });

  it('refuses every command when no control token is configured', async () => {
    const fake = fakePorts({ controlToken: '' });
    h = await startFeed(fake.ports);
    const c = await TestClient.open(h.url);
    c.send({ type: 'command', token: '', command: { type: 'cancel_all' } });
    expect((await c.next('error')).data.code).toBe('commands_disabled');
    expect(fake.sent).toEqual([]);
    c.close();
  });
});
