// The trader's console in chromium against the whole daemon with the market maker trading on the embedded
// simulator: the summary bar, positions, orders and fills equal /v3/* and the simulator's own records; every
// control works from the page; a reload keeps the history; the layout holds from 1024 to 2560 px.
import { expect, it, vi } from 'vitest';
import { formatCount as countFp, formatPrice } from '../../src/domain/fixed-point';
import {
  centiToCount,
  formatCents,
  formatCount,
  formatDollars,
  microsToDollars,
  ticksToCents,
} from '../../src/server/console/assets/format.js';
import type { PositionView, StatusView } from '../../src/server/views';
import { describeBrowser, screenshot, waitForText } from '../support/browser';
import { useBrowser, useDaemon, useSharedDaemon } from '../support/fixtures';

const MM = {
  V3_STRATEGY: 'market_maker',
  V3_STRATEGY_PARAMS: JSON.stringify({ size: 1, max_position: 2, spread_ticks: 2, requote_ticks: 1 }),
  V3_MAX_MARKETS: '2',
  V3_SIM_RATE: '300',
  V3_MAX_ORDERS: '6',
  V3_MAX_POSITION_SIZE: '3',
  V3_SYNC_INTERVAL_SECONDS: '1',
  V3_HEALTH_CHECK_INTERVAL: '0.5',
  V3_LOG_LEVEL: 'warn',
};

