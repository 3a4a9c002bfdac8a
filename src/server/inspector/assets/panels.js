// The inspector's side panels: actor tree, selected actor's context, event log.
// @ts-check
import { byTestId, fill, h } from './dom.js';
import { actorTree, nameOf } from './inspector-model.js';

/** @import { InspectedEvent, InspectorModel } from './inspector-model.js' */

const MAX_CONTEXT_CHARS = 20_000;

/** "HH:MM:SS.mmm" in UTC: events a few milliseconds apart stay apart. */
const time = (/** @type {number} */ ms) => {
  const d = new Date(ms);
  const pad = (/** @type {number} */ n, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
};

/**
 * @param {InspectorModel} model
 * @param {(sessionId: string) => void} onSelect
 */
export function renderActors(model, onSelect) {
  const items = actorTree(model).map(({ actor, depth }) =>
    h(
      'li',
      {
        dataset: {
          testid: 'actor',
          sessionId: actor.sessionId,
          status: actor.status,
          selected: actor.sessionId === model.selected,
          machine: actor.graph !== null,
        },
        title: actor.sessionId,
        onclick: actor.graph === null ? null : () => onSelect(actor.sessionId),
      },
      h('span', { class: 'indent' }, '  '.repeat(depth) + (depth > 0 ? '└ ' : '')),
      h('span', { class: 'name' }, actor.name),
      h('span', { class: 'status' }, actor.status),
      actor.graph === null ? null : h('span', { class: 'badge' }, 'machine'),
    ),
  );
  fill(byTestId('actors'), items.length > 0 ? items : [h('li', { class: 'muted' }, 'no actors yet')]);
}

/** @param {InspectorModel} model */
export function renderContext(model) {
  const actor = model.selected === null ? undefined : model.actors.get(model.selected);
  let text = '—';
  if (actor?.context !== undefined) {
    text = JSON.stringify(actor.context, null, 2) ?? '—';
    if (text.length > MAX_CONTEXT_CHARS) text = `${text.slice(0, MAX_CONTEXT_CHARS)}\n…`;
  }
  byTestId('context').textContent = text;
}

/**
 * Newest first. A run of the same event between the same actors (a health report every few seconds)
 * shows as one line with its count and the newest time, so the rare events stay in view.
 * @param {InspectorModel} model
 */
export function renderEvents(model) {
  const hideInternal = byTestId('hide-internal', HTMLInputElement).checked;
  /** @type {(InspectedEvent & { count: number, first: number })[]} */
  const rows = [];
  for (const e of model.events.toReversed()) {
    if (rows.length >= 300) break;
    if (hideInternal && e.type.startsWith('xstate.')) continue;
    const prev = rows.at(-1);
    if (prev?.type === e.type && prev.sessionId === e.sessionId && prev.sourceId === e.sourceId) {
      prev.count++;
      prev.first = e.time;
      continue;
    }
    rows.push({ ...e, count: 1, first: e.time });
  }
  const items = rows.map((e) => {
    const source = nameOf(model, e.sourceId);
    return h(
      'li',
      { dataset: { testid: 'event', type: e.type, count: e.count } },
      h('time', { title: e.count > 1 ? `first at ${time(e.first)}` : null }, time(e.time)),
      h('span', { class: 'type' }, e.type),
      e.count > 1 ? h('span', { class: 'count' }, `×${e.count}`) : h('span'),
      h('span', { class: 'route' }, `${source === null ? '' : `${source} → `}${nameOf(model, e.sessionId)}`),
    );
  });
  fill(byTestId('event-log'), items.length > 0 ? items : [h('li', { class: 'muted' }, 'no events yet')]);
}

/**
 * @param {InspectorModel} model
 * @param {{ status: string, text: string }} connection
 */
export function renderHeader(model, connection) {
  const conn = byTestId('connection-status');
  conn.dataset.status = connection.status;
  conn.textContent = connection.text;
  const actor = model.selected === null ? undefined : model.actors.get(model.selected);
  byTestId('machine-id').textContent = actor?.graph?.id ?? '—';
  const value = byTestId('state-value');
  value.textContent = actor === undefined ? '—' : JSON.stringify(actor.value);
  value.dataset.status = actor?.status ?? '';
}
