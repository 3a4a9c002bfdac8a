// A parent machine that invokes one child actor and records every event the child sends back.
import {
  type AnyActorLogic,
  type AnyEventObject,
  assign,
  createActor,
  type SimulatedClock,
  setup,
  waitFor,
} from 'xstate';

export function startUnderParent(
  logic: AnyActorLogic,
  input: unknown,
  options: { clock?: SimulatedClock } = {},
) {
  const machine = setup({
    types: { context: {} as { received: AnyEventObject[] } },
    actors: { child: logic },
  }).createMachine({
    context: { received: [] },
    invoke: { id: 'child', src: 'child', input: () => input },
    on: { '*': { actions: assign({ received: ({ context, event }) => [...context.received, event] }) } },
  });
  const parent = createActor(machine, options.clock ? { clock: options.clock } : {}).start();
  return {
    parent,
    received: () => parent.getSnapshot().context.received,
    /** Resolves once the child has sent `count` events in all. */
    receivedCount: (count: number) =>
      waitFor(parent, (s) => s.context.received.length >= count, { timeout: 1_000 }),
    stop: () => parent.stop(),
  };
}
