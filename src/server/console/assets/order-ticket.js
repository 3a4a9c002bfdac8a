// The order ticket and the open orders' cancel buttons: manual orders as /v3/ws `place_order` and
// `cancel_order` commands (the control token asked once per tab), each outcome shown as answered.
// @ts-check
import { byTestId, fill, h } from './dom.js';
import { formatCents } from './format.js';

/**
 * @import { Store } from './console-store.js'
 * @import { Commands } from './control-commands.js'
 */

/**
 * Dollars as typed ("0.45", ".45", "0.4550") → Kalshi's "0.4550"; null when not a price below $1.
 * @param {string} text
 */
export function toPriceDollars(text) {
  const m = /^\s*0?\.(\d{1,4})\s*$/.exec(text);
  return m?.[1] === undefined || /^0+$/.test(m[1]) ? null : `0.${m[1].padEnd(4, '0')}`;
}

/**
 * Contracts as typed ("2", "2.5") → "2.00" / "2.50"; null when not a positive count of hundredths.
 * @param {string} text
 */
export function toCountFp(text) {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (m?.[1] === undefined) return null;
  const fp = `${Number.parseInt(m[1], 10)}.${(m[2] ?? '').padEnd(2, '0')}`;
  return fp === '0.00' ? null : fp;
}

/**
 * What an order command's answer says, in one line for the ticket: `what` was asked ("Cancel kt-m-…").
 * @param {string} what
 * @param {Record<string, unknown>} d
 */
export function describeOutcome(what, d) {
  const id = typeof d.client_order_id === 'string' ? d.client_order_id : 'the order';
  const why = String(d.rule ?? d.code ?? d.outcome ?? 'refused');
  const message = String(d.message ?? '');
  switch (d.outcome) {
    case 'accepted':
      return `${what}: accepted${what.includes(id) ? '' : `, ${id}`} (exchange order ${String(d.order_id ?? '')}).`;
    case 'unknown':
      return `${what}: sent as ${id}, no answer from the exchange; the next sync settles it (see the activity log).`;
    case 'blocked':
      return `${what}: blocked by the risk gate (${why}): ${message}`;
    case 'rejected':
      return `${what}: rejected by the exchange (${why}): ${message}`;
    default:
      return `${what}: not sent (${why}): ${message}`;
  }
}

/**
 * Wires the ticket: orders and cancels go through `commands` (the token dialog); each answer is shown in
 * the ticket, the risk gate's refusal included.
 * @param {Store} store
 * @param {Commands} commands
 * @param {() => void} onChange
 */
export function setupOrderTicket(store, commands, onChange) {
  const form = byTestId('order-ticket', HTMLFormElement);
  const field = (/** @type {string} */ id) => byTestId(id, HTMLInputElement, form);
  const market = byTestId('ticket-market', HTMLSelectElement, form);
  const side = byTestId('ticket-side', HTMLSelectElement, form);
  market.addEventListener('change', () => {
    store.ticket.market = market.value;
  });

  /**
   * @param {boolean} ok
   * @param {string} text
   * @param {string} [outcome]
   */
  const report = (ok, text, outcome) => {
    store.ticket.result = { ok, text, ...(outcome === undefined ? {} : { outcome }) };
    onChange();
  };

  /**
   * Sends one order command and shows its outcome.
   * @param {Record<string, unknown>} command
   * @param {string} what
   */
  async function command(command, what) {
    report(true, `${what}: sending…`);
    const reply = await commands.run(command, { what });
    const d = /** @type {Record<string, unknown>} */ (reply.data);
    if (reply.type === 'error' && d.code === 'cancelled')
      return report(false, `${what}: not sent (cancelled).`);
    const text =
      reply.type === 'error' ? `${what}: refused: ${String(d.message ?? d.code)}` : describeOutcome(what, d);
    report(d.ok === true, text, typeof d.outcome === 'string' ? d.outcome : undefined);
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const price = toPriceDollars(field('ticket-price').value);
    const count = toCountFp(field('ticket-count').value);
    if (market.value === '') return report(false, 'Pick a market.');
    if (price === null)
      return report(false, 'The price is in dollars, between 0.0001 and 0.9999 (e.g. 0.45).');
    if (count === null) return report(false, 'The count is a positive number of contracts (e.g. 1 or 2.5).');
    const order = {
      type: 'place_order',
      ticker: market.value,
      side: side.value,
      price_dollars: price,
      count_fp: count,
    };
    void command(
      order,
      `${side.value === 'bid' ? 'Buy YES' : 'Sell YES'} ${count} ${market.value} @ ${formatCents(price)}`,
    );
  });

  return {
    /** @param {string} clientOrderId */
    cancel: (clientOrderId) =>
      command({ type: 'cancel_order', client_order_id: clientOrderId }, `Cancel ${clientOrderId}`),
    /**
     * Fills the ticket from a clicked book level: a bid is sold into, an ask is bought from.
     * @param {string} ticker
     * @param {'bid' | 'ask'} levelSide the book side clicked
     * @param {string} priceDollars
     */
    prefill(ticker, levelSide, priceDollars) {
      store.ticket.market = ticker;
      market.value = ticker;
      side.value = levelSide === 'bid' ? 'ask' : 'bid';
      field('ticket-price').value = priceDollars;
      if (field('ticket-count').value === '') field('ticket-count').value = '1';
      field('ticket-count').focus();
      onChange();
    },
  };
}

/** @param {Store} store */
export function renderTicket(store) {
  const market = byTestId('ticket-market', HTMLSelectElement);
  const tickers = [...store.markets.keys()].sort();
  const chosen = store.ticket.market ?? market.value;
  if (market.options.length !== tickers.length || tickers.some((t, i) => market.options[i]?.value !== t)) {
    fill(market, ...tickers.map((t) => h('option', { value: t }, t)));
  }
  if (tickers.includes(chosen)) market.value = chosen;
  const line = byTestId('ticket-result');
  const result = store.ticket.result;
  line.hidden = result === null;
  line.textContent = result?.text ?? '';
  line.dataset.ok = String(result?.ok ?? '');
  line.dataset.outcome = result?.outcome ?? '';
}
