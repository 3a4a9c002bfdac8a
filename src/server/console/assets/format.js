// Display formatting for the console: prices and money arrive as exact decimal strings and stay exact.
// @ts-check

/** @import { MarketLifecycleView, OrderView } from '../../views' */

/**
 * "0.4500" → 4500 ticks of $0.0001, exactly (string surgery, no float); null for anything else.
 * @param {string | null | undefined} dollars
 * @returns {number | null}
 */
export function priceTicks(dollars) {
  if (typeof dollars !== 'string' || !/^[01]\.\d{4}$/.test(dollars)) return null;
  return Number.parseInt(dollars.replace('.', ''), 10);
}

/**
 * 4500 ticks → "0.4500" (Kalshi's dollar string), exactly.
 * @param {number} ticks
 */
export function ticksToDollars(ticks) {
  return `${Math.trunc(ticks / 10_000)}.${String(ticks % 10_000).padStart(4, '0')}`;
}

/**
 * 4500 ticks → "45.00¢".
 * @param {number | null} ticks
 */
export function ticksToCents(ticks) {
  if (ticks === null || !Number.isInteger(ticks)) return '—';
  return `${Math.trunc(ticks / 100)}.${String(ticks % 100).padStart(2, '0')}¢`;
}

/**
 * "0.4500" → "45.00¢".
 * @param {string | null | undefined} dollars
 */
export function formatCents(dollars) {
  const ticks = priceTicks(dollars);
  return ticks === null ? '—' : ticksToCents(ticks);
}

/**
 * A fixed-point decimal string → an integer scaled by 10^places, exactly (string surgery, no float);
 * null for anything else or for more digits than `places`.
 * @param {string | null | undefined} text
 * @param {number} places
 * @returns {number | null}
 */
function scaled(text, places) {
  if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole = '', frac = ''] = text.replace('-', '').split('.');
  if (frac.length > places) return null;
  const value = Number.parseInt(whole + frac.padEnd(places, '0'), 10);
  return negative ? -value : value;
}

/** "1.120000" → 1120000 micro-dollars. @param {string | null | undefined} text */
export const moneyMicros = (text) => scaled(text, 6);

/** "-2.50" → -250 centi-contracts. @param {string | null | undefined} fp */
export const countCenti = (fp) => scaled(fp, 2);

/**
 * Integer micro-dollars → "$1.12" / "-$0.000150" (trailing zeros past cents cut, as formatDollars).
 * @param {number | null} micros
 */
export function microsToDollars(micros) {
  if (micros === null || !Number.isInteger(micros)) return '—';
  const abs = Math.abs(micros);
  const text = `${Math.trunc(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, '0')}`;
  return formatDollars(`${micros < 0 ? '-' : ''}${text}`);
}

/** "1234567" → "1,234,567" (digits only, so no float rounding can creep in). */
const group = (/** @type {string} */ digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * Integer cents → "$1,234.56".
 * @param {number | null} cents
 */
export function centsToDollars(cents) {
  if (cents === null || !Number.isInteger(cents)) return '—';
  const abs = Math.abs(cents);
  const whole = group(String(Math.trunc(abs / 100)));
  return `${cents < 0 ? '-' : ''}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * "10000.450000" → "$10,000.45" (cuts trailing zeros past cents, keeps sub-cent digits that matter).
 * @param {string | null | undefined} text
 */
export function formatDollars(text) {
  if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) return '—';
  const negative = text.startsWith('-');
  const [whole = '', frac = ''] = text.replace('-', '').split('.');
  const trimmed = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}$${group(whole)}.${trimmed}`;
}

/**
 * 250 centi-contracts → "2.5" (as formatCount shows a count).
 * @param {number} centi
 */
export function centiToCount(centi) {
  const abs = Math.abs(centi);
  return formatCount(`${centi < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
}

/**
 * "10.00" → "10", "2.50" → "2.5": counts read better without trailing zeros.
 * @param {string | null | undefined} fp
 */
export function formatCount(fp) {
  if (typeof fp !== 'string' || !/^-?\d+(\.\d+)?$/.test(fp)) return '—';
  return fp.includes('.') ? fp.replace(/\.?0+$/, '') : fp;
}

/**
 * An order view as one line: "resting KX… buy NO 4 @ 5.00¢ (filled 0)", at the price the order pays.
 * @param {OrderView} o
 */
export function describeOrder(o) {
  const yes = o.book_side === 'bid';
  const price = formatCents(yes ? o.yes_price_dollars : o.no_price_dollars);
  const count = formatCount(o.remaining_count_fp);
  return `${o.status} ${o.ticker} buy ${yes ? 'YES' : 'NO'} ${count} @ ${price} (filled ${formatCount(o.fill_count_fp)})`;
}

/**
 * Seconds → "42 s", "3 min", "2 h 5 min".
 * @param {number | null} seconds
 */
export function formatDuration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/**
 * Time left before an ISO close time: "4 min 05 s" below an hour, else as formatDuration; "closed" once
 * it passed; "—" when unknown.
 * @param {string | null | undefined} iso
 * @param {number} nowMs
 */
export function formatCountdown(iso, nowMs) {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) return '—';
  const left = Math.floor((ms - nowMs) / 1000);
  if (left <= 0) return 'closed';
  if (left >= 3600) return formatDuration(left);
  return `${Math.floor(left / 60)} min ${String(left % 60).padStart(2, '0')} s`;
}

/**
 * The markets table's countdown to a market's close; a market that ended says what it ended as.
 * @param {MarketLifecycleView | null} lifecycle
 * @param {number} nowMs
 */
export function formatClosesIn(lifecycle, nowMs) {
  if (lifecycle === null) return '—';
  if (lifecycle.status === 'settled' || lifecycle.status === 'determined')
    return lifecycle.result ? `result ${lifecycle.result}` : lifecycle.status;
  return formatCountdown(lifecycle.close_time, nowMs);
}

/**
 * Seconds as "0.4 s" below a minute (start-up steps and ages that matter at sub-second scale).
 * @param {number | null} seconds
 */
export function formatSeconds(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '—';
  return seconds < 60 ? `${seconds.toFixed(seconds < 10 ? 2 : 1)} s` : formatDuration(seconds);
}

/**
 * Milliseconds since `ms` as an age ("—" when never).
 * @param {number | null} ms
 * @param {number} nowMs
 */
export function formatAge(ms, nowMs) {
  if (typeof ms !== 'number') return '—';
  return formatDuration(Math.max(0, (nowMs - ms) / 1000));
}

/**
 * An ISO time as "HH:MM:SS (12 s ago)"; "—" for null or garbage.
 * @param {string | null | undefined} iso
 * @param {number} nowMs
 */
export function formatWhen(iso, nowMs) {
  const ms = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(ms)) return '—';
  return `${clock(ms)} (${formatDuration(Math.max(0, (nowMs - ms) / 1000))} ago)`;
}

/**
 * "HH:MM:SS" in UTC for entries the page stamps itself, matching the daemon's activity timestamps.
 * @param {number} ms
 */
export function clock(ms) {
  const d = new Date(ms);
  return [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
}
