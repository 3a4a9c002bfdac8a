// Renders the markets table with the selected market's chart and depth, and the positions and orders tables.
// @ts-check
import { byTestId, fill, h } from './dom.js';
import {
  clock,
  formatAge,
  formatCents,
  formatCount,
  formatDollars,
  microsToDollars,
  moneyMicros,
  priceTicks,
  ticksToCents,
  ticksToDollars,
} from './format.js';
import { renderPriceChart } from './price-chart.js';
import { markPosition } from './trading-store.js';

/**
 * @import { PositionView } from '../../views'
 * @import { Store } from './console-store.js'
 * @import { Market } from './trading-store.js'
 */

/** A book not updated for this long is shown stale even if the daemon has not said so yet. */
const STALE_AFTER_MS = 30_000;
/** Levels per side in the selected market's depth table. */
const DEPTH = 5;

/**
 * The rows' container of the table with this data-testid.
 * @param {string} id
 */
function bodyOf(id) {
  const body = byTestId(id, HTMLTableElement).tBodies.item(0);
  if (body === null) throw new Error(`table ${id} has no tbody`);
  return body;
}

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

/** A clicked book level: the market, the book side (YES bid or YES ask) and its YES price. */
/** @typedef {(ticker: string, side: 'bid' | 'ask', priceDollars: string) => void} PickLevel */

/**
 * @param {Store} store
 * @param {(ticker: string) => void} onSelect
 * @param {PickLevel} [onPick]
 * @param {number} [nowMs]
 */
export function renderMarkets(store, onSelect, onPick = () => {}, nowMs = Date.now()) {
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
          },
          tabindex: 0,
          onclick: () => onSelect(m.ticker),
        },
        h('td', { class: 'ticker' }, m.ticker),
        h('td', { class: 'num size', dataset: { field: 'bid-size' } }, formatCount(m.bidSize)),
        h('td', { class: 'num bid', dataset: { field: 'bid' } }, formatCents(m.bid)),
        h('td', { class: 'num ask', dataset: { field: 'ask' } }, formatCents(m.ask)),
        h('td', { class: 'num size', dataset: { field: 'ask-size' } }, formatCount(m.askSize)),
        h('td', { class: 'num', dataset: { field: 'spread' } }, formatCents(m.spread)),
        h('td', { class: 'num', dataset: { field: 'age' } }, formatAge(m.updatedMs, nowMs)),
        h('td', {}, h('span', { class: 'flag', dataset: { feed } }, feed)),
      );
    });
  fill(
    bodyOf('markets'),
    rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'no markets yet'))],
  );
  const selected = store.selectedMarket === null ? undefined : store.markets.get(store.selectedMarket);
  byTestId('chart-title').textContent =
    selected === undefined
      ? 'select a market to chart its top of book'
      : `${selected.ticker}: YES bid / ask, ${selected.history.length} update${selected.history.length === 1 ? '' : 's'}`;
  renderPriceChart(byTestId('price-chart', SVGSVGElement), selected?.history ?? []);
  renderDepth(selected, onPick);
}

/**
 * The selected market's best levels. Kalshi books hold bids only: a NO bid at p is a YES ask at
 * $1 − p, so the ask column is the NO side complemented (exact ticks, no float). A click on a price
 * fills the order ticket with it.
 * @param {Market | undefined} m
 * @param {PickLevel} onPick
 */
function renderDepth(m, onPick) {
  const bids = (m?.levels?.yes_dollars ?? []).slice(-DEPTH).reverse();
  const asks = (m?.levels?.no_dollars ?? []).slice(-DEPTH).reverse();
  const rows = [];
  for (let i = 0; i < Math.max(bids.length, asks.length); i++) {
    const [bid, bidQty] = bids[i] ?? [];
    const [noBid, askQty] = asks[i] ?? [];
    const noTicks = priceTicks(noBid);
    const ask = noTicks === null ? null : ticksToDollars(10_000 - noTicks);
    const ticker = m?.ticker ?? '';
    rows.push(
      h(
        'tr',
        { dataset: { testid: 'depth-row', level: i + 1 } },
        h('td', { class: 'num size' }, bidQty === undefined ? '' : formatCount(bidQty)),
        h(
          'td',
          {
            class: 'num bid pick',
            dataset: { field: 'bid' },
            title: 'sell YES at this price',
            onclick: bid === undefined ? null : () => onPick(ticker, 'bid', bid),
          },
          bid === undefined ? '' : formatCents(bid),
        ),
        h(
          'td',
          {
            class: 'num ask pick',
            dataset: { field: 'ask' },
            title: 'buy YES at this price',
            onclick: ask === null ? null : () => onPick(ticker, 'ask', ask),
          },
          ask === null ? '' : formatCents(ask),
        ),
        h('td', { class: 'num size' }, askQty === undefined ? '' : formatCount(askQty)),
      ),
    );
  }
  fill(
    bodyOf('depth'),
    rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'no book yet'))],
  );
}

