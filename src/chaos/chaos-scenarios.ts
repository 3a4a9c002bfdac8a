// The chaos scenarios: what each breaks on the exchange through the simulator's fault/admin API, for
// how long (full and short set), and the state sequence the daemon must show. After each, the runner
// clears every fault and judges books, orders and limits against the simulator's records.
import type { SimAdmin } from './sim-records';
import { type SequenceExpectation, sequences } from './state-sequence';

export interface ScenarioContext {
  admin: SimAdmin;
  /** `full` ms in the full set, `short` ms in the short one. */
  span(full: number, short: number): number;
  sleep(ms: number): Promise<void>;
  /** Resolves when the daemon's state (`acting` read as ready or degraded) satisfies `pred`; rejects after `timeoutMs`. */
  waitForState(pred: (state: string) => boolean, what: string, timeoutMs: number): Promise<void>;
  /** A market the daemon follows now. */
  market(): Promise<string>;
  /** SIGKILLs the daemon now (whatever it has in flight), then starts it again on the same data. */
  killAndRestart(): Promise<void>;
}

export interface Scenario {
  name: string;
  /** In the short (CI) set too. */
  short: boolean;
  expect: SequenceExpectation;
  run(ctx: ScenarioContext): Promise<void>;
}

/** A fault switched on for a while, then every fault cleared. */
const hold =
  (patch: Record<string, unknown>, fullMs: number, shortMs: number) =>
  async ({ admin, span, sleep }: ScenarioContext) => {
    await admin.faults(patch);
    await sleep(span(fullMs, shortMs));
    await admin.faults(null);
  };

const isUp = (s: string) => s === 'ready';

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'feed dropped repeatedly',
    short: true,
    expect: sequences.degradedAndBack,
    async run(ctx) {
      for (let i = 0; i < ctx.span(10, 3); i++) {
        await ctx.admin.faults({ dropConnections: true });
        await ctx.waitForState((s) => s === 'degraded', 'degraded after a drop', 10_000);
        await ctx.sleep(500);
        await ctx.admin.faults(null);
        await ctx.waitForState(isUp, 'ready after a drop', 30_000);
      }
    },
  },
  {
    name: 'upgrade refused 503',
    short: true,
    expect: sequences.degradedAndBack,
    run: hold({ dropConnections: true, refuseUpgrade: 503 }, 60_000, 8_000),
  },
  {
    name: 'seq gaps, duplicates, reorders, malformed',
    short: true,
    expect: sequences.maybeDegraded,
    run: hold(
      { seqSkipRate: 0.05, duplicateRate: 0.05, reorderRate: 0.05, malformedRate: 0.05 },
      30_000,
      8_000,
    ),
  },
  {
    name: 'in-socket error 10',
    short: true,
    expect: sequences.maybeDegraded,
    async run({ admin, sleep }) {
      await admin.wsError(10);
      await sleep(2_000);
    },
  },
  {
    name: 'in-socket error 25',
    short: false,
    expect: sequences.maybeDegraded,
    async run({ admin, sleep }) {
      await admin.wsError(25);
      await sleep(2_000);
    },
  },
  {
    name: 'REST 5xx burst (before acting)',
    short: false,
    expect: sequences.maybeDegraded,
    // Every request refused, for less than the three sync intervals after which trading is unhealthy.
    run: hold({ restErrorRate: 1, restErrorStatus: 503, restErrorMode: 'before' }, 8_000, 4_000),
  },
  {
    name: 'REST 5xx burst (after acting)',
    short: true,
    expect: sequences.maybeDegraded,
    run: hold({ restErrorRate: 1, restErrorStatus: 500, restErrorMode: 'after' }, 8_000, 4_000),
  },
  {
    name: 'latency past the request timeout',
    short: false,
    expect: sequences.recovers,
    run: hold({ latencyMs: 11_000 }, 30_000, 15_000),
  },
  {
    name: '429 storm',
    short: true,
    expect: sequences.recovers,
    run: hold({ restErrorRate: 1, restErrorStatus: 429 }, 20_000, 6_000),
  },
  {
    name: 'trading paused on a market',
    short: false,
    expect: sequences.steady,
    run: async (ctx) => hold({ pauseTrading: [await ctx.market()] }, 20_000, 6_000)(ctx),
  },
  {
    name: 'exchange trading_active false',
    short: false,
    expect: sequences.steady,
    run: hold({ tradingActive: false }, 20_000, 6_000),
  },
  {
    name: 'clock skew 20 s (inside the window)',
    short: false,
    expect: sequences.steady,
    run: hold({ clockOffsetMs: 20_000 }, 20_000, 6_000),
  },
  {
    name: 'clock skew 45 s (outside the window)',
    short: false,
    expect: sequences.errorAndBack,
    async run(ctx) {
      await ctx.admin.faults({ clockOffsetMs: -45_000 });
      await ctx.waitForState((s) => s === 'error', 'error', 60_000);
      await ctx.sleep(ctx.span(10_000, 2_000));
      await ctx.admin.faults(null);
    },
  },
  {
    name: 'key refused, then restored',
    short: true,
    expect: sequences.errorAndBack,
    async run(ctx) {
      await ctx.admin.faults({ refuseKeys: true });
      await ctx.waitForState((s) => s === 'error', 'error', 60_000);
      await ctx.sleep(ctx.span(10_000, 2_000));
      await ctx.admin.faults(null);
    },
  },
  {
    name: 'SIGKILL with orders in flight',
    short: true,
    expect: sequences.restarted,
    async run(ctx) {
      // The engine acts at once and the answer waits: requests sent now are in flight at the kill.
      await ctx.admin.faults({ latencyMs: 1_500 });
      await ctx.sleep(3_000);
      await ctx.killAndRestart();
      await ctx.admin.faults(null);
    },
  },
];
