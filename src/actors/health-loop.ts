// The health loop: every interval asks each component for its own view and reports it. It never decides.
import { type EventObject, fromCallback } from 'xstate';
import type { ComponentHealth, ComponentsHealth, LoopInput, TraderEvent } from '../machines/trader.events';

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
  return fromCallback<EventObject, LoopInput>(({ input, sendBack }) => {
    const timer = setInterval(() => {
      const event: TraderEvent = { type: 'HEALTH.REPORT', at: now(), components: collectHealth(probes) };
      sendBack(event);
    }, input.intervalMs);
    return () => clearInterval(timer);
  });
}
