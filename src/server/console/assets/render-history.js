// Renders the trader's money over the session: the summary bar (balance, portfolio, PnL, fees, strategy),
// the fills table and the PnL chart.
// @ts-check
import { byTestId, fill, h } from './dom.js';
import { centsToDollars, clock, formatCents, formatCount, formatDollars, microsToDollars } from './format.js';
import { outages } from './history-store.js';
import { renderPnlChart } from './pnl-chart.js';
import { markPosition } from './trading-store.js';

/** @import { Store } from './console-store.js' */

/**
 * The held positions marked to the page's live books, summed (the positions table's column, totalled).
 * @param {Store} store
 * @returns {{ micros: number, unmarked: number }}
 */
export function unrealizedTotal(store) {
  let micros = 0;
  let unmarked = 0;
  for (const p of store.positions.values()) {
    const { unrealizedMicros } = markPosition(p, store.markets.get(p.ticker));
    if (unrealizedMicros === null) unmarked++;
    else micros += unrealizedMicros;
  }
  return { micros, unmarked };
}

/**
 * One figure of the bar; `sign` colours PnL.
 * @param {string} id
 * @param {string} text
 * @param {number | null} [sign]
 */
function figure(id, text, sign = null) {
  const el = byTestId(id);
  el.textContent = text;
  if (sign === null) delete el.dataset.sign;
  else el.dataset.sign = String(sign);
}

/** @param {string | null | undefined} dollars */
const signOf = (dollars) =>
  typeof dollars === 'string' ? (dollars.startsWith('-') ? -1 : /[1-9]/.test(dollars) ? 1 : 0) : null;

/** @param {Store} store */
export function renderSummaryBar(store) {
  const t = store.trader;
  figure(
    'sum-balance',
    t.balance
      ? formatDollars(t.balance.balance_dollars)
      : t.cashCents !== null
        ? centsToDollars(t.cashCents)
        : '—',
  );
  figure('sum-portfolio', t.balance ? formatDollars(t.balance.portfolio_value_dollars) : '—');
  figure('sum-today', formatDollars(t.dailyPnl), signOf(t.dailyPnl));
  const { micros, unmarked } = unrealizedTotal(store);
  const unrealized = `${microsToDollars(micros)}${unmarked > 0 ? ` (${unmarked} unmarked)` : ''}`;
  figure(
    'sum-unrealized',
    t.pnl === null && store.positions.size === 0 ? '—' : unrealized,
    Math.sign(micros),
  );
  figure('sum-fees', formatDollars(t.pnl?.fees_paid_dollars));
  figure('sum-strategy', store.strategy.name ?? '—');
  const paused = store.strategy.paused;
  const state = byTestId('sum-strategy-state');
  state.textContent = paused === null ? '—' : paused ? 'paused' : 'running';
  state.dataset.paused = String(paused === true);
}

/** @param {Store} store */
export function renderFills(store) {
  const rows = store.history.fills.map((f) => {
    const yes = f.outcome_side === 'yes';
    return h(
      'tr',
      { dataset: { testid: 'fill-row', fill: f.fill_id, ticker: f.ticker } },
      h('td', { class: 'num' }, clock(f.ts_ms)),
      h('td', { class: 'ticker' }, f.ticker),
      h('td', { dataset: { field: 'side' } }, yes ? 'buy YES' : 'buy NO'),
      // The price paid for the side bought, like the orders table.
      h(
        'td',
        { class: 'num', dataset: { field: 'price' } },
        formatCents(yes ? f.yes_price_dollars : f.no_price_dollars),
      ),
      h('td', { class: 'num', dataset: { field: 'count' } }, formatCount(f.count_fp)),
      h('td', { class: 'num', dataset: { field: 'fee' } }, formatDollars(f.fee_dollars)),
      h('td', { dataset: { field: 'liquidity' } }, f.is_taker ? 'taker' : 'maker'),
    );
  });
  const body = byTestId('fills', HTMLTableElement).tBodies.item(0);
  if (body !== null)
    fill(
      body,
      rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'no fills yet'))],
    );
  const source = byTestId('fills-source');
  source.textContent =
    store.history.fillsSource === 'storage' ? 'from storage' : "this session's last fills (no storage)";
  byTestId('fills-more', HTMLButtonElement).hidden = store.history.fillsCursor === null;
}

/**
 * @param {Store} store
 * @param {number} [nowMs]
 */
export function renderPnl(store, nowMs = Date.now()) {
  const chart = byTestId('pnl-chart', SVGSVGElement);
  renderPnlChart(chart, store.history.pnl, outages(store.trader.transitions, nowMs), nowMs);
  byTestId('pnl-source').textContent =
    store.history.pnlSource === 'storage'
      ? 'from storage'
      : 'sampled by the daemon this session (no storage)';
}
