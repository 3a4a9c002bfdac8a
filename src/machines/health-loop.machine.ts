// The health loop as a machine: every HEALTH_INTERVAL it runs `report`, which sends the parent one
// HEALTH.REPORT. It reports, it never decides. Pure: the composition root provides `report` (the probes
// and the clock); the default reports nothing.

import { setup } from 'xstate';
import type { LoopInput } from './trader.events';

export const healthLoopMachine = setup({
  types: {
    context: {} as LoopInput,
    input: {} as LoopInput,
  },
  actions: {
    report: () => {},
  },
  delays: {
    HEALTH_INTERVAL: ({ context }) => context.intervalMs,
  },
}).createMachine({
  id: 'healthLoop',
  context: ({ input }) => ({ intervalMs: input.intervalMs }),
  initial: 'waiting',
  states: {
    waiting: {
      after: { HEALTH_INTERVAL: { target: 'waiting', reenter: true, actions: 'report' } },
    },
  },
});
