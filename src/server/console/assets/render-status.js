// Renders the trader's status: header, start-up strip, banners, activity log, components and status list.
// @ts-check

import { byTestId, fill, h } from './dom.js';
import { bookAuditRow, privateChannelsRow } from './feed-health.js';
import { clock, formatDollars, formatDuration, formatSeconds, formatWhen } from './format.js';
import { STARTUP_STEPS } from './status-store.js';

/**
 * @import { TraderState } from '../../views'
 * @import { Store } from './console-store.js'
 * @import { Transition } from './status-store.js'
 */

/** The strip: the start-up steps, then the operating slot (`ready`, shown as `degraded` when it is). */
/** @type {readonly TraderState[]} */
const STEPS = [...STARTUP_STEPS, 'ready'];

/**
 * Each step's status for the strip: done / active / failed / warn / pending.
 * @param {TraderState | null} stateNow
 * @param {TraderState | null} failedStep
 */
export function stripModel(stateNow, failedStep) {
  // Acting is operation too: the strip shows its slot done, like ready.
  const state = stateNow === 'acting' ? 'ready' : stateNow;
  const index = state === 'degraded' ? STEPS.length - 1 : state === null ? -1 : STEPS.indexOf(state);
  return STEPS.map((step, i) => {
    let status = 'pending';
    if (state === 'error' && failedStep !== null) {
      const failed = STEPS.indexOf(failedStep);
      status = i < failed ? 'done' : i === failed ? 'failed' : 'pending';
    } else if (index >= 0) {
      if (i < index) status = 'done';
      else if (i === index) status = state === 'degraded' ? 'warn' : state === 'ready' ? 'done' : 'active';
    }
    const label = i === STEPS.length - 1 && state === 'degraded' ? 'degraded' : step;
    return { step, label, status };
  });
}

/** @param {Store} store */
export function renderHeader(store) {
  const conn = byTestId('connection-status');
  conn.dataset.status = store.connection.status;
  conn.textContent = store.connection.status;
  const state = byTestId('trader-state');
  state.textContent = store.trader.state ?? '—';
  state.dataset.state = store.trader.state ?? '';
  const health = byTestId('health');
  health.dataset.health = store.trader.health;
  health.textContent = `health: ${store.trader.health}`;
}

/** @typedef {{ enteredMs: number, leftMs: number | null }} StepTime */

/**
 * When each step of the latest start-up attempt was entered and left, from the recorded transitions:
 * step → { enteredMs, leftMs } (leftMs null while still in it). `startup` has no recorded entry.
 * @param {Transition[]} transitions
 */
export function stepTimes(transitions) {
  const start = transitions.findLastIndex((t) => t.to === 'initializing');
  /** @type {Map<TraderState, StepTime>} */
  const times = new Map();
  const latest = transitions.slice(Math.max(0, start));
  for (const [i, t] of latest.entries()) {
    const next = latest[i + 1];
    if (!times.has(t.to)) times.set(t.to, { enteredMs: t.atMs, leftMs: next?.atMs ?? null });
  }
  return times;
}

/**
 * "0.15 s" for a finished step, "3.2 s…" for the running one, "since 16:35:48" for the operating state.
 * @param {TraderState} step
 * @param {string} status
 * @param {StepTime | undefined} time
 * @param {number} nowMs
 */
function stepNote(step, status, time, nowMs) {
  if (time === undefined) return null;
  if (step === 'ready') return `since ${clock(time.enteredMs)}`;
  if (time.leftMs !== null) return formatSeconds((time.leftMs - time.enteredMs) / 1000);
  return status === 'active' ? `${formatSeconds((nowMs - time.enteredMs) / 1000)}…` : null;
}

/**
 * @param {Store} store
 * @param {number} [nowMs]
 */
export function renderStrip(store, nowMs = Date.now()) {
  const transitions = store.trader.transitions;
  const times = stepTimes(transitions);
  // `degraded` and `ready` share the last slot: its time is when the trader last became operating.
  const operating = transitions.findLast((t) => t.to === 'ready' || t.to === 'degraded');
  if (operating !== undefined) times.set('ready', { enteredMs: operating.atMs, leftMs: null });
  const items = stripModel(store.trader.state, store.trader.failedStep).map(({ step, label, status }) => {
    const note = stepNote(step, status, times.get(step), nowMs);
    return h(
      'li',
      { dataset: { testid: `step-${step}`, status } },
      h('span', { class: 'step' }, label.replaceAll('_', ' ')),
      note === null ? null : h('span', { class: 'note' }, note),
    );
  });
  const strip = byTestId('startup-strip');
  strip.dataset.phase = store.trader.state ?? 'unknown';
  fill(strip, items);
}

/**
 * @param {HTMLElement} el
 * @param {string | null} kind
 * @param {string | null} text
 */
function show(el, kind, text) {
  el.hidden = text === null;
  el.dataset.kind = kind ?? '';
  el.textContent = text ?? '';
}

