// The recording file: batched writes readable back (plain and gzip), a flushed batch on disk before
// close (a crash loses at most the batch after it), and a file cut short still read up to the cut.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RECORDING_FORMAT, type RecordingHeader } from '../../src/record/recording-format';
import { parseRecording, RecordingError, readRecording } from '../../src/record/recording-reader';
import { openRecordingWriter } from '../../src/record/recording-writer';

const dir = mkdtempSync(join(tmpdir(), 'kt-rec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header: RecordingHeader = {
  type: 'header',
  format: RECORDING_FORMAT,
  daemonVersion: 'test',
  startedMs: 1_000,
  config: {},
  markets: ['A'],
  strategy: { name: 'hold', params: {} },
};

describe('recording file', () => {
  for (const name of ['plain.ndjson', 'packed.ndjson.gz']) {
    it(`writes entries in order and reads them back (${name})`, async () => {
      const path = join(dir, name);
      const writer = openRecordingWriter(path, header);
      writer.append({ k: 'ws_open', t: 1_001, c: 1, url: 'ws://127.0.0.1/x' });
      // A frame is kept as the socket's raw buffer and becomes text only when written.
      writer.append({ k: 'ws', t: 1_002, c: 1, d: Buffer.from('{"type":"ok"}') });
      writer.append({ k: 'rest', t: 1_010, t0: 1_003, m: 'GET', p: '/x?y=1', s: 200, b: '{}' });
      await writer.close();
      const rec = await readRecording(path);
      expect(rec.header).toEqual(header);
      expect(rec.truncated).toBe(false);
      expect(rec.entries).toEqual([
        { k: 'ws_open', t: 1_001, c: 1, url: 'ws://127.0.0.1/x' },
        { k: 'ws', t: 1_002, c: 1, d: '{"type":"ok"}' },
        { k: 'rest', t: 1_010, t0: 1_003, m: 'GET', p: '/x?y=1', s: 200, b: '{}' },
      ]);
    });
  }

  it('has a flushed batch on disk while the file is still open (gzip sync-flushed)', async () => {
    const path = join(dir, 'open.ndjson.gz');
    const writer = openRecordingWriter(path, header, { flushMs: 60_000 });
    writer.append({ k: 'ws_up', t: 1_001, c: 1 });
    await writer.flush();
    writer.append({ k: 'ws_up', t: 1_002, c: 2 });
    const onDisk = await readRecording(path);
    expect(onDisk.entries).toEqual([{ k: 'ws_up', t: 1_001, c: 1 }]);
    await writer.close();
    expect((await readRecording(path)).entries).toHaveLength(2);
  });

  it('reads a gzip file cut short up to the cut, and drops a last line cut in half', async () => {
    const path = join(dir, 'cut.ndjson.gz');
    const writer = openRecordingWriter(path, header, { flushMs: 60_000 });
    writer.append({ k: 'ws_up', t: 1_001, c: 1 });
    await writer.flush();
    const flushed = readFileSync(path).length;
    writer.append({ k: 'ws', t: 1_002, c: 1, d: 'x'.repeat(5_000) });
    await writer.close();
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, flushed + Math.floor((whole.length - flushed) / 2)));
    const rec = await readRecording(path);
    expect(rec.entries[0]).toEqual({ k: 'ws_up', t: 1_001, c: 1 });

    const plain = `${JSON.stringify(header)}\n{"k":"ws_up","t":1,"c":1}\n{"k":"ws","t":2,"c":1,"d":"ha`;
    expect(parseRecording(plain)).toMatchObject({ truncated: true, entries: [{ k: 'ws_up', t: 1, c: 1 }] });
  });

  it('refuses a file that is no recording, or a bad line in the middle', () => {
    expect(() => parseRecording('{"k":"ws_up"}\n')).toThrow(RecordingError);
    expect(() => parseRecording(`${JSON.stringify({ ...header, format: 99 })}\n`)).toThrow(/format 99/);
    expect(() => parseRecording(`${JSON.stringify(header)}\nnope\n{"k":"ws_up","t":1,"c":1}\n`)).toThrow(
      /line 2/,
    );
  });

  for (const name of ['plain.ndjson', 'packed.ndjson.gz']) {
    it(`stops on a file error: reported once, nothing more queued, close resolves (${name})`, async () => {
      const errors: unknown[] = [];
      const path = join(dir, 'no-such-dir', name);
      const writer = openRecordingWriter(path, header, { flushMs: 5, onError: (err) => errors.push(err) });
      writer.append({ k: 'ws_open', t: 1_001, c: 1, url: 'ws://127.0.0.1/x' });
      await vi.waitFor(() => expect(errors).toHaveLength(1));
      for (let i = 0; i < 100; i++) writer.append({ k: 'ws', t: 1_002 + i, c: 1, d: 'x' });
      await writer.flush();
      await writer.close();
      // The appends after the error were not kept (the first one may have been counted before it).
      expect(writer.written).toBeLessThanOrEqual(1);
      expect(errors).toEqual([expect.objectContaining({ code: 'ENOENT' })]);
    });
  }
});
