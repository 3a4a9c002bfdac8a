// WriteBatch: sends of one task leave in one write, and a batch that reaches its bound leaves at once.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WriteBatch } from '../../../src/sim/ws/write-batch';

/** A sink that records each write it is handed as the list of chunks in it. */
function recordingSink() {
  const writes: string[][] = [];
  const sink = new Writable({
    writev(chunks, done) {
      writes.push(chunks.map((c) => String(c.chunk)));
      done();
    },
    write(chunk, _encoding, done) {
      writes.push([String(chunk)]);
      done();
    },
  });
  return { sink, writes };
}

const endOfTask = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WriteBatch', () => {
  it('hands every send of one task over in a single write, in order', async () => {
    const { sink, writes } = recordingSink();
    const batch = new WriteBatch();
    for (const text of ['a', 'b', 'c']) {
      batch.join(sink);
      sink.write(text);
    }
    expect(writes).toEqual([]);
    await endOfTask();
    expect(writes).toEqual([['a', 'b', 'c']]);
    expect(sink.writableCorked).toBe(0);
    batch.join(sink);
    sink.write('d');
    await endOfTask();
    expect(writes).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('writes a batch out as soon as it reaches the bound and keeps batching the rest', async () => {
    const { sink, writes } = recordingSink();
    const batch = new WriteBatch(10);
    for (const text of ['12345', '67890', 'abc', 'def']) {
      batch.join(sink);
      sink.write(text);
    }
    expect(writes).toEqual([['12345', '67890']]);
    await endOfTask();
    expect(writes).toEqual([
      ['12345', '67890'],
      ['abc', 'def'],
    ]);
  });

  it('leaves a destroyed socket alone', async () => {
    const { sink } = recordingSink();
    sink.destroy();
    new WriteBatch().join(sink);
    expect(sink.writableCorked).toBe(0);
    await endOfTask();
  });
});
