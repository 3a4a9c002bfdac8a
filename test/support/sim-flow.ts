// The simulator's synthetic order flow, paused or resumed through its admin API as an operator would.
import type { SimulatorHandle } from '../../src/sim/server';

/** Pauses or resumes the simulator's synthetic flow (optionally at `rate` messages/s) via its admin API. */
export async function setFlow(
  sim: Pick<SimulatorHandle, 'url'>,
  running: boolean,
  rate?: number,
): Promise<{ running: boolean }> {
  const res = await fetch(`${sim.url}/sim/flow`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rate === undefined ? { running } : { running, rate }),
  });
  if (res.status !== 200) throw new Error(`POST /sim/flow answered ${res.status}`);
  return (await res.json()) as { running: boolean };
}
