// The resync controller with a fake port and fake timers: get_snapshot first, resubscribe on timeout,
// reconnect when that fails, one request in flight per sid, and nothing left behind by clear().
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ResyncController, type ResyncPort } from '../../../src/actors/orderbook/resync-controller';
import { recordingLog } from './recording-log';

interface Deferred {
  resolve(): void;
  reject(err: unknown): void;
}

function fakePort() {
  const stale = new Map<number, string[]>();
  const requests: Array<{ sid: number; tickers: string[] } & Deferred> = [];
  const resubscribes: Array<{ sid: number } & Deferred> = [];
  const reconnects: string[] = [];
  let owned = true;
  const port: ResyncPort = {
    staleTickers: (sid) => stale.get(sid) ?? [],
    requestSnapshots: (sid, tickers) =>
      new Promise<void>((resolve, reject) => requests.push({ sid, tickers, resolve, reject })),
    resubscribe: (sid) =>
      owned ? new Promise<void>((resolve, reject) => resubscribes.push({ sid, resolve, reject })) : null,
    reconnect: (reason) => reconnects.push(reason),
  };
  return {
    port,
    stale,
    requests,
    resubscribes,
    reconnects,
    disown: () => {
      owned = false;
    },
  };
}

const TIMEOUT = 5_000;

function setup() {
  const fake = fakePort();
  const counters = { resyncs: 0, resubscribes: 0 };
  const ended: number[] = [];
  const log = recordingLog();
  const controller = new ResyncController(fake.port, {
    timeoutMs: TIMEOUT,
    now: () => Date.now(),
    log,
    counters,
    onEnd: (sid) => ended.push(sid),
  });
  return { ...fake, counters, ended, log, controller };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ResyncController', () => {
  it('asks for the stale markets and ends once their snapshots arrived', async () => {
    const t = setup();
    t.stale.set(3, ['A', 'B']);
    t.controller.request(3);
    expect(t.requests).toHaveLength(1);
    expect(t.requests[0]).toMatchObject({ sid: 3, tickers: ['A', 'B'] });
    expect(t.controller.isRecovering(3)).toBe(true);

    t.stale.set(3, []);
    t.controller.onSnapshot(3);
    expect(t.controller.inFlight).toBe(0);
    expect(t.ended).toEqual([3]);
    await vi.advanceTimersByTimeAsync(TIMEOUT * 2);
    expect(t.resubscribes).toHaveLength(0);
    expect(t.counters.resyncs).toBe(1);
  });

  it('resubscribes when no snapshot comes within the timeout', async () => {
    const t = setup();
    t.stale.set(1, ['A']);
    t.controller.request(1);
    await vi.advanceTimersByTimeAsync(TIMEOUT - 1);
    expect(t.resubscribes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.resubscribes.map((r) => r.sid)).toEqual([1]);
    expect(t.counters.resubscribes).toBe(1);
    expect(t.controller.isRecovering(1)).toBe(false);
    expect(t.log.lines.some((l) => l.level === 'warn' && l.msg.includes('resubscribing'))).toBe(true);
    expect(t.reconnects).toEqual([]);
  });

  it('forces a reconnect when the resubscribe fails or no subscription owns the sid', async () => {
    const t = setup();
    t.stale.set(1, ['A']);
    t.controller.request(1);
    await vi.advanceTimersByTimeAsync(TIMEOUT);
    t.resubscribes[0]?.reject(Object.assign(new Error('refused'), { kind: 'server', code: 10 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.reconnects).toHaveLength(1);
    expect(t.reconnects[0]).toContain('refused');

    t.disown();
    t.stale.set(2, ['B']);
    t.controller.request(2);
    await vi.advanceTimersByTimeAsync(TIMEOUT);
    expect(t.reconnects).toHaveLength(2);
  });

  it('escalates at once when get_snapshot is refused, but not when the socket closed', async () => {
    const t = setup();
    t.stale.set(1, ['A']);
    t.controller.request(1);
    t.requests[0]?.reject(Object.assign(new Error('unknown sid'), { kind: 'server', code: 7 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.resubscribes).toHaveLength(1);

    t.stale.set(2, ['B']);
    t.controller.request(2);
    t.requests[1]?.reject(Object.assign(new Error('socket closed'), { kind: 'closed' }));
    await vi.advanceTimersByTimeAsync(TIMEOUT * 2);
    expect(t.resubscribes).toHaveLength(1);
    expect(t.controller.inFlight).toBe(0);
  });

  it('keeps one request in flight per sid and asks again once for gaps that came meanwhile', async () => {
    const t = setup();
    t.stale.set(1, ['A']);
    t.controller.request(1);
    t.stale.set(1, ['A', 'B']);
    t.controller.request(1);
    t.controller.request(1);
    expect(t.requests).toHaveLength(1);

    t.requests[0]?.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.requests).toHaveLength(2);
    expect(t.requests[1]?.tickers).toEqual(['A', 'B']);
    t.stale.set(1, []);
    t.requests[1]?.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.controller.inFlight).toBe(0);
    expect(t.counters.resyncs).toBe(2);
  });

  it('re-requests books that stay stale with no recovery over two sweeps', () => {
    const t = setup();
    t.stale.set(4, ['A']);
    t.controller.sweep([4, 5]);
    expect(t.requests).toHaveLength(0);
    t.controller.sweep([4, 5]);
    expect(t.requests.map((r) => r.sid)).toEqual([4]);
  });

  it('clear() drops every recovery and its timer', async () => {
    const t = setup();
    t.stale.set(1, ['A']);
    t.stale.set(2, ['B']);
    t.controller.request(1);
    t.controller.request(2);
    t.controller.clear();
    expect(t.controller.inFlight).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    t.requests[0]?.resolve();
    await vi.advanceTimersByTimeAsync(TIMEOUT * 2);
    expect(t.resubscribes).toHaveLength(0);
    expect(t.requests).toHaveLength(2);
  });
});
