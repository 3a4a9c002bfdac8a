// The last activity lines of every kind, kept from the event hub for consoles that (re)connect.
import { describe, expect, it } from 'vitest';
import { createActivityHistory } from '../../src/app/activity-history';
import { createEventHub } from '../../src/app/daemon-events';

describe('activity history', () => {
  it('keeps the last N lines of every kind, oldest first, timing non-transitions on arrival', () => {
    const hub = createEventHub();
    let nowMs = 1_000;
    const history = createActivityHistory(hub.subscribe, () => nowMs, 3);
    hub.publish({ type: 'transition', from: 'kalshi_data_sync', to: 'ready', atMs: 900, severity: 'info' });
    for (const m of ['a', 'b', 'c']) {
      nowMs += 10;
      hub.publish({ type: 'activity', activity_type: 'order', message: m, severity: 'info', state: 'ready' });
    }
    hub.publish({ type: 'status' });
    hub.publish({ type: 'book', ticker: 'KX' });
    expect(history.lines().map((r) => ('message' in r ? [r.message, r.atMs] : [r.to, r.atMs]))).toEqual([
      ['a', 1_010],
      ['b', 1_020],
      ['c', 1_030],
    ]);
  });
});
