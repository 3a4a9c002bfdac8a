// Draws a machine graph as nested state boxes with their transitions, highlights active states, adds arrows.
// @ts-check
import { fill, h, svg } from './dom.js';

/** @import { GraphNode, GraphTransition, MachineGraph, TransitionKind } from '../machine-graph' */
/** @typedef {{ x: number, y: number }} Point */
/** @typedef {{ x: number, y: number, width: number, height: number, right: number, bottom: number }} Box */

const lastKey = (/** @type {string} */ id) => id.slice(id.lastIndexOf('.') + 1);

/** @param {GraphTransition} t */
function transitionItem(t) {
  /** @type {(Node | string)[]} */
  const targets = t.targets.length === 0 ? [h('span', { class: 'muted' }, 'actions only')] : [];
  for (const id of t.targets) {
    if (targets.length > 0) targets.push(', ');
    targets.push(h('span', { class: 'target', title: id, dataset: { target: id } }, lastKey(id)));
  }
  return h(
    'li',
    { dataset: { testid: 'transition', event: t.label, kind: t.kind, targets: t.targets.join(' ') } },
    h('span', { class: 'event' }, t.label),
    t.guard ? h('span', { class: 'guard' }, `[${t.guard}]`) : null,
    h('span', { class: 'arrow' }, t.targets.length === 0 ? '⟲' : '→'),
    targets,
  );
}

/**
 * @param {GraphNode} node
 * @param {GraphNode | null} parent
 * @param {(id: string) => void} onStateClick
 * @returns {HTMLElement}
 */
function stateBox(node, parent, onStateClick) {
  const isInitial = parent !== null && parent.initial === node.key;
  const badges = [];
  if (node.type === 'final') badges.push(h('span', { class: 'badge' }, 'final'));
  if (node.type === 'parallel') badges.push(h('span', { class: 'badge' }, 'parallel'));
  for (const tag of node.tags) badges.push(h('span', { class: 'badge tag' }, tag));
  const header = h(
    'header',
    {},
    isInitial ? h('span', { class: 'initial', title: 'initial state' }, '●') : null,
    h('span', { class: 'key' }, node.key),
    badges,
  );
  header.addEventListener('click', (e) => {
    e.stopPropagation();
    onStateClick(node.id);
  });
  return h(
    'section',
    {
      class: `state ${node.type}`,
      title: node.id,
      dataset: { testid: 'state', stateId: node.id, type: node.type, active: false },
    },
    header,
    node.invokes.length > 0 ? h('div', { class: 'invokes' }, `invokes ${node.invokes.join(', ')}`) : null,
    node.transitions.length > 0
      ? h('ul', { class: 'transitions' }, node.transitions.map(transitionItem))
      : null,
    node.children.length > 0
      ? h(
          'div',
          { class: 'children' },
          node.children.map((c) => stateBox(c, node, onStateClick)),
        )
      : null,
  );
}

/**
 * Builds the boxes for `graph` (once per graph; callers redraw only when the graph changes).
 * @param {HTMLElement} container
 * @param {MachineGraph} graph
 * @param {(id: string) => void} onStateClick
 */
export function drawStatechart(container, graph, onStateClick) {
  fill(container, stateBox(graph.root, null, onStateClick));
  container.dataset.machine = graph.id;
  if (graph.truncated) container.append(h('p', { class: 'muted' }, `showing ${graph.nodeCount} states`));
}

/**
 * Marks active boxes (data-active) and returns the active atomic states' ids, the default arrow sources.
 * @param {HTMLElement} container
 * @param {ReadonlySet<string>} activeIds
 */
export function highlightActive(container, activeIds) {
  /** @type {string[]} */
  const leaves = [];
  for (const el of container.querySelectorAll('[data-state-id]')) {
    if (!(el instanceof HTMLElement)) continue;
    const id = el.dataset.stateId ?? '';
    const active = activeIds.has(id);
    el.dataset.active = String(active);
    if (active && el.querySelector(':scope > .children') === null) leaves.push(id);
  }
  return leaves;
}

/**
 * @param {GraphNode} node
 * @param {string} id
 * @returns {GraphNode | undefined}
 */
