// Renders the positions and open orders tables.
// @ts-check
import { fill, fillKeepingFocus, h, tableBody } from './dom.js';
import {
  clock,
  formatCents,
  formatCount,
  formatDollars,
  microsToDollars,
  moneyMicros,
  ticksToCents,
} from './format.js';
import { markPosition } from './trading-store.js';

/**
 * @import { PositionView } from '../../views'
 * @import { Store } from './console-store.js'
 */

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
    tableBody('positions'),
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
                  dataset: { testid: 'cancel-order', focusKey: `cancel-${o.client_order_id || o.order_id}` },
                  onclick: () => onCancel(o.client_order_id || `order:${o.order_id}`),
                },
                'Cancel',
              ),
        ),
      ),
    );
  fillKeepingFocus(
    tableBody('orders'),
    rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'no open orders'))],
  );
}
