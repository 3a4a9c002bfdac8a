// Renders the markets table (its columns in one list) and the selected market's price chart and depth.
// @ts-check
import { byTestId, enter, fill, fillKeepingFocus, h, tableBody } from './dom.js';
import { formatAge, formatCents, formatClosesIn, formatCount } from './format.js';
import { outages } from './history-store.js';
import { renderPriceChart } from './price-chart.js';
import { renderDepth } from './render-depth.js';

/**
 * @import { Store } from './console-store.js'
 * @import { Market } from './trading-store.js'
 * @import { PickLevel } from './render-depth.js'
 */

/** A book not updated for this long is shown stale even if the daemon has not said so yet. */
const STALE_AFTER_MS = 30_000;

/**
 * waiting / live / stale / down: while the feed is down every book the page holds is frozen.
 * @param {Store} store
 * @param {Market} m
 * @param {number} nowMs
 */
function feedOf(store, m, nowMs) {
  if (m.updatedMs === null) return 'waiting';
  if (store.trader.degraded || store.trader.connections?.feed_connected === false) return 'down';
  return m.stale || nowMs - m.updatedMs > STALE_AFTER_MS ? 'stale' : 'live';
}

/**
 * The markets table's columns, in order: one place to add one (a close countdown, a status).
 * @typedef {{ header: string, title?: string, num?: boolean, cell: (m: Market, feed: string) => Node | string }} MarketColumn
 * @type {MarketColumn[]}
 */
const MARKET_COLUMNS = [
  { header: 'market', cell: (m) => m.ticker },
  {
    header: 'bid size',
    title: 'contracts at the best YES bid',
    num: true,
    cell: (m) => formatCount(m.bidSize),
  },
  { header: 'YES bid', num: true, cell: (m) => formatCents(m.bid) },
  { header: 'YES ask', num: true, cell: (m) => formatCents(m.ask) },
  {
    header: 'ask size',
    title: 'contracts at the best YES ask (best NO bid)',
    num: true,
    cell: (m) => formatCount(m.askSize),
  },
  { header: 'spread', num: true, cell: (m) => formatCents(m.spread) },
  { header: 'last', title: 'last trade price (YES)', num: true, cell: (m) => formatCents(m.lastPrice) },
  {
    header: 'volume',
    title: 'contracts traded in the market so far',
    num: true,
    cell: (m) => formatCount(m.volume),
  },
  {
    header: 'updated',
    title: 'time since the last book update',
    num: true,
    cell: (m) => formatAge(m.updatedMs, Date.now()),
  },
  { header: 'feed', cell: (_m, feed) => h('span', { class: 'flag', dataset: { feed } }, feed) },
  { header: 'status', title: "the market's lifecycle status", cell: (m) => m.lifecycle?.status ?? '—' },
  {
    header: 'closes in',
    title: 'time left before the market closes',
    num: true,
    cell: (m) => formatClosesIn(m.lifecycle, Date.now()),
  },
];
/** The cells tests and styles address by field, by header. */
/** @type {Record<string, string>} */
const FIELDS = {
  'bid size': 'bid-size',
  'YES bid': 'bid',
  'YES ask': 'ask',
  'ask size': 'ask-size',
  spread: 'spread',
  last: 'last',
  volume: 'volume',
  updated: 'age',
  status: 'status',
  'closes in': 'closes-in',
};
/** @type {Record<string, string>} */
const CLASSES = {
  market: 'ticker',
  'bid size': 'size',
  'YES bid': 'bid',
  'YES ask': 'ask',
  'ask size': 'size',
};

/**
 * @param {Store} store
 * @param {(ticker: string) => void} onSelect
 * @param {PickLevel} [onPick]
 * @param {number} [nowMs]
 */
export function renderMarkets(store, onSelect, onPick = () => {}, nowMs = Date.now()) {
  const table = byTestId('markets', HTMLTableElement);
  if (table.tHead !== null && table.tHead.rows.length === 0) {
    const head = MARKET_COLUMNS.map((c) =>
      h('th', { class: c.num ? 'num' : null, title: c.title ?? null }, c.header),
    );
    fill(table.tHead, h('tr', {}, head));
  }
  const rows = [...store.markets.values()]
    .sort((a, b) => a.ticker.localeCompare(b.ticker))
    .map((m) => {
      const feed = feedOf(store, m, nowMs);
      const stale = feed === 'stale' || feed === 'down';
      return h(
        'tr',
        {
          dataset: {
            testid: 'market-row',
            ticker: m.ticker,
            stale,
            selected: m.ticker === store.selectedMarket,
            focusKey: m.ticker,
          },
          tabindex: 0,
          'aria-selected': m.ticker === store.selectedMarket ? 'true' : 'false',
          onclick: () => onSelect(m.ticker),
          onkeydown: enter(() => onSelect(m.ticker)),
        },
        MARKET_COLUMNS.map((c) =>
          h(
            'td',
            {
              class: [c.num ? 'num' : '', CLASSES[c.header] ?? ''].join(' ').trim() || null,
              dataset: { field: FIELDS[c.header] },
            },
            c.cell(m, feed),
          ),
        ),
      );
    });
  fillKeepingFocus(
    tableBody('markets'),
    rows.length > 0
      ? rows
      : [h('tr', {}, h('td', { colspan: MARKET_COLUMNS.length, class: 'empty' }, 'no markets yet'))],
  );
  const selected = store.selectedMarket === null ? undefined : store.markets.get(store.selectedMarket);
  byTestId('chart-title').textContent =
    selected === undefined
      ? 'select a market to chart its top of book'
      : `${selected.ticker}: YES bid / ask, ${selected.history.length} update${selected.history.length === 1 ? '' : 's'}`;
  renderPriceChart(
    byTestId('price-chart', SVGSVGElement),
    selected?.history ?? [],
    outages(store.trader.transitions, nowMs),
    nowMs,
  );
  renderDepth(selected, onPick);
}
