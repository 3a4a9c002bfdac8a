// The statechart inspector in chromium: draws the machine from the replay and follows live transitions.
import { expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { describeBrowser, screenshot, waitForText } from '../support/browser';
import { useBrowser, useConsoleHarness } from '../support/fixtures';

const active = (id: string) => `[data-state-id="${id}"][data-active="true"]`;

describeBrowser('statechart inspector (GET /inspect)', () => {
  // The harness's actor starts before the page opens: the page is a late viewer and relies on the replay.
  const harness = useConsoleHarness('ready');
  const { page } = useBrowser();

  it('draws the largest root machine and switches to another root picked in the actor list', async () => {
    // A second, smaller root actor created after the trader, as a trading-service machine would be.
    const side = createActor(createMachine({ id: 'side', initial: 'off', states: { off: {}, on: {} } }), {
      inspect: harness.relay.inspector.inspect,
    }).start();
    await page.goto(`${harness.url}/inspect`);
    await page.locator('[data-testid="actor"]', { hasText: 'side' }).waitFor();
    await waitForText(page, 'machine-id', 'mini');
    await page.locator('[data-testid="actor"][data-machine="true"]', { hasText: 'side' }).click();
    await waitForText(page, 'machine-id', 'side');
    await page.waitForSelector(active('side.off'));
    side.stop();
  });

  it('draws the machine from the replay and highlights the active state', async () => {
    await page.goto(`${harness.url}/inspect`);
    await waitForText(page, 'connection-status', 'connected');
    await page.waitForSelector(active('mini.initializing'));
    await waitForText(page, 'machine-id', 'mini');
    const ids = await page.$$eval('[data-testid="state"]', (els) =>
      els.map((e) => e.getAttribute('data-state-id')),
    );
    expect(ids).toEqual([
      'mini',
      'mini.initializing',
      'mini.running',
      'mini.running.ready',
      'mini.running.degraded',
      'mini.error',
    ]);
    // Nested: the running box contains its children.
    expect(
      await page.locator('[data-state-id="mini.running"] [data-state-id="mini.running.ready"]').count(),
    ).toBe(1);
    const init = page.locator('[data-state-id="mini.initializing"] [data-testid="transition"]');
    expect(await init.getAttribute('data-event')).toBe('INIT_DONE');
    expect(await init.getAttribute('data-targets')).toBe('mini.running');
    expect(await page.locator('[data-state-id="mini.error"] [data-event="after 60000 ms"]').count()).toBe(1);
    expect(await page.locator(active('mini.running')).count()).toBe(0);
    // Arrows for the active state's transitions.
    await page.waitForSelector('[data-testid="arrow"][data-events="INIT_DONE"]');
    await waitForText(page, 'state-value', '"initializing"');
  });

  it('follows transitions after events are sent to the actor', async () => {
    await page.goto(`${harness.url}/inspect`);
    await page.waitForSelector(active('mini.initializing'));

    harness.actor.send({ type: 'INIT_DONE' });
    await page.waitForSelector(active('mini.running.ready'));
    expect(await page.locator(active('mini.running')).count()).toBe(1);
    expect(await page.locator(active('mini.initializing')).count()).toBe(0);
    await page.locator('[data-testid="event"][data-type="INIT_DONE"]').waitFor();
    // The invoked child shows under its parent in the actor list.
    await page.locator('[data-testid="actor"]', { hasText: 'feed' }).waitFor();

    harness.actor.send({ type: 'FEED.DOWN' });
    await page.waitForSelector(active('mini.running.degraded'));
    expect(await page.locator(active('mini.running.ready')).count()).toBe(0);
    await waitForText(page, 'state-value', '{"running":"degraded"}');
    await screenshot(page, 'inspector-degraded');

    harness.actor.send({ type: 'FAIL' });
    await page.waitForSelector(active('mini.error'));
    // The feed actor was stopped with its state.
    await page.waitForSelector('[data-testid="actor"][data-status="stopped"]');
  });
});
