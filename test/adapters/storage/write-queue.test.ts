// The write queue on its own: batching per interval, flush, retries while the database is down, what a
// full queue drops, and a refused write dropped alone. The sink stands in for the database.
import { describe, expect, it, vi } from 'vitest';
import { StorageUnavailableError } from '../../../src/adapters/storage';
import type { StorageLog } from '../../../src/adapters/storage/storage-log';
import {
  type QueueSink,
  WriteQueue,
  type WriteQueueOptions,
} from '../../../src/adapters/storage/write-queue';
import type { HistoryWrite } from '../../../src/domain/storage-records';
import { manualSchedule } from './manual-schedule';
import { fill, order, position } from './storage-fixtures';

class DatabaseDown extends Error {}
class Refused extends Error {}

/** Commits batches in memory; `down` fails every write as transient, `refuse` fails the given fill ids. */
class RecordingSink implements QueueSink {
  readonly batches: string[][] = [];
  down = false;
  refuse = new Set<string>();
  /** While set, a write waits for this promise (a slow database). */
  hold: Promise<void> | null = null;

  async write(batch: readonly HistoryWrite[]): Promise<void> {
    if (this.hold) await this.hold;
    if (this.down) throw new DatabaseDown('connect ECONNREFUSED 127.0.0.1:5432');
    const ids = batch.map(label);
    if (ids.some((id) => this.refuse.has(id))) throw new Refused('invalid input syntax for type bigint');
    this.batches.push(ids);
  }

  isTransient = (err: unknown) => err instanceof DatabaseDown;
  written = () => this.batches.flat();
}

const label = (w: HistoryWrite): string => (w.kind === 'fill' ? w.fill.fillId : w.kind);
const fillWrite = (n: number): HistoryWrite => ({ kind: 'fill', atMs: n, fill: fill(n) });

function recordingLog() {
  const lines: Array<{ level: string; msg: string; obj: object }> = [];
  const at =
    (level: string) =>
    (obj: object, msg = '') =>
      void lines.push({ level, msg, obj });
  const log: StorageLog = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { log, lines, at: (level: string) => lines.filter((l) => l.level === level) };
}

function setup(options: WriteQueueOptions = {}) {
  const sink = new RecordingSink();
  const timer = manualSchedule();
  const logs = recordingLog();
  const queue = new WriteQueue(sink, { schedule: timer.schedule, log: logs.log, ...options });
  /** Fires the armed timer and waits until its round has failed and armed the retry. */
  const failedTick = async () => {
    timer.fire();
    await vi.waitFor(() => expect(timer.armed()).toBe(1));
  };
  return { sink, timer, queue, logs, failedTick };
}

