// The public state names are one vocabulary: the server's schema must list exactly the machine's.
import { describe, expect, it } from 'vitest';
import { PUBLIC_STATES } from '../../src/machines/trader.events';
import { TRADER_STATES } from '../../src/server/views';

describe('state vocabulary', () => {
  it('the server reports exactly the root machine public states', () => {
    expect([...TRADER_STATES]).toEqual([...PUBLIC_STATES]);
  });
});