/**
 * Why a market is unverified: the exchange's figures next to the ledger's.
 * @param {PositionView} p
 */
const unverifiedTitle = (p) =>
  p.exchange === null
    ? 'the fill ledger differs from the exchange, which lists no position'
    : `the fill ledger differs from the exchange: exchange holds ${formatCount(p.exchange.position_fp)}, ` +
      `exposure ${formatDollars(p.exchange.market_exposure_dollars)}, ` +
      `realized ${formatDollars(p.exchange.realized_pnl_dollars)}, fees ${formatDollars(p.exchange.fees_paid_dollars)}`;

/**
 * Signed money as a cell: the sign picks the colour.
 * @param {number | null} micros
 * @param {string} field
 */
const pnlCell = (micros, field) =>
  h(
    'td',
    { class: 'num pnl', dataset: { field, sign: micros === null ? null : Math.sign(micros) } },
    microsToDollars(micros),
  );

/** @param {Store} store */
export function renderPositions(store) {
  const rows = [...store.positions.values()]
    .sort((a, b) => a.ticker.localeCompare(b.ticker))
    .map((p) => {
      const { markTicks, unrealizedMicros } = markPosition(p, store.markets.get(p.ticker));
      return h(
        'tr',
        { dataset: { testid: 'position-row', ticker: p.ticker, unverified: p.unverified } },
        h(
          'td',
          { class: 'ticker' },
          p.ticker,
          p.unverified &&
            h(
              'span',
              { class: 'flag', dataset: { testid: 'unverified' }, title: unverifiedTitle(p) },
              'unverified',
            ),
        ),
        h('td', {}, p.position_fp.startsWith('-') ? 'NO' : 'YES'),
        h('td', { class: 'num' }, formatCount(p.position_fp.replace('-', ''))),
        h('td', { class: 'num', dataset: { field: 'entry' } }, formatDollars(p.average_entry_price_dollars)),
        h('td', { class: 'num', dataset: { field: 'mark' } }, ticksToCents(markTicks)),
        h('td', { class: 'num' }, formatDollars(p.market_exposure_dollars)),
        pnlCell(unrealizedMicros, 'unrealized'),
        pnlCell(moneyMicros(p.realized_pnl_net_dollars), 'realized'),
        h('td', { class: 'num' }, formatDollars(p.fees_paid_dollars)),
      );
    });
  fill(
    bodyOf('positions'),
    rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: 9, class: 'empty' }, 'no positions'))],
  );
}

/**
 * @param {Store} store
 * @param {(clientOrderId: string) => void} [onCancel]
 */
export function renderOrders(store, onCancel = () => {}) {
  const rows = [...store.orders.values()]
    .sort(
      (a, b) =>
        a.ticker.localeCompare(b.ticker) || String(a.created_time).localeCompare(String(b.created_time)),
    )
    .map((o) =>
      h(
        'tr',
        {
          dataset: {
            testid: 'order-row',
            order: o.order_id,
            clientOrder: o.client_order_id,
            status: o.status,
          },
        },
        h('td', { class: 'ticker' }, o.ticker),
        h('td', {}, o.book_side === 'bid' ? 'buy YES' : 'buy NO'),
        // The price the order pays: its YES price for a YES buy, the NO price for a NO buy.
        h(
          'td',
          { class: 'num' },
          formatCents(o.book_side === 'bid' ? o.yes_price_dollars : o.no_price_dollars),
        ),
        h('td', { class: 'num' }, formatCount(o.remaining_count_fp)),
        h('td', { class: 'num' }, formatCount(o.fill_count_fp)),
        h('td', {}, o.status),
        h('td', { class: 'num' }, o.created_time ? clock(Date.parse(o.created_time)) : '—'),
        // Only an order the exchange answered can be cancelled: a pending one has no order id yet.
        h(
          'td',
          {},
          o.order_id === ''
            ? ''
            : h(
                'button',
                {
                  type: 'button',
                  class: 'cancel',
                  dataset: { testid: 'cancel-order' },
                  onclick: () => onCancel(o.client_order_id || `order:${o.order_id}`),
                },
                'Cancel',
              ),
        ),
      ),
    );
  fill(
    bodyOf('orders'),
    rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'no open orders'))],
  );
}
