// Fuzzing /v3/ws with client frames over real sockets: valid frames, frames with one field of the wrong
// type, truncated and non-JSON text, unknown types, wrong and near-miss tokens, binary frames, invalid
// UTF-8 and oversized frames. Every frame gets exactly its answer (a reply or an error frame with the
// right code), commands reach the daemon only with the right token, and the server never fails.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FUZZ_SEED, FUZZ_TIMEOUT_MS, fuzzParams, InputCounter } from '../support/fuzz';
import { CONTROL_TOKEN, fakePorts } from './support/fake-ports';
import { OP, RawSocket } from './support/raw-socket';
import { type Harness, startFeed } from './support/ws-harness';

/** What a frame must be answered with: a reply type, or `error:<code>`. */
interface Case {
  data: string | Buffer;
  expect: string;
  /** A command the daemon's send port must receive. */
  reaches?: boolean;
}

const KNOWN = new Set(['ping', 'pong', 'subscribe', 'unsubscribe', 'command']);
const REPLIES = new Set(['pong', 'error', 'subscribed', 'command_result']);
const ticker = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,19}$/);
const json = (v: unknown) => JSON.stringify(v);
const notJson = (s: string) => {
  try {
    JSON.parse(s);
    return false;
  } catch {
    return true;
  }
};

const validFrame = fc.oneof(
  fc.constant({ type: 'ping' }),
  fc.record({
    type: fc.constant('subscribe'),
    markets: fc.array(fc.oneof(ticker, fc.constant('KXA-1')), { minLength: 1, maxLength: 5 }),
  }),
  fc.record({
    type: fc.constant('subscribe'),
    subscriptions: fc.array(fc.string({ maxLength: 64 }), { maxLength: 16 }),
  }),
  fc.record({ type: fc.constant('unsubscribe'), markets: fc.array(ticker, { maxLength: 5 }) }),
);
const okCase = validFrame.map(
  (f): Case => ({ data: json(f), expect: f.type === 'ping' ? 'pong' : 'subscribed' }),
);

const goodCommand = fc.oneof(
  fc.record({ type: fc.constant('kill_switch'), on: fc.boolean() }),
  fc.constant({ type: 'cancel_all' }),
  fc.record({ type: fc.constant('strategy'), paused: fc.boolean() }),
  fc.record({ type: fc.constant('resync_market'), ticker }),
);
const commandCase = goodCommand.map(
  (command): Case => ({
    data: json({ type: 'command', token: CONTROL_TOKEN, command }),
    expect: 'command_result',
    reaches: true,
  }),
);

// A wrong token: anything, or the right one a character off, cut short or padded.
const nearMiss = fc
  .integer({ min: 0, max: CONTROL_TOKEN.length - 1 })
  .chain((i) =>
    fc.constantFrom(
      CONTROL_TOKEN.slice(0, i) + (CONTROL_TOKEN[i] === 'x' ? 'y' : 'x') + CONTROL_TOKEN.slice(i + 1),
      CONTROL_TOKEN.slice(0, i),
      `${CONTROL_TOKEN} `,
      CONTROL_TOKEN.toUpperCase(),
    ),
  );
const wrongToken = fc
  .oneof(nearMiss, fc.string(), fc.integer(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }))
  .filter((t) => t !== CONTROL_TOKEN);
const unauthorizedCase = fc
  .tuple(fc.option(wrongToken, { nil: undefined }), fc.oneof(goodCommand, fc.jsonValue({ maxDepth: 2 })))
  .map(
    ([token, command]): Case => ({
      data: json({ type: 'command', token, command }),
      expect: 'error:unauthorized',
    }),
  );

const badCommand = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
  fc.record({
    type: fc
      .string()
      .filter(
        (t) =>
          !['kill_switch', 'cancel_all', 'strategy', 'resync_market', 'shutdown', 'place_order'].includes(t),
      ),
  }),
  fc.record({ type: fc.constant('kill_switch'), on: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }),
  fc.record({
    type: fc.constant('resync_market'),
    ticker: fc.oneof(fc.constant(''), fc.integer(), fc.string({ minLength: 129, maxLength: 200 })),
  }),
);
const invalidCommandCase = badCommand.map(
  (command): Case => ({
    data: json({ type: 'command', token: CONTROL_TOKEN, command }),
    expect: 'error:invalid_command',
  }),
);

// One field of a valid frame replaced by a value of the wrong type or out of bounds.
const badMarkets = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.constant(''), fc.constant('x'.repeat(129))), {
    minLength: 1,
    maxLength: 3,
  }),
  fc.constant(Array.from({ length: 257 }, (_, i) => `T${i}`)),
);
const mutatedCase = fc
  .oneof(
    badMarkets.map((markets) => ({ type: 'subscribe', markets })),
    badMarkets.map((markets) => ({ type: 'unsubscribe', markets })),
    fc
      .oneof(fc.string(), fc.constant(['trades']))
      .map((channels) => ({ type: 'subscribe', markets: ['KXA-1'], channels })),
    fc
      .oneof(fc.integer(), fc.constant([1]), fc.constant(['x'.repeat(65)]))
      .map((subscriptions) => ({ type: 'subscribe', subscriptions })),
    fc
      .oneof(fc.boolean(), fc.constant({}), fc.string({ minLength: 65, maxLength: 80 }))
      .map((id) => ({ type: 'command', id, command: {} })),
  )
  .map((f): Case => ({ data: json(f), expect: 'error:invalid_frame' }));

