// The daemon's port is bound before anything is served: requests meanwhile get a 503, and a second bind
// of the same port fails with one line naming it and how to choose another.
import { afterEach, describe, expect, it } from 'vitest';
import { type BoundHttpPort, bindHttpPort } from '../../src/app/http-server';

const bound: BoundHttpPort[] = [];
afterEach(async () => {
  await Promise.all(bound.splice(0).map((b) => b.close()));
});

describe('bindHttpPort', () => {
  it('answers 503 until the daemon is served on it', async () => {
    const port = await bindHttpPort('127.0.0.1', 0);
    bound.push(port);
    const res = await fetch(`${port.url}/v3/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'starting', message: 'the daemon is starting' } });
  });

  it('refuses a busy port with one line naming it, --port and V3_PORT', async () => {
    const first = await bindHttpPort('127.0.0.1', 0);
    bound.push(first);
    await expect(bindHttpPort('127.0.0.1', first.port)).rejects.toThrow(
      `port ${first.port} on 127.0.0.1 is already in use: choose another with --port or V3_PORT`,
    );
  });
});
