// A fresh simulated session recorded with V3_RECORD (gap, degraded period, error recovery), then replayed
// twice: the replays are byte-identical, and they saw what the live run saw (its transitions, its gaps
// and resyncs, its books at the end).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecording } from '../../src/record/recording-reader';
import { recordSession } from '../support/recorded-session';
import { liveAnnotations, publicPath, replayRecording, withoutTimes } from '../support/replay-harness';

const dir = mkdtempSync(join(tmpdir(), 'kt-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('record a simulated session, then replay it', () => {
  it('replays deterministically and sees what the live run saw', async () => {
    const file = join(dir, 'session.ndjson.gz');
    const live = await recordSession(file);
    expect(statSync(file).size).toBeGreaterThan(0);

    const recording = await readRecording(file);
    expect(recording.truncated).toBe(false);
    const annotated = liveAnnotations(recording);
    // The recorder's annotations are the live run's own transitions (plus startup, before the test listened).
    expect(annotated.transitions.slice(1)).toEqual(live.transitions);

    const first = await replayRecording(recording);
    const second = await replayRecording(recording);
    expect(JSON.stringify(second.outputs)).toBe(JSON.stringify(first.outputs));

    expect(publicPath(withoutTimes(first.outputs.transitions))).toEqual(publicPath(annotated.transitions));
    expect(first.outputs.books).toEqual(annotated.books);
    expect(Object.keys(first.outputs.books)).toHaveLength(2);
    expect({ gaps: first.gaps, resyncs: first.resyncs }).toEqual({ gaps: live.gaps, resyncs: live.resyncs });
  }, 90_000);
});
