// `--strategy`: another strategy over the committed recording trades on its own account, the matching
// engine seeded from the replayed books (the recording cannot answer its orders); twice the same.
import { describe, expect, it } from 'vitest';
import { readRecording } from '../../src/record/recording-reader';
import { renderChart } from '../../src/replay/report-chart';
import { replayRecording } from '../support/replay-harness';

const FILE = 'test/fixtures/recordings/sim-session.ndjson.gz';
// Tighter quotes than the recorded run's, not post-only: orders the recording never saw.
const OTHER = { name: 'market_maker', params: { spread_ticks: 1, size: 2, post_only: false } };

describe('another strategy over a recording', () => {
  it("places its own orders on the engine, not the recorded account's, and reports its PnL beside it", async () => {
    const recording = await readRecording(FILE);
    const recorded = await replayRecording(recording);
    const other = await replayRecording(recording, OTHER);
    const again = await replayRecording(recording, OTHER);
    expect(JSON.stringify(again.report)).toBe(JSON.stringify(other.report));

    const recordedIds = new Set(recorded.report.orders.map((o) => o.clientOrderId));
    const accepted = other.report.orders.filter((o) => o.from === 'pending' && o.status !== 'rejected');
    expect(accepted.length).toBeGreaterThan(0);
    expect(other.report.orders.some((o) => recordedIds.has(o.clientOrderId))).toBe(false);
    // Every write was answered (by the engine): none went unanswered to the recording.
    expect(other.exchange.rest.counts().unanswered).toBe(0);
    expect(other.report.pnl.length).toBeGreaterThan(5);

    const svg = renderChart([recorded.report, other.report], 'comparison');
    expect(svg.match(/<polyline/g)?.length).toBeGreaterThanOrEqual(4);
    expect(svg).toContain(`${OTHER.name}: $`);
  }, 60_000);
});
