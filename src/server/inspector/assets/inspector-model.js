// The inspector page's model: Stately inspection events (@xstate.actor/.snapshot/.event) folded into plain data.
// @ts-check

/**
 * @import { RelayedInspectionEvent } from '../inspection-frame'
 * @import { MachineGraph } from '../machine-graph'
 */

/**
 * One inspected actor; `graph` is set for state machines (what the chart draws).
 * @typedef {{
 *   sessionId: string, name: string, parentId: string | undefined, graph: MachineGraph | null,
 *   status: string, value: unknown, context: unknown,
 * }} InspectedActor
 */
/** @typedef {{ time: number, type: string, sessionId: string, sourceId: string | undefined }} InspectedEvent */
/**
 * @typedef {{
 *   actors: Map<string, InspectedActor>, events: InspectedEvent[], selected: string | null, pinned: boolean,
 * }} InspectorModel
 */
/** @typedef {'actors' | 'snapshot' | 'event'} Change */

const MAX_EVENTS = 500;

/** @returns {InspectorModel} */
export function createModel() {
  return {
    /** By session id, in creation order. */
    actors: new Map(),
    events: [],
    /** The actor whose machine is drawn: the newest root machine unless the user picked one. */
    selected: null,
    pinned: false,
  };
}

/**
 * @param {InspectorModel} model
 * @param {string} sessionId
 */
function actorOf(model, sessionId) {
  let actor = model.actors.get(sessionId);
  if (actor === undefined) {
    // A snapshot can outlive its actor's registration in the server's bounded replay.
    actor = {
      sessionId,
      name: sessionId,
      parentId: undefined,
      graph: null,
      status: 'active',
      value: null,
      context: undefined,
    };
    model.actors.set(sessionId, actor);
  }
  return actor;
}

/**
 * @param {InspectedActor} actor
 * @param {unknown} snapshot
 */
function takeSnapshot(actor, snapshot) {
  if (snapshot === null || typeof snapshot !== 'object') return;
  if ('status' in snapshot && typeof snapshot.status === 'string') actor.status = snapshot.status;
  if ('value' in snapshot) actor.value = snapshot.value;
  if ('context' in snapshot) actor.context = snapshot.context;
}

/**
 * Several root actors may be inspected (the trader and, say, a trading-service machine): draw the
 * largest machine, a live one over a stopped one, and a newer one over an older one of the same size.
 * @param {InspectedActor} candidate
 * @param {InspectedActor | undefined} current
 */
function isBetterRoot(candidate, current) {
  if (candidate.graph === null) return false;
  if (current === undefined || current.graph === null) return true;
  if (current.status !== 'active' && candidate.status === 'active') return true;
  return candidate.graph.nodeCount >= current.graph.nodeCount;
}

/**
 * A relayed graph, unless the server had to cut it from an oversized frame.
 * @param {unknown} graph
 * @returns {MachineGraph | null}
 */
const graphOf = (graph) =>
  graph !== null && typeof graph === 'object' && 'root' in graph && graph.root
    ? /** @type {MachineGraph} */ (graph)
    : null;

/**
 * Applies one inspection frame; returns what changed or null.
 * @param {InspectorModel} model
 * @param {RelayedInspectionEvent} ev
 * @returns {Change | null}
 */
export function applyInspection(model, ev) {
  switch (ev.type) {
    case '@xstate.actor': {
      const actor = actorOf(model, ev.sessionId);
      actor.name = typeof ev.name === 'string' ? ev.name : ev.sessionId;
      actor.parentId = ev.parentId ?? undefined;
      actor.graph = graphOf(ev.graph);
      takeSnapshot(actor, ev.snapshot);
      if (actor.graph !== null && actor.parentId === undefined && !model.pinned) {
        const current = model.selected === null ? undefined : model.actors.get(model.selected);
        if (current === actor || isBetterRoot(actor, current)) model.selected = ev.sessionId;
      }
      return 'actors';
    }
    case '@xstate.snapshot': {
      const actor = actorOf(model, ev.sessionId);
      takeSnapshot(actor, ev.snapshot);
      return 'snapshot';
    }
    case '@xstate.event': {
      const createdAt = Number(ev.createdAt);
      model.events.push({
        time: Number.isFinite(createdAt) ? createdAt : Date.now(),
        type: typeof ev.event?.type === 'string' ? ev.event.type : '(unknown)',
        sessionId: ev.sessionId,
        sourceId: ev.sourceId,
      });
      if (model.events.length > MAX_EVENTS) model.events.splice(0, model.events.length - MAX_EVENTS);
      return 'event';
    }
    default:
      return null;
  }
}

/**
 * The user picked this actor: it stays drawn whatever roots appear later.
 * @param {InspectorModel} model
 * @param {string} sessionId
 */
export function selectActor(model, sessionId) {
  model.selected = sessionId;
  model.pinned = true;
}

/**
 * Ids of the active state nodes, in the graph's id scheme (machine id + key path), from `snapshot.value`.
 * @param {string} machineId
 * @param {unknown} value
 */
export function activeStateIds(machineId, value) {
  const ids = new Set([machineId]);
  /**
   * @param {string} prefix
   * @param {unknown} v
   */
  const walk = (prefix, v) => {
    if (typeof v === 'string') {
      ids.add(`${prefix}.${v}`);
    } else if (v !== null && typeof v === 'object') {
      for (const [key, sub] of Object.entries(v)) {
        ids.add(`${prefix}.${key}`);
        walk(`${prefix}.${key}`, sub);
      }
    }
  };
  walk(machineId, value);
  return ids;
}

/**
 * Actors as a depth-first tree list, children under their parent.
 * @param {InspectorModel} model
 */
export function actorTree(model) {
  /** @type {Map<string | null, InspectedActor[]>} */
  const children = new Map();
  for (const actor of model.actors.values()) {
    const parent = actor.parentId !== undefined && model.actors.has(actor.parentId) ? actor.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(actor);
    children.set(parent, siblings);
  }
  /** @type {{ actor: InspectedActor, depth: number }[]} */
  const out = [];
  /**
   * @param {string | null} parent
   * @param {number} depth
   */
  const visit = (parent, depth) => {
    for (const actor of children.get(parent) ?? []) {
      out.push({ actor, depth });
      visit(actor.sessionId, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/**
 * An actor's name for the event log; its session id when it is no longer known.
 * @param {InspectorModel} model
 * @param {string | null | undefined} sessionId
 */
export function nameOf(model, sessionId) {
  if (sessionId === undefined || sessionId === null) return null;
  return model.actors.get(sessionId)?.name ?? sessionId;
}
