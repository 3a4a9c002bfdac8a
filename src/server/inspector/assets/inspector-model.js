// The inspector page's model: Stately inspection events (@xstate.actor/.snapshot/.event) folded into plain data.

const MAX_EVENTS = 500;

export function createModel() {
  return {
    /** sessionId → { sessionId, name, parentId, graph, status, value, context, order } in creation order. */
    actors: new Map(),
    events: [],
    /** The actor whose machine is drawn: the newest root machine unless the user picked one. */
    selected: null,
    pinned: false,
  };
}

function actorOf(model, sessionId) {
  let actor = model.actors.get(sessionId);
  if (actor === undefined) {
    // A snapshot can outlive its actor's registration in the server's bounded replay.
    actor = { sessionId, name: sessionId, parentId: undefined, graph: null, status: 'active', value: null };
    actor.context = undefined;
    actor.order = model.actors.size;
    model.actors.set(sessionId, actor);
  }
  return actor;
}

function takeSnapshot(actor, snapshot) {
  if (snapshot === null || typeof snapshot !== 'object') return;
  if (typeof snapshot.status === 'string') actor.status = snapshot.status;
  if ('value' in snapshot) actor.value = snapshot.value;
  if ('context' in snapshot) actor.context = snapshot.context;
}

/**
 * Several root actors may be inspected (the trader and, say, a trading-service machine): draw the
 * largest machine, a live one over a stopped one, and a newer one over an older one of the same size.
 */
function isBetterRoot(candidate, current) {
  if (current === undefined || current.graph === null) return true;
  if (current.status !== 'active' && candidate.status === 'active') return true;
  return candidate.graph.nodeCount >= current.graph.nodeCount;
}

/** Applies one inspection frame; returns what changed ('actors' | 'snapshot' | 'event') or null. */
export function applyInspection(model, ev) {
  switch (ev.type) {
    case '@xstate.actor': {
      const actor = actorOf(model, ev.sessionId);
      actor.name = typeof ev.name === 'string' ? ev.name : ev.sessionId;
      actor.parentId = ev.parentId ?? undefined;
      actor.graph = ev.graph && typeof ev.graph === 'object' && ev.graph.root ? ev.graph : null;
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

export function selectActor(model, sessionId) {
  model.selected = sessionId;
  model.pinned = true;
}

/** Ids of the active state nodes, in the graph's id scheme (machine id + key path), from `snapshot.value`. */
export function activeStateIds(machineId, value) {
  const ids = new Set([machineId]);
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

/** Actors as a depth-first tree list: [{ actor, depth }], children under their parent. */
export function actorTree(model) {
  const children = new Map();
  for (const actor of model.actors.values()) {
    const parent = actor.parentId !== undefined && model.actors.has(actor.parentId) ? actor.parentId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(actor);
  }
  const out = [];
  const visit = (parent, depth) => {
    for (const actor of children.get(parent) ?? []) {
      out.push({ actor, depth });
      visit(actor.sessionId, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

export function nameOf(model, sessionId) {
  if (sessionId === undefined || sessionId === null) return null;
  return model.actors.get(sessionId)?.name ?? sessionId;
}
