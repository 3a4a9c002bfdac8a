// Shutdown steps run in order, each bounded, and each is reported as it went: done, skipped with why
// (only when it did not run), failed with why, or timed out.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runSteps, skip } from '../../src/actors/shutdown-steps';

afterEach(() => vi.useRealTimers());

const recordingLog = () => {
  const lines: { obj: object; msg: string | undefined }[] = [];
  const push = (obj: object, msg?: string) => void lines.push({ obj, msg });
  return { lines, log: { debug: push, info: push, warn: push, error: push } };
};

describe('runSteps', () => {
  it('reports each step as it went, and runs every one in order', async () => {
    const ran: string[] = [];
    const { lines, log } = recordingLog();
    const outcomes = await runSteps(
      [
        ['sync', () => void ran.push('sync')],
        ['async', async () => void ran.push('async')],
        [
          'nothingToDo',
          () => {
            ran.push('nothingToDo');
            return skip('nothing was open');
          },
        ],
        ['notWired', skip('not wired')],
        [
          'throws',
          async () => {
            ran.push('throws');
            throw new Error('disk full\n  at line 2');
          },
        ],
        ['after', () => void ran.push('after')],
      ],
      { timeoutMs: 1_000, log },
    );
    expect(outcomes).toEqual({
      sync: 'done',
      async: 'done',
      nothingToDo: 'skipped: nothing was open',
      notWired: 'skipped: not wired',
      throws: 'failed: disk full at line 2',
      after: 'done',
    });
    expect(ran).toEqual(['sync', 'async', 'nothingToDo', 'throws', 'after']);
    expect(lines).toEqual([{ obj: { step: 'throws', err: expect.any(Error) }, msg: 'shutdown step failed' }]);
  });

  it('bounds a step that hangs, goes on, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const { lines, log } = recordingLog();
    const done = runSteps(
      [
        ['hangs', () => new Promise(() => {})],
        ['next', () => undefined],
      ],
      { timeoutMs: 1_000, log },
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await done).toEqual({ hangs: 'timeout after 1000 ms', next: 'done' });
    expect(lines).toEqual([{ obj: { step: 'hangs', timeoutMs: 1_000 }, msg: 'shutdown step timed out' }]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
