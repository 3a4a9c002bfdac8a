// CorkBatch: the writes of one task to one socket leave together, in one writev, right after the task.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CorkBatch } from '../../src/server/ws-cork';

/** A real Writable that records each write call it gets from the stream machinery. */
function recordingSocket() {
  const calls: string[][] = [];
  const socket = new Writable({
    write(chunk: Buffer, _enc, done) {
      calls.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      calls.push(chunks.map((c) => (c.chunk as Buffer).toString()));
      done();
    },
  });
  return { socket, calls };
}

describe('CorkBatch', () => {
  it('holds a task’s writes to each socket and releases them as one writev after it', async () => {
    const batch = new CorkBatch();
    const a = recordingSocket();
    const b = recordingSocket();
    for (const frame of ['1', '2', '3']) {
      for (const s of [a, b]) {
        batch.join(s);
        s.socket.write(frame);
      }
    }
    expect(a.calls).toEqual([]);
    await Promise.resolve(); // the task is over: its microtasks run
    expect(a.calls).toEqual([['1', '2', '3']]);
    expect(b.calls).toEqual([['1', '2', '3']]);

    // The next task batches afresh.
    batch.join(a);
    a.socket.write('4');
    await Promise.resolve();
    expect(a.calls.at(-1)).toEqual(['4']);
  });

  it('leaves clients without a socket alone', () => {
    expect(() => new CorkBatch().join({ socket: null })).not.toThrow();
  });
});