describeBrowser("trader's console on the daemon with the market maker trading", () => {
  const daemon = useSharedDaemon(MM);
  const daemons = useDaemon();
  const { page, testId } = useBrowser();

  const getJson = async <T>(path: string, base = daemon.url): Promise<T> =>
    (await (await fetch(`${base}${path}`)).json()) as T;
  const open = async (base = daemon.url) => {
    await page.goto(`${base}/`);
    await waitForText(page, 'connection-status', 'connected');
    await waitForText(page, 'trader-state', 'ready', 20_000);
  };
  /** Sends the dialog, typing the token when it asks for one. */
  const confirmDialog = async (token = daemon.controlToken) => {
    await testId('command-dialog').waitFor({ state: 'visible' });
    if (await testId('token-field').isVisible()) await testId('token-input').fill(token);
    await testId('command-confirm').click();
    await testId('command-dialog').waitFor({ state: 'hidden' });
  };
  const sim = () => {
    const user = daemon.exchange.credentials.keyId;
    const exchange = daemon.exchange.sim.exchange;
    return {
      fills: () => exchange.listFills(user),
      resting: () => exchange.listOrders(user, { status: 'resting' }),
      positions: () => exchange.listPositions(user).filter((p) => p.position !== 0),
      balance: () => exchange.getAccount(user).balance,
    };
  };

  it('shows money, positions, orders and fills equal to /v3/* and the simulator, paused and flat-booked', async () => {
    await open();
    const openedMs = Date.now();
    // The market maker quotes and the flow fills it: fills appear live.
    await page.locator('[data-testid="fill-row"]').first().waitFor({ timeout: 30_000 });
    expect(await testId('sum-strategy').textContent()).toBe('market_maker');
    await screenshot(page, 'trader-console-trading');

    // Freeze the books we hold: pause the strategy, then cancel everything it rests (from the page).
    await testId('strategy-toggle').click();
    await confirmDialog();
    await waitForText(page, 'sum-strategy-state', 'paused');
    expect(daemon.trader.trading.getSnapshot().context.strategyPaused).toBe(true);
    await testId('orders-cancel-all').click();
    await confirmDialog();
    await page.waitForSelector('[data-testid="command-result"]:has-text("Cancel all orders: done")');
    await vi.waitFor(() => expect(sim().resting()).toEqual([]), { timeout: 10_000 });

    const pageNumbers = () =>
      page.evaluate(() => {
        const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
        const rows = (id: string) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`));
        const cell = (row: Element, field: string) =>
          row.querySelector(`[data-field="${field}"]`)?.textContent ?? '';
        return {
          balance: text('sum-balance'),
          portfolio: text('sum-portfolio'),
          today: text('sum-today'),
          fees: text('sum-fees'),
          positions: rows('position-row').map((r) => ({
            ticker: r.getAttribute('data-ticker'),
            side: r.children[1]?.textContent,
            contracts: r.children[2]?.textContent,
            entry: cell(r, 'entry'),
            exposure: r.children[5]?.textContent,
            realized: cell(r, 'realized'),
          })),
          unrealizedCells: rows('position-row').map((r) => cell(r, 'unrealized')),
          unrealizedTotal: text('sum-unrealized'),
          orders: rows('order-row').length,
          fills: rows('fill-row').map((r) => ({
            id: r.getAttribute('data-fill'),
            price: cell(r, 'price'),
            count: cell(r, 'count'),
            fee: cell(r, 'fee'),
            liquidity: cell(r, 'liquidity'),
          })),
        };
      });
    const expected = async () => {
      const status = await getJson<StatusView>('/v3/status');
      const { positions } = await getJson<{ positions: PositionView[] }>('/v3/positions');
      return {
        balance: formatDollars(status.balance?.balance_dollars),
        portfolio: formatDollars(status.balance?.portfolio_value_dollars),
        today: formatDollars(status.daily_realized_pnl_dollars),
        fees: formatDollars(status.pnl.fees_paid_dollars),
        positions: positions.map((p) => ({
          ticker: p.ticker,
          side: p.position_fp.startsWith('-') ? 'NO' : 'YES',
          contracts: formatCount(p.position_fp.replace('-', '')),
          entry: formatDollars(p.average_entry_price_dollars),
          exposure: formatDollars(p.market_exposure_dollars),
          realized: formatDollars(p.realized_pnl_net_dollars),
        })),
        orders: 0,
      };
    };
    await vi.waitFor(
      async () => {
        const [shown, want] = await Promise.all([pageNumbers(), expected()]);
        expect(shown).toMatchObject(want);
        // The simulator's own records: cash, and each position's contracts.
        expect(shown.balance).toBe(microsToDollars(sim().balance()));
        expect(shown.positions.map((p) => `${p.ticker} ${p.side} ${p.contracts}`)).toEqual(
          sim()
            .positions()
            .map((p) => `${p.ticker} ${p.position < 0 ? 'NO' : 'YES'} ${centiToCount(Math.abs(p.position))}`)
            .sort(),
        );
      },
      { timeout: 15_000, interval: 250 },
    );

    // Every fill on the page is one of the simulator's, with its price, count, fee and liquidity; every
    // one the simulator made since the page opened is on the page.
    const shown = await pageNumbers();
    const records = new Map(
      sim()
        .fills()
        .map((f) => [f.fillId, f]),
    );
    expect(shown.fills.length).toBeGreaterThan(0);
    for (const row of shown.fills) {
      const f = records.get(row.id ?? '');
      expect(f, `fill ${row.id}`).toBeDefined();
      if (f === undefined) continue;
      expect(row).toEqual({
        id: f.fillId,
        price: ticksToCents(f.side === 'bid' ? f.price : 10_000 - f.price),
        count: centiToCount(f.count),
        fee: microsToDollars(f.fee),
        liquidity: f.isTaker ? 'taker' : 'maker',
      });
    }
    const since = [...records.values()].filter((f) => f.tsMs >= openedMs).map((f) => f.fillId);
    expect(shown.fills.map((f) => f.id)).toEqual(expect.arrayContaining(since));
    // The bar's unrealized P&L is the positions column, totalled.
    const cents = (s: string) => Math.round(Number(s.replace(/[$,]/g, '')) * 1_000_000);
    const sum = shown.unrealizedCells.reduce((n, c) => n + cents(c), 0);
    expect(cents(shown.unrealizedTotal.split(' ')[0] ?? '')).toBe(sum);
    await screenshot(page, 'trader-console-paused');

    await testId('strategy-toggle').click();
    await testId('command-dialog').waitFor({ state: 'hidden' });
    await waitForText(page, 'sum-strategy-state', 'running');
    expect(daemon.trader.trading.getSnapshot().context.strategyPaused).toBe(false);
  }, 90_000);

  it("shows each market's last trade price and volume equal to the simulator's market records", async () => {
    await open();
    const exchange = daemon.exchange.sim.exchange;
    const markets = daemon.trader.ports.getStatus().markets;
    await vi.waitFor(() => {
      for (const t of markets) expect(exchange.getMarket(t)?.volume).toBeGreaterThan(0);
    }, 30_000);
    // The flow stops so the exchange's figures hold still while the page catches up; then it goes on.
    daemon.exchange.sim.flow.setRunning(false);
    try {
      const headers = await page.locator('[data-testid="markets"] thead th').allTextContents();
      expect(headers).toEqual(expect.arrayContaining(['last', 'volume']));
      const shown = () =>
        page.evaluate(() =>
          Array.from(document.querySelectorAll('[data-testid="market-row"]')).map((r) => ({
            ticker: r.getAttribute('data-ticker'),
            last: r.querySelector('[data-field="last"]')?.textContent,
            volume: r.querySelector('[data-field="volume"]')?.textContent,
          })),
        );
      await vi.waitFor(
        async () => {
          const want = markets.map((ticker) => {
            const m = exchange.getMarket(ticker);
            const last = m?.lastPrice ?? null;
            return {
              ticker,
              last: last === null ? '—' : formatCents(formatPrice(last)),
              volume: formatCount(countFp(m?.volume ?? 0)),
            };
          });
          expect(await shown()).toEqual(expect.arrayContaining(want));
          expect(want.every((w) => w.last !== '—')).toBe(true);
        },
        { timeout: 15_000, interval: 250 },
      );
    } finally {
      daemon.exchange.sim.flow.setRunning(true);
    }
  }, 60_000);

  it('runs every control from the page, and shows the risk gate answer in the order ticket', async () => {
    await open();
    // Kill switch: asks the token (a fresh tab), confirms, engages.
    await testId('kill-switch').click();
    await confirmDialog();
    await waitForText(page, 'command-result', 'Kill switch engaged.');
    expect(daemon.trader.trading.getSnapshot().context.killSwitch).toBe(true);

    // A clicked book level fills the ticket in; the risk gate refuses it, and the ticket says why.
    // The book re-renders many times a second under the market maker's flow: pick the level from the
    // keyboard (its focus survives re-renders) rather than chase a moving cell with the mouse.
    await page.waitForSelector('[data-testid="depth-row"] [data-field="ask"][tabindex]');
    await page.evaluate(() =>
      document.querySelector<HTMLElement>('[data-testid="depth-row"] [data-field="ask"][tabindex]')?.focus(),
    );
    await page.keyboard.press('Enter');
    expect(await testId('ticket-side').inputValue()).toBe('bid');
    expect(await testId('ticket-price').inputValue()).toMatch(/^0\.\d{4}$/);
    await testId('ticket-submit').click();
    await page.waitForSelector('[data-testid="ticket-result"][data-outcome="blocked"]');
    expect(await testId('ticket-result').textContent()).toMatch(/blocked by the risk gate \(kill_switch\)/);

    // Resync the selected market: the daemon says so in the activity log (while the kill switch
    // holds the market maker's order lines back, so they cannot push the line out of the log).
    // The selected one: the first market the page learned of, not necessarily the first row (by name).
    const ticker =
      (await page
        .locator('[data-testid="market-row"][aria-selected="true"]')
        .first()
        .getAttribute('data-ticker')) ?? '';
    await testId('resync-market').click();
    await page
      .locator('[data-testid="activity-log"] li[data-type="command"]', {
        hasText: `resync requested for ${ticker}`,
      })
      .first()
      .waitFor();
    await testId('kill-switch').click();
    await confirmDialog();
    await waitForText(page, 'command-result', 'Kill switch released.');
    expect(daemon.trader.trading.getSnapshot().context.killSwitch).toBe(false);

    // Cancel all from the top bar: confirmed, then done.
    await testId('cancel-all').click();
    await confirmDialog();
    await page.waitForSelector('[data-testid="command-result"]:has-text("Cancel all orders: done")');
  }, 60_000);

  it('keeps the activity log, the price chart and the P&L series across a reload, outages shaded', async () => {
    await open();
    // No decision may be in flight when the feed drops: the root would then go `acting → degraded`, a
    // round trip the log collapses, and never `ready → degraded`. Pausing the strategy stops decisions
    // (and gives the log this test's own command line); the outage starts once the last one has ended.
    await testId('strategy-toggle').click();
    await confirmDialog();
    await waitForText(page, 'sum-strategy-state', 'paused');
    await daemon.waitForState('ready');
    await daemon.faults({ dropConnections: true, refuseUpgrade: 503 });
    await waitForText(page, 'trader-state', 'degraded', 15_000);
    await daemon.faults(null);
    await waitForText(page, 'trader-state', 'ready', 20_000);
    // The selected one: the first market the page learned of, not necessarily the first row (by name).
    const ticker =
      (await page
        .locator('[data-testid="market-row"][aria-selected="true"]')
        .first()
        .getAttribute('data-ticker')) ?? '';
    const kept = daemon.trader.ports.getPriceHistory(ticker).points.length;
    expect(kept).toBeGreaterThan(1);
    const trading = daemon.trader.ports.getTradingHistory();
    expect(trading.fills.length).toBeGreaterThan(0);
    // Storage commits in batches: reload once the fills relayed so far are stored, or the page could
    // read storage before the newest of them is there (and a reloaded page hears only later fills live).
    const relayed = trading.fills.map((f) => f.fill_id);
    await vi.waitFor(
      async () => {
        const body = await getJson<{ fills: { fill_id: string }[] }>('/v3/fills?order=desc&limit=1000');
        expect(body.fills.map((f) => f.fill_id)).toEqual(expect.arrayContaining(relayed));
      },
      { timeout: 10_000 },
    );

    await page.reload();
    await waitForText(page, 'connection-status', 'connected');
    // The stored fills and PnL arrive together, after the live frames have started drawing the charts.
    await waitForText(page, 'fills-source', 'from storage');
    await waitForText(page, 'pnl-source', 'from storage');
    // Lines of every kind come back, not only transitions (earlier tests' commands, order lines).
    await page.locator('[data-testid="activity-log"] li[data-type="command"]').first().waitFor();
    await page
      .locator('[data-testid="activity-log"] li[data-type="state_transition"]', {
        hasText: 'ready → degraded: ',
      })
      .first()
      .waitFor();
    // The chart starts from the daemon's history, not from nothing, with the outage shaded.
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="price-chart"]')?.getAttribute('data-points')) >= n,
      kept,
    );
    await page
      .locator('[data-testid="price-chart"] rect[data-outage="degraded"]')
      .first()
      .waitFor({ state: 'attached' });
    await page
      .locator('[data-testid="pnl-chart"] path[data-series="realized"]')
      .waitFor({ state: 'attached' });
    // The session's fills and PnL samples come back too (fills from storage, newest first, paged).
    const fillIds = await page
      .locator('[data-testid="fill-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-fill')));
    expect(fillIds).toEqual(expect.arrayContaining(relayed));
    // A string, so the test runner's transform leaves the page's own dynamic import alone.
    const paged = (await page.evaluate(`(async () => {
      const api = await import('/console/history-api.js');
      const first = await api.fetchFills({ limit: 2 });
      // No cursor means the first page was the last: asking again without one would repeat it.
      const second = first.cursor ? await api.fetchFills({ limit: 2, cursor: first.cursor }) : { fills: [] };
      return [...first.fills, ...second.fills].map((f) => f.fill_id);
    })()`)) as string[];
    // The market maker keeps trading: fills stored after the first page come before it in a later
    // listing, so the two pages must be the run of the listing that starts at the first page's newest.
    const stored = (await getJson<{ fills: { fill_id: string }[] }>('/v3/fills?order=desc&limit=1000')).fills;
    const from = stored.findIndex((f) => f.fill_id === paged[0]);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(paged).toEqual(stored.slice(from, from + 4).map((f) => f.fill_id));
    expect(Number(await testId('pnl-chart').getAttribute('data-points'))).toBeGreaterThanOrEqual(
      trading.pnl.length,
    );
    // The daemon sampled PnL from its start: the outage falls inside the series and is shaded there too.
    expect(await page.locator('[data-testid="pnl-chart"] rect[data-outage="degraded"]').count()).toBe(1);
    await screenshot(page, 'trader-console-reloaded');
    // The tab kept the token across the reload: no dialog this time.
    await testId('strategy-toggle').click();
    await waitForText(page, 'sum-strategy-state', 'running');
  }, 60_000);

  it('holds its layout from 1024 to 2560 px wide, light and dark, with every control labelled', async () => {
    await open();
    for (const [width, scheme] of [
      [1024, 'dark'],
      [1440, 'light'],
      [2560, 'dark'],
    ] as const) {
      await page.setViewportSize({ width, height: 1000 });
      await page.emulateMedia({ colorScheme: scheme });
      const layout = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        background: getComputedStyle(document.body).backgroundColor,
      }));
      expect(layout.overflow, `${width} px`).toBeLessThanOrEqual(0);
      expect(layout.background).toBe(scheme === 'dark' ? 'rgb(22, 24, 28)' : 'rgb(244, 245, 247)');
      await screenshot(page, `trader-console-${width}-${scheme}`);
    }
    // Every button and field has a name a screen reader can say.
    const unnamed = await page.evaluate(() =>
      Array.from(document.querySelectorAll('button, input, select'))
        .filter((el) => {
          const labelled = el.closest('label') !== null || el.getAttribute('aria-label');
          return !labelled && (el.textContent ?? '').trim() === '';
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    // The keyboard reaches the controls in reading order, and a market row selects with Enter.
    await page.locator('body').focus();
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(
          () => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '',
        ),
      );
    }
    expect(order.slice(1, 6)).toEqual([
      'strategy-toggle',
      'cancel-all',
      'kill-switch',
      'shutdown',
      'market-row',
    ]);
    // Focused in the page itself: a locator's focus() chases rows replaced many times a second.
    const ticker = await page.evaluate(() => {
      const row = document.querySelectorAll<HTMLElement>('[data-testid="market-row"]')[1];
      row?.focus();
      return row?.getAttribute('data-ticker');
    });
    // The table re-renders every second and on every book: the focus stays on the same market's row.
    await page.evaluate(() =>
      document.querySelector('[data-testid="markets"] tbody tr')?.setAttribute('data-rendered-before', ''),
    );
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="markets"] tbody tr')?.hasAttribute('data-rendered-before'),
    );
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-ticker'))).toBe(ticker);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="market-row"][data-selected="true"]:nth-child(2)');
  }, 60_000);

  it('shuts the daemon down from the page only after a confirmation', async () => {
    const own = await daemons.start({ V3_LOG_LEVEL: 'warn' });
    await own.waitForState('ready');
    await open(own.url);
    await testId('shutdown').click();
    await testId('command-dialog').waitFor({ state: 'visible' });
    expect(await testId('command-dialog-text').textContent()).toMatch(/^Stop the daemon as SIGTERM does/);
    await testId('command-cancel').click();
    await testId('command-dialog').waitFor({ state: 'hidden' });
    expect(own.state()).toBe('ready');

    await testId('shutdown').click();
    await confirmDialog(own.controlToken);
    await own.waitForState('shutdown', 15_000);
    expect(own.state()).toBe('shutdown');
  }, 60_000);
});
