// The console's wording of the private channels and the book audit, from real /v3/status views.
import { describe, expect, it } from 'vitest';
import { bookAuditRow, privateChannelsRow } from '../../../src/server/console/assets/feed-health.js';
import type { BookAuditView } from '../../../src/server/views';

const NOW = Date.parse('2026-02-04T12:00:10Z');
const at = '2026-02-04T12:00:00.000Z';

describe('private channels row', () => {
  it('says subscribed, missing with what it means, or nothing when not reported', () => {
    const subscribed = { healthy: true, detail: 'fills/orders/positions: subscribed' };
    expect(privateChannelsRow({ private_channels: subscribed })).toEqual({
      text: 'fills/orders/positions: subscribed',
      ok: true,
    });
    const missing = { healthy: false, detail: 'fills/orders/positions: missing' };
    expect(privateChannelsRow({ private_channels: missing })).toEqual({
      text: 'fills/orders/positions: missing, resubscribing',
      ok: false,
    });
    expect(privateChannelsRow({ orderbook: { healthy: true } })).toEqual({ text: '—', ok: undefined });
  });
});

describe('book audit row', () => {
  const audit = (over: Partial<BookAuditView>): BookAuditView => ({
    interval_seconds: 60,
    last_run: at,
    mismatches: 0,
    markets: {},
    ...over,
  });

  it('says off, not run yet, or nothing when not reported', () => {
    expect(bookAuditRow(null, NOW)).toEqual({ text: '—', ok: undefined });
    expect(bookAuditRow(audit({ interval_seconds: 0, last_run: null }), NOW)).toEqual({
      text: 'off',
      ok: undefined,
    });
    expect(bookAuditRow(audit({ last_run: null }), NOW)).toEqual({
      text: 'every 1 min, not run yet',
      ok: undefined,
    });
  });

  it('counts the matches of the last results and names the markets found wrong', () => {
    const clean = audit({
      mismatches: 1,
      markets: {
        A: { at, result: 'match', levels: 0 },
        B: { at, result: 'match', levels: 0 },
      },
    });
    expect(bookAuditRow(clean, NOW)).toEqual({
      text: 'last 12:00:00 (10 s ago): 2/2 match; 1 wrong since start',
      ok: true,
    });
    const wrong = audit({
      mismatches: 3,
      markets: {
        C: { at, result: 'mismatch', levels: 2 },
        A: { at, result: 'match', levels: 0 },
        B: { at, result: 'differs', levels: 1 },
        D: { at, result: 'mismatch', levels: 1 },
      },
    });
    expect(bookAuditRow(wrong, NOW)).toEqual({
      text: 'last 12:00:00 (10 s ago): 1/4 match, 1 being confirmed, resnapshotted C, D; 3 wrong since start',
      ok: false,
    });
  });
});
