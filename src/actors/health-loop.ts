// The health loop's effect: each component's own view of itself, stamped with the injected clock and
// sent to the root as HEALTH.REPORT by the health-loop machine (which owns the interval).
import { sendParent } from 'xstate';
import { healthLoopMachine } from '../machines/health-loop.machine';
import type { ComponentHealth, ComponentsHealth, TraderEvent } from '../machines/trader.events';

export type HealthProbe = () => ComponentHealth;

/** A throwing probe is reported as unhealthy with the reason, not allowed to stop the loop. */
export function collectHealth(probes: Record<string, HealthProbe>): ComponentsHealth {
  const components: ComponentsHealth = {};
  for (const [name, probe] of Object.entries(probes)) {
    try {
      components[name] = probe();
    } catch (error) {
      const detail = `probe failed: ${error instanceof Error ? error.message : String(error)}`;
      components[name] = { healthy: false, detail };
    }
  }
  return components;
}

export function createHealthLoopActor(probes: Record<string, HealthProbe>, now: () => number) {
  return healthLoopMachine.provide({
    actions: {
      report: sendParent(
        (): TraderEvent => ({ type: 'HEALTH.REPORT', atMs: now(), components: collectHealth(probes) }),
      ),
    },
  });
}
