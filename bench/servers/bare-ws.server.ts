// The baseline of the `fanout` figures: a bare `ws` server broadcasting given frames (the daemon's own
// book frames, recorded by the bench) to every connected client as fast as they take them: one Buffer
// per frame sent to every client, skipping a client while its send buffer is over the high-water mark.
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const HIGH_WATER = 1 << 20;
const BATCH = 8;

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('listening', () => {
  process.stdout.write(`BARE WS READY ws://127.0.0.1:${(wss.address() as AddressInfo).port}\n`);
});
wss.on('connection', (ws) => ws.on('error', () => {}));

let frames: Buffer[] = [];

function pump(seconds: number, done: (sent: number) => void): void {
  const end = performance.now() + seconds * 1_000;
  let next = 0;
  let sent = 0;
  const tick = () => {
    if (performance.now() >= end) return done(sent);
    for (let b = 0; b < BATCH; b++) {
      const frame = frames[next++ % frames.length]!;
      for (const ws of wss.clients) {
        if (ws.bufferedAmount > HIGH_WATER) continue;
        ws.send(frame, { binary: false });
        sent++;
      }
    }
    setImmediate(tick);
  };
  tick();
}

process.on('message', (req: { id: number; cmd: string; frames?: string[]; seconds?: number }) => {
  const reply = (body: Record<string, unknown>) => process.send?.({ re: req.id, ...body });
  if (req.cmd === 'frames') {
    frames = (req.frames ?? []).map((f) => Buffer.from(f));
    reply({ count: frames.length });
  } else if (req.cmd === 'pump') pump(req.seconds ?? 1, (sent) => reply({ sent }));
});
process.once('SIGTERM', () => wss.close(() => process.exit(0)));
