// The inspector page's entry module: follows WS /v3/inspect and redraws the chart and panels on change.
// @ts-check
import { byTestId } from './dom.js';
import { activeStateIds, applyInspection, createModel, selectActor } from './inspector-model.js';
import { renderActors, renderContext, renderEvents, renderHeader } from './panels.js';
import { createReconnectingSocket, sameHostSocketUrl } from './reconnecting-socket.js';
import { drawArrows, drawStatechart, highlightActive } from './statechart.js';

/**
 * @import { RelayedInspectionEvent } from '../inspection-frame'
 * @import { MachineGraph } from '../machine-graph'
 */
/** @typedef {'chart' | 'actors' | 'events'} Part  a region of the page to redraw */

let model = createModel();
let connection = { status: 'connecting', text: 'connecting' };
/** @type {MachineGraph | null} */
let drawnGraph = null;
/**
 * A clicked state whose transitions get arrows instead of the active states'.
 * @type {string | null}
 */
let focusId = null;
/** @type {Set<Part>} */
const dirty = new Set();
let scheduled = false;

const chart = byTestId('statechart');
const wrap = byTestId('statechart-wrap');
const arrows = byTestId('arrows', SVGSVGElement);

function selectedActor() {
  return model.selected === null ? undefined : model.actors.get(model.selected);
}

/** @param {string} id */
function onStateClick(id) {
  focusId = focusId === id ? null : id;
  mark('chart');
}

function render() {
  scheduled = false;
  const actor = selectedActor();
  if (dirty.has('chart')) {
    if (actor?.graph && actor.graph !== drawnGraph) {
      drawnGraph = actor.graph;
      focusId = null;
      drawStatechart(chart, drawnGraph, onStateClick);
    }
    if (drawnGraph !== null && actor !== undefined) {
      const leaves = highlightActive(chart, activeStateIds(drawnGraph.id, actor.value));
      chart.dataset.status = actor.status;
      for (const el of chart.querySelectorAll('[data-focus="true"]')) el.setAttribute('data-focus', 'false');
      const focused =
        focusId === null ? null : chart.querySelector(`[data-state-id="${CSS.escape(focusId)}"]`);
      focused?.setAttribute('data-focus', 'true');
      drawArrows(arrows, wrap, drawnGraph, focusId !== null && focused !== null ? [focusId] : leaves);
    }
  }
  if (dirty.has('actors')) renderActors(model, onSelect);
  if (dirty.has('chart') || dirty.has('actors')) renderContext(model);
  if (dirty.has('events')) renderEvents(model);
  renderHeader(model, connection);
  dirty.clear();
}

/** @param {...Part} parts */
function mark(...parts) {
  for (const p of parts) dirty.add(p);
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(render);
}

/** @param {string} sessionId */
function onSelect(sessionId) {
  selectActor(model, sessionId);
  mark('chart', 'actors');
}

createReconnectingSocket(sameHostSocketUrl('/v3/inspect'), {
  onOpen() {
    // The server replays the whole tree to every new connection (perhaps of a restarted daemon): start over.
    model = createModel();
    drawnGraph = null;
    connection = { status: 'connected', text: 'connected' };
    mark('chart', 'actors', 'events');
  },
  /** @param {RelayedInspectionEvent} frame */
  onFrame(frame) {
    const changed = applyInspection(model, frame);
    if (changed === 'actors') mark('chart', 'actors');
    else if (changed === 'snapshot') mark('chart', 'actors');
    else if (changed === 'event') mark('events');
  },
  onDown({ attempt, retryInMs }) {
    const text = `disconnected, retry ${attempt} in ${Math.ceil(retryInMs / 1000)} s`;
    connection = { status: 'disconnected', text };
    mark();
  },
});

byTestId('hide-internal', HTMLInputElement).addEventListener('change', () => mark('events'));
window.addEventListener('resize', () => mark('chart'));
render();
