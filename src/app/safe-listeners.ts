// Listeners on an actor's emitted events that cannot stop the daemon. XState reports an exception thrown
// by an `actor.on(type, fn)` listener as an unhandled error (re-thrown on a timer), which ends the process:
// a bug in a log line or a storage write must cost that one listener call, not the daemon. A throwing
// listener is counted and logged once per event type.
import type { AnyActorRef, Subscription } from 'xstate';

interface ListenerLog {
  error(obj: object, msg: string): void;
}

/** Anything with XState's `on`: its generic signature is kept by the guarded copy. */
type Emitter = { on(type: never, handler: never): Subscription };

export function listenerGuard(log: ListenerLog) {
  const faults = new Map<string, number>();
  const fault = (type: string, err: unknown) => {
    const count = (faults.get(type) ?? 0) + 1;
    faults.set(type, count);
    if (count === 1) log.error({ err, event: type }, 'an event listener threw; that event is skipped for it');
  };

  /** The actor's `on`, with every listener it is given guarded. */
  const on = <A extends Emitter>(actor: A): A['on'] =>
    ((type: string, listener: (event: unknown) => void) =>
      actor.on(
        type as never,
        ((event: unknown) => {
          try {
            listener(event);
          } catch (err) {
            fault(type, err);
          }
        }) as never,
      )) as A['on'];

  return {
    on,
    /** The actor's news with guarded listeners; its snapshots and subscriptions as they are. */
    news: <A extends Emitter & Pick<AnyActorRef, 'subscribe' | 'getSnapshot'>>(actor: A) => ({
      on: on(actor),
      subscribe: actor.subscribe.bind(actor) as A['subscribe'],
      getSnapshot: actor.getSnapshot.bind(actor) as A['getSnapshot'],
    }),
    /** How many listener calls threw, all event types together. */
    faults: (): number => [...faults.values()].reduce((a, b) => a + b, 0),
  };
}
