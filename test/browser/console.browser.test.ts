// The web console in chromium against the loopback harness: state, degraded banner, kill switch, reconnect.
import { beforeEach, expect, it } from 'vitest';
import { toHealthView } from '../../src/server/view-mappers';
import { traderStatusData } from '../../src/server/ws-frames';
import { describeBrowser, screenshot, waitForText } from '../support/browser';
import { HARNESS_TOKEN, harnessStatus } from '../support/console-harness';
import { useBrowser, useConsoleHarness } from '../support/fixtures';

describeBrowser('web console (GET /)', () => {
  const harness = useConsoleHarness('ready');
  const { page, testId } = useBrowser();

  beforeEach(async () => {
    await page.goto(`${harness.url}/`);
    await waitForText(page, 'connection-status', 'connected');
  });

  it('shows the state the daemon reports, with the start-up strip complete and no banner', async () => {
    await waitForText(page, 'trader-state', 'ready');
    expect(await testId('banner').isHidden()).toBe(true);
    expect(await testId('step-ready').getAttribute('data-status')).toBe('done');
    expect(await testId('step-kalshi_data_sync').getAttribute('data-status')).toBe('done');
    expect(await testId('health').textContent()).toBe('health: healthy');
    // The markets from /v3/status are listed and subscribed for book updates.
    const sub = await harness.nextReceived((f) => f.type === 'subscribe');
    expect(sub).toMatchObject({ channels: ['orderbook'] });
    expect(new Set(sub.markets as string[])).toEqual(new Set(['KXHARNESS-A', 'KXHARNESS-B']));
    harness.book('KXHARNESS-A', 4_500, 5_200);
    const row = page.locator('[data-testid="market-row"][data-ticker="KXHARNESS-A"]');
    await row.locator('[data-field="bid"]', { hasText: '45.00¢' }).waitFor();
    expect(await row.locator('[data-field="ask"]').textContent()).toBe('48.00¢');
    expect(await row.locator('[data-field="spread"]').textContent()).toBe('3.00¢');
    harness.book('KXHARNESS-A', 4_600, 5_200);
    await page.waitForSelector('[data-testid="price-chart"][data-points="2"]');
    expect(await page.locator('[data-testid="price-chart"] text.axis').allTextContents()).toEqual([
      '44.50¢',
      '46.50¢',
      '48.50¢',
    ]);
    // The bid steps up from 45 to 46 cents: one horizontal run, then a vertical step.
    expect(await page.locator('[data-testid="price-chart"] path.bid').getAttribute('d')).toMatch(
      /^M[\d.,]+H[\d.]+V[\d.]+/,
    );
    await screenshot(page, 'console-ready');
  });

  it('switches to degraded with a visible banner on a transition frame, and back', async () => {
    await waitForText(page, 'trader-state', 'ready');
    harness.transition('degraded');
    await waitForText(page, 'trader-state', 'degraded');
    await testId('banner').waitFor({ state: 'visible' });
    expect(await testId('banner').textContent()).toContain('Degraded');
    expect(await testId('step-ready').getAttribute('data-status')).toBe('warn');
    const entry = page.locator('[data-testid="activity-log"] li', { hasText: 'ready → degraded' });
    expect(await entry.first().getAttribute('data-severity')).toBe('warning');
    await screenshot(page, 'console-degraded');

    harness.transition('ready');
    await waitForText(page, 'trader-state', 'ready');
    await testId('banner').waitFor({ state: 'hidden' });
  });

  it('shows the private channels and the book audit, and why it is degraded when the channels are missing', async () => {
    await waitForText(page, 'trader-state', 'ready');
    const field = (name: string) => page.locator(`[data-testid="summary"] dd[data-field="${name}"]`);
    expect(await field('book audit').textContent()).toBe('every 1 min, not run yet');
    const at = new Date().toISOString();
    const status = harnessStatus('degraded');
    status.connections.feed_connected = true;
    status.components.private_channels = { healthy: false, detail: 'fills/orders/positions: missing' };
    status.book_audit = {
      interval_seconds: 5,
      last_run: at,
      mismatches: 1,
      markets: {
        'KXHARNESS-A': { at, result: 'match', levels: 0 },
        'KXHARNESS-B': { at, result: 'mismatch', levels: 2 },
      },
    };
    harness.setStatus(status);
    harness.broadcast('trader_status', traderStatusData(status, toHealthView('degraded', 5), Date.now()));
    await waitForText(page, 'trader-state', 'degraded');
    await field('private channels').filter({ hasText: 'missing' }).waitFor();
    expect(await field('private channels').getAttribute('data-ok')).toBe('false');
    expect(await field('book audit').textContent()).toContain('1/2 match, resnapshotted KXHARNESS-B;');
    expect(await field('book audit').getAttribute('data-ok')).toBe('false');
    const component = page.locator('[data-testid="components"] li[data-component="private_channels"]');
    expect(await component.getAttribute('data-healthy')).toBe('false');
    expect(await component.textContent()).toContain('fills/orders/positions: missing');
    // The books are live: the banner names what is missing instead of a frozen feed.
    expect(await testId('banner').textContent()).toContain('private channels (fills, orders, positions)');
    await screenshot(page, 'console-private-channels-missing');
  });

  it('shows an error banner and marks the failed start-up step', async () => {
    harness.transition('initializing');
    harness.transition('orderbook_connect');
    await waitForText(page, 'trader-state', 'orderbook_connect');
    expect(await testId('step-orderbook_connect').getAttribute('data-status')).toBe('active');
    harness.transition('error');
    await waitForText(page, 'trader-state', 'error');
    await testId('banner').waitFor({ state: 'visible' });
    expect(await testId('banner').getAttribute('data-kind')).toBe('error');
    expect(await testId('step-orderbook_connect').getAttribute('data-status')).toBe('failed');
    expect(await testId('step-initializing').getAttribute('data-status')).toBe('done');
  });

  it('asks for the control token once per tab and sends the kill switch command over /v3/ws', async () => {
    await testId('kill-switch').click();
    await testId('command-dialog').waitFor({ state: 'visible' });
    await testId('token-input').fill(HARNESS_TOKEN);
    await testId('command-confirm').click();
    const frame = await harness.nextReceived((f) => f.type === 'command');
    expect(frame).toMatchObject({ token: HARNESS_TOKEN, command: { type: 'kill_switch', on: true } });
    await waitForText(page, 'command-result', 'Kill switch engaged.');
    await testId('command-dialog').waitFor({ state: 'hidden' });
    expect(await testId('kill-switch').getAttribute('data-on')).toBe('true');
    // Kept for this tab only: sessionStorage, never localStorage or the URL.
    const kept = await page.evaluate(() => ({
      session: Object.values(sessionStorage),
      local: localStorage.length,
      url: location.href,
    }));
    expect(kept).toEqual({ session: [HARNESS_TOKEN], local: 0, url: `${harness.url}/` });
    // The next command only asks to confirm: the token field is not shown again.
    await testId('kill-switch').click();
    await testId('command-dialog').waitFor({ state: 'visible' });
    expect(await testId('token-field').isHidden()).toBe(true);
    await testId('command-confirm').click();
    await waitForText(page, 'command-result', 'Kill switch released.');
    expect(harness.received.filter((f) => f.type === 'command').at(-1)).toMatchObject({
      token: HARNESS_TOKEN,
      command: { type: 'kill_switch', on: false },
    });
  });

  it('reports a wrong control token inside the dialog, which stays open for another try', async () => {
    await testId('kill-switch').click();
    await testId('token-input').fill('wrong-token');
    await testId('command-confirm').click();
    await harness.nextReceived((f) => f.type === 'command' && f.token === 'wrong-token');
    await waitForText(
      page,
      'command-dialog-error',
      'Wrong control token: the daemon refused it. Type it again.',
    );
    expect(await testId('command-dialog').isVisible()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    // A refused command changes nothing: the switch still shows what the daemon reported (off).
    expect(await testId('kill-switch').getAttribute('data-on')).toBe('false');
    await screenshot(page, 'console-wrong-token');
    await testId('token-input').fill(HARNESS_TOKEN);
    await testId('command-confirm').click();
    await waitForText(page, 'command-result', 'Kill switch engaged.');
    expect(await testId('command-dialog').isVisible()).toBe(false);
  });

  it('reconnects by itself when the daemon drops the connection, and reloads the status', async () => {
    await harness.waitForStatusRequests(1);
    // Record every connection status the page shows, so the brief `disconnected` is seen without timing.
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="connection-status"]') as HTMLElement;
      const seen: string[] = [];
      (window as unknown as { seenStatuses: string[] }).seenStatuses = seen;
      new MutationObserver(() => seen.push(el.dataset.status ?? '')).observe(el, { attributes: true });
    });
    const loads = harness.statusRequests();
    harness.transition('degraded');
    await waitForText(page, 'trader-state', 'degraded');
    harness.dropClients();
    // While the page is away the daemon recovers; the page must pick that up after reconnecting.
    harness.setStatus(harnessStatus('ready'));
    await harness.waitForConnections(2);
    await harness.waitForStatusRequests(loads + 1);
    await waitForText(page, 'connection-status', 'connected');
    await waitForText(page, 'trader-state', 'ready');
    const seen = await page.evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses);
    expect(seen).toContain('disconnected');
    expect(seen.at(-1)).toBe('connected');
    // The new connection's history replay does not repeat transitions already in the log.
    const replayed = page.locator('[data-testid="activity-log"] li', { hasText: 'kalshi_data_sync → ready' });
    expect(await replayed.count()).toBe(1);
  });
});
