// Many WebSocket clients in the bench process, each a bare TCP socket that speaks just enough of RFC 6455
// (the upgrade, one masked text frame out, pongs, unmasked frames in) to count the book frames it receives
// and hand each one, with its monotonic receive time, to a recorder. A full client library costs the
// reader more per frame than a bare broadcast costs the server, and the reader must never be the limit.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** µs on the monotonic clock, comparable across processes on this machine. */
export const monoMicros = (): number => Number(process.hrtime.bigint() / 1_000n);

export interface ClientPool {
  /** Counted frames received by all clients so far. */
  received(): number;
  /** Clients still open. */
  open(): number;
  close(): Promise<void>;
}

export interface PoolOptions {
  url: string;
  count: number;
  /** Sent by every client once open (a subscribe frame). */
  hello?: string;
  /** Frames counted: text frames whose payload starts with this (e.g. `{"type":"orderbook"`). */
  countPrefix: string;
  /** Called with each counted frame's payload of client `index`: a view of a reused buffer, valid only
   *  during the call. */
  record?: (index: number, payload: Buffer, atMicros: number) => void;
}

const OPEN_BATCH = 50;
const OP_TEXT = 0x1;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/** One client frame (clients must mask). */
function maskedFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? 2 : 4;
  const out = Buffer.allocUnsafe(header + 4 + length);
  out[0] = 0x80 | opcode;
  if (length < 126) out[1] = 0x80 | length;
  else {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(length, 2);
  }
  const mask = randomBytes(4);
  mask.copy(out, header);
  for (let i = 0; i < length; i++) out[header + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return out;
}

/** Sends the upgrade request; `feed` then takes the bytes read until the response's head is complete. */
function handshake(url: URL, socket: Socket): { feed(chunk: Buffer): void; done: Promise<Buffer> } {
  const key = randomBytes(16).toString('base64');
  socket.write(
    `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\n` +
      `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  let head = Buffer.alloc(0);
  let feed: (chunk: Buffer) => void = () => {};
  const done = new Promise<Buffer>((resolve, reject) => {
    feed = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const status = head.toString('latin1', 0, head.indexOf('\r\n'));
      if (!status.includes(' 101 ')) return reject(new Error(`upgrade refused: ${status}`));
      resolve(head.subarray(end + 4));
    };
    socket.once('error', reject);
  });
  return { feed: (chunk) => feed(chunk), done };
}

/** Every client reads into this one buffer (`onread`): reads are handled synchronously, one at a time,
 *  and no read allocates. At hundreds of MB/s a fresh Buffer per read is external memory enough to
 *  force an old-space GC every half second, stalling the reader and stamping every receipt behind it late. */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

export async function openClients(opts: PoolOptions): Promise<ClientPool> {
  const url = new URL(opts.url);
  const prefix = Buffer.from(opts.countPrefix);
  let received = 0;
  let open = 0;
  const sockets: Socket[] = [];

  /** Parses the frames in buf[0, length) and returns where the first incomplete one starts. */
  const parseFrames = (index: number, socket: Socket, buf: Buffer, length: number, at: number): number => {
    let off = 0;
    while (length - off >= 2) {
      const opcode = buf[off]! & 0x0f;
      let size = buf[off + 1]! & 0x7f;
      let start = off + 2;
      if (size === 126) {
        if (length - off < 4) break;
        size = buf.readUInt16BE(off + 2);
        start = off + 4;
      } else if (size === 127) {
        if (length - off < 10) break;
        size = Number(buf.readBigUInt64BE(off + 2));
        start = off + 10;
      }
      const end = start + size;
      if (end > length) break;
      if (opcode === OP_TEXT) {
        if (
          size >= prefix.length &&
          buf.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0
        ) {
          received++;
          opts.record?.(index, buf.subarray(start, end), at);
        }
      } else if (opcode === OP_PING)
        socket.write(maskedFrame(OP_PONG, Buffer.from(buf.subarray(start, end))));
      else if (opcode === OP_CLOSE) socket.end();
      off = end;
    }
    return off;
  };

  /** The client's frame reader: a frame cut by a read waits in a staging buffer of its own, which grows
   *  only when a read plus the cut frame outgrow it. */
  const frameReader = (index: number, socket: Socket) => {
    let stage = Buffer.allocUnsafe(16 * 1024);
    let staged = 0;
    const keep = (from: Buffer, start: number, end: number) => {
      const needed = end - start;
      if (needed > stage.length) stage = Buffer.allocUnsafe(Math.max(needed, stage.length * 2));
      from.copy(stage, 0, start, end);
      staged = needed;
    };
    return (chunk: Buffer) => {
      const at = monoMicros();
      if (staged === 0) {
        const off = parseFrames(index, socket, chunk, chunk.length, at);
        if (off < chunk.length) keep(chunk, off, chunk.length);
        return;
      }
      const total = staged + chunk.length;
      if (total > stage.length) {
        const grown = Buffer.allocUnsafe(Math.max(total, stage.length * 2));
        stage.copy(grown, 0, 0, staged);
        stage = grown;
      }
      chunk.copy(stage, staged);
      const off = parseFrames(index, socket, stage, total, at);
      if (off === total) staged = 0;
      else {
        stage.copy(stage, 0, off, total);
        staged = total - off;
      }
    };
  };

  const connectOne = async (index: number) => {
    let onChunk: (chunk: Buffer) => void = () => {};
    const socket = connect({
      host: url.hostname,
      port: Number(url.port),
      noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (n) => {
          onChunk(READ_BUFFER.subarray(0, n));
          return true;
        },
      },
    });
    sockets.push(socket);
    socket.on('error', () => {});
    socket.once('close', () => {
      open = Math.max(0, open - 1);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const upgrade = handshake(url, socket);
    onChunk = upgrade.feed;
    const rest = await upgrade.done;
    open++;
    onChunk = frameReader(index, socket);
    if (rest.length > 0) onChunk(rest);
    if (opts.hello !== undefined) socket.write(maskedFrame(OP_TEXT, Buffer.from(opts.hello)));
  };
  // Batches, so a thousand upgrades do not all land on the server in the same instant.
  for (let i = 0; i < opts.count; i += OPEN_BATCH) {
    await Promise.all(
      Array.from({ length: Math.min(OPEN_BATCH, opts.count - i) }, (_, k) => connectOne(i + k)),
    );
  }
  return {
    received: () => received,
    open: () => open,
    async close() {
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.destroyed) return resolve();
              socket.once('close', () => resolve());
              socket.destroy();
            }),
        ),
      );
    },
  };
}

/** Reads `"key":"value"` or `"key":123` from a frame's payload without parsing it; `fromEnd` finds the
 *  last occurrence, quicker for a field that follows a long one (a book's seq follows its levels). */
export function fieldOf(payload: Buffer, key: string, fromEnd = false): string | undefined {
  const needle = `"${key}":`;
  const at = fromEnd ? payload.lastIndexOf(needle) : payload.indexOf(needle);
  if (at < 0) return undefined;
  let start = at + needle.length;
  const quoted = payload[start] === 0x22;
  if (quoted) start++;
  let end = start;
  while (end < payload.length) {
    const c = payload[end]!;
    if (quoted ? c === 0x22 : c === 0x2c || c === 0x7d) break;
    end++;
  }
  return payload.toString('latin1', start, end);
}
