import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import { createMetrics } from '../../src/server/metrics';
import { fakePorts } from './support/fake-ports';
import { OP, RawSocket } from './support/raw-socket';
import { type Harness, startFeed } from './support/ws-harness';

/** Log lines as parsed JSON; pino writes synchronously to a plain stream. */
function memoryLog() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { log: createLogger({ level: 'info', pretty: false, destination: stream }), lines };
}

describe('/v3/ws protocol-level bad frames', () => {
  let h: Harness | undefined;
  const raw: RawSocket[] = [];
  afterEach(async () => {
    for (const s of raw.splice(0)) s.destroy();
    await h?.close();
    h = undefined;
  });

  it('are counted in /metrics and logged once per connection, without a stack trace', async () => {
    const { log, lines } = memoryLog();
    const metrics = createMetrics({ defaultMetrics: false });
    h = await startFeed(fakePorts().ports, { log, metrics, maxPayloadBytes: 1_024 });
    const open = async () => {
      const s = RawSocket.open(h?.port ?? 0, '/v3/ws');
      raw.push(s);
      expect(await s.upgraded()).toBe(101);
      return s;
    };
    for (let i = 0; i < 3; i++) {
      const s = await open();
      // Invalid UTF-8 in a text frame, then more of it: the first closes the connection (1007).
      s.send(OP.text, Buffer.from([0xff, 0xfe, 0xfd]));
      s.send(OP.text, Buffer.from([0xc3, 0x28]));
      await s.ended;
    }
    const big = await open();
    big.send(OP.text, 'x'.repeat(2_000));
    await big.ended;

    const counted = (await metrics.consoleBadFrames.get()).values.map((v) => [v.labels.code, v.value]);
    expect(counted).toEqual(
      expect.arrayContaining([
        ['invalid_utf8', 3],
        ['unsupported_message_length', 1],
      ]),
    );
    const warnings = lines().filter((l) => String(l.msg).includes('bad /v3/ws client frame'));
    expect(warnings).toHaveLength(4);
    for (const w of warnings) {
      expect(w.err).toBeUndefined();
      expect(JSON.stringify(w)).not.toMatch(/\bat .*\.js:\d+/);
    }
    expect(warnings[0]).toMatchObject({ code: 'invalid_utf8' });
  });
});
