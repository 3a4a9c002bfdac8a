// Test harness for the feed machine: a fake socket actor the test speaks for, fake audit actors, a
// recording parent (what the root would hear) and a simulated clock driving every named delay.
import {
  type AnyEventObject,
  assign,
  createActor,
  fromCallback,
  fromPromise,
  SimulatedClock,
  type SnapshotFrom,
  setup,
} from 'xstate';
import type { AuditOutcome, FeedCommand, FeedEvent, FeedInput } from '../../src/machines/feed.events';
import { feedMachine } from '../../src/machines/feed.machine';

export const DELAYS = {
  SUBSCRIBE_RETRY: ({ context }: { context: { subscribeAttempts: number } }) =>
    3_000 + 1_000 * context.subscribeAttempts,
  RESYNC_TIMEOUT: 5_000,
  RESUBSCRIBE_TIMEOUT: 4_000,
  RECONNECT_BACKOFF: ({ context }: { context: { reconnectAttempts: number } }) =>
    500 * context.reconnectAttempts,
  STALE_CHECK: 1_000,
  AUDIT_INTERVAL: 10_000,
  AUDIT_CONFIRM: 1_000,
};

export function createFeedHarness(options: { audit?: AuditOutcome[]; markets?: string[] } = {}) {
  const clock = new SimulatedClock();
  const commands: FeedCommand[] = [];
  let sendBack: ((event: FeedEvent) => void) | null = null;
  let sockets = 0;
  let socketStops = 0;
  let reconnects = 0;
  const audits = [...(options.audit ?? [])];
  let auditCalls = 0;
  const nextAudit = async () => {
    auditCalls++;
    return audits.shift() ?? { suspects: 0, mismatched: [] };
  };

  const feed = feedMachine.provide({
    actors: {
      socket: fromCallback<FeedCommand, FeedInput>(({ sendBack: send, receive }) => {
        sockets++;
        sendBack = send as (event: FeedEvent) => void;
        receive((command) => commands.push(command));
        return () => {
          socketStops++;
        };
      }),
      auditFetch: fromPromise(nextAudit),
      auditConfirm: fromPromise(nextAudit),
    },
    guards: { auditOff: () => options.audit === undefined },
    actions: { countReconnect: () => void reconnects++ },
    delays: DELAYS,
  });
  const parent = setup({
    types: { context: {} as { heard: AnyEventObject[] } },
    actors: { feed },
  }).createMachine({
    context: { heard: [] },
    invoke: { id: 'feed', src: 'feed', input: { markets: options.markets ?? ['A', 'B'] } },
    on: { '*': { actions: assign({ heard: ({ context, event }) => [...context.heard, event] }) } },
  });
  const root = createActor(parent, { clock }).start();
  const child = () =>
    root.getSnapshot().children.feed as unknown as { getSnapshot(): SnapshotFrom<typeof feed> };

  return {
    clock,
    commands,
    /** The socket actor reports a fact. */
    report(...events: FeedEvent[]) {
      for (const event of events) sendBack?.(event);
    },
    /** Open, acknowledged and loaded: the feed goes live. */
    goLive() {
      this.report({ type: 'SOCKET.OPEN' }, { type: 'SUBSCRIPTIONS.COMPLETE' }, { type: 'BOOKS.FRESH' });
    },
    advance: (ms: number) => clock.increment(ms),
    heard: () => root.getSnapshot().context.heard,
    heardTypes: () => root.getSnapshot().context.heard.map((e) => e.type),
    commandTypes: () => commands.map((c) => c.type),
    snapshot: () => child().getSnapshot(),
    matches: (value: unknown) =>
      child()
        .getSnapshot()
        .matches(value as never),
    counts: () => ({ sockets, socketStops, reconnects, auditCalls }),
    stop: () => root.stop(),
  };
}

/** Lets resolved promise actors (the fake audits) deliver their output. */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