/** @param {Store} store */
export function renderBanners(store) {
  const c = store.connection;
  show(
    byTestId('connection-banner'),
    'error',
    c.status === 'disconnected'
      ? `Connection to the daemon lost; reconnecting in ${Math.ceil(c.retryInMs / 1000)} s (attempt ${c.attempt}).`
      : null,
  );
  const t = store.trader;
  let text = null;
  let kind = null;
  if (t.state === 'degraded' || (t.state === 'acting' && t.degraded)) {
    kind = 'warning';
    const last = t.transitions.at(-1);
    const since = last?.to === 'degraded' ? ` since ${clock(last.atMs)}` : '';
    const cause = last?.to === 'degraded' && last.reason ? ` (${last.reason})` : '';
    const feedUp = t.connections?.feed_connected === true;
    text =
      feedUp && store.components.private_channels?.healthy === false
        ? `Degraded${since}: the private channels (fills, orders, positions) are not subscribed. Orders ` +
          'and positions update on the REST sync until the daemon has resubscribed them.'
        : `Degraded${since}: the market-data feed is down${cause}. Books below are frozen; trading and ` +
          'sync continue over REST and the feed reconnects by itself.';
  } else if (t.state === 'error') {
    kind = 'error';
    const cause = t.lastError?.message ? `: ${t.lastError.message}` : '';
    text = `Error${cause}. Recovery attempt ${t.recoveryAttempts}, retrying with backoff.`;
  }
  show(byTestId('banner'), kind, text);
  const result = store.commandResult;
  show(byTestId('command-result'), result?.ok ? 'info' : 'error', result === null ? null : result.text);
}

/**
 * Short labels for the type column; the full type stays in data-type.
 * @type {Record<string, string>}
 */
const TYPE_LABELS = { state_transition: 'state', connection: 'console' };

/** @param {Store} store */
export function renderActivity(store) {
  const items = store.activity
    .slice()
    .reverse()
    .map((e) =>
      h(
        'li',
        { dataset: { severity: e.severity, type: e.type } },
        h('time', {}, e.time ?? ''),
        h('span', { class: 'type', title: e.type ?? '' }, TYPE_LABELS[e.type] ?? e.type ?? ''),
        h('span', { class: 'msg' }, e.message ?? ''),
      ),
    );
  fill(byTestId('activity-log'), items);
}

/** @param {Store} store */
export function renderComponents(store) {
  const items = Object.entries(store.components)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, c]) =>
      h(
        'li',
        {
          dataset: { component: name, healthy: c?.healthy === true },
          title: c?.last_check ? `last checked ${c.last_check}` : null,
        },
        h('span', { class: 'dot' }),
        h('strong', {}, name),
        h('span', { class: 'detail' }, c?.detail ?? (c?.healthy ? 'healthy' : 'unhealthy')),
      ),
    );
  fill(byTestId('components'), items.length > 0 ? items : [h('li', { class: 'empty' }, 'no report yet')]);
}

/**
 * true → yes, false → no, anything else (not reported) → '—'.
 * @template Y, N
 * @param {boolean | null | undefined} v
 * @param {Y} yes
 * @param {N} no
 */
const onOff = (v, yes, no) => (v === true ? yes : v === false ? no : '—');

/**
 * The daemon's own view of itself: money, connections, counters, the last sync and the last error.
 * @param {Store} store
 * @param {number} [nowMs]
 */
export function renderSummary(store, nowMs = Date.now()) {
  const t = store.trader;
  const c = t.connections ?? {};
  // Uptime arrives with each status frame; between frames the page keeps counting.
  const aged =
    store.connection.status === 'connected' && t.uptimeAtMs !== null ? (nowMs - t.uptimeAtMs) / 1000 : 0;
  const uptime = t.uptime === null ? null : t.uptime + aged;
  const ping =
    typeof c.last_ping_age === 'number' ? `, last message ${formatSeconds(c.last_ping_age)} ago` : '';
  const error = t.lastError ? `${t.lastError.message} at ${formatWhen(t.lastError.at, nowMs)}` : 'none';
  const privateChannels = privateChannelsRow(store.components);
  const audit = bookAuditRow(store.audit, nowMs);
  const rows = [
    ['realized P&L (net of fees)', formatDollars(t.pnl?.realized_pnl_net_dollars)],
    ['exposure', formatDollars(t.pnl?.exposure_dollars)],
    [
      'unverified positions',
      t.pnl ? t.pnl.unverified_positions : '—',
      t.pnl ? t.pnl.unverified_positions === 0 : undefined,
    ],
    [
      'kill switch',
      onOff(store.killSwitch.on, 'ON: no new orders', 'off'),
      onOff(store.killSwitch.on, false, true),
    ],
    ['markets live', `${t.marketsConnected ?? '—'} / ${store.markets.size}`],
    [
      'market feed',
      c.feed_connected === undefined ? '—' : `${onOff(c.feed_connected, 'up', 'down')}${ping}`,
      c.feed_connected,
    ],
    ['private channels', privateChannels.text, privateChannels.ok],
    ['book audit', audit.text, audit.ok],
    ['REST API', onOff(c.api_connected, 'connected', 'down'), c.api_connected],
    ['exchange', c.api_url ?? '—'],
    ['snapshots / deltas', t.snapshots === null ? '—' : `${t.snapshots} / ${t.deltas}`],
    ['last sync', formatWhen(t.lastSync, nowMs)],
    ['last error', error, t.lastError ? false : undefined],
    ['recovery attempts', t.recoveryAttempts],
    ['uptime', formatDuration(uptime)],
    ['session', t.sessionId ?? '—'],
  ];
  fill(
    byTestId('summary'),
    rows.flatMap(([k, v, ok]) => [
      h('dt', {}, k),
      h('dd', { dataset: { field: k, ok: typeof ok === 'boolean' ? ok : null } }, String(v)),
    ]),
  );
}
