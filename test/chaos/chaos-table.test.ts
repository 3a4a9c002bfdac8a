// The chaos report: an aligned table with one row per scenario and the `N passed, N failed` line.
import { describe, expect, it } from 'vitest';
import { formatTable, summaryLine } from '../../src/chaos/chaos-table';
import type { ScenarioResult } from '../../src/chaos/chaos-verdict';

const result = (name: string, pass: boolean, observed = 'ready'): ScenarioResult => ({
  name,
  expected: 'ready throughout',
  observed,
  pass,
  problems: [],
  seconds: 1,
});

describe('the chaos report', () => {
  it('aligns the columns, cuts long cells and marks failures', () => {
    const lines = formatTable([result('a', true), result('longer name', false, 'x'.repeat(120))]);
    expect(lines[0]).toMatch(/^scenario\s+\| expected\s+\| observed\s+\| pass$/);
    expect(lines[2]).toMatch(/^a\s+\| ready throughout \| ready\s+\| pass$/);
    expect(lines[3]).toContain(`${'x'.repeat(79)}… | FAIL`);
    expect(new Set(lines.map((l) => l.indexOf('|'))).size).toBe(1);
  });

  it('counts passes and failures', () => {
    expect(summaryLine([result('a', true), result('b', false), result('c', true)])).toBe(
      '2 passed, 1 failed',
    );
  });
});
