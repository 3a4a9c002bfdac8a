import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KalshiWsClient } from '../../../src/adapters/kalshi/ws';
import type { KalshiWsClientOptions } from '../../../src/adapters/kalshi/ws-types';
import {
  type ClientEvent,
  FakeKalshiWs,
  type FakeKalshiWsOptions,
  on,
  recordingHandlers,
  trackingTimers,
} from '../../support/fake-kalshi-ws';

let privateKey: KeyObject;
let publicKey: KeyObject;

beforeAll(() => {
  ({ privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 }));
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
    credentials: { keyId: 'key-1', privateKey },
    handlers,
    random: () => 0,
    ...client,
  });
  cleanups.push(() => ws.close());
  return { fake, ws, events };
}

const isState = (state: string) => (e: ClientEvent) => e.kind === 'onStateChange' && e.args[0] === state;
const reopened = (e: ClientEvent) =>
  e.kind === 'onStateChange' && e.args[0] === 'open' && e.args[1].reconnected === true;

describe('KalshiWsClient: reconnect', () => {
  it('re-authenticates with a fresh signature and replays every subscription under new sids', async () => {
    let clock = 1_700_000_000_000;
    const { fake, ws, events } = await setup({}, { now: () => clock });
    await ws.connect();
    const book = await ws.subscribe({
      channels: ['orderbook_delta'],
      marketTickers: ['A', 'B'],
      useYesPrice: false,
    });
    const fills = await ws.subscribe({ channels: ['fill'] });
    const oldBookSid = book.sids[0]!.sid;
    const oldFillSid = fills.sids[0]!.sid;

    clock += 5_000;
    fake.dropAll();
    await events.find(reopened);
    const bookChange = await events.find(
      on('onSubscriptionChange', ([c]) => c.logicalId === book.logicalId && c.reason === 'reconnect'),
    );
    const fillChange = await events.find(
      on('onSubscriptionChange', ([c]) => c.logicalId === fills.logicalId && c.reason === 'reconnect'),
    );

    expect(fake.handshakes.map((h) => [h.timestamp, h.verified])).toEqual([
      ['1700000000000', true],
      ['1700000005000', true],
    ]);
    const replayed = fake.commands.filter((c) => c.connection === 1).map((c) => c.params);
    expect(replayed).toEqual([
      { channels: ['orderbook_delta'], market_tickers: ['A', 'B'], use_yes_price: false },
      { channels: ['fill'] },
    ]);
    const newBookSid = bookChange.args[0].sid;
    expect(bookChange.args[0]).toMatchObject({ channel: 'orderbook_delta', previousSid: oldBookSid });
    expect(fillChange.args[0]).toMatchObject({ channel: 'fill', previousSid: oldFillSid });
    expect(newBookSid).not.toBe(oldBookSid);
    expect(ws.logicalIdForSid(newBookSid)).toBe(book.logicalId);
    expect(ws.logicalIdForSid(oldBookSid)).toBeNull();
    // The consumer learns the new sid before the first snapshot carrying it.
    await events.find((e) => e.kind === 'onOrderbookFrame' && e.args[0].sid === newBookSid);
    const announced = events.events.findIndex(
      (e) => e.kind === 'onSubscriptionChange' && e.args[0].sid === newBookSid,
    );
    const firstBook = events.events.findIndex(
      (e) => e.kind === 'onOrderbookFrame' && e.args[0].sid === newBookSid,
    );
    expect(announced).toBeGreaterThanOrEqual(0);
    expect(announced).toBeLessThan(firstBook);
    expect(ws.stats().reconnects).toBe(1);
  });

  it('sends a subscription made while disconnected once the socket opens', async () => {
    const { fake, ws } = await setup();
    const pending = ws.subscribe({ channels: ['ticker'] });
    expect(fake.commands).toEqual([]);
    await ws.connect();
    expect((await pending).sids).toHaveLength(1);
  });

  it('terminates a silent connection (no frames, no pongs) and reconnects', async () => {
    const { fake, ws, events } = await setup(
      { autoPong: false },
      { pingIntervalMs: 10, silenceTimeoutMs: 80 },
    );
    await ws.connect();
    const reconnecting = await events.find(isState('reconnecting'));
    expect(reconnecting.args[1]).toMatchObject({ reason: expect.stringMatching(/^no frame for \d+ ms$/) });
    await events.find(reopened);
    expect(ws.stats().watchdogTrips).toBe(1);
    expect(fake.handshakes).toHaveLength(2);
  });

  it('backs off with growing capped delays while the server refuses, then resets', async () => {
    const { fake, ws, events } = await setup({}, { random: () => 0.5, backoff: { initialMs: 4, maxMs: 10 } });
    fake.refuseNext = 4;
    await ws.connect();
    const delays = events.events.flatMap((e) =>
      e.kind === 'onStateChange' && e.args[0] === 'reconnecting' ? [e.args[1].delayMs] : [],
    );
    expect(delays).toEqual([2, 4, 5, 5]);
    expect(fake.handshakes).toHaveLength(5);

    fake.dropAll(); // open with no subscriptions reset the attempt counter
    const next = await events.next(isState('reconnecting'));
    expect(next.args[1]).toMatchObject({ attempt: 0, delayMs: 2 });
  });
});

describe('KalshiWsClient: close', () => {
  it('closes cleanly, fails what is pending, and leaves nothing scheduled to reconnect', async () => {
    const { live, timers } = trackingTimers();
    const { fake, ws, events } = await setup({}, { timers, pingIntervalMs: 50 });
    await ws.connect();
    await ws.subscribe({ channels: ['orderbook_delta'], marketTickers: ['A'] });
    fake.answerCommands = false;
    const inFlight = ws.listSubscriptions();

    await ws.close();
    await expect(inFlight).rejects.toMatchObject({ kind: 'closed' });
    expect(ws.state).toBe('closed');
    expect(live.size).toBe(0);
    await fake.events.find((e) => e.kind === 'close');
    expect(events.events.some(isState('reconnecting'))).toBe(false);
    await expect(ws.connect()).rejects.toMatchObject({ kind: 'closed' });
    await expect(ws.subscribe({ channels: ['fill'] })).rejects.toMatchObject({ kind: 'closed' });
    expect(fake.handshakes).toHaveLength(1);
  });

  it('stops a reconnect loop against a server that refuses every upgrade', async () => {
    const { live, timers } = trackingTimers();
    const { fake, ws, events } = await setup(
      {},
      { timers, backoff: { initialMs: 1_000, maxMs: 1_000 }, random: () => 0.9 },
    );
    fake.refuseNext = Number.POSITIVE_INFINITY;
    const connecting = ws.connect();
    await events.find(isState('reconnecting'));
    expect(live.size).toBe(1); // the pending reconnect
    await ws.close();
    await expect(connecting).rejects.toMatchObject({ kind: 'closed' });
    expect(live.size).toBe(0);
    expect(ws.state).toBe('closed');
  });
});
