// A simulated session recorded end to end: the daemon on the embedded simulator with V3_RECORD and the
// market maker, taken through a seq gap and its resync, a disconnect with a degraded period and an
// error recovery, each step waited for on the daemon's own state or counters. The committed CI
// recording was made with it (`npx tsx test/support/make-recording.ts`), and a test records afresh.
import { startDaemon } from './daemon-harness';

export interface LiveSession {
  /** `from → to: reason` as the recording annotated them. */
  transitions: string[];
  gaps: number;
  resyncs: number;
}

/** Polls a signal the daemon exposes (a counter) until it holds. */
async function until(what: string, holds: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function recordSession(path: string): Promise<LiveSession> {
  const daemon = await startDaemon({
    V3_RECORD: path,
    V3_STRATEGY: 'market_maker',
    V3_MAX_MARKETS: '2',
    V3_SIM_MARKETS: '3',
    V3_SIM_RATE: '20',
    V3_SYNC_INTERVAL_SECONDS: '1',
    V3_HEALTH_CHECK_INTERVAL: '0.5',
    V3_LOG_LEVEL: 'warn',
  });
  const transitions: string[] = [];
  daemon.trader.actor.on('transition', (t) =>
    transitions.push(`${t.from} → ${t.to}${t.reason ? `: ${t.reason}` : ''}`),
  );
  try {
    await daemon.waitForState('ready');
    const stats = () => daemon.trader.feed.stats();
    await until('a few book updates', () => stats().deltas >= 20);

    await daemon.faults({ seqSkipRate: 0.5 });
    await until('a seq gap and its resync', () => stats().gaps >= 1 && stats().resyncs >= 1);
    await daemon.faults(null);
    await until('books fresh again', () => stats().liveMarkets === 2);

    await daemon.faults({ dropConnections: true, refuseUpgrade: 503 });
    await daemon.waitForState('degraded', 15_000);
    await daemon.faults(null);
    await daemon.waitForState('ready', 30_000);

    await daemon.faults({ restErrorRate: 1 });
    await daemon.waitForState('error', 20_000);
    await daemon.faults(null);
    await daemon.waitForState('ready', 30_000);
    await until('a few more book updates', () => stats().deltas >= 60);
    return { transitions, gaps: stats().gaps, resyncs: stats().resyncs };
  } finally {
    await daemon.close();
  }
}
