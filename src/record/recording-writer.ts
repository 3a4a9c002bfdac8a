// Appends recording entries to a file off the hot path: `append` only pushes onto an array (a frame's
// raw buffer is kept as it came); a timer serializes and writes the batch. Gzip output is sync-flushed
// per batch, so a crash loses at most the last batch and the file still decompresses up to it.
import { createWriteStream, type WriteStream } from 'node:fs';
import { constants, createGzip, type Gzip } from 'node:zlib';
import type { RecordingEntry, RecordingHeader } from './recording-format';

/** An entry whose `d` may still be the socket's raw data; text is made at flush time. */
export type PendingEntry = RecordingEntry | { k: 'ws'; t: number; c: number; d: RawFrame };
type RawFrame = Buffer | ArrayBuffer | Buffer[] | string;

export interface RecordingWriter {
  append(entry: PendingEntry): void;
  /** Writes what is pending now. */
  flush(): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
  readonly written: number;
}

export interface WriterOptions {
  /** How often pending entries are written; default 250 ms. */
  flushMs?: number;
  /** The first file or gzip error; the writer has stopped (recording is dropped, never the daemon). */
  onError?(err: unknown): void;
}

const frameText = (d: RawFrame): string => {
  if (typeof d === 'string') return d;
  if (Buffer.isBuffer(d)) return d.toString('utf8');
  if (Array.isArray(d)) return Buffer.concat(d).toString('utf8');
  return Buffer.from(d).toString('utf8');
};

function lineOf(entry: PendingEntry): string {
  if (entry.k === 'ws' && typeof entry.d !== 'string')
    return JSON.stringify({ ...entry, d: frameText(entry.d) });
  return JSON.stringify(entry);
}

export function openRecordingWriter(
  path: string,
  header: RecordingHeader,
  opts: WriterOptions = {},
): RecordingWriter {
  const file: WriteStream = createWriteStream(path, { flags: 'w' });
  const gzip: Gzip | null = path.endsWith('.gz') ? createGzip() : null;
  if (gzip) gzip.pipe(file);
  const sink = gzip ?? file;

  let pending: PendingEntry[] = [];
  let written = 0;
  let closed = false;
  let failed = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  // A broken stream never calls back: every write also ends when the writer fails, so no flush or
  // close waits forever on it, and nothing more is queued behind it.
  let failedNow: () => void = () => undefined;
  const failure = new Promise<void>((resolve) => {
    failedNow = resolve;
  });
  const fail = (err: unknown) => {
    if (failed) return;
    failed = true;
    closed = true;
    clearInterval(timer);
    pending = [];
    failedNow();
    opts.onError?.(err);
  };
  file.on('error', fail);
  gzip?.on('error', fail);

  const write = (text: string): Promise<void> =>
    Promise.race([
      failure,
      new Promise<void>((resolve) => {
        sink.write(text, () => {
          if (gzip) gzip.flush(constants.Z_SYNC_FLUSH, () => resolve());
          else resolve();
        });
      }),
    ]);

  let chain = write(`${JSON.stringify(header)}\n`);
  const flush = (): Promise<void> => {
    if (failed) return Promise.resolve();
    if (pending.length === 0) return chain;
    const batch = pending;
    pending = [];
    let text = '';
    for (const entry of batch) text += `${lineOf(entry)}\n`;
    written += batch.length;
    chain = chain.then(() => write(text));
    return chain;
  };
  timer = setInterval(() => void flush(), opts.flushMs ?? 250);
  timer.unref();

  return {
    append(entry) {
      if (!closed) pending.push(entry);
    },
    flush,
    async close() {
      if (closed) return failed ? undefined : chain;
      closed = true;
      clearInterval(timer);
      await flush();
      if (failed) return;
      await Promise.race([
        failure,
        new Promise<void>((resolve) => {
          file.once('close', () => resolve());
          sink.end();
        }),
      ]);
    },
    get written() {
      return written + pending.length;
    },
  };
}
