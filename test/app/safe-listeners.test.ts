// A news listener that throws (here: storage refusing a write) on a real trading actor: logged once per
// event type, counted, and the actor goes on; unguarded, XState re-throws it and the process ends.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { tradingLogic } from '../../src/actors/trading/trading-logic';
import { listenerGuard } from '../../src/app/safe-listeners';
import { recordNews } from '../../src/app/storage-wiring';
import { T0 } from '../actors/trading/trading-fixtures';

describe('guarded listeners', () => {
  it('survive a listener that throws: logged once per event type, counted, the actor still runs', () => {
    const errors: { obj: object; msg: string }[] = [];
    const listeners = listenerGuard({ error: (obj, msg) => errors.push({ obj, msg }) });
    const trading = createActor(tradingLogic, { input: {} }).start();
    const trader = { on: () => ({ unsubscribe() {} }) };
    const storage = {
      enqueue: () => {
        throw new Error('storage: queue closed');
      },
    };
    recordNews(storage, { trader: trader as never, trading: { on: listeners.on(trading) }, now: () => T0 });

    const intent = { ticker: 'KXA', side: 'bid' as const, price: 5600, count: 100 };
    for (const id of ['kt-1', 'kt-2', 'kt-3'])
      trading.send({ type: 'ORDER.PENDING', clientOrderId: id, intent, atMs: T0 });

    expect(trading.getSnapshot().status).toBe('active');
    expect(Object.keys(trading.getSnapshot().context.orders)).toEqual(['kt-1', 'kt-2', 'kt-3']);
    expect(listeners.faults()).toBe(3);
    expect(errors).toEqual([
      {
        obj: { err: expect.objectContaining({ message: 'storage: queue closed' }), event: 'order' },
        msg: 'an event listener threw; that event is skipped for it',
      },
    ]);
    trading.stop();
  });
});
