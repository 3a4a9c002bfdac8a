// The inspector's side panels: actor tree, selected actor's context, event log.
import { byTestId, fill, h } from './dom.js';
import { actorTree, nameOf } from './inspector-model.js';

const MAX_CONTEXT_CHARS = 20_000;

const time = (ms) => {
  const d = new Date(ms);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
};

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

export function renderContext(model) {
  const actor = model.selected === null ? undefined : model.actors.get(model.selected);
  let text = '—';
  if (actor?.context !== undefined) {
    text = JSON.stringify(actor.context, null, 2) ?? '—';
    if (text.length > MAX_CONTEXT_CHARS) text = `${text.slice(0, MAX_CONTEXT_CHARS)}\n…`;
  }
  byTestId('context').textContent = text;
}

export function renderEvents(model) {
  const hideInternal = byTestId('hide-internal').checked;
  const items = [];
  for (let i = model.events.length - 1; i >= 0 && items.length < 300; i--) {
    const e = model.events[i];
    if (hideInternal && e.type.startsWith('xstate.')) continue;
    const source = nameOf(model, e.sourceId);
    items.push(
      h(
        'li',
        { dataset: { testid: 'event', type: e.type } },
        h('time', {}, time(e.time)),
        h('span', { class: 'type' }, e.type),
        h(
          'span',
          { class: 'route' },
          `${source === null ? '' : `${source} → `}${nameOf(model, e.sessionId)}`,
        ),
      ),
    );
  }
  fill(byTestId('event-log'), items.length > 0 ? items : [h('li', { class: 'muted' }, 'no events yet')]);
}

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
