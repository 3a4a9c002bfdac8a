// The simulator as a bench child process: startSimulator with the options given as one JSON argument,
// one `SIM READY <url>` line, and IPC requests for its flow and socket counters, its flow rate and,
// for the latency figure, the monotonic time at which each orderbook_delta left (stamped in ws.send).
import { WebSocket } from 'ws';
import { startSimulator } from '../../src/sim/server';

interface SimArgs {
  markets: number;
  rate: number;
  seed?: number;
  keyId: string;
  publicKeyPem: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as SimArgs;

/** Send times of orderbook_delta frames, in typed arrays allocated up front: a Map of string keys held
 *  through the window would be copied by every scavenge and pause the very sends it times. */
const STAMP_CAPACITY = 1_000_000;
const stampMarket = new Int32Array(STAMP_CAPACITY);
const stampSeq = new Float64Array(STAMP_CAPACITY);
/** µs of the monotonic clock (CLOCK_MONOTONIC: the same clock in every process). */
const stampAt = new Float64Array(STAMP_CAPACITY);
const stampTickers: string[] = [];
const tickerIndex = new Map<string, number>();
let stamping = false;
let stampCount = 0;
const DELTA_PREFIX = '{"type":"orderbook_delta"';
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function stampedSend(this: WebSocket, data: unknown, ...rest: unknown[]) {
  if (stamping && stampCount < STAMP_CAPACITY && typeof data === 'string' && data.startsWith(DELTA_PREFIX)) {
    const seqAt = data.indexOf('"seq":') + 6;
    const seq = Number(data.slice(seqAt, data.indexOf(',', seqAt)));
    const tickerAt = data.indexOf('"market_ticker":"') + 17;
    const ticker = data.slice(tickerAt, data.indexOf('"', tickerAt));
    let market = tickerIndex.get(ticker);
    if (market === undefined) {
      market = stampTickers.push(ticker) - 1;
      tickerIndex.set(ticker, market);
    }
    stampMarket[stampCount] = market;
    stampSeq[stampCount] = seq;
    stampAt[stampCount] = Number(process.hrtime.bigint() / 1_000n);
    stampCount++;
  }
  return (send as (...a: unknown[]) => void).call(this, data, ...rest);
} as typeof send;

const sim = await startSimulator({
  port: 0,
  markets: args.markets,
  rate: args.rate,
  seed: args.seed ?? 1,
  // A steady stream, as Kalshi's feed is, not the default burst every 100 ms.
  flowTickMs: 1,
  keys: [{ keyId: args.keyId, publicKeyPem: args.publicKeyPem }],
});
process.stdout.write(`SIM READY ${sim.url}\n`);

interface Request {
  id: number;
  cmd: string;
  rate?: number;
}

process.on('message', (req: Request) => {
  const reply = (body: Record<string, unknown>) => process.send?.({ re: req.id, ...body });
  switch (req.cmd) {
    case 'stats': {
      const memory = process.memoryUsage();
      return reply({ flow: sim.flow.stats(), ws: sim.ws.counters, rss: memory.rss, heap: memory.heapUsed });
    }
    case 'rate':
      sim.flow.setRate(req.rate ?? 0);
      return reply({});
    case 'stamp':
      stamping = true;
      stampCount = 0;
      return reply({});
    case 'stamps': {
      stamping = false;
      const stamps: Array<[string, number]> = [];
      for (let i = 0; i < stampCount; i++) {
        stamps.push([`${stampTickers[stampMarket[i]!]}|${stampSeq[i]}`, stampAt[i]!]);
      }
      return reply({ stamps });
    }
    default:
      return reply({ error: `unknown command ${req.cmd}` });
  }
});

const stop = () => void sim.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
