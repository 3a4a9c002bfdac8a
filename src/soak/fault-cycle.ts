// Periodic faults on the embedded simulator during a soak: every period one fault from the cycle is
// switched on through its /sim/faults API for a few seconds, then everything is cleared again.

export interface Fault {
  name: string;
  patch: Record<string, unknown>;
  /** How long the fault stays on. */
  seconds: number;
}

/** The feed dropped, frames lost, duplicated, reordered and malformed, REST failing: what a day brings. */
export const SOAK_FAULTS: readonly Fault[] = [
  { name: 'drop connections', patch: { dropConnections: true }, seconds: 1 },
  { name: 'seq gaps', patch: { seqSkipRate: 0.02 }, seconds: 5 },
  { name: 'REST 5xx', patch: { restErrorRate: 0.3 }, seconds: 5 },
  { name: 'malformed frames', patch: { malformedRate: 0.02 }, seconds: 5 },
  { name: 'duplicates and reorders', patch: { duplicateRate: 0.02, reorderRate: 0.02 }, seconds: 5 },
];

export interface FaultCycle {
  /** Faults switched on so far. */
  injected(): number;
  stop(): Promise<void>;
}

export function startFaultCycle(simUrl: string, periodSeconds: number, onError: (err: unknown) => void) {
  let injected = 0;
  let next = 0;
  let clearTimer: ReturnType<typeof setTimeout> | undefined;
  const call = (method: 'POST' | 'DELETE', body?: unknown) =>
    fetch(`${simUrl}/sim/faults`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    }).then((res) => {
      if (!res.ok) throw new Error(`POST /sim/faults answered ${res.status}`);
    });

  const inject = () => {
    const fault = SOAK_FAULTS[next % SOAK_FAULTS.length] as Fault;
    next++;
    injected++;
    call('POST', fault.patch).catch(onError);
    clearTimer = setTimeout(() => call('DELETE').catch(onError), fault.seconds * 1_000);
  };
  const timer = periodSeconds > 0 ? setInterval(inject, periodSeconds * 1_000) : undefined;

  return {
    injected: () => injected,
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      if (clearTimer !== undefined) clearTimeout(clearTimer);
      await call('DELETE').catch(() => {}); // the daemon may be stopping already
    },
  } satisfies FaultCycle;
}
