// The relay builds a trader_status frame only when some client takes that topic: with nobody listening
// the status view (tens of ms at 10,000 markets) is not built at all.
import { describe, expect, it } from 'vitest';
import type { FeedClient } from '../../src/server/ws-client';
import { createRelay } from '../../src/server/ws-relay';
import { fakePorts } from './support/fake-ports';

function setup() {
  const { ports } = fakePorts();
  let statusReads = 0;
  const clients = new Set<FeedClient>();
  const relay = createRelay({
    clients,
    ports: {
      getStatus: () => {
        statusReads++;
        return ports.getStatus();
      },
      getHealth: ports.getHealth,
      getBook: ports.getBook,
    },
    now: () => 1_700_000_000_000,
    statusThrottleMs: 0,
    deltas: { publish() {}, clear() {} },
  });
  return { relay, clients, reads: () => statusReads };
}

/** A client as the relay sees it: its topics and a send that records the frames. */
function client(topics: string[]) {
  const frames: string[] = [];
  const c = {
    topics: new Set(topics),
    markets: new Set<string>(),
    socket: null,
    send: (data: Buffer) => frames.push(data.toString()),
    sendShared: (frame: { payload: Buffer }) => frames.push(frame.payload.toString()),
  } as unknown as FeedClient;
  return { c, frames };
}

describe('trader_status relay', () => {
  it('builds no status while no client takes trader_status', () => {
    const { relay, clients, reads } = setup();
    relay.relay({ type: 'status' });
    clients.add(client(['system_activity']).c);
    relay.relay({ type: 'status' });
    relay.triggerStatus();
    expect(reads()).toBe(0);
  });

  it('sends the status to the clients that take it', () => {
    const { relay, clients, reads } = setup();
    const taker = client(['trader_status']);
    const other = client(['system_activity']);
    clients.add(taker.c);
    clients.add(other.c);
    relay.relay({ type: 'status' });
    expect(reads()).toBe(1);
    expect(taker.frames.map((f) => JSON.parse(f).type)).toEqual(['trader_status']);
    expect(other.frames).toEqual([]);
  });
});
