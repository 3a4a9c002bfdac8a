// A WebSocket client written on a bare TCP socket: sends any request target and any frame bytes (which
// a real client library refuses to), and never answers pings unless told to. Server frames are parsed.
import { connect, type Socket } from 'node:net';

export interface RawFrame {
  opcode: number;
  payload: Buffer;
}

export const OP = { text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export class RawSocket {
  /** The HTTP response head (status line and headers). */
  head = '';
  readonly frames: RawFrame[] = [];
  /** Everything after the response head, raw (where a misplaced HTTP answer would show). */
  body = Buffer.alloc(0);
  readonly ended: Promise<void>;
  private pending = Buffer.alloc(0);
  private waiters = new Set<() => void>();
  private done = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => {});
    this.ended = new Promise((resolve) =>
      socket.once('close', () => {
        this.done = true;
        this.wake();
        resolve();
      }),
    );
  }

  /** Connects and sends an upgrade request for `target` with valid WebSocket headers (`Host` overridable). */
  static open(port: number, target: string, headers: Record<string, string> = {}): RawSocket {
    const socket = connect(port, '127.0.0.1');
    const hasHost = Object.keys(headers).some((k) => k.toLowerCase() === 'host');
    const lines = [
      `GET ${target} HTTP/1.1`,
      ...(hasHost ? [] : [`Host: 127.0.0.1:${port}`]),
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    return new RawSocket(socket);
  }

  get status(): number {
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(this.head)?.[1] ?? 0);
  }

  /** Resolves once `pred` holds (checked on every arrival), or with false when the socket closes first. */
  until(pred: () => boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (pred()) {
          this.waiters.delete(check);
          resolve(true);
        } else if (this.done) {
          this.waiters.delete(check);
          resolve(false);
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Resolves with the upgrade status once the response head is in (0 if the socket closed first). */
  async upgraded(): Promise<number> {
    await this.until(() => this.head !== '');
    return this.status;
  }

  /** Sends one masked frame, as a client must. */
  send(opcode: number, payload: Buffer | string = Buffer.alloc(0)): void {
    const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
    const masked = Buffer.from(data.map((b, i) => b ^ (mask[i % 4] as number)));
    const len = data.length;
    let header: Buffer;
    if (len < 126) header = Buffer.from([0x80 | opcode, 0x80 | len]);
    else if (len < 65_536) header = Buffer.from([0x80 | opcode, 0x80 | 126, len >> 8, len & 0xff]);
    else {
      header = Buffer.alloc(10);
      header[0] = 0x80 | opcode;
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(len), 2);
    }
    this.socket.write(Buffer.concat([header, mask, masked]));
  }

  /** A ping, answered with a pong by any live WebSocket server. */
  async roundTrip(): Promise<boolean> {
    const pongs = this.frames.filter((f) => f.opcode === OP.pong).length;
    this.send(OP.ping);
    return this.until(() => this.frames.filter((f) => f.opcode === OP.pong).length > pongs);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.head === '') {
      this.pending = Buffer.concat([this.pending, chunk]);
      const end = this.pending.indexOf('\r\n\r\n');
      if (end === -1) return;
      this.head = this.pending.subarray(0, end).toString();
      chunk = this.pending.subarray(end + 4);
      this.pending = Buffer.alloc(0);
    }
    this.body = Buffer.concat([this.body, chunk]);
    this.pending = Buffer.concat([this.pending, chunk]);
    this.parseFrames();
    this.wake();
  }

  /** Server frames are unmasked; lengths up to 64 bits. */
  private parseFrames(): void {
    for (;;) {
      const buf = this.pending;
      if (buf.length < 2) return;
      let len = (buf[1] as number) & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        len = Number(buf.readBigUInt64BE(2));
        offset = 10;
      }
      if (buf.length < offset + len) return;
      this.frames.push({ opcode: (buf[0] as number) & 0x0f, payload: buf.subarray(offset, offset + len) });
      this.pending = buf.subarray(offset + len);
    }
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
