// One chaos scenario end to end, as `npm run chaos` runs it: the standalone simulator and the daemon
// (market maker) as processes, an in-socket error 10, then the verdict from the simulator's records.
import { describe, expect, it } from 'vitest';
import { runChaos } from '../../src/chaos/chaos-run';
import { SCENARIOS } from '../../src/chaos/chaos-scenarios';

describe('npm run chaos', () => {
  it('survives an in-socket error 10 with the books and orders agreeing with the exchange', async () => {
    const lines: string[] = [];
    const scenarios = SCENARIOS.filter((s) => s.name === 'in-socket error 10');
    expect(scenarios).toHaveLength(1);
    const results = await runChaos({ scenarios, short: true, seed: 3, print: (l) => lines.push(l) });
    expect(results.map((r) => [r.name, r.pass])).toEqual([
      ['in-socket error 10', true],
      ['clean shutdown (SIGTERM)', true],
    ]);
    expect(results[0]?.observed).toMatch(/^ready(?: → degraded → ready)*; books equal; \d+ orders placed/);
    expect(lines[0]).toMatch(/^pass {2}in-socket error 10/);
  }, 120_000);
});
