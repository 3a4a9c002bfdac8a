import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KalshiWsClient } from '../../../src/adapters/kalshi/ws';
import { REAL_TIMERS, type WsTimers } from '../../../src/adapters/kalshi/ws-commands';
import { KalshiWsError } from '../../../src/adapters/kalshi/ws-errors';
import type { KalshiWsClientOptions } from '../../../src/adapters/kalshi/ws-types';
import data from '../../fixtures/kalshi/ws-data-messages.json';
import {
  type ClientEvent,
  FakeKalshiWs,
  type FakeKalshiWsOptions,
  recordingHandlers,
} from '../../support/fake-kalshi-ws';

let privateKey: KeyObject;
let publicKey: KeyObject;
let otherKey: KeyObject;
const KEY_ID = 'a952bcbe-ec3b-4b5b-b8f9-11dae589608c';

beforeAll(() => {
  ({ privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 }));
  otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setup(server: FakeKalshiWsOptions = {}, client: Partial<KalshiWsClientOptions> = {}) {
  const fake = await FakeKalshiWs.start({ publicKey, ...server });
  cleanups.push(() => fake.close());
  const { handlers, events } = recordingHandlers();
  const ws = new KalshiWsClient({
    url: fake.url,
    credentials: { keyId: KEY_ID, privateKey },
    handlers,
    random: () => 0,
    ...client,
  });
  cleanups.push(() => ws.close());
  return { fake, ws, events };
}

/**
 * Real timers, except the command timeouts (told apart by their unusual length): those are held until
 * `expire()` fires the ones pending.
 */
function heldCommandTimeouts(commandTimeoutMs = 987_654) {
  const held = new Set<{ fn: () => void }>();
  const timers: WsTimers = {
    setTimeout(fn, ms) {
      if (ms !== commandTimeoutMs) return REAL_TIMERS.setTimeout(fn, ms);
      const handle = { fn };
      held.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      if (!held.delete(handle as { fn: () => void })) REAL_TIMERS.clearTimeout(handle);
    },
  };
  return {
    options: { commandTimeoutMs, timers },
    expire() {
      const due = [...held];
      held.clear();
      for (const h of due) h.fn();
    },
  };
}

const isState = (state: string) => (e: ClientEvent) => e.kind === 'onStateChange' && e.args[0] === state;

describe('KalshiWsClient: connect and subscribe', () => {
  it('signs the upgrade, subscribes with explicit use_yes_price and delivers the snapshot', async () => {
    const { fake, ws, events } = await setup();
    await ws.connect();
    const result = await ws.subscribe({ channels: ['orderbook_delta'], marketTickers: ['FED-23DEC-T3.00'] });

    const [handshake] = fake.handshakes;
    expect(handshake).toMatchObject({ path: '/trade-api/ws/v2', keyId: KEY_ID, verified: true });
    const [subscribe] = fake.commands;
    expect(subscribe?.raw).toEqual({
      id: 1,
      cmd: 'subscribe',
      params: { channels: ['orderbook_delta'], market_tickers: ['FED-23DEC-T3.00'], use_yes_price: false },
    });
    expect(result.sids).toEqual([{ channel: 'orderbook_delta', sid: 1 }]);
    const book = await events.find((e) => e.kind === 'onOrderbookFrame');
    expect(book.args[0]).toMatchObject({
      kind: 'snapshot',
      sid: 1,
      seq: 1,
      ticker: 'FED-23DEC-T3.00',
      yes: [4000, 1000],
    });
    expect(ws.logicalIdForSid(1)).toBe(result.logicalId);
  });

  it('gets one sid per channel and numbers commands uniquely', async () => {
    const { fake, ws } = await setup();
    await ws.connect();
    const a = await ws.subscribe({
      channels: ['orderbook_delta', 'ticker'],
      marketTickers: ['A'],
      useYesPrice: true,
    });
    const b = await ws.subscribe({ channels: ['fill'] });
    expect(a.sids.map((s) => s.channel)).toEqual(['orderbook_delta', 'ticker']);
    expect(new Set([...a.sids, ...b.sids].map((s) => s.sid)).size).toBe(3);
    expect(fake.commands[0]?.params).toMatchObject({ use_yes_price: true });
    expect(fake.commands[1]?.params).toEqual({ channels: ['fill'] }); // use_yes_price is orderbook-only
    const ids = fake.commands.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('connects without auth headers when no credentials are given', async () => {
    const { fake, ws } = await setup({ publicKey: undefined }, { credentials: undefined });
    await ws.connect();
    expect(fake.handshakes[0]).toMatchObject({ keyId: undefined, signature: undefined });
  });

  it('reports a refused handshake (wrong key) and keeps retrying instead of crashing', async () => {
    const { events, ws } = await setup({}, { credentials: { keyId: KEY_ID, privateKey: otherKey } });
    void ws.connect();
    const reconnecting = await events.find(isState('reconnecting'));
    expect(reconnecting.args[1]).toMatchObject({ attempt: 0 });
    expect(String((reconnecting.args[1] as { reason?: string }).reason)).toContain('401');
    expect(JSON.stringify(events.events)).not.toContain(KEY_ID);
  });

  it('answers the server heartbeat ping and sends its own pings', async () => {
    const { fake, ws } = await setup({}, { pingIntervalMs: 20 });
    await ws.connect();
    expect(await fake.heartbeat('heartbeat')).toBe('heartbeat');
    await fake.events.find((e) => e.kind === 'ping');
  });
});

describe('KalshiWsClient: commands', () => {
  it('update_subscription puts action inside params with one sid; get_snapshot resolves on the reply', async () => {
    const { fake, ws, events } = await setup();
    await ws.connect();
    const { sids } = await ws.subscribe({ channels: ['orderbook_delta'], marketTickers: ['A', 'B'] });
    const sid = sids[0]!.sid;

    await ws.updateSubscription(sid, 'get_snapshot', ['A', 'B']);
    const command = fake.commands.find((c) => c.cmd === 'update_subscription');
    expect(command?.raw).toEqual({
      id: command?.id,
      cmd: 'update_subscription',
      params: { sids: [sid], action: 'get_snapshot', market_tickers: ['A', 'B'] },
    });
    const replies = events.events.filter(
      (e) =>
        e.kind === 'onOrderbookFrame' && e.args[0].kind === 'snapshot' && e.args[0].commandId === command?.id,
    );
    expect(replies).toHaveLength(2);

    const added = await ws.updateSubscription(sid, 'add_markets', ['C']);
    expect(added.marketTickers).toEqual(['A', 'B', 'C']);
    await ws.updateSubscription(sid, 'delete_markets', ['A']);
    expect(ws.subscriptions()[0]?.marketTickers).toEqual(['B', 'C']);
  });

  it('lists and unsubscribes by sid', async () => {
    const { fake, ws } = await setup();
    await ws.connect();
    const { sids } = await ws.subscribe({ channels: ['ticker', 'trade'] });
    expect(await ws.listSubscriptions()).toEqual(sids);
    await ws.unsubscribe([sids[0]!.sid]);
    expect(fake.commands.at(-1)?.raw).toMatchObject({ cmd: 'unsubscribe', params: { sids: [sids[0]!.sid] } });
    expect(ws.subscriptions()[0]?.channels).toEqual(['trade']);
    expect(ws.logicalIdForSid(sids[0]!.sid)).toBeNull();
  });

  it('rejects the matching command with a KalshiWsError carrying the server code', async () => {
    const { ws } = await setup();
    await ws.connect();
    const err = await ws.subscribe({ channels: ['nonsense'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KalshiWsError);
    expect(err).toMatchObject({ kind: 'server', code: 8, commandId: 1 });
    expect(ws.subscriptions()).toEqual([]); // a subscription that never worked is not replayed
    const bad = await ws.updateSubscription(999, 'add_markets', ['X']).catch((e: unknown) => e);
    expect(bad).toMatchObject({ kind: 'server', code: 7 });
  });

  it('times out a command the server never answers, and refuses commands while not connected', async () => {
    const { ws } = await setup({ answerCommands: false }, { commandTimeoutMs: 30 });
    await expect(ws.listSubscriptions()).rejects.toMatchObject({ kind: 'not_connected' });
    await ws.connect();
    await expect(ws.listSubscriptions()).rejects.toMatchObject({ kind: 'timeout' });
    expect(ws.stats().commandsInFlight).toBe(0);
  });

  it('keeps a subscribe that got no answer (not refused) for a resubscribe, which cancels the wait', async () => {
    // The first subscribe times out when the test says, and no later command can: a short real timeout
    // also expired the answered resubscribe on a loaded machine.
    const commands = heldCommandTimeouts();
    const { fake, ws } = await setup({ answerCommands: false }, commands.options);
    await ws.connect();
    const subscribing = ws.subscribe({ channels: ['fill'] });
    // Unanswered for good: the server has read it while it answers nothing.
    await vi.waitFor(() => expect(fake.commands.map((c) => c.cmd)).toEqual(['subscribe']));
    commands.expire();
    await expect(subscribing).rejects.toMatchObject({ kind: 'timeout' });
    const view = ws.subscriptions()[0]!;
    expect(view.state).toBe('dead');
    expect(ws.subscription(view.logicalId)).toEqual(view);
    expect(ws.subscriptionState(view.logicalId)).toBe('dead');
    expect(ws.subscriptionState('no-such-subscription')).toBeUndefined();
    const first = ws.resubscribe(view.logicalId);
    const second = ws.resubscribe(view.logicalId); // the first command is abandoned, not failed
    fake.answerCommands = true;
    const third = await ws.resubscribe(view.logicalId);
    expect(third.sids).toHaveLength(1);
    await expect(first).resolves.toEqual(third);
    await expect(second).resolves.toEqual(third);
    expect(ws.subscription(view.logicalId)?.state).toBe('active');
    expect(ws.subscriptionState(view.logicalId)).toBe('active');
    // The abandoned commands reached the server after it woke up: their late acks are unsubscribed.
    await vi.waitFor(() => {
      const ended = fake.commands.filter((c) => c.cmd === 'unsubscribe').flatMap((c) => c.params?.sids);
      expect(ended).toHaveLength(2);
      expect(ended).not.toContain(third.sids[0]!.sid);
    });
    expect(ws.subscription(view.logicalId)?.sids).toEqual(third.sids);
  });

  it('rejects bad subscribe input before sending anything', async () => {
    const { fake, ws } = await setup();
    await ws.connect();
    await expect(ws.subscribe({ channels: [] })).rejects.toMatchObject({ kind: 'invalid_request' });
    await expect(ws.subscribe({ channels: ['orderbook_delta'] })).rejects.toMatchObject({
      kind: 'invalid_request',
    });
    expect(fake.commands).toEqual([]);
  });
});

describe('KalshiWsClient: frames', () => {
  it('reports a terminal subscription error; resubscribe gets a new sid and says so', async () => {
    const { fake, ws, events } = await setup();
    await ws.connect();
    const { logicalId, sids } = await ws.subscribe({ channels: ['orderbook_delta'], marketTickers: ['A'] });
    const oldSid = sids[0]!.sid;
    fake.send({ sid: oldSid, seq: 9, type: 'error', msg: { code: 25, msg: 'Subscription buffer overflow' } });
    const failure = await events.find((e) => e.kind === 'onSubscriptionError');
    expect(failure.args[0]).toMatchObject({
      logicalId,
      channel: 'orderbook_delta',
      sid: oldSid,
      code: 25,
      terminal: true,
    });
    expect(ws.subscriptions()[0]?.state).toBe('dead');

    const again = await ws.resubscribe(logicalId);
    expect(again.logicalId).toBe(logicalId);
    expect(again.sids[0]!.sid).not.toBe(oldSid);
    const change = await events.find(
      (e) => e.kind === 'onSubscriptionChange' && e.args[0].reason === 'resubscribe',
    );
    expect(change.args[0]).toMatchObject({ logicalId, previousSid: oldSid, sid: again.sids[0]!.sid });
  });

  it('counts and reports malformed frames, then keeps delivering good ones', async () => {
    const { fake, ws, events } = await setup();
    await ws.connect();
    await ws.subscribe({ channels: ['orderbook_delta'], marketTickers: ['A'] });
    fake.send('{not json');
    fake.send({
      type: 'orderbook_delta',
      sid: 1,
      seq: 2,
      msg: { market_ticker: 'A', price_dollars: 'abc', delta_fp: '1.00', side: 'yes' },
    });
    fake.send({ type: 'subscribed', id: 5, msg: { channel: 'x' } });
    fake.send(fake.delta(1, 'A', '0.4000', '2.50'));
    const delta = await events.find((e) => e.kind === 'onOrderbookFrame' && e.args[0].kind === 'delta');
    expect(delta.args[0]).toMatchObject({ price: 4000, delta: 250 });
    const problems = events.events.filter((e) => e.kind === 'onProtocolError').map((e) => e.args[0].reason);
    expect(problems).toEqual(['bad_json', 'bad_price', 'bad_control_frame']);
    const stats = ws.stats();
    expect(stats.malformed).toBe(3);
    expect(stats.framesByType).toMatchObject({ orderbook_snapshot: 1, orderbook_delta: 1, subscribed: 2 });
    expect(stats.lastMessageAt).not.toBeNull();
  });

  it('routes data channels of its own subscriptions to onMessage in integer units', async () => {
    const { fake, ws, events } = await setup();
    await ws.connect();
    const { sids } = await ws.subscribe({ channels: ['fill'] });
    const sid = sids[0]!.sid;
    fake.send({ ...data.fill, sid: sid + 100 }); // a sid we never subscribed: dropped and counted
    fake.send({ ...data.fill, sid });
    const message = await events.find((e) => e.kind === 'onMessage');
    expect(message.args[0]).toBe('fill');
    expect(message.args[1]).toMatchObject({
      type: 'fill',
      sid,
      data: { price: 7500, count: 27_800, fee: 10_000 },
    });
    expect(events.events.filter((e) => e.kind === 'onMessage')).toHaveLength(1);
    expect(ws.stats().foreign).toBe(1);
    // A stream nobody here asked for (a lost ack's) is ended, once.
    const ended = await fake.events.find((e) => e.kind === 'command' && e.command.cmd === 'unsubscribe');
    expect(ended).toMatchObject({ command: { params: { sids: [sid + 100] } } });
    fake.send({ ...data.fill, sid: sid + 100 });
    fake.send({ ...data.fill, sid });
    await vi.waitFor(() => expect(events.events.filter((e) => e.kind === 'onMessage')).toHaveLength(2));
    expect(fake.commands.filter((c) => c.cmd === 'unsubscribe')).toHaveLength(1);
  });

  it('survives a consumer handler that throws', async () => {
    const { fake, ws, events } = await setup();
    let calls = 0;
    const { handlers } = recordingHandlers();
    ws.setHandlers({
      ...handlers,
      onOrderbookFrame: () => {
        calls++;
        throw new Error('consumer bug');
      },
      onMessage: (type) => events.push({ kind: 'onMessage', args: [type, undefined as never] }),
    });
    await ws.connect();
    await ws.subscribe({ channels: ['orderbook_delta'], marketTickers: ['A'] });
    const { sids } = await ws.subscribe({ channels: ['fill'] });
    fake.send({ ...data.fill, sid: sids[0]!.sid });
    await events.find((e) => e.kind === 'onMessage');
    expect(calls).toBe(1);
    expect(ws.stats().handlerErrors).toBe(1);
    expect(ws.state).toBe('open');
  });
});
