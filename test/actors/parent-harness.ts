// A parent machine that invokes one callback actor and records every event the child sends back.
import { type AnyActorLogic, type AnyEventObject, assign, createActor, setup } from 'xstate';

export function startUnderParent(logic: AnyActorLogic, input: unknown) {
  const machine = setup({
    types: { context: {} as { received: AnyEventObject[] } },
    actors: { child: logic },
  }).createMachine({
    context: { received: [] },
    invoke: { id: 'child', src: 'child', input: () => input },
    on: { '*': { actions: assign({ received: ({ context, event }) => [...context.received, event] }) } },
  });
  const parent = createActor(machine).start();
  return {
    parent,
    received: () => parent.getSnapshot().context.received,
    /** Sends an event to the invoked child. */
    sendToChild: (event: AnyEventObject) => parent.getSnapshot().children.child?.send(event),
    stop: () => parent.stop(),
  };
}
