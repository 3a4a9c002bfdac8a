// Renders the trader's status: header, start-up strip, banners, activity log, components and summary.
import { byTestId, fill, h } from './dom.js';
import { centsToDollars, formatDollars, formatDuration } from './format.js';

const STEPS = [
  'startup',
  'initializing',
  'orderbook_connect',
  'trading_client_connect',
  'kalshi_data_sync',
  'ready',
];

/** Each step's status for the strip: done / active / failed / warn / pending. */
export function stripModel(state, failedStep) {
  const index = state === 'degraded' ? STEPS.length - 1 : STEPS.indexOf(state);
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

export function renderStrip(store) {
  const items = stripModel(store.trader.state, store.trader.failedStep).map(({ step, label, status }) =>
    h('li', { dataset: { testid: `step-${step}`, status } }, label.replaceAll('_', ' ')),
  );
  const strip = byTestId('startup-strip');
  strip.dataset.phase = store.trader.state ?? 'unknown';
  fill(strip, items);
}

function show(el, kind, text) {
  el.hidden = text === null;
  el.dataset.kind = kind ?? '';
  el.textContent = text ?? '';
}

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
  if (t.state === 'degraded') {
    kind = 'warning';
    text =
      'Degraded: the market-data feed is down. Trading and sync continue over REST; the feed reconnects by itself.';
  } else if (t.state === 'error') {
    kind = 'error';
    const cause = t.lastError?.message ? `: ${t.lastError.message}` : '';
    text = `Error${cause}. Recovery attempt ${t.recoveryAttempts}, retrying with backoff.`;
  }
  show(byTestId('banner'), kind, text);
  const result = store.commandResult;
  show(byTestId('command-result'), result?.ok ? 'info' : 'error', result === null ? null : result.text);
}

export function renderActivity(store) {
  const items = store.activity
    .slice()
    .reverse()
    .map((e) =>
      h(
        'li',
        { dataset: { severity: e.severity, type: e.type } },
        h('time', {}, e.time ?? ''),
        h('span', { class: 'type' }, e.type ?? ''),
        h('span', { class: 'msg' }, e.message ?? ''),
      ),
    );
  fill(byTestId('activity-log'), items);
}

export function renderComponents(store) {
  const items = Object.entries(store.components)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, c]) =>
      h(
        'li',
        { dataset: { component: name, healthy: c?.healthy === true } },
        h('span', { class: 'dot' }),
        h('strong', {}, name),
        h('span', { class: 'detail' }, c?.detail ?? (c?.healthy ? 'healthy' : 'unhealthy')),
      ),
    );
  fill(byTestId('components'), items.length > 0 ? items : [h('li', { class: 'empty' }, 'no report yet')]);
}

export function renderSummary(store) {
  const t = store.trader;
  const balance = t.balance?.balance_dollars
    ? formatDollars(t.balance.balance_dollars)
    : t.cashCents !== null
      ? centsToDollars(t.cashCents)
      : '—';
  const rows = [
    ['balance', balance],
    ['portfolio value', t.balance ? formatDollars(t.balance.portfolio_value_dollars) : '—'],
    ['markets live', t.marketsConnected ?? '—'],
    ['snapshots / deltas', t.snapshots === null ? '—' : `${t.snapshots} / ${t.deltas}`],
    ['uptime', formatDuration(t.uptime)],
    ['recovery attempts', t.recoveryAttempts],
    ['last sync', t.lastSync ?? '—'],
    ['session', t.sessionId ?? '—'],
  ];
  fill(
    byTestId('summary'),
    rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', { dataset: { field: k } }, String(v))]),
  );
}
