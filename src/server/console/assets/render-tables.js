// Renders the markets, positions and open-orders tables and the selected market's chart.
import { byTestId, fill, h } from './dom.js';
import { formatAge, formatCents, formatCount, formatDollars } from './format.js';
import { renderPriceChart } from './price-chart.js';

/** A book not updated for this long is shown stale even if the daemon has not said so yet. */
const STALE_AFTER_MS = 30_000;

export function renderMarkets(store, onSelect, nowMs = Date.now()) {
  const rows = [...store.markets.values()]
    .sort((a, b) => a.ticker.localeCompare(b.ticker))
    .map((m) => {
      const stale = m.stale || (m.updatedMs !== null && nowMs - m.updatedMs > STALE_AFTER_MS);
      const feed = m.updatedMs === null ? 'waiting' : stale ? 'stale' : 'live';
      return h(
        'tr',
        {
          dataset: {
            testid: 'market-row',
            ticker: m.ticker,
            stale,
            selected: m.ticker === store.selectedMarket,
          },
          tabindex: 0,
          onclick: () => onSelect(m.ticker),
        },
        h('td', {}, m.ticker),
        h('td', { class: 'num', dataset: { field: 'bid' } }, formatCents(m.bid)),
        h('td', { class: 'num', dataset: { field: 'ask' } }, formatCents(m.ask)),
        h('td', { class: 'num', dataset: { field: 'spread' } }, formatCents(m.spread)),
        h('td', { class: 'num', dataset: { field: 'age' } }, formatAge(m.updatedMs, nowMs)),
        h('td', {}, h('span', { class: 'flag', dataset: { feed } }, feed)),
      );
    });
  const body = byTestId('markets').tBodies[0];
  fill(
    body,
    rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'no markets yet'))],
  );
  const selected = store.selectedMarket === null ? undefined : store.markets.get(store.selectedMarket);
  byTestId('chart-title').textContent =
    selected === undefined
      ? 'select a market to chart its top of book'
      : `${selected.ticker}: YES bid / ask (${selected.history.length} updates)`;
  renderPriceChart(byTestId('price-chart'), selected?.history ?? []);
}

export function renderPositions(store) {
  const rows = [...store.positions.values()]
    .sort((a, b) => a.ticker.localeCompare(b.ticker))
    .map((p) =>
      h(
        'tr',
        { dataset: { testid: 'position-row', ticker: p.ticker } },
        h('td', {}, p.ticker),
        h('td', { class: 'num' }, formatCount(p.position_fp)),
        h('td', { class: 'num' }, formatDollars(p.market_exposure_dollars)),
        h('td', { class: 'num' }, formatDollars(p.realized_pnl_dollars)),
        h('td', { class: 'num' }, formatDollars(p.fees_paid_dollars)),
      ),
    );
  fill(
    byTestId('positions').tBodies[0],
    rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'no positions'))],
  );
}

export function renderOrders(store) {
  const rows = [...store.orders.values()]
    .sort((a, b) => a.ticker.localeCompare(b.ticker) || String(a.created_time).localeCompare(b.created_time))
    .map((o) =>
      h(
        'tr',
        { dataset: { testid: 'order-row', order: o.order_id, status: o.status } },
        h('td', {}, o.ticker),
        h('td', {}, o.book_side === 'bid' ? 'buy YES' : 'buy NO'),
        h('td', { class: 'num' }, formatCents(o.yes_price_dollars)),
        h('td', { class: 'num' }, formatCount(o.remaining_count_fp)),
        h('td', { class: 'num' }, formatCount(o.fill_count_fp)),
        h('td', {}, o.status),
      ),
    );
  fill(
    byTestId('orders').tBodies[0],
    rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'no open orders'))],
  );
}
