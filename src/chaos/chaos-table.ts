// The chaos run's report: one row per scenario (scenario, expected, observed, pass) and the final
// `N passed, N failed` line.
import type { ScenarioResult } from './chaos-verdict';

const COLUMNS = ['scenario', 'expected', 'observed', 'pass'] as const;
/** Wide enough for the state sequences; longer cells are cut with an ellipsis. */
const MAX_WIDTH = 80;

const cut = (text: string) => (text.length > MAX_WIDTH ? `${text.slice(0, MAX_WIDTH - 1)}…` : text);

export function formatTable(results: readonly ScenarioResult[]): string[] {
  const rows = results.map((r) => [r.name, r.expected, r.observed, r.pass ? 'pass' : 'FAIL'].map(cut));
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join(' | ')
      .trimEnd();
  return [line(COLUMNS), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)];
}

export function summaryLine(results: readonly ScenarioResult[]): string {
  const passed = results.filter((r) => r.pass).length;
  return `${passed} passed, ${results.length - passed} failed`;
}
