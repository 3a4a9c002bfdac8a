// The web console in chromium against the whole daemon on the embedded simulator: ready with live books,
// degraded while the simulator refuses the feed and back, live orders and positions, the kill switch.
import { beforeEach, expect, it } from 'vitest';
import { describeBrowser, screenshot, waitForText } from '../support/browser';
import { useBrowser, useSharedDaemon } from '../support/fixtures';

/** "45.00¢" → 4500 ticks, exactly; NaN for anything else. */
const ticks = (text: string | null) => {
  const m = /^(\d+)\.(\d{2})¢$/.exec(text ?? '');
  return m ? Number(m[1]) * 100 + Number(m[2]) : Number.NaN;
};

describeBrowser('web console on the daemon and the embedded simulator', () => {
  const daemon = useSharedDaemon({ V3_HEALTH_CHECK_INTERVAL: '0.5' });
  const { page, testId } = useBrowser();

  beforeEach(async () => {
    await page.goto(`${daemon.url}/`);
    await waitForText(page, 'connection-status', 'connected');
    await waitForText(page, 'trader-state', 'ready', 15_000);
  });
  const rows = () => page.locator('[data-testid="market-row"]');
  const waitForFeedFlags = (flag: string, timeout = 10_000) =>
    page.waitForFunction(
      (want) => {
        const flags = Array.from(document.querySelectorAll('[data-testid="market-row"] .flag'));
        return flags.length > 0 && flags.every((f) => f.textContent === want);
      },
      flag,
      { timeout },
    );

  it('shows ready with live books, degraded while the feed is refused, and ready again', async () => {
    const status = (await (await fetch(`${daemon.url}/v3/status`)).json()) as { markets: string[] };
    await waitForFeedFlags('live');
    expect(await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-ticker')))).toEqual(
      [...status.markets].sort(),
    );
    // Books are live, so a row may be re-rendered between two reads: take each row's three cells in one
    // synchronous read of the page, the same render.
    const cells = await rows().evaluateAll((els) =>
      els.map((row) => {
        const text = (field: string) => row.querySelector(`[data-field="${field}"]`)?.textContent ?? null;
        return { bid: text('bid'), ask: text('ask'), spread: text('spread') };
      }),
    );
    expect(cells).toHaveLength(status.markets.length);
    for (const row of cells) {
      const [bid, ask, spread] = [ticks(row.bid), ticks(row.ask), ticks(row.spread)] as const;
      expect(bid).toBeGreaterThan(0);
      expect(ask).toBeGreaterThan(bid);
      expect(spread).toBe(ask - bid);
    }
    expect(await testId('step-ready').getAttribute('data-status')).toBe('done');
    expect(await testId('banner').isHidden()).toBe(true);
    // The first market is charted and its depth listed as soon as its books flow.
    // (A flat line has a zero-height box, which playwright calls hidden: wait for it to be drawn, not seen.)
    await page.waitForSelector('[data-testid="price-chart"]:not([data-points="0"]) path.bid[d^="M"]', {
      state: 'attached',
    });
    expect(await page.locator('[data-testid="depth-row"]').count()).toBeGreaterThan(0);
    await page.waitForFunction(() =>
      /^up/.test(document.querySelector('[data-field="market feed"]')?.textContent ?? ''),
    );
    await screenshot(page, 'daemon-console-ready');

    await daemon.faults({ dropConnections: true, refuseUpgrade: 503 });
    await waitForText(page, 'trader-state', 'degraded');
    await testId('banner').waitFor({ state: 'visible' });
    expect(await testId('banner').textContent()).toMatch(
      /^Degraded since \d\d:\d\d:\d\d: the market-data feed/,
    );
    await page.waitForSelector('[data-testid="step-ready"][data-status="warn"]');
    const entry = page.locator('[data-testid="activity-log"] li', { hasText: 'ready → degraded' });
    expect(await entry.first().getAttribute('data-severity')).toBe('warning');
    // Books the page holds are frozen while the feed is down, and say so (the status frame that
    // carries it may trail the transition frame).
    await waitForFeedFlags('down');
    expect(daemon.state()).toBe('degraded');
    await screenshot(page, 'daemon-console-degraded');
    const pointsWhileDown = Number(await testId('price-chart').getAttribute('data-points'));

    await daemon.faults(null);
    await waitForText(page, 'trader-state', 'ready', 20_000);
    await testId('banner').waitFor({ state: 'hidden' });
    await page.locator('[data-testid="activity-log"] li', { hasText: 'degraded → ready' }).first().waitFor();
    await waitForFeedFlags('live');
    expect(await testId('step-ready').getAttribute('data-status')).toBe('done');
    // Books flow again on the resubscribed feed: the chart gains points after the outage.
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="price-chart"]')?.getAttribute('data-points')) > n,
      pointsWhileDown,
    );
    await screenshot(page, 'daemon-console-recovered');
  }, 40_000);

  it('lists an order resting on the exchange and a position from a fill, as they happen', async () => {
    const ticker = (await rows().first().getAttribute('data-ticker')) as string;
    const resting = await daemon.trader.service.submit({ ticker, side: 'bid', price: 100, count: 300 });
    expect(resting).toMatchObject({ outcome: 'accepted' });
    const orderId = (resting as { orderId: string }).orderId;
    const order = page.locator(`[data-testid="order-row"][data-order="${orderId}"]`);
    await order.waitFor();
    expect(await order.locator('td').allTextContents()).toEqual([
      ticker,
      'buy YES',
      '1.00¢',
      '3',
      '0',
      'resting',
      expect.stringMatching(/^\d\d:\d\d:\d\d$/),
      'Cancel',
    ]);
    // One row per order: the `pending` record (no exchange order_id yet) became this `resting` one.
    expect(await page.locator('[data-testid="order-row"]').count()).toBe(1);

    // A YES buy at 99¢ crosses the spread and fills against the simulator's resting asks.
    const taker = await daemon.trader.service.submit({ ticker, side: 'bid', price: 9_900, count: 100 });
    expect(taker).toMatchObject({ outcome: 'accepted' });
    const position = page.locator(`[data-testid="position-row"][data-ticker="${ticker}"]`);
    await position.waitFor();
    expect(await position.locator('td').nth(1).textContent()).toBe('YES');
    expect(await position.locator('td').nth(2).textContent()).toBe('1');
    // Marked to the live book: entry at the fill's price, a mark at the YES bid, and the P&L figures.
    const cell = async (field: string) => position.locator(`td[data-field="${field}"]`).textContent();
    expect(await cell('entry')).toMatch(/^\$0\.\d+$/);
    expect(await cell('mark')).toMatch(/^\d+\.\d\d¢$/);
    expect(await cell('unrealized')).toMatch(/^-?\$\d+\.\d+$/);
    expect(await cell('realized')).toMatch(/^-?\$0\.\d+$/);
    await page.waitForFunction(() =>
      /^-?\$\d/.test(document.querySelector('[data-testid="sum-today"]')?.textContent ?? ''),
    );
    const logged = page.locator('[data-testid="activity-log"] li[data-type="order"]', {
      hasText: `resting ${ticker} buy YES 3 @ 1.00¢`,
    });
    await logged.first().waitFor();
  });

  it('engages the kill switch with the control token, refuses a wrong token, and releases it', async () => {
    const killSwitch = () => daemon.trader.trading.getSnapshot().context.killSwitch;

    // A wrong token first: the dialog says so and stays open; the right one then goes through.
    await testId('kill-switch').click();
    await testId('command-dialog').waitFor({ state: 'visible' });
    await testId('token-input').fill('not-the-control-token');
    await testId('command-confirm').click();
    await waitForText(
      page,
      'command-dialog-error',
      'Wrong control token: the daemon refused it. Type it again.',
    );
    expect(killSwitch()).toBe(false);
    await testId('token-input').fill(daemon.controlToken);
    await testId('command-confirm').click();
    await waitForText(page, 'command-result', 'Kill switch engaged.');
    expect(killSwitch()).toBe(true);
    expect(await testId('kill-switch').getAttribute('data-on')).toBe('true');
    expect(await page.locator('[data-field="kill switch"]').textContent()).toBe('ON: no new orders');
    await page.locator('[data-testid="activity-log"] li', { hasText: 'kill switch on' }).waitFor();

    // The token is known for this tab now: releasing only asks to confirm.
    await testId('kill-switch').click();
    expect(await testId('token-field').isHidden()).toBe(true);
    await testId('command-confirm').click();
    await waitForText(page, 'command-result', 'Kill switch released.');
    expect(killSwitch()).toBe(false);
    expect(await testId('kill-switch').getAttribute('data-on')).toBe('false');
  });

  it('places a manual order from a clicked book level, shows its outcome, and cancels it', async () => {
    const ticker = (await rows().first().getAttribute('data-ticker')) as string;
    await rows().first().click();
    const bidCell = page.locator('[data-testid="depth-row"] [data-field="bid"]').first();
    await bidCell.waitFor();
    const bidCents = ticks(await bidCell.textContent());
    await bidCell.click();
    // A YES bid clicked: the ticket sells YES into it, at its price.
    expect(await testId('ticket-market').inputValue()).toBe(ticker);
    expect(await testId('ticket-side').inputValue()).toBe('ask');
    expect(await testId('ticket-price').inputValue()).toBe(`0.${String(bidCents).padStart(4, '0')}`);

    // Rest it instead: a 1¢ YES bid for 2 contracts, far below the book.
    await testId('ticket-side').selectOption('bid');
    await testId('ticket-price').fill('0.01');
    await testId('ticket-count').fill('2');
    await testId('ticket-submit').click();
    // The first command of a tab asks for the control token.
    await testId('command-dialog').waitFor({ state: 'visible' });
    await testId('token-input').fill(daemon.controlToken);
    await testId('command-confirm').click();
    await page.waitForSelector('[data-testid="ticket-result"][data-outcome="accepted"]');
    const said = (await testId('ticket-result').textContent()) ?? '';
    const clientOrderId = /: accepted, (kt-m-\S+) \(exchange order/.exec(said)?.[1] ?? '';
    expect(said).toMatch(/^Buy YES 2.00 .* @ 1.00¢: accepted, kt-m-/);
    const onExchange = () =>
      daemon.exchange.sim.exchange
        .listOrders(daemon.exchange.credentials.keyId)
        .find((o) => o.clientOrderId === clientOrderId);
    expect(onExchange()).toMatchObject({ side: 'bid', price: 100, remainingCount: 200, status: 'resting' });

    const row = page.locator(`[data-testid="order-row"][data-client-order="${clientOrderId}"]`);
    await row.waitFor();
    await row.locator('[data-testid="cancel-order"]').click();
    // Earlier tests of this file left their own orders resting: this one's row is what must go.
    await row.waitFor({ state: 'detached' });
    await page.waitForSelector('[data-testid="ticket-result"][data-outcome="accepted"]');
    expect(await testId('ticket-result').textContent()).toMatch(
      new RegExp(`^Cancel ${clientOrderId}: accepted`),
    );
    expect(onExchange()?.status).toBe('canceled');
    await page
      .locator('[data-testid="activity-log"] li', { hasText: `manual cancel ${clientOrderId}: accepted` })
      .waitFor();
    await screenshot(page, 'daemon-console-order-ticket');
  });
});
