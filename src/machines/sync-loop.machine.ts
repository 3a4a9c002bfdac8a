// The periodic REST reconciliation as a machine: wait SYNC_INTERVAL, run one `fullSync`, tell the parent,
// wait again. Pure: the sync itself and the failure classification are provided by the composition root.
//
// The next wait starts only when a run has finished, so runs never overlap however slow the exchange
// is; a run still out when the loop stops is dropped with it (nothing reaches the parent late).

import { fromPromise, sendParent, setup } from 'xstate';
import type { LoopInput, SyncRecord, TraderEvent } from './trader.events';

export const syncLoopMachine = setup({
  types: {
    context: {} as LoopInput,
    input: {} as LoopInput,
  },
  actors: {
    fullSync: fromPromise<SyncRecord>(async () => {
      throw new Error("actor 'fullSync' was not provided");
    }),
  },
  guards: {
    /** A refused key will not heal by retrying on the next interval: provided by the composition root. */
    keyRefused: (_: unknown, _error: unknown) => false,
  },
  delays: {
    SYNC_INTERVAL: ({ context }) => context.intervalMs,
  },
}).createMachine({
  id: 'syncLoop',
  context: ({ input }) => ({ intervalMs: input.intervalMs }),
  initial: 'waiting',
  states: {
    waiting: { after: { SYNC_INTERVAL: 'syncing' } },
    syncing: {
      invoke: {
        src: 'fullSync',
        onDone: {
          target: 'waiting',
          actions: sendParent(({ event }): TraderEvent => ({ type: 'SYNC.DONE', ...event.output })),
        },
        onError: [
          {
            guard: { type: 'keyRefused', params: ({ event }: { event: { error: unknown } }) => event.error },
            target: 'waiting',
            actions: sendParent(({ event }): TraderEvent => ({ type: 'TRADING.FAILED', error: event.error })),
          },
          {
            target: 'waiting',
            actions: sendParent(({ event }): TraderEvent => ({ type: 'SYNC.FAILED', error: event.error })),
          },
        ],
      },
    },
  },
});
