// Renders the selected market's depth: the best levels per side with their cumulative size; a click (or
// Enter) on a price fills the order ticket in.
// @ts-check
import { enter, fillKeepingFocus, h, tableBody } from './dom.js';
import { centiToCount, countCenti, formatCents, formatCount, priceTicks, ticksToDollars } from './format.js';

/** @import { Market } from './trading-store.js' */

/** Levels per side in the selected market's depth table. */
const DEPTH = 5;

/** A clicked book level: the market, the book side (YES bid or YES ask) and its YES price. */
/** @typedef {(ticker: string, side: 'bid' | 'ask', priceDollars: string) => void} PickLevel */

/**
 * The selected market's best levels. Kalshi books hold bids only: a NO bid at p is a YES ask at
 * $1 − p, so the ask column is the NO side complemented (exact ticks, no float). A click on a price
 * fills the order ticket with it.
 * @param {Market | undefined} m
 * @param {PickLevel} onPick
 */
export function renderDepth(m, onPick) {
  const bids = (m?.levels?.yes_dollars ?? []).slice(-DEPTH).reverse();
  const asks = (m?.levels?.no_dollars ?? []).slice(-DEPTH).reverse();
  const rows = [];
  // Cumulative size from the touch outwards: what a sweep to that level would trade.
  let bidTotal = 0;
  let askTotal = 0;
  for (let i = 0; i < Math.max(bids.length, asks.length); i++) {
    const [bid, bidQty] = bids[i] ?? [];
    const [noBid, askQty] = asks[i] ?? [];
    const noTicks = priceTicks(noBid);
    const ask = noTicks === null ? null : ticksToDollars(10_000 - noTicks);
    const ticker = m?.ticker ?? '';
    bidTotal += countCenti(bidQty) ?? 0;
    askTotal += countCenti(askQty) ?? 0;
    rows.push(
      h(
        'tr',
        { dataset: { testid: 'depth-row', level: i + 1 } },
        h(
          'td',
          { class: 'num size muted', dataset: { field: 'bid-total' } },
          bidQty === undefined ? '' : centiToCount(bidTotal),
        ),
        h(
          'td',
          { class: 'num size', dataset: { field: 'bid-size' } },
          bidQty === undefined ? '' : formatCount(bidQty),
        ),
        h(
          'td',
          {
            class: 'num bid pick',
            dataset: { field: 'bid', focusKey: `bid-${i}` },
            title: 'sell YES at this price',
            tabindex: bid === undefined ? null : 0,
            onclick: bid === undefined ? null : () => onPick(ticker, 'bid', bid),
            onkeydown: bid === undefined ? null : enter(() => onPick(ticker, 'bid', bid)),
          },
          bid === undefined ? '' : formatCents(bid),
        ),
        h(
          'td',
          {
            class: 'num ask pick',
            dataset: { field: 'ask', focusKey: `ask-${i}` },
            title: 'buy YES at this price',
            tabindex: ask === null ? null : 0,
            onclick: ask === null ? null : () => onPick(ticker, 'ask', ask),
            onkeydown: ask === null ? null : enter(() => onPick(ticker, 'ask', ask)),
          },
          ask === null ? '' : formatCents(ask),
        ),
        h(
          'td',
          { class: 'num size', dataset: { field: 'ask-size' } },
          askQty === undefined ? '' : formatCount(askQty),
        ),
        h(
          'td',
          { class: 'num size muted', dataset: { field: 'ask-total' } },
          askQty === undefined ? '' : centiToCount(askTotal),
        ),
      ),
    );
  }
  fillKeepingFocus(
    tableBody('depth'),
    rows.length > 0 ? rows : [h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'no book yet'))],
  );
}
