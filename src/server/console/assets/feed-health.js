// How the console words the feed's defences: the private channels' subscription and the REST book audit.
// @ts-check
import { formatDuration, formatWhen } from './format.js';

/** @import { BookAuditView, StatusView } from '../../views' */

/** @typedef {{ text: string, ok: boolean | undefined }} SummaryRow */

/**
 * The private channels (fills, orders, positions): without them the daemon is blind to its own orders
 * between REST syncs, so the row says what that means. `ok` is undefined when nothing was reported.
 * @param {StatusView['components']} components
 * @returns {SummaryRow}
 */
export function privateChannelsRow(components) {
  const c = components.private_channels;
  if (c === undefined) return { text: '—', ok: undefined };
  if (c.healthy) return { text: 'fills/orders/positions: subscribed', ok: true };
  return { text: 'fills/orders/positions: missing, resubscribing', ok: false };
}

/**
 * The last REST book audit: when it ran, how many audited books matched, and which were found wrong
 * (those are resnapshotted at once). `ok` is false while a market's last result is a mismatch.
 * @param {BookAuditView | null} audit
 * @param {number} nowMs
 * @returns {SummaryRow}
 */
export function bookAuditRow(audit, nowMs) {
  if (audit === null) return { text: '—', ok: undefined };
  if (audit.interval_seconds === 0) return { text: 'off', ok: undefined };
  const every = `every ${formatDuration(audit.interval_seconds)}`;
  if (audit.last_run === null) return { text: `${every}, not run yet`, ok: undefined };
  const results = Object.entries(audit.markets);
  const count = (/** @type {string} */ result) => results.filter(([, m]) => m.result === result).length;
  const wrong = results.filter(([, m]) => m.result === 'mismatch').map(([ticker]) => ticker);
  let last = `last ${formatWhen(audit.last_run, nowMs)}: ${count('match')}/${results.length} match`;
  if (count('differs') > 0) last += `, ${count('differs')} being confirmed`;
  if (wrong.length > 0) last += `, resnapshotted ${wrong.sort().join(', ')}`;
  return { text: `${last}; ${audit.mismatches} wrong since start`, ok: wrong.length === 0 };
}