const malformedCase = fc
  .oneof(
    fc.string(),
    fc
      .oneof(okCase, commandCase)
      .chain((c) => fc.nat({ max: String(c.data).length - 1 }).map((n) => String(c.data).slice(0, n))),
  )
  .filter(notJson)
  .map((data): Case => ({ data, expect: 'error:malformed_json' }));
const nonObjectCase = fc
  .jsonValue()
  .filter((v) => typeof v !== 'object' || v === null || typeof (v as { type?: unknown }).type !== 'string')
  .map((v): Case => ({ data: json(v), expect: 'error:invalid_frame' }));
const unknownTypeCase = fc
  .record({ type: fc.string().filter((t) => !KNOWN.has(t)), msg: fc.jsonValue({ maxDepth: 2 }) })
  .map((f): Case => ({ data: json(f), expect: 'error:unknown_type' }));
const emptySubscribeCase = fc.constant<Case>({
  data: json({ type: 'subscribe' }),
  expect: 'error:empty_subscription',
});
const binaryCase = fc
  .uint8Array({ maxLength: 64 })
  .map((b): Case => ({ data: Buffer.from(b), expect: 'error:invalid_frame' }));

const frameCase = fc.oneof(
  okCase,
  commandCase,
  unauthorizedCase,
  invalidCommandCase,
  mutatedCase,
  malformedCase,
  nonObjectCase,
  unknownTypeCase,
  emptySubscribeCase,
  binaryCase,
);

const counter = new InputCounter();
let h: Harness;
let fake: ReturnType<typeof fakePorts>;
beforeAll(async () => {
  fake = fakePorts();
  // The frame budget is the rate limit's business (tested elsewhere); here every frame must be read.
  h = await startFeed(fake.ports, { frameBudget: { perSecond: 1e9, burst: 1e9 }, maxClients: 8 });
});
afterAll(() => h.close());

/** Sends a batch on a fresh connection and resolves with the reply frames once all are in. */
async function exchange(cases: Case[]): Promise<string[]> {
  const ws = new WebSocket(h.url);
  const replies: string[] = [];
  const expected = cases.length + 1; // and the closing ping's pong
  const done = new Promise<void>((resolve, reject) => {
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { type: string; data: { code?: string } };
      if (!REPLIES.has(frame.type)) return;
      replies.push(frame.type === 'error' ? `error:${frame.data.code}` : frame.type);
      if (replies.length === expected) resolve();
    });
    ws.on('close', () => reject(new Error(`closed after ${replies.length} of ${expected} replies`)));
  });
  await new Promise((resolve) => ws.once('open', resolve));
  for (const c of cases) ws.send(c.data, { binary: typeof c.data !== 'string' });
  // Commands answer asynchronously; the closing ping only proves nothing more was pending for the rest.
  ws.send(json({ type: 'ping' }));
  await done;
  ws.terminate();
  return replies;
}

describe(`/v3/ws client frames, fuzzed (seed ${FUZZ_SEED})`, () => {
  it(
    'answers every frame with its reply or error code, and commands need the token',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(frameCase, { minLength: 40, maxLength: 80 }), async (cases) => {
          const sentBefore = fake.sent.length;
          const badBefore = h.feed.stats().badFrames;
          const replies = await exchange(cases);
          counter.add(cases.length);
          expect(replies.sort()).toEqual([...cases.map((c) => c.expect), 'pong'].sort());
          expect(fake.sent.length - sentBefore).toBe(cases.filter((c) => c.reaches).length);
          const errors = cases.filter((c) => c.expect.startsWith('error:')).length;
          expect(h.feed.stats().badFrames - badBefore).toBe(errors);
        }),
        fuzzParams(175),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'closes a connection on invalid UTF-8 or an oversized frame, counts it, and serves the next',
    async () => {
      const invalidUtf8 = fc
        .uint8Array({ minLength: 1, maxLength: 32 })
        .map((b) => Buffer.concat([Buffer.from(b), Buffer.from([0xc3, 0x28])]));
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            invalidUtf8,
            fc.integer({ min: 64 * 1024 + 1, max: 70_000 }).map((n) => Buffer.alloc(n, 0x61)),
          ),
          async (payload) => {
            const badBefore = h.feed.stats().badFrames;
            const socket = RawSocket.open(h.port, '/v3/ws');
            expect(await socket.upgraded()).toBe(101);
            socket.send(OP.text, payload);
            await socket.ended;
            const close = socket.frames.find((f) => f.opcode === OP.close);
            expect([1007, 1009]).toContain(close?.payload.readUInt16BE(0));
            expect(h.feed.stats().badFrames).toBe(badBefore + 1);
            counter.add();
          },
        ),
        fuzzParams(40),
      );
      expect((await exchange([{ data: json({ type: 'ping' }), expect: 'pong' }])).sort()).toEqual([
        'pong',
        'pong',
      ]);
      counter.check();
    },
    FUZZ_TIMEOUT_MS,
  );
});