function nodeById(node, id) {
  if (node.id === id) return node;
  for (const c of node.children) {
    const found = nodeById(c, id);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Where the segment from the centre of `r` towards (x, y) leaves `r`.
 * @param {Box} r
 * @param {number} x
 * @param {number} y
 * @returns {Point}
 */
function exitPoint(r, x, y) {
  const cx = r.x + r.width / 2;
  const cy = r.y + r.height / 2;
  const dx = x - cx;
  const dy = y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: r.y };
  const scale = Math.min(Math.abs(r.width / 2 / (dx || 1e-9)), Math.abs(r.height / 2 / (dy || 1e-9)));
  return { x: cx + dx * Math.min(scale, 1), y: cy + dy * Math.min(scale, 1) };
}

/** @type {(outer: Box, inner: Box) => boolean} */
const contains = (outer, inner) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.right <= outer.right && inner.bottom <= outer.bottom;
/** @type {(a: Box, b: Box) => boolean} */
const sameRow = (a, b) => a.y < b.bottom && b.y < a.bottom;

/**
 * One edge as [start, control, end] of a quadratic curve. Boxes side by side get an arc over their
 * tops (the gap between them is too narrow for a label); others a gently bent line between borders.
 * @param {Box} from
 * @param {Box} to
 * @param {boolean} self
 * @param {number} lane
 * @returns {[Point, Point, Point]}
 */
function route(from, to, self, lane) {
  if (self) {
    return [
      { x: from.right, y: from.y + 10 },
      { x: from.right + 44, y: from.y + 18 },
      { x: from.right, y: from.y + 26 },
    ];
  }
  const sc = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  const tc = { x: to.x + to.width / 2, y: to.y + to.height / 2 };
  if (sameRow(from, to) && !contains(to, from) && !contains(from, to)) {
    const dir = Math.sign(tc.x - sc.x) || 1;
    const start = { x: sc.x + dir * from.width * 0.2, y: from.y };
    const end = { x: tc.x - dir * to.width * 0.2, y: to.y };
    return [start, { x: (start.x + end.x) / 2, y: Math.min(from.y, to.y) - 30 - 12 * lane }, end];
  }
  const start = exitPoint(from, tc.x, tc.y);
  const end = contains(to, from) ? { x: sc.x, y: to.y + 2 } : exitPoint(to, sc.x, sc.y);
  const bend = 20 + 12 * lane;
  return [start, { x: (start.x + end.x) / 2 + bend, y: (start.y + end.y) / 2 - bend }, end];
}

/**
 * Draws labelled arrows for the transitions leaving `sourceIds`, over the boxes in `wrap`.
 * @param {SVGSVGElement} arrows
 * @param {HTMLElement} wrap
 * @param {MachineGraph} graph
 * @param {string[]} sourceIds
 */
export function drawArrows(arrows, wrap, graph, sourceIds) {
  const base = wrap.getBoundingClientRect();
  arrows.setAttribute('width', String(wrap.scrollWidth));
  arrows.setAttribute('height', String(wrap.scrollHeight));
  /** @type {(id: string) => Box | undefined} */
  const rectOf = (id) => {
    const el = wrap.querySelector(`[data-state-id="${CSS.escape(id)}"]`);
    if (el === null) return undefined;
    const r = el.getBoundingClientRect();
    const x = r.x - base.x + wrap.scrollLeft;
    const y = r.y - base.y + wrap.scrollTop;
    return { x, y, width: r.width, height: r.height, right: x + r.width, bottom: y + r.height };
  };
  const head = svg('path', { d: 'M0,0 L10,5 L0,10 z' });
  const marker = svg(
    'marker',
    { id: 'head', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
    head,
  );
  /** @type {SVGElement[]} */
  const parts = [svg('defs', {}, marker)];
  // One arrow per (source, target) pair, carrying every label: parallel arrows would overlap anyway.
  /** @type {Map<string, { sourceId: string, targetId: string, kind: TransitionKind, labels: string[] }>} */
  const edges = new Map();
  for (const sourceId of sourceIds) {
    const node = nodeById(graph.root, sourceId);
    if (node === undefined) continue;
    for (const t of node.transitions) {
      for (const targetId of t.targets) {
        const key = `${sourceId}>${targetId}`;
        const edge = edges.get(key) ?? { sourceId, targetId, kind: t.kind, labels: [] };
        edge.labels.push(t.guard ? `${t.label} [${t.guard}]` : t.label);
        if (edge.kind !== t.kind) edge.kind = 'event';
        edges.set(key, edge);
      }
    }
  }
  let lane = 0;
  for (const { sourceId, targetId, kind, labels } of edges.values()) {
    const from = rectOf(sourceId);
    const to = rectOf(targetId);
    if (from === undefined || to === undefined) continue;
    const [a, c, b] = route(from, to, sourceId === targetId, lane++ % 3);
    const mid = { x: (a.x + 2 * c.x + b.x) / 4, y: (a.y + 2 * c.y + b.y) / 4 - 4 };
    parts.push(
      svg('path', {
        d: `M${a.x},${a.y} Q${c.x},${c.y} ${b.x},${b.y}`,
        class: `edge ${kind}`,
        'marker-end': 'url(#head)',
        dataset: { testid: 'arrow', events: labels.join(' | '), target: targetId },
      }),
      ...labels.map((label, i) =>
        svg(
          'text',
          { x: mid.x, y: mid.y - 13 * (labels.length - 1 - i), class: 'edge-label', 'text-anchor': 'middle' },
          label,
        ),
      ),
    );
  }
  fill(arrows, parts);
}
