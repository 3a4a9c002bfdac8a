// The statechart inspector in chromium on the whole daemon: the trader machine drawn with `ready`
// highlighted, following the transition to `degraded` when the simulator drops the feed, and back.
import { expect, it } from 'vitest';
import { describeBrowser, screenshot, waitForText } from '../support/browser';
import { useBrowser, useSharedDaemon } from '../support/fixtures';

const READY = 'trader.running.operating.feed.ready';
const DEGRADED = 'trader.running.operating.feed.degraded';
const IDLE = 'trader.running.operating.orders.idle';
const active = (id: string) => `[data-state-id="${id}"][data-active="true"]`;

describeBrowser('statechart inspector on the daemon and the embedded simulator', () => {
  const daemon = useSharedDaemon({ V3_HEALTH_CHECK_INTERVAL: '0.5' });
  const { page } = useBrowser();

  /** Active states with no active state inside them: what the trader is doing right now. */
  const activeLeaves = () =>
    page.$$eval('[data-state-id][data-active="true"]', (els) =>
      els
        .filter((el) => el.querySelector('[data-state-id][data-active="true"]') === null)
        .map((el) => el.getAttribute('data-state-id')),
    );

  it('highlights ready, follows the feed going down to degraded, and comes back', async () => {
    await daemon.waitForState('ready', 15_000);
    await page.goto(`${daemon.url}/inspect`);
    await waitForText(page, 'connection-status', 'connected');
    await page.waitForSelector(active(READY), { timeout: 15_000 });
    await waitForText(page, 'machine-id', 'trader');
    await waitForText(page, 'state-value', '{"running":{"operating":{"feed":"ready","orders":"idle"}}}');
    expect(await activeLeaves()).toEqual([READY, IDLE]);
    // Its ancestors are marked too, and the way out of ready is drawn as an arrow.
    for (const id of [
      'trader',
      'trader.running',
      'trader.running.operating',
      'trader.running.operating.feed',
    ])
      expect(await page.locator(active(id)).count()).toBe(1);
    await page.waitForSelector(`[data-testid="arrow"][data-target="${DEGRADED}"]`);
    await page.locator('[data-testid="actor"]', { hasText: 'orderbook' }).first().waitFor();

    await daemon.faults({ dropConnections: true, refuseUpgrade: 503 });
    await page.waitForSelector(active(DEGRADED));
    await waitForText(page, 'state-value', '{"running":{"operating":{"feed":"degraded","orders":"idle"}}}');
    expect(await activeLeaves()).toEqual([DEGRADED, IDLE]);
    await page.locator('[data-testid="event"][data-type="FEED.DOWN"]').first().waitFor();
    await page.waitForSelector(`[data-testid="arrow"][data-target="${READY}"]`);
    await screenshot(page, 'daemon-inspector-degraded');

    await daemon.faults(null);
    await page.waitForSelector(active(READY), { timeout: 20_000 });
    expect(await activeLeaves()).toEqual([READY, IDLE]);
    expect(daemon.state()).toBe('ready');
  }, 40_000);
});