describe('write queue', () => {
  it('arms one timer for many writes and writes them as one batch when it fires', async () => {
    const { sink, timer, queue } = setup({ flushIntervalMs: 250 });
    for (let n = 1; n <= 4; n++) queue.enqueue(fillWrite(n));
    expect(timer.delays).toEqual([250]);
    expect(sink.batches).toEqual([]);

    timer.fire();
    await queue.flush();
    expect(sink.batches).toEqual([['fill-1', 'fill-2', 'fill-3', 'fill-4']]);
    expect(queue.stats()).toMatchObject({ queued: 0, written: 4, batches: 1 });

    queue.enqueue(fillWrite(5));
    expect(timer.delays).toEqual([250, 250]);
  });

  it('splits a long queue into transactions of at most maxBatch writes', async () => {
    const { sink, queue } = setup({ maxBatch: 3 });
    for (let n = 1; n <= 7; n++) queue.enqueue(fillWrite(n));
    await queue.flush();
    expect(sink.batches.map((b) => b.length)).toEqual([3, 3, 1]);
  });

  it('flush writes at once, including writes queued while a batch was being written', async () => {
    const { sink, timer, queue } = setup();
    let release!: () => void;
    sink.hold = new Promise((resolve) => {
      release = resolve;
    });
    queue.enqueue(fillWrite(1));
    timer.fire(); // the batch [fill-1] is now waiting on the slow database
    queue.enqueue(fillWrite(2));
    const flushed = queue.flush();
    sink.hold = null;
    release();
    await flushed;
    expect(sink.written()).toEqual(['fill-1', 'fill-2']);
    expect(queue.stats().queued).toBe(0);
  });

  it('keeps the batch while the database is down, retries with growing delays, and writes it once back', async () => {
    const { sink, timer, queue, logs, failedTick } = setup({ flushIntervalMs: 100, maxRetryDelayMs: 500 });
    sink.down = true;
    queue.enqueue(fillWrite(1));
    queue.enqueue(fillWrite(2));
    for (let i = 0; i < 4; i++) await failedTick();
    expect(timer.delays).toEqual([100, 200, 400, 500, 500]);
    expect(queue.stats()).toMatchObject({
      queued: 2,
      written: 0,
      flushErrors: 4,
      lastError: 'connect ECONNREFUSED 127.0.0.1:5432',
    });
    expect(logs.at('warn')).toHaveLength(1); // one warning for the outage, not one per attempt

    sink.down = false;
    queue.enqueue(fillWrite(3));
    timer.fire();
    await queue.flush();
    expect(sink.batches).toEqual([['fill-1', 'fill-2', 'fill-3']]);
    expect(queue.stats()).toMatchObject({ queued: 0, written: 3, lastError: null });
    expect(logs.at('info').map((l) => l.msg)).toContain('storage writes resumed');
  });

  it('rejects flush with the reason while the database is down, losing nothing', async () => {
    const { sink, queue } = setup();
    sink.down = true;
    queue.enqueue(fillWrite(1));
    await expect(queue.flush()).rejects.toThrow(StorageUnavailableError);
    await expect(queue.flush()).rejects.toThrow('storage: flush failed: connect ECONNREFUSED');
    sink.down = false;
    await queue.flush();
    expect(sink.written()).toEqual(['fill-1']);
  });

  it('when full, drops only writes the exchange can rebuild, counts them per kind, and warns once', async () => {
    const { sink, queue, logs } = setup({ capacity: 2 });
    sink.down = true;
    queue.enqueue(fillWrite(1));
    queue.enqueue(fillWrite(2));
    queue.enqueue(fillWrite(3));
    queue.enqueue({ kind: 'order', atMs: 1, event: 'update', order: order(1) });
    queue.enqueue({ kind: 'position', atMs: 1, position: position('KXTEST-A', 0, 0) });
    queue.enqueue({ kind: 'balance', atMs: 1, balance: { balance: 1, portfolioValue: 0, updatedMs: 1 } });
    queue.enqueue({ kind: 'transition', atMs: 1, from: 'ready', to: 'degraded', reason: 'feed lost' });
    expect(queue.stats()).toMatchObject({
      queued: 3,
      dropped: { fill: 1, order: 1, position: 1, balance: 1 },
    });
    expect(logs.at('warn')).toHaveLength(1);

    sink.down = false;
    await queue.flush();
    expect(sink.written()).toEqual(['fill-1', 'fill-2', 'transition']);
  });

  it('drops a write the database refuses, alone, and writes the rest of its batch', async () => {
    const { sink, queue, logs } = setup();
    sink.refuse.add('fill-2');
    for (let n = 1; n <= 3; n++) queue.enqueue(fillWrite(n));
    await queue.flush();
    expect(sink.written()).toEqual(['fill-1', 'fill-3']);
    expect(queue.stats()).toMatchObject({ queued: 0, written: 2, rejected: 1 });
    expect(logs.at('error')).toEqual([
      {
        level: 'error',
        msg: 'storage refused a write; dropped',
        obj: { kind: 'fill', err: expect.any(String) },
      },
    ]);
  });

  it('close writes what is queued and drops what comes after', async () => {
    const { sink, timer, queue } = setup();
    queue.enqueue(fillWrite(1));
    await queue.close();
    expect(timer.armed()).toBe(0);
    queue.enqueue(fillWrite(2));
    expect(sink.written()).toEqual(['fill-1']);
    expect(queue.stats()).toMatchObject({ queued: 0, dropped: { fill: 1 } });
  });
});
