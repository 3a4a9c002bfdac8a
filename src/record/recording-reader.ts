// Reads a recording (gzip or plain NDJSON). A last line cut short by a crash is dropped, and a gzip
// stream cut short is read as far as it goes: a header plus whatever followed still replays.
import { readFile } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';
import {
  RECORDING_FORMAT,
  type Recording,
  type RecordingEntry,
  type RecordingHeader,
} from './recording-format';

export class RecordingError extends Error {}

const isGzip = (buf: Buffer): boolean => buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;

export async function readRecording(path: string): Promise<Recording> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (err) {
    throw new RecordingError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseRecording(isGzip(raw) ? gunzipSync(raw, { finishFlush: constants.Z_SYNC_FLUSH }) : raw);
}

export function parseRecording(data: Buffer | string): Recording {
  const lines = data.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const first = lines[0];
  const header = first === undefined ? undefined : tryParse(first);
  if (!isHeader(header)) throw new RecordingError('not a recording: the first line is no header');
  if (header.format !== RECORDING_FORMAT) {
    throw new RecordingError(`recording format ${header.format} is not ${RECORDING_FORMAT}`);
  }
  const entries: RecordingEntry[] = [];
  let truncated = false;
  for (let i = 1; i < lines.length; i++) {
    const entry = tryParse(lines[i] as string);
    if (entry !== undefined && typeof entry === 'object' && entry !== null && 'k' in entry) {
      entries.push(entry as RecordingEntry);
    } else if (i === lines.length - 1) {
      truncated = true;
    } else {
      throw new RecordingError(`line ${i + 1} is not a recording entry`);
    }
  }
  return { header, entries, truncated };
}

function tryParse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function isHeader(value: unknown): value is RecordingHeader {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'header';
}
